using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.Programme;

/// <summary>The programme's terms in the reader's language.</summary>
public static class ProgrammeText
{
    public static string Status(IStringLocalizer<SharedResource> t, MilestoneStatus status) => t["ProgrammeMilestoneStatus_" + status];

    public static string StatusTag(MilestoneStatus status) => status switch
    {
        MilestoneStatus.Complete => "nhsuk-tag--green",
        MilestoneStatus.OnTrack => "nhsuk-tag--blue",
        MilestoneStatus.AtRisk => "nhsuk-tag--yellow",
        MilestoneStatus.OffTrack => "nhsuk-tag--red",
        _ => "nhsuk-tag--grey",
    };

    public static string Realisation(IStringLocalizer<SharedResource> t, RealisationStatus status) => t["ProgrammeRealisation_" + status];

    public static string RealisationTag(RealisationStatus status) => status switch
    {
        RealisationStatus.Achieved => "nhsuk-tag--green",
        RealisationStatus.OnTrack => "nhsuk-tag--blue",
        RealisationStatus.Behind => "nhsuk-tag--red",
        _ => "nhsuk-tag--grey",
    };

    public static string Value(double? value) => value is { } v ? v.ToString("#,0.0", CultureInfo.CurrentCulture) : "–";

    public static string Problem(IStringLocalizer<SharedResource> t, GovernanceChangeException refused)
    {
        // A phase row's date is refused at its own inputs, but its words are the same for every row.
        string key = refused.Field is { } f && f.StartsWith("setup-phase-", StringComparison.Ordinal) ? "setup-date" : refused.Field ?? "none";
        var words = t["ProgrammeProblem_" + key];
        return words.ResourceNotFound ? refused.Message : words.Value;
    }

    /// <summary>A number as typed ("1,234.5"), or null.</summary>
    public static double? Number(string? typed) =>
        double.TryParse(typed?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value : null;
}

/// <summary>The set-up form: a programme and up to <see cref="PhaseRows"/> phases, blank rows after the first left out.</summary>
public sealed class ProgrammeSetUpForm
{
    public const int PhaseRows = 4;

    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public List<PhaseRow> Phases { get; set; } = [];

    /// <summary>The rows as the form shows them: those posted, then blank ones up to <see cref="PhaseRows"/>.</summary>
    public IReadOnlyList<PhaseRow> Rows => [.. Phases.Take(PhaseRows), .. Enumerable.Range(0, Math.Max(0, PhaseRows - Phases.Count)).Select(_ => new PhaseRow())];
}

public sealed class PhaseRow
{
    public string? Name { get; set; }
    public string? StartDay { get; set; }
    public string? StartMonth { get; set; }
    public string? StartYear { get; set; }
    public string? EndDay { get; set; }
    public string? EndMonth { get; set; }
    public string? EndYear { get; set; }

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(StartDay) && string.IsNullOrWhiteSpace(StartMonth) && string.IsNullOrWhiteSpace(StartYear)
        && string.IsNullOrWhiteSpace(EndDay) && string.IsNullOrWhiteSpace(EndMonth) && string.IsNullOrWhiteSpace(EndYear);
}

public sealed class MilestoneAddForm
{
    public string? Phase { get; set; }
    public string? Title { get; set; }
    public string? Owner { get; set; }
    public string? DueDay { get; set; }
    public string? DueMonth { get; set; }
    public string? DueYear { get; set; }
}

public sealed class MilestoneUpdateForm
{
    public string? Milestone { get; set; }
    public string? Status { get; set; }
    public string? CompletedDay { get; set; }
    public string? CompletedMonth { get; set; }
    public string? CompletedYear { get; set; }
    public string? Note { get; set; }
}

public sealed class BenefitAddForm
{
    public string? Programme { get; set; }
    public string? Title { get; set; }
    public string? Owner { get; set; }
    public string? Indicator { get; set; }
    public string? Baseline { get; set; }
    public string? BaselineDay { get; set; }
    public string? BaselineMonth { get; set; }
    public string? BaselineYear { get; set; }
    public string? Target { get; set; }
    public string? TargetDay { get; set; }
    public string? TargetMonth { get; set; }
    public string? TargetYear { get; set; }
}
