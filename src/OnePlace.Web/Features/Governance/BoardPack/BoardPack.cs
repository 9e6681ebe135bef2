using OnePlace.Analytics.Indicators;
using OnePlace.Core.Finance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Governance.Risks;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>Where a figure of the pack comes from, in words and as a link to the page that shows it: every figure is
/// traceable to its indicator run, ledger entry, scenario file, risk, assessment or programme (PRODUCT.md F4).</summary>
public sealed record PackSource(string Text, string Link);

/// <summary>
/// The board pack for one reporting month (PRODUCT.md F4), composed from live data at the moment it is asked for: the
/// outcomes framework's last run, the pooled fund ledger, the scenario library, the risk register, the equality impact
/// assessments and the programme. Each part is made by <see cref="BoardPackBuilder"/>; the page, the PDF and the
/// workbook all draw this one object, so the three never disagree.
/// </summary>
public sealed record BoardPack(
    string Partnership,
    DateOnly Period,
    DateTime GeneratedAtUtc,
    IReadOnlyList<DateOnly> Months,
    OutcomesPart Outcomes,
    IReadOnlyList<FundPosition> Finance,
    IReadOnlyList<ScenarioGap> Scenarios,
    IReadOnlyList<ScenarioProblem> ScenarioProblems,
    RisksPart Risks,
    EqiasPart Eqias,
    IReadOnlyList<ProgrammeStatus> Programmes)
{
    /// <summary>The last day of the reporting month.</summary>
    public DateOnly PeriodEnd => Period.AddMonths(1).AddDays(-1);

    /// <summary>The period's query value, <c>2025-06</c>.</summary>
    public string PeriodText => Period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An indicator as /outcomes shows it (the framework year's overall value, interval, target, RAG, variation
/// and assurance) and the reporting month's point of its XmR chart, if the chart has one.</summary>
public sealed record OutcomeRow(IndicatorSummary Indicator, StoredValue? Year, TrendPoint? Point, IReadOnlyList<TrendPoint> Trend, PackSource Source)
{
    /// <summary>The board sees the chart of an indicator that signals special cause, at its latest point or the
    /// reporting month's, or that misses its target.</summary>
    public bool Charted => Trend.Count > 0 && (Indicator.Rag == "Red" || IsSignal(Indicator.Variation) || IsSignal(Point?.Variation));

    private static bool IsSignal(string? variation) => variation?.StartsWith("SpecialCause", StringComparison.Ordinal) == true;
}

/// <param name="YearStart">The framework year the overall values are for.</param>
public sealed record OutcomesPart(DateOnly? YearStart, DateOnly? YearEnd, IReadOnlyList<OutcomeRow> Rows);

/// <summary>A pooled fund agreement's position for the financial year holding the reporting month, as at its end;
/// <see cref="Year"/> null when the agreement does not cover that year.</summary>
public sealed record FundPosition(int AgreementId, string Name, int FinancialYear, PooledFundYear? Year, PackSource Source)
{
    public PackSource SchemeSource(PooledFundScheme scheme) =>
        new($"{Source.Text}, scheme {scheme.Code}", Source.Link + "#scheme-" + scheme.Code);
}

/// <summary>A scenario's bridge at its horizon: the do-nothing gap, efficiencies, each intervention, interaction and
/// the residual gap, each as P10, P50 and P90 across the runs (<see cref="OnePlace.Planning.Bridge.GapBridge"/>).</summary>
public sealed record ScenarioGap(string FileName, string ScenarioId, string Title, int Year, IReadOnlyList<OnePlace.Planning.Bridge.BridgeStep> Steps, PackSource Source);

/// <summary>A scenario file that could not be read or run for the pack, and why.</summary>
public sealed record ScenarioProblem(string FileName, string Problem);

/// <summary>The open risks with the highest current scores, the number open and the number up for review.</summary>
public sealed record RisksPart(IReadOnlyList<RiskRow> Top, int Open, int DueForReview);

/// <summary>A risk as the register holds it now, and why it is up for review at the period's end
/// (<see cref="RiskReview.DueReasons"/> with the dashboards' indicator readings).</summary>
public sealed record RiskRow(Risk Risk, IReadOnlyList<RiskReviewDue> DueReasons, PackSource Source)
{
    public bool Due => DueReasons.Count > 0;
}

/// <summary>Assessments not signed off that are overdue or due within three months of the period's end, and those
/// signed off in the reporting month.</summary>
public sealed record EqiasPart(IReadOnlyList<EqiaRow> Due, IReadOnlyList<EqiaRow> SignedOff);

public sealed record EqiaRow(EqualityImpactAssessment Assessment, bool Overdue, PackSource Source);

/// <summary>A programme at the period's end: its phase then, milestones overdue, due within three months and
/// completed in the month, and each benefit's realisation (<see cref="BenefitRealisation.Of"/>).</summary>
public sealed record ProgrammeStatus(
    OnePlace.Core.Governance.Programmes.Programme Programme, ProgrammePhase? CurrentPhase, IReadOnlyList<MilestoneRow> Overdue, IReadOnlyList<MilestoneRow> DueSoon,
    IReadOnlyList<MilestoneRow> Completed, IReadOnlyList<BenefitRow> Benefits, PackSource Source);

public sealed record MilestoneRow(Milestone Milestone, string Phase, PackSource Source);

public sealed record BenefitRow(Benefit Benefit, Realisation Realisation, PackSource Source);
