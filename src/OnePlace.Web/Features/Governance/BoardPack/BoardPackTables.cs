using System.Globalization;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Finance;
using OnePlace.Core.Governance.Risks;
using OnePlace.Planning.Bridge;
using OnePlace.Web.Features.Outcomes;
using OnePlace.Web.Features.PooledFund;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>A cell of the pack's tables: its text as the page shows it, the number behind it (for the workbook, which
/// keeps numbers as numbers), the colour of its RAG, variation or band, if it has one, and, for a source, the page
/// that shows the figure.</summary>
public sealed record PackCell(string Text, double? Number = null, string? Colour = null, string Format = "#,##0.0", string? Link = null);

/// <summary>A table of the pack: the last column of every row is the figure's source.</summary>
public sealed record PackTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<PackCell>> Rows)
{
    /// <summary>Whether a column holds figures, which are aligned right, heading and all.</summary>
    public bool IsNumeric(int column) => Rows.Any(r => r[column].Number is not null);
}

/// <summary>A section of the pack: its heading, the workbook sheet it goes on, lines of text, and its tables.</summary>
public sealed record PackSection(string Title, string Sheet, IReadOnlyList<string> Notes, IReadOnlyList<PackTable> Tables);

/// <summary>
/// The pack as sections of tables, in the reader's language: what the PDF prints and the workbook holds. The web page
/// draws the same figures with the same formatting (<see cref="BoardPackText"/>), with links.
/// </summary>
public static class BoardPackTables
{
    public static IReadOnlyList<PackSection> Of(BoardPack pack, IStringLocalizer<SharedResource> t) =>
        [Outcomes(pack, t), Finance(pack, t), Scenarios(pack, t), Risks(pack, t), Eqias(pack, t), Programmes(pack, t)];

    private static PackSection Outcomes(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        var o = pack.Outcomes;
        var notes = new List<string>();
        if (o.YearStart is { } start && o.YearEnd is { } end)
        {
            notes.Add(t["BoardPackOutcomesIntro", OutcomesText.Period(start, end, Analytics.Indicators.PeriodKind.Year), BoardPackText.Month(pack.Period)]);
        }
        else
        {
            notes.Add(t["OutcomesEmpty"]);
        }

        var rows = o.Rows.Select(r => (IReadOnlyList<PackCell>)
        [
            new(r.Indicator.Title),
            r.Year is { Suppressed: true } ? new(t["OutcomesWithheld"]) : new(OutcomesText.Number(r.Year?.Value), r.Year?.Value),
            new(r.Indicator.Unit),
            new(OutcomesText.Interval(r.Year?.Lower, r.Year?.Upper)),
            new(r.Indicator.Target is { } target ? OutcomesText.Number(target) : "–", r.Indicator.Target),
            new(t["Rag_" + r.Indicator.Rag], Colour: BoardPackText.RagColour(r.Indicator.Rag)),
            new(t["Variation_" + (r.Indicator.Variation ?? "None")], Colour: BoardPackText.VariationColour(r.Indicator.Variation)),
            new(t["Assurance_" + (r.Indicator.Assurance ?? "None")]),
            new(OutcomesText.Number(r.Point?.Value), r.Point?.Value),
            new(OutcomesText.Number(r.Point?.Mean), r.Point?.Mean),
            new(OutcomesText.Number(r.Point?.LowerLimit), r.Point?.LowerLimit),
            new(OutcomesText.Number(r.Point?.UpperLimit), r.Point?.UpperLimit),
            new(r.Point is { } p ? t["Variation_" + p.Variation] : "–", Colour: r.Point is { } q ? BoardPackText.VariationColour(q.Variation) : null),
            new(r.Source.Text, Link: r.Source.Link),
        ]).ToList();
        string month = BoardPackText.Month(pack.Period);
        return new PackSection(t["BoardPackOutcomes"], "Outcomes", notes,
        [
            new PackTable(t["BoardPackOutcomes"],
                [t["OutcomesIndicator"], t["OutcomesValue"], t["BoardPackUnit"], t["OutcomesInterval"], t["OutcomesTarget"], t["OutcomesRag"], t["OutcomesVariation"], t["OutcomesAssurance"],
                 t["BoardPackMonthValue", month], t["BoardPackMean"], t["BoardPackLowerLimit"], t["BoardPackUpperLimit"], t["BoardPackMonthVariation"], t["BoardPackSource"]],
                [3.2, 1, 1.4, 1.6, 0.9, 0.9, 1.5, 1.5, 1, 0.9, 0.9, 0.9, 1.5, 2.6], rows),
        ]);
    }

