using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.Equality;

/// <summary>An assessment's terms in the reader's language, and the forms' dates and refusals.</summary>
public static class EqiaText
{
    public static string Status(IStringLocalizer<SharedResource> t, EqiaStatus status) => t["EqiaStatus_" + status];

    public static string StatusTag(EqiaStatus status) => status switch
    {
        EqiaStatus.Draft => "nhsuk-tag--orange",
        EqiaStatus.AwaitingSignOff => "nhsuk-tag--blue",
        _ => "nhsuk-tag--green",
    };

    public static string Characteristic(IStringLocalizer<SharedResource> t, Characteristic characteristic) => t["EqiaCharacteristic_" + characteristic];

    public static string Impact(IStringLocalizer<SharedResource> t, EqiaImpact impact) => t["EqiaImpact_" + impact];

    public static string ImpactTag(EqiaImpact impact) => impact switch
    {
        EqiaImpact.Positive => "nhsuk-tag--green",
        EqiaImpact.Negative => "nhsuk-tag--red",
        EqiaImpact.Neutral => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };

    public static string Decision(IStringLocalizer<SharedResource> t, EqiaDecision decision) => t["EqiaDecision_" + decision];

    public static string SubjectKind(IStringLocalizer<SharedResource> t, EqiaSubjectKind kind) => t["EqiaSubjectKind_" + kind];

    /// <summary>A replay's dimension ("deprivation quintile", "age band", "locality").</summary>
    public static string Dimension(IStringLocalizer<SharedResource> t, string dimension) => t["EqiaDimension_" + dimension.Replace(' ', '_')];

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string When(DateTime utc) => utc.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>A refusal in the reader's language: the words for the field it names, or the use case's own when the field has none.</summary>
    public static string Problem(IStringLocalizer<SharedResource> t, GovernanceChangeException refused)
    {
        var words = t["EqiaProblem_" + (refused.Field ?? "none")];
        return words.ResourceNotFound ? refused.Message : words.Value;
    }

    /// <summary>A date typed as day, month and year (the NHS.UK date input), or null.</summary>
    public static DateOnly? ParseDate(string? day, string? month, string? year) =>
        int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int d)
        && int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
        && int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int y)
        && y is >= 1900 and <= 2999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d) : null;

    public static int Whole(string? typed) => int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : 0;
}

/// <summary>The form that starts an assessment, as typed.</summary>
public sealed class EqiaStartForm
{
    public string? Title { get; set; }
    public string? Proposal { get; set; }
    public string? Kind { get; set; }
    public string? ServiceChange { get; set; }
    public string? TriageVersion { get; set; }
    public string? Owner { get; set; }
    public string? DueDay { get; set; }
    public string? DueMonth { get; set; }
    public string? DueYear { get; set; }

    public EqiaSubjectKind SubjectKind => Kind == nameof(EqiaSubjectKind.TriageRules) ? EqiaSubjectKind.TriageRules : EqiaSubjectKind.ServiceChange;
}

/// <summary>The form that assesses one characteristic.</summary>
public sealed class EqiaAssessForm
{
    public string? Version { get; set; }
    public string? Characteristic { get; set; }
    public string? Impact { get; set; }
    public string? Evidence { get; set; }
    public string? Mitigation { get; set; }
}

public sealed class EqiaEvidenceForm
{
    public string? Version { get; set; }
    public string? Title { get; set; }
    public string? Body { get; set; }
}

public sealed class EqiaSubmitForm
{
    public string? Version { get; set; }
}

public sealed class EqiaSignOffForm
{
    public string? Version { get; set; }
    public string? Decision { get; set; }
    public string? Rationale { get; set; }
}
