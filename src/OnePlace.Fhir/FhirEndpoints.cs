using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Fhir.Audit;
using OnePlace.Core.Referrals;
using OnePlace.Fhir.Messaging;
using OnePlace.Fhir.Metadata;
using OnePlace.Fhir.Referrals;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir;

/// <summary>
/// The FHIR R4 endpoints under <c>/fhir</c>: create and read ServiceRequest, search Task by focus, BaRS
/// <c>$process-message</c>, and the CapabilityStatement. Every answer is <c>application/fhir+json</c>; every refusal an
/// OperationOutcome. All but <c>metadata</c> need an authenticated caller (the host's fallback policy); the host may
/// add its own policy to the group this returns (e.g. one that also takes client systems' bearer tokens).
/// </summary>
public static class FhirEndpoints
{
    public const string BasePath = "/fhir";

    public static RouteGroupBuilder MapFhirEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var fhir = endpoints.MapGroup(BasePath).WithTags("FHIR");
        fhir.AddEndpointFilter(AnswerWithOutcomes);

        fhir.MapGet("/metadata", (HttpContext context, TimeProvider clock) =>
            new FhirResult(Capabilities.Statement(BaseUrl(context.Request), clock.GetUtcNow()), StatusCodes.Status200OK)).AllowAnonymous();
        fhir.MapPost("/ServiceRequest", CreateServiceRequestAsync);
        fhir.MapGet("/ServiceRequest/{id}", ReadServiceRequestAsync);
        fhir.MapGet("/Task", SearchTasksAsync);
        fhir.MapPost("/$process-message", ProcessMessageAsync);
        fhir.MapGet("/AuditEvent", SearchAuditEventsAsync);
        fhir.MapFallback("{**path}", (HttpContext context) => new FhirResult(
            Outcomes.Of(OperationOutcome.IssueType.NotSupported, $"{context.Request.Method} {context.Request.Path} is not part of this server's FHIR interface: see {BasePath}/metadata."),
            StatusCodes.Status404NotFound));
        return fhir;
    }

    /// <summary>POST /fhir/ServiceRequest: 201 with the stored ServiceRequest, or 200 with the one already made for the same identifier.</summary>
    private static async Task<IResult> CreateServiceRequestAsync(HttpContext context, FhirReferrals referrals)
    {
        var serviceRequest = await FhirJson.ReadAsync<ServiceRequest>(context.Request);
        var (referral, created) = await referrals.ReceiveAsync(Actor(context), ReferralPayload.Standalone(serviceRequest), CorrelationId(context), context.RequestAborted);
        SetVersion(context, referral.Referral);
        if (created)
        {
            context.Response.Headers.Location = $"{BasePath}/ServiceRequest/{referral.Referral.Id}";
        }

        return new FhirResult(referral.ServiceRequest, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReadServiceRequestAsync(string id, HttpContext context, FhirReferrals referrals)
    {
        var referral = Guid.TryParse(id, out var referralId) ? await referrals.ReadAsync(Actor(context), referralId, context.RequestAborted) : null;
        if (referral is null)
        {
            return NotFound($"ServiceRequest/{id}");
        }

        SetVersion(context, referral.Referral);
        return new FhirResult(referral.ServiceRequest, StatusCodes.Status200OK);
    }

    /// <summary>GET /fhir/Task?focus=ServiceRequest/{id}: a searchset of the referral's Task (empty when there is no such referral).</summary>
    private static async Task<IResult> SearchTasksAsync(HttpContext context, FhirReferrals referrals)
    {
        string? focus = context.Request.Query["focus"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(focus))
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                [FhirIssue.Required("Search Task by focus: ?focus=ServiceRequest/{id}. Other searches are not supported.", "focus")]);
        }

        // "ServiceRequest/{id}", a full URL ending so, or the bare id.
        string id = focus.Trim();
        int slash = id.LastIndexOf('/');
        if (slash >= 0)
        {
            string type = id[..slash];
            type = type[(type.LastIndexOf('/') + 1)..];
            if (type != "ServiceRequest")
            {
                throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                    [FhirIssue.Invalid($"A Task's focus here is a ServiceRequest; '{focus}' is not one.", "focus")]);
            }

            id = id[(slash + 1)..];
        }

        var referral = Guid.TryParse(id, out var referralId) ? await referrals.ReadAsync(Actor(context), referralId, context.RequestAborted) : null;
        string baseUrl = BaseUrl(context.Request);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Total = referral is null ? 0 : 1,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/Task?focus={Uri.EscapeDataString(focus)}" }],
        };
        if (referral is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/Task/{referral.Task.Id}",
                Resource = referral.Task,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return new FhirResult(bundle, StatusCodes.Status200OK);
    }

    /// <summary>POST /fhir/$process-message: a BaRS referral request, answered with a response message (200).</summary>
    private static async Task<IResult> ProcessMessageAsync(HttpContext context, FhirReferrals referrals, TimeProvider clock)
    {
        var bundle = await FhirJson.ReadAsync<Bundle>(context.Request);
        var message = ReferralMessage.Read(bundle);
        var (referral, _) = await referrals.ReceiveAsync(Actor(context), message.Payload, CorrelationId(context), context.RequestAborted);
        return new FhirResult(message.Response(referral, BaseUrl(context.Request), clock.GetUtcNow()), StatusCodes.Status200OK);
    }

    /// <summary>
    /// GET /fhir/AuditEvent?patient=Patient/{id}&amp;date=ge{day}&amp;date=le{day}: the audit rows as BALP AuditEvents in a
    /// searchset, for the privacy officer only (<see cref="AuditReview.MayReview"/>, checked in Core, a refusal audited);
    /// the search is itself audited: one row for it and one per person whose rows it returned.
    /// </summary>
    private static async Task<IResult> SearchAuditEventsAsync(HttpContext context, ReviewAuditLog review)
    {
        var query = context.Request.Query;
        var unknown = query.Keys.Where(k => k is not ("patient" or "date" or "_format")).ToList();
        if (unknown.Count > 0)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                [.. unknown.Select(k => FhirIssue.Invalid($"AuditEvent cannot be searched by '{k}' here: use patient and date.", k))]);
        }

        Guid? patient = null;
        if (query["patient"].FirstOrDefault() is { } reference)
        {
            string id = reference.Trim();
            id = id.StartsWith("Patient/", StringComparison.Ordinal) ? id["Patient/".Length..] : id;
            if (!Guid.TryParse(id, out var personId))
            {
                throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                    [FhirIssue.Invalid("patient is Patient/{id}, the OnePlace person id (a UUID).", "patient")]);
            }

            patient = personId;
        }

        DateOnly? from = null, to = null;
        foreach (string? date in query["date"])
        {
            if (!AuditDate.TryParse(date, out var prefix, out var day))
            {
                throw new FhirPayloadException(StatusCodes.Status400BadRequest,
                    [FhirIssue.Invalid("date is ge, gt, le, lt or eq followed by a day written yyyy-MM-dd (e.g. date=ge2026-01-01).", "date")]);
            }

            switch (prefix)
            {
                case "ge": from = day; break;
                case "gt": from = day.AddDays(1); break;
                case "le": to = day; break;
                case "lt": to = day.AddDays(-1); break;
                default: from = to = day; break;
            }
        }

        IReadOnlyList<AuditLogRow> rows;
        try
        {
            rows = await review.ExportAsync(Actor(context), new AuditLogFilter(PersonId: patient, From: from, To: to), "fhir", context.RequestAborted);
        }
        catch (AuditExportTooLargeException tooMany)
        {
            throw new FhirPayloadException(StatusCodes.Status400BadRequest, [FhirIssue.Invalid(tooMany.Message, "date")]);
        }

        string baseUrl = BaseUrl(context.Request);
        var observer = new AuditObserver(context.Request.Host.Value ?? "OnePlace", baseUrl);
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Total = rows.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}/AuditEvent{context.Request.QueryString}" }],
        };
        foreach (var row in rows)
        {
            var audit = BalpAuditEvents.From(row, observer);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/AuditEvent/{audit.Id}",
                Resource = audit,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return new FhirResult(bundle, StatusCodes.Status200OK);
    }

    /// <summary>Every refusal as an OperationOutcome, and no exception text to the caller (it could hold person data).</summary>
    private static async ValueTask<object?> AnswerWithOutcomes(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        // BaRS 1.x: the receiver returns the sender's correlation and request ids, so both sides' logs line up.
        foreach (string header in new[] { FhirProfile.CorrelationIdHeader, "X-Request-ID" })
        {
            if (context.Request.Headers[header].FirstOrDefault() is { Length: > 0 and <= 200 } value)
            {
                context.Response.Headers[header] = value;
            }
        }

        try
        {
            return await next(invocation);
        }
        catch (FhirPayloadException refused)
        {
            return new FhirResult(Outcomes.Of(refused.Issues), refused.StatusCode);
        }
        catch (PersonAccessDeniedException)
        {
            return new FhirResult(Outcomes.Of(OperationOutcome.IssueType.Forbidden, "Your role does not allow this: nothing was read or changed."), StatusCodes.Status403Forbidden);
        }
        catch (BadHttpRequestException bad)
        {
            return new FhirResult(Outcomes.Of(OperationOutcome.IssueType.Structure, "The request could not be read."), bad.StatusCode);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirEndpoints))
                .LogError(failed, "FHIR {Method} {Path} failed", context.Request.Method, context.Request.Path);
            return new FhirResult(Outcomes.Of(OperationOutcome.IssueType.Exception, "The server could not complete the request."), StatusCodes.Status500InternalServerError);
        }
    }

    private static StaffActor Actor(HttpContext context) => StaffActor.FromClaims(context.User);

    private static string? CorrelationId(HttpContext context) => context.Request.Headers[FhirProfile.CorrelationIdHeader].FirstOrDefault();

    /// <summary>The referral's version as a weak ETag (FHIR R4 RESTful API, versioning: W/"{versionId}").</summary>
    private static void SetVersion(HttpContext context, Referral referral)
    {
        context.Response.Headers.ETag = $"W/\"{referral.Version.ToString(CultureInfo.InvariantCulture)}\"";
        context.Response.Headers.LastModified = DateTime.SpecifyKind(referral.UpdatedAtUtc, DateTimeKind.Utc).ToString("R", CultureInfo.InvariantCulture);
    }

    private static FhirResult NotFound(string what) =>
        new(Outcomes.Of(OperationOutcome.IssueType.NotFound, $"There is no {what}."), StatusCodes.Status404NotFound);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";
}

/// <summary>A FHIR resource as the response body, in FHIR JSON.</summary>
internal sealed class FhirResult(Base resource, int statusCode) : IResult, IStatusCodeHttpResult
{
    public Base Resource { get; } = resource;

    public int? StatusCode { get; } = statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode!.Value;
        httpContext.Response.ContentType = FhirProfile.JsonMediaType + "; charset=utf-8";
        return httpContext.Response.WriteAsync(FhirJson.Serialize(Resource), httpContext.RequestAborted);
    }
}
