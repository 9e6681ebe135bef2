using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Privacy;

/// <summary>How audit rows are written for people: actions and reasons in words, with the code kept when it is new.</summary>
public static class PrivacyText
{
    /// <summary>The actions the filter offers, in the order a privacy officer asks about them.</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        AuditAction.ViewPerson, "person.break_glass", AuditAction.SearchPeople, AuditAction.ListPerson, AccessAuditAction.ViewDenied,
        ReferralAuditAction.View, ReferralAuditAction.Listed, ReferralAuditAction.Create, ReferralAuditAction.Change, ReferralAuditAction.CarePlanChange,
        CaseFindingAuditAction.Listed, CaseFindingAuditAction.Added, CaseFindingAuditAction.Closed,
        AuditAction.MergePeople, AuditAction.UnmergePeople, AuditAction.DecideLink, AuditAction.Import, AuditAction.LinkPerson,
        AuditAction.SignIn, AuditAction.SignInFailed,
        AuditReviewAction.Searched, AuditReviewAction.PersonReviewed, AuditReviewAction.PersonLookedUp, AuditReviewAction.AccessHistory, AuditReviewAction.ChainVerified,
    ];

    /// <summary>The reasons the filter offers.</summary>
    public static IReadOnlyList<string> KnownReasons => [.. AccessReason.All, AccessReason.AuditReview];

    /// <summary>An action in words; an action these pages do not know yet is named by its code, never hidden.</summary>
    public static string Action(string code, IStringLocalizer<SharedResource> t)
    {
        var text = t["AuditAction_" + code.Replace('.', '_')];
        return text.ResourceNotFound ? t["AuditActionOther", code].Value : text.Value;
    }

    public static string Reason(string? code, IStringLocalizer<SharedResource> t)
    {
        if (string.IsNullOrEmpty(code))
        {
            return t["AuditNoReason"].Value;
        }

        var text = t["Reason_" + code];
        return text.ResourceNotFound ? code : text.Value;
    }

    /// <summary>"Display name (user name)", or the bare actor when the store does not know them.</summary>
    public static string Who(string actor, AuditActor? who) =>
        who is null ? actor : who.DisplayName.Length == 0 || who.DisplayName == actor ? actor : $"{who.DisplayName} ({actor})";

    public static string Roles(AuditActor? who, IStringLocalizer<SharedResource> t) =>
        who is null ? "" : string.Join(", ", who.Roles.Select(r => Lookup(t, "Role_" + r, r)));

    public static string When(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm:ss", CultureInfo.CurrentCulture) + " UTC";

    private static string Lookup(IStringLocalizer<SharedResource> t, string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}

/// <summary>CSV downloads (RFC 4180, through CsvHelper), UTF-8 with a byte order mark so that spreadsheets read it right.</summary>
public static class PrivacyCsv
{
    private static readonly string[] AuditHeader =
        ["id", "occurred_at_utc", "actor", "actor_name", "actor_roles", "actor_organisation", "action", "action_words", "person_id", "reason", "detail"];

    private static readonly string[] AccessesHeader = ["when_utc", "who", "role", "organisation", "what", "why", "action_code"];

    public static byte[] AuditRows(IReadOnlyList<AuditLogRow> rows, IStringLocalizer<SharedResource> t) => Write(csv =>
    {
        foreach (var h in AuditHeader)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var r in rows)
        {
            csv.WriteField(r.Id);
            csv.WriteField(r.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
            csv.WriteField(r.Actor);
            csv.WriteField(r.Who?.DisplayName);
            csv.WriteField(r.Who is null ? null : string.Join(';', r.Who.Roles));
            csv.WriteField(r.Who?.Organisation);
            csv.WriteField(r.Action);
            csv.WriteField(PrivacyText.Action(r.Action, t));
            csv.WriteField(r.PersonId?.ToString());
            csv.WriteField(r.Reason);
            csv.WriteField(r.Detail);
            csv.NextRecord();
        }
    });

    public static byte[] Accesses(PersonAccessHistory history, IStringLocalizer<SharedResource> t) => Write(csv =>
    {
        foreach (var h in AccessesHeader)
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var group in history.ByWho)
        {
            foreach (var a in group.Accesses)
            {
                csv.WriteField(a.OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                csv.WriteField(PrivacyText.Who(group.Actor, group.Who));
                csv.WriteField(PrivacyText.Roles(group.Who, t));
                csv.WriteField(group.Who?.Organisation);
                csv.WriteField(PrivacyText.Action(a.Action, t));
                csv.WriteField(PrivacyText.Reason(a.Reason, t));
                csv.WriteField(a.Action);
                csv.NextRecord();
            }
        }
    });

    private static byte[] Write(Action<CsvWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(true)))
        // Actor names come from sign-in attempts, which anyone can type: a cell starting =, +, - or @ is escaped so that a
        // spreadsheet does not run it as a formula (OWASP, CSV injection; ASVS 5.0 V1.2.10).
        using (var csv = new CsvWriter(writer, new CsvHelper.Configuration.CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = CsvHelper.Configuration.InjectionOptions.Escape }))
        {
            write(csv);
        }

        return stream.ToArray();
    }
}
