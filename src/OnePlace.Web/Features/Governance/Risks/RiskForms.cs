using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Risks;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.Risks;

/// <summary>
/// The register's forms as posted (strings, so that what was typed is shown back with its error) and the words for
/// what the register shows. The rules are the use cases' own: a refusal's field names the input to mark, and its words
/// come from the resources by that field (<c>RiskProblem_title</c>, …), in the reader's language.
/// </summary>
public static class RiskForms
{
    /// <summary>The id of the input a refusal is about on the form whose inputs start <paramref name="prefix"/>. A stale
    /// version, a closed risk or a change that changes nothing falls on the form's first field.</summary>
    public static string FieldOf(string prefix, GovernanceChangeException refused, string firstField) =>
        prefix + "-" + (refused.Field is null or "version" or "unchanged" ? firstField : refused.Field);

    public static string MessageKey(GovernanceChangeException refused) => "RiskProblem_" + (refused.Field ?? "closed");

    public static int? Whole(string? typed) =>
        int.TryParse(typed?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A score as posted; 0 (refused by the use case as out of 1–5) when it is not a number.</summary>
    public static RiskScore Score(string? likelihood, string? impact) => new(Whole(likelihood) ?? 0, Whole(impact) ?? 0);

    /// <summary>A date as a date input sends it (yyyy-mm-dd).</summary>
    public static DateOnly? Date(string? typed) =>
        DateOnly.TryParseExact(typed?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string BandTag(int score) => RiskReview.BandOf(score) switch
    {
        RiskBand.Low => "nhsuk-tag--green",
        RiskBand.Moderate => "nhsuk-tag--yellow",
        RiskBand.High => "nhsuk-tag--orange",
        _ => "nhsuk-tag--red",
    };

    /// <summary>A cell's fill on the heat map by its band: light tints, so that the count on it reads clearly.</summary>
    public static string BandFill(int score) => RiskReview.BandOf(score) switch
    {
        RiskBand.Low => "#d5ebdc",
        RiskBand.Moderate => "#fff2b3",
        RiskBand.High => "#ffd7a8",
        _ => "#f6c1c1",
    };

    public static string Band(IStringLocalizer<SharedResource> t, int score) => t["RiskBand_" + RiskReview.BandOf(score)];

    public static string Category(IStringLocalizer<SharedResource> t, RiskCategory category) => t["RiskCategory_" + category];

    /// <summary>Why a risk is due for review, in words: its review date, or a signal on the indicator named.</summary>
    public static string Reason(IStringLocalizer<SharedResource> t, RiskReviewDue due, IReadOnlyDictionary<string, IndicatorReading> readings) =>
        due.IndicatorId is { } id
            ? t["RiskDue_" + due.Reason, readings.TryGetValue(id, out var reading) ? reading.Title : id]
            : t["RiskDue_" + due.Reason];

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string When(DateTime utc) => utc.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
}

/// <summary>A risk's words, and its scores when it is recorded (the edit form changes the words only).</summary>
public sealed class RiskDetailsForm
{
    public string? Title { get; set; }
    public string? Cause { get; set; }
    public string? Event { get; set; }
    public string? Effect { get; set; }
    public string? Category { get; set; }
    public string? Owner { get; set; }
    public string? Controls { get; set; }
    public string? ReviewEvery { get; set; }
    public string? InherentLikelihood { get; set; }
    public string? InherentImpact { get; set; }
    public string? CurrentLikelihood { get; set; }
    public string? CurrentImpact { get; set; }
    public string? TargetLikelihood { get; set; }
    public string? TargetImpact { get; set; }
    public string? Version { get; set; }

    /// <summary>The details as posted; a category not chosen is one the use case refuses.</summary>
    public RiskDetails Details() => new(
        Title ?? "", Cause ?? "", Event ?? "", Effect ?? "",
        Enum.TryParse<RiskCategory>(Category, out var category) && Enum.IsDefined(category) ? category : (RiskCategory)(-1),
        Owner ?? "", Controls ?? "", RiskForms.Whole(ReviewEvery) ?? 0);

    public static RiskDetailsForm Of(Risk risk) => new()
    {
        Title = risk.Title,
        Cause = risk.Cause,
        Event = risk.Event,
        Effect = risk.Effect,
        Category = risk.Category.ToString(),
        Owner = risk.Owner,
        Controls = risk.Controls,
        ReviewEvery = risk.ReviewEveryDays.ToString(CultureInfo.InvariantCulture),
        Version = risk.Version.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>New current and target scores (a re-score, or a review's), with the reason or note.</summary>
public sealed class RiskScoresForm
{
    public string? CurrentLikelihood { get; set; }
    public string? CurrentImpact { get; set; }
    public string? TargetLikelihood { get; set; }
    public string? TargetImpact { get; set; }
    public string? Text { get; set; }
    public string? Version { get; set; }

    public RiskScore Current => RiskForms.Score(CurrentLikelihood, CurrentImpact);

    public RiskScore Target => RiskForms.Score(TargetLikelihood, TargetImpact);

    public static RiskScoresForm Of(Risk risk) => new()
    {
        CurrentLikelihood = risk.CurrentLikelihood.ToString(CultureInfo.InvariantCulture),
        CurrentImpact = risk.CurrentImpact.ToString(CultureInfo.InvariantCulture),
        TargetLikelihood = risk.TargetLikelihood.ToString(CultureInfo.InvariantCulture),
        TargetImpact = risk.TargetImpact.ToString(CultureInfo.InvariantCulture),
        Version = risk.Version.ToString(CultureInfo.InvariantCulture),
    };
}

public sealed class RiskActionForm
{
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? Due { get; set; }
    public string? Version { get; set; }
}

/// <summary>One choice and a version: which action is done, which indicator to link or unlink, or the reason for closing.</summary>
public sealed class RiskChoiceForm
{
    public string? Choice { get; set; }
    public string? Version { get; set; }
}
