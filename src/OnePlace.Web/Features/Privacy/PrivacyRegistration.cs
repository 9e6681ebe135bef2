using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Privacy;
using OnePlace.Web.Features.SignIn;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Privacy;

/// <summary>
/// The privacy officer's pages (PRODUCT.md G2–G3): the audit viewer, "who has looked at my record" and the National Data
/// Opt-out list. Every rule is in Core (<see cref="AuditReview.MayReview"/>, <see cref="ImportOptOuts.MayImport"/>).
/// </summary>
public static class PrivacyRegistration
{
    public const string AuditPath = "/privacy/audit";

    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<OnePlace.Core.Access.AuditWriter>();
        services.TryAddScoped<ReviewAuditLog>();
        services.TryAddScoped<ReadPersonAccesses>();
        services.TryAddScoped<ImportOptOuts>();
        return services;
    }

    /// <summary>The CSV downloads: the filtered audit rows, and one person's accesses. Both are audited in Core.</summary>
    public static WebApplication MapPrivacyExports(this WebApplication app)
    {
        app.MapGet(AuditPath + "/export.csv", async (HttpContext context, ReviewAuditLog review, IStringLocalizer<SharedResource> t) =>
        {
            if (!AuditFilterQuery.TryRead(context.Request.Query, out var filter, out _))
            {
                return Results.BadRequest();
            }

            try
            {
                var rows = await review.ExportAsync(context.User.ToStaffActor(), filter, "csv", context.RequestAborted);
                return Results.File(PrivacyCsv.AuditRows(rows, t), "text/csv; charset=utf-8", "audit-log.csv");
            }
            catch (OnePlace.Core.Access.PersonAccessDeniedException)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
            catch (AuditExportTooLargeException)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: t["AuditExportTooLarge", AuditReview.MaxExportRows].Value);
            }
        });
        app.MapGet("/privacy/people/{personId:guid}/accesses.csv", async (Guid personId, HttpContext context, ReadPersonAccesses accesses, IStringLocalizer<SharedResource> t) =>
        {
            try
            {
                var history = await accesses.ReadAsync(context.User.ToStaffActor(), personId, "csv", context.RequestAborted);
                return history is null
                    ? Results.NotFound()
                    : Results.File(PrivacyCsv.Accesses(history, t), "text/csv; charset=utf-8", "record-accesses.csv");
            }
            catch (OnePlace.Core.Access.PersonAccessDeniedException)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
        });
        return app;
    }
}

/// <summary>The audit viewer's filters as they travel in the query string (never an NHS number: it is resolved to the
/// person id first, in a POST).</summary>
public static class AuditFilterQuery
{
    public static bool TryRead(IQueryCollection query, out AuditLogFilter filter, out long? before)
    {
        filter = new AuditLogFilter();
        before = null;
        Guid? person = null;
        DateOnly? from = null, to = null;
        if (query["person"].FirstOrDefault() is { Length: > 0 } p)
        {
            if (!Guid.TryParse(p, out var id))
            {
                return false;
            }

            person = id;
        }

        if (!TryDay(query["from"].FirstOrDefault(), out from) || !TryDay(query["to"].FirstOrDefault(), out to))
        {
            return false;
        }

        if (query["before"].FirstOrDefault() is { Length: > 0 } b)
        {
            if (!long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out long keyset))
            {
                return false;
            }

            before = keyset;
        }

        filter = new AuditLogFilter(Blank(query["actor"].FirstOrDefault()), person, Blank(query["action"].FirstOrDefault()),
            Blank(query["reason"].FirstOrDefault()), from, to);
        return true;
    }

    /// <summary>The query string for <paramref name="filter"/> (and a keyset), for links and the CSV download.</summary>
    public static string Of(AuditLogFilter filter, long? before = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("actor", filter.Actor);
        Add("person", filter.PersonId?.ToString());
        Add("action", filter.Action);
        Add("reason", filter.Reason);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
