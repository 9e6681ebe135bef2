using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Web.Features.ApiClients;

namespace OnePlace.Web.Features.Referrals;

/// <summary>
/// The JSON door of the Single Point of Access (PRODUCT.md B1): <c>POST /api/referrals</c> (201 with a Location),
/// <c>GET /api/referrals/{id}</c> with an ETag, and <c>POST /api/referrals/{id}/actions</c>, which must carry the
/// ETag in If-Match (RFC 9110 §13.1.1): a change made against an older version is refused with 412, so that no
/// update is lost. Described by the OpenAPI document at <c>/openapi/v1.json</c>.
/// </summary>
public static class ReferralApi
{
    public static IEndpointRouteBuilder MapReferralApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/referrals")
            .RequireAuthorization(ApiClientRegistration.ReferralApiPolicy)
            .DisableAntiforgery()
            .WithTags("Referrals");

        api.MapPost("/", Create)
            .WithSummary("Make a referral to the Single Point of Access")
            .WithDescription("Validated whole: any problem is a 400 with every field's error and nothing is stored. A repeat of the same senderIdentifier from the same client returns the referral already made (200).");
        api.MapGet("/{id:guid}", Get).WithSummary("Read a referral, with its ETag");
        api.MapPost("/{id:guid}/actions", Act)
            .WithSummary("Change a referral (accept, allocate, first-contact, close...); If-Match is required")
            .WithDescription("Actions: " + string.Join(", ", Enum.GetValues<ReferralAction>().Select(ActionName)));
        return endpoints;
    }

    private static async Task<Results<Created<ReferralResponse>, Ok<ReferralResponse>, ValidationProblem, ProblemHttpResult>> Create(
        ReferralRequest body, HttpContext context, ReceiveReferral receive)
    {
        var actor = StaffActor.FromClaims(context.User);
        string? correlation = context.Request.Headers["X-Correlation-ID"].FirstOrDefault();
        try
        {
            var receipt = await receive.ReceiveAsync(actor, body.ToSubmission(correlation), ReferralSource.Api, context.RequestAborted);
            var response = ReferralResponse.Of(receipt.Referral);
            SetETag(context, receipt.Referral.Version);
            return receipt.Created
                ? TypedResults.Created($"/api/referrals/{receipt.Referral.Id}", response)
                : TypedResults.Ok(response);
        }
        catch (ReferralValidationException invalid)
        {
            return TypedResults.ValidationProblem(invalid.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }
        catch (PersonAccessDeniedException)
        {
            return TypedResults.Problem("You may not make referrals.", statusCode: StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound, ProblemHttpResult>> Get(Guid id, HttpContext context, ReferralReading reading)
    {
        try
        {
            var view = await reading.OpenAsync(StaffActor.FromClaims(context.User), id, context.RequestAborted);
            if (view is null)
            {
                return TypedResults.NotFound();
            }

            SetETag(context, view.Referral.Version);
            return TypedResults.Ok(ReferralResponse.Of(view.Referral));
        }
        catch (PersonAccessDeniedException)
        {
            return TypedResults.Problem("You may not read this referral.", statusCode: StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Act(
        Guid id, ReferralActionRequest body, HttpContext context, ChangeReferral change)
    {
        if (!TryParseIfMatch(context.Request, out int version))
        {
            return TypedResults.Problem("Send the referral's ETag in an If-Match header (read it first with GET), so that a change cannot overwrite someone else's.",
                statusCode: StatusCodes.Status428PreconditionRequired);
        }

        var action = Enum.GetValues<ReferralAction>().Cast<ReferralAction?>().FirstOrDefault(a => ActionName(a!.Value) == body.Action);
        if (action is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["action"] = [$"Action must be one of {string.Join(", ", Enum.GetValues<ReferralAction>().Select(ActionName))}"],
            });
        }

        try
        {
            var referral = await change.ApplyAsync(StaffActor.FromClaims(context.User), id, version,
                new ReferralChange(action.Value, body.TeamCode, body.Practitioner, body.Reason, body.Outcome, body.OccurredAt?.UtcDateTime), context.RequestAborted);
            if (referral is null)
            {
                return TypedResults.NotFound();
            }

            SetETag(context, referral.Version);
            return TypedResults.Ok(ReferralResponse.Of(referral));
        }
        catch (ReferralConflictException conflict)
        {
            SetETag(context, conflict.CurrentVersion);
            return TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status412PreconditionFailed);
        }
        catch (ReferralChangeException refused) when (refused.Field is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] });
        }
        catch (ReferralChangeException refused)
        {
            return TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (PersonAccessDeniedException)
        {
            return TypedResults.Problem("You may not make this change to this referral.", statusCode: StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>The action's name on the API: its event kind in kebab case, e.g. <c>first-contact</c>.</summary>
    public static string ActionName(ReferralAction action) => action switch
    {
        ReferralAction.OfferHandover => "offer-handover",
        ReferralAction.AcceptHandover => "accept-handover",
        ReferralAction.RefuseHandover => "refuse-handover",
        ReferralAction.RecordFirstContact => "first-contact",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static string ETagOf(int version) => string.Create(CultureInfo.InvariantCulture, $"W/\"{version}\"");

    private static void SetETag(HttpContext context, int version) => context.Response.Headers.ETag = ETagOf(version);

    internal static bool TryParseIfMatch(HttpRequest request, out int version)
    {
        version = 0;
        if (!EntityTagHeaderValue.TryParseList([.. request.Headers.IfMatch.OfType<string>()], out var tags) || tags.Count != 1)
        {
            return false;
        }

        var tag = tags[0].Tag;
        return tag.Length > 2 && int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}

/// <summary>A referral as the JSON API takes it.</summary>
public sealed record ReferralRequest(
    PersonRequest? Person,
    string? ReferrerName,
    string? ReferrerOrganisation,
    string? ReferrerContact,
    string? Need,
    string? Setting,
    string? Details,
    bool? PersonConsented,
    string? SenderIdentifier)
{
    public ReferralSubmission ToSubmission(string? correlationId) => new(
        new ReferredPerson(Person?.NhsNumber, Person?.GivenName ?? "", Person?.FamilyName ?? "", Person?.DateOfBirth, Person?.Sex, Person?.Postcode, Person?.Address, Person?.Phone),
        ReferrerName ?? "", ReferrerOrganisation ?? "", ReferrerContact, Need ?? "", Setting ?? "", Details ?? "", PersonConsented ?? false, SenderIdentifier, correlationId);
}

public sealed record PersonRequest(string? NhsNumber, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? Sex, string? Postcode, string? Address, string? Phone);

/// <summary>A change to a referral, as the JSON API takes it.</summary>
public sealed record ReferralActionRequest(string? Action, string? TeamCode, string? Practitioner, string? Reason, string? Outcome, DateTimeOffset? OccurredAt);

/// <summary>A referral as the JSON API returns it. The person is named by id only.</summary>
public sealed record ReferralResponse(
    Guid Id, string Reference, string Status, Guid PersonId, string PersonMatch, string Need, string Setting,
    string Urgency, string? ServiceCode, string? TeamCode, string? HandoverTeamCode, string? Practitioner, string? QueueReason,
    string TriageVersion, string TriageRule, string TriageReason,
    DateTime ReceivedAt, DateTime? DueAt, bool ClockPaused, string? PauseReason, DateTime? FirstContactAt, DateTime? BreachedAt,
    DateTime? ClosedAt, string? Outcome, string? OutcomeNote, string? SenderIdentifier, int Version)
{
    public static ReferralResponse Of(Referral r) => new(
        r.Id, r.Reference, r.Status, r.PersonId, r.PersonMatch, r.Need, r.Setting, r.Urgency, r.ServiceCode, r.TeamCode, r.HandoverTeamCode, r.Practitioner,
        r.QueueReason, r.TriageVersion, r.TriageRule, r.TriageReason, Utc(r.ReceivedAtUtc), Utc(r.DueAtUtc), r.ClockPausedAtUtc is not null, r.PauseReason,
        Utc(r.FirstContactAtUtc), Utc(r.BreachedAtUtc), Utc(r.ClosedAtUtc), r.Outcome, r.OutcomeNote, r.SenderIdentifier, r.Version);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