    private static PackSection Finance(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        var notes = new List<string>();
        var tables = new List<PackTable>();
        if (pack.Finance.Count == 0)
        {
            notes.Add(t["BoardPackNoAgreements"]);
        }

        foreach (var fund in pack.Finance)
        {
            if (fund.Year is not { } year)
            {
                notes.Add(t["BoardPackNotCovered", fund.Name, FinancialYear.Label(fund.FinancialYear)]);
                continue;
            }

            notes.Add(t["BoardPackFundIntro", fund.Name, FinancialYear.Label(fund.FinancialYear),
                year.ReportedTo is { } to ? BoardPackText.Month(to) : t["PooledFundNoActuals"].Value]);
            var rows = year.Schemes.OrderByDescending(s => s.Scheme.InScope).Select(s => Figures(
                $"{s.Scheme.Name} ({s.Scheme.Code})", s.Scheme.InScope ? t["PooledFundInScope"] : t["PooledFundNotInScope"], s.Figures, fund.SchemeSource(s.Scheme))).ToList();
            rows.Add(Figures(t["PooledFundPool"], t["PooledFundInScope"], year.Pool, fund.Source with { Text = fund.Source.Text + ", pool" }));
            tables.Add(new PackTable(t["BoardPackFundCaption", fund.Name, FinancialYear.Label(fund.FinancialYear)],
                [t["PooledFundScheme"], t["PooledFundScope"], t["PooledFundBudget"], t["PooledFundActualToDate"], t["PooledFundForecast"], t["PooledFundVariance"], t["BoardPackSource"]],
                [3.5, 1.3, 1.4, 1.4, 1.4, 1.4, 4], rows));
        }

        return new PackSection(t["BoardPackFinance"], "Finance", notes, tables);

        static IReadOnlyList<PackCell> Figures(string name, string scope, LedgerFigures f, PackSource source) =>
        [
            new(name), new(scope),
            Money(f.BudgetGbp), Money(f.ActualToDateGbp), Money(f.ForecastGbp),
            new(PooledFundText.Variance(f.VarianceGbp), (double)f.VarianceGbp, f.VarianceGbp > 0 ? BoardPackText.Red : null, "#,##0.00"),
            new(source.Text, Link: source.Link),
        ];

        static PackCell Money(decimal gbp) => new(PooledFundText.Pounds(gbp), (double)gbp, Format: "#,##0.00");
    }

    private static PackSection Scenarios(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        var notes = new List<string> { t["BoardPackScenariosIntro"] };
        notes.AddRange(pack.ScenarioProblems.Select(p => t["BoardPackScenarioProblem", p.FileName, p.Problem].Value));
        var tables = pack.Scenarios.Select(g => new PackTable(
            t["BoardPackScenarioCaption", g.Title, global::OnePlace.Planning.Scenarios.ScenarioModel.FinancialYear(g.Year)],
            [t["BoardPackStep"], "P10", "P50", "P90", t["BoardPackSource"]],
            [4, 1.4, 1.4, 1.4, 5],
            [.. g.Steps.Select(s => (IReadOnlyList<PackCell>)
            [
                new(BoardPackText.StepLabel(t, s)),
                Million(s.Value.P10), Million(s.Value.P50), Million(s.Value.P90),
                new(g.Source.Text, Link: g.Source.Link),
            ])])).ToList();
        return new PackSection(t["BoardPackScenarios"], "Scenario gap", notes, tables);

        static PackCell Million(double pounds) => new(BoardPackText.Millions(pounds), Math.Round(pounds, 0), Format: "#,##0");
    }

    private static PackSection Risks(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        var r = pack.Risks;
        var notes = new List<string> { t["BoardPackRisksIntro", r.Open, r.DueForReview, r.Top.Count] };
        var rows = r.Top.Select(x => (IReadOnlyList<PackCell>)
        [
            new(x.Risk.Reference), new(x.Risk.Title), new(x.Risk.Owner),
            Score(x.Risk.InherentScore), Score(x.Risk.CurrentScore), Score(x.Risk.TargetScore),
            new(BoardPackText.Date(x.Risk.NextReviewDue)),
            new(x.Due ? BoardPackText.DueReasons(t, x.DueReasons) : t["BoardPackNo"], Colour: x.Due ? BoardPackText.Amber : null),
            new(x.Source.Text, Link: x.Source.Link),
        ]).ToList();
        return new PackSection(t["BoardPackRisks"], "Risks", notes,
        [
            new PackTable(t["BoardPackRisksCaption"],
                [t["BoardPackReference"], t["BoardPackTitle"], t["BoardPackOwner"], t["BoardPackInherent"], t["BoardPackCurrent"], t["BoardPackTarget"], t["BoardPackNextReview"], t["BoardPackDueForReview"], t["BoardPackSource"]],
                [1, 4, 2, 1.3, 1.3, 1.3, 1.3, 2.6, 1.6], rows),
        ]);

        PackCell Score(int score) => new($"{score} {t["BoardPackBand_" + RiskReview.BandOf(score)]}", score, BoardPackText.BandColour(RiskReview.BandOf(score)), "0");
    }

    private static PackSection Eqias(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        string[] headers = [t["BoardPackReference"], t["BoardPackTitle"], t["BoardPackSubject"], t["BoardPackStatus"], t["BoardPackDueBy"], t["BoardPackDecision"], t["BoardPackSource"]];
        double[] widths = [1.1, 4, 3, 1.6, 1.3, 2, 2.2];
        var notes = new List<string> { t["BoardPackEqiasIntro", pack.Eqias.Due.Count, pack.Eqias.SignedOff.Count, BoardPackText.Month(pack.Period)] };
        return new PackSection(t["BoardPackEqias"], "EqIAs", notes,
        [
            new PackTable(t["BoardPackEqiasDue"], headers, widths, [.. pack.Eqias.Due.Select(Row)]),
            new PackTable(t["BoardPackEqiasSignedOff", BoardPackText.Month(pack.Period)], headers, widths, [.. pack.Eqias.SignedOff.Select(Row)]),
        ]);

        IReadOnlyList<PackCell> Row(EqiaRow e) =>
        [
            new(e.Assessment.Reference), new(e.Assessment.Title), new(e.Assessment.Subject),
            new(e.Overdue ? $"{t["BoardPackEqiaStatus_" + e.Assessment.Status]}, {t["BoardPackOverdue"]}" : t["BoardPackEqiaStatus_" + e.Assessment.Status], Colour: e.Overdue ? BoardPackText.Red : null),
            new(BoardPackText.Date(e.Assessment.DueBy)),
            new(e.Assessment.Decision is { } d ? t["BoardPackDecision_" + d] : "–"),
            new(e.Source.Text, Link: e.Source.Link),
        ];
    }

    private static PackSection Programmes(BoardPack pack, IStringLocalizer<SharedResource> t)
    {
        var notes = new List<string>();
        var tables = new List<PackTable>();
        if (pack.Programmes.Count == 0)
        {
            notes.Add(t["BoardPackNoProgrammes"]);
        }

        foreach (var p in pack.Programmes)
        {
            notes.Add(t["BoardPackProgrammeIntro", p.Programme.Name, p.CurrentPhase?.Name ?? "–", p.Overdue.Count, p.DueSoon.Count, p.Completed.Count]);
            var milestones = p.Overdue.Select(m => Milestone(m, t["BoardPackMilestoneOverdue"], BoardPackText.Red))
                .Concat(p.DueSoon.Select(m => Milestone(m, t["BoardPackMilestoneDueSoon"], null)))
                .Concat(p.Completed.Select(m => Milestone(m, t["BoardPackMilestoneCompleted"], BoardPackText.Green))).ToList();
            tables.Add(new PackTable(t["BoardPackMilestonesCaption", p.Programme.Name],
                [t["BoardPackWhich"], t["BoardPackTitle"], t["BoardPackPhase"], t["BoardPackOwner"], t["BoardPackDueBy"], t["BoardPackStatus"], t["BoardPackSource"]],
                [1.6, 4, 2, 2, 1.3, 1.4, 3], milestones));
            tables.Add(new PackTable(t["BoardPackBenefitsCaption", p.Programme.Name],
                [t["BoardPackTitle"], t["OutcomesIndicator"], t["BoardPackBaseline"], t["BoardPackTarget"], t["BoardPackLatest"], t["BoardPackExpected"], t["BoardPackProgress"], t["BoardPackStatus"], t["BoardPackSource"]],
                [3, 2.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.4, 3.5],
                [.. p.Benefits.Select(b => (IReadOnlyList<PackCell>)
                [
                    new(b.Benefit.Title), new(b.Benefit.IndicatorId),
                    new(OutcomesText.Number(b.Benefit.Baseline), b.Benefit.Baseline), new(OutcomesText.Number(b.Benefit.Target), b.Benefit.Target),
                    new(OutcomesText.Number(b.Realisation.Latest), b.Realisation.Latest), new(OutcomesText.Number(b.Realisation.Expected), b.Realisation.Expected),
                    new(b.Realisation.Progress is { } g ? g.ToString("0%", CultureInfo.CurrentCulture) : "–", b.Realisation.Progress, Format: "0%"),
                    new(t["BoardPackRealisation_" + b.Realisation.Status], Colour: BoardPackText.RealisationColour(b.Realisation.Status)),
                    new(b.Source.Text, Link: b.Source.Link),
                ])]));
        }

        return new PackSection(t["BoardPackProgramme"], "Programme", notes, tables);

        IReadOnlyList<PackCell> Milestone(MilestoneRow m, string which, string? colour) =>
        [
            new(which, Colour: colour), new(m.Milestone.Title), new(m.Phase), new(m.Milestone.Owner),
            new(BoardPackText.Date(m.Milestone.DueDate)), new(t["BoardPackMilestone_" + m.Milestone.Status]), new(m.Source.Text, Link: m.Source.Link),
        ];
    }
}

/// <summary>How the pack writes its figures, the same on the page, in the PDF and in the workbook.</summary>
public static class BoardPackText
{
    public const string Red = "#d5281b";
    public const string Amber = "#ffb81c";
    public const string Green = "#007f3b";
    public const string Blue = "#005eb8";
    public const string Grey = "#768692";

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>£ million to one decimal place, as the scenario pages write them.</summary>
    public static string Millions(double pounds) => string.Format(CultureInfo.CurrentCulture, "£{0:N1}m", Math.Abs(pounds) < 50_000 ? 0 : pounds / 1e6);

    public static string RagColour(string rag) => rag switch { "Green" => Green, "Amber" => Amber, "Red" => Red, _ => Grey };

    public static string VariationColour(string? variation) => OutcomesText.VariationColour(variation);

    public static string BandColour(RiskBand band) => band switch { RiskBand.Low => Green, RiskBand.Moderate => Amber, RiskBand.High => "#ed8b00", _ => Red };

    public static string RealisationColour(OnePlace.Core.Governance.Programmes.RealisationStatus status) => status switch
    {
        OnePlace.Core.Governance.Programmes.RealisationStatus.Achieved => Green,
        OnePlace.Core.Governance.Programmes.RealisationStatus.OnTrack => Blue,
        OnePlace.Core.Governance.Programmes.RealisationStatus.Behind => Red,
        _ => Grey,
    };

    /// <summary>A bridge step's name: the do-nothing gap, efficiencies, interaction and residual in the reader's
    /// language; an intervention by its name in the scenario file.</summary>
    public static string StepLabel(IStringLocalizer<SharedResource> t, BridgeStep step) =>
        step.Kind == BridgeStepKind.Intervention ? step.Label : t["BoardPackStep_" + step.Kind];

    public static string DueReasons(IStringLocalizer<SharedResource> t, IEnumerable<RiskReviewDue> reasons) =>
        string.Join("; ", reasons.Select(r => r.IndicatorId is { } id ? t["BoardPackDue_" + r.Reason, id].Value : t["BoardPackDue_" + r.Reason].Value));
}
