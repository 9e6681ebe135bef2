using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Analytics.Indicators;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Governance.Risks;
using OnePlace.Core.Store;
using OnePlace.Planning.Bridge;
using OnePlace.Web.Features.Outcomes;
using OnePlace.Web.Features.Planning;

namespace OnePlace.Web.Features.Governance.BoardPack;

/// <summary>The period asked for is not a month, or is outside the months the pack has data for; nothing was read.</summary>
public sealed class BoardPackPeriodException(string message) : Exception(message);

/// <summary>
/// Makes the board pack (PRODUCT.md F4) for a reporting month from live data, reading each part exactly as its own page
/// does, so that the pack's figures are the dashboards' figures: the outcomes framework from the dashboards' snapshot
/// (<see cref="OutcomesSource"/>, as /outcomes), each pooled fund agreement's position from
/// <see cref="PooledFundReport"/> (as /pooled-fund/{id}), the scenarios' gap bridges from the scenario library with
/// the pages' default runs and seed (as /planning/scenarios/{id}, and from the same cache), and the register, the
/// assessments and the programme straight from the store. Risks' review and benefits' realisation use the shared
/// rules (<see cref="RiskReview"/>, <see cref="BenefitRealisation"/>) with the dashboards' indicator readings.
/// </summary>
public sealed class BoardPackBuilder(
    OnePlaceDb db, PooledFundReport ledger, OutcomesSource outcomes, ScenarioLibrary scenarios, ScenarioRuns runs, TimeProvider clock, IConfiguration configuration,
    Microsoft.Extensions.Localization.IStringLocalizer<Resources.SharedResource> t)
{
    /// <summary>The configuration key of the partnership's name on the pack's title page.</summary>
    public const string PartnershipKey = "Governance:Partnership";

    /// <summary>How many of the open risks the pack lists, highest current score first.</summary>
    public const int TopRisks = 10;

    /// <summary>How far ahead of the period's end the pack looks for assessments and milestones falling due.</summary>
    public const int MonthsAhead = 3;

    /// <summary>The months the pack can be made for: the months of the outcomes framework's XmR charts and the months
    /// of the pooled fund agreements' financial years, latest first.</summary>
    public async Task<IReadOnlyList<DateOnly>> MonthsAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = outcomes.Current;
        var months = new SortedSet<DateOnly>(snapshot.Trend.Select(p => new DateOnly(p.Period.Year, p.Period.Month, 1)));
        foreach (var a in await db.PooledFundAgreements.AsNoTracking().ToListAsync(cancellationToken))
        {
            for (int m = 1; m <= FinancialYear.Months * a.YearCount; m++)
            {
                months.Add(FinancialYear.MonthOf(a.FirstYear, m));
            }
        }

        return [.. months.Reverse()];
    }

    /// <summary>The reporting month a query names (<c>2025-06</c>); by default the latest month of the outcomes
    /// framework's charts, else the latest month the pack has data for, else this month.</summary>
    public async Task<DateOnly> PeriodAsync(string? period, CancellationToken cancellationToken = default)
    {
        var months = await MonthsAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(period))
        {
            var trend = outcomes.Current.Trend;
            if (trend.Count > 0)
            {
                var latest = trend.Max(p => p.Period);
                return new DateOnly(latest.Year, latest.Month, 1);
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return months.Count > 0 ? months[0] : new DateOnly(today.Year, today.Month, 1);
        }

        if (!DateOnly.TryParseExact(period.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            throw new BoardPackPeriodException("The period must be a month written as year and month, for example 2025-06.");
        }

        if (months.Count > 0 && !months.Contains(month))
        {
            throw new BoardPackPeriodException(string.Create(CultureInfo.InvariantCulture,
                $"There are no data for {month:MMMM yyyy}: the pack can be made for {months[^1]:MMMM yyyy} to {months[0]:MMMM yyyy}."));
        }

        return month;
    }

    /// <summary>The pack for <paramref name="period"/> (the first of its month). The caller has checked
    /// <see cref="GovernanceAccess.CheckSee"/>; the ledger checks it again.</summary>
    public async Task<BoardPack> BuildAsync(StaffActor actor, DateOnly period, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var snapshot = outcomes.Current;
        var readings = IndicatorReadings.From(snapshot);
        var end = period.AddMonths(1).AddDays(-1);
        var (gaps, problems) = Scenarios();
        return new BoardPack(
            configuration[PartnershipKey] is { Length: > 0 } name ? name : t["BoardPackPartnershipDefault"],
            period,
            clock.GetUtcNow().UtcDateTime,
            await MonthsAsync(cancellationToken),
            Outcomes(snapshot, period),
            await FinanceAsync(actor, period, cancellationToken),
            gaps,
            problems,
            await RisksAsync(readings, end, cancellationToken),
            await EqiasAsync(period, end, cancellationToken),
            await ProgrammesAsync(readings, period, end, cancellationToken));
    }

    private static OutcomesPart Outcomes(OutcomesSnapshot snapshot, DateOnly period)
    {
        // As /outcomes: the overall value of the framework year for each indicator.
        var years = snapshot.Values.Where(v => v.Kind == PeriodKind.Year && v.Breakdown == "overall").ToDictionary(v => v.IndicatorId, StringComparer.Ordinal);
        var trend = snapshot.Trend.GroupBy(p => p.IndicatorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Period).ToList(), StringComparer.Ordinal);
        var rows = snapshot.Indicators.Select(i =>
        {
            var points = trend.GetValueOrDefault(i.Id) ?? [];
            var point = points.FirstOrDefault(p => p.Period.Year == period.Year && p.Period.Month == period.Month);
            var source = new PackSource(string.Create(CultureInfo.InvariantCulture, $"indicator {i.Id} v{i.Version}, run {i.RunAtUtc:yyyy-MM-dd HH:mm} UTC"), $"/outcomes/indicators/{i.Id}");
            return new OutcomeRow(i, years.GetValueOrDefault(i.Id), point, points, source);
        }).ToList();
        var year = snapshot.Values.FirstOrDefault(v => v.Kind == PeriodKind.Year);
        return new OutcomesPart(year?.Start, year?.End, rows);
    }

    private async Task<IReadOnlyList<FundPosition>> FinanceAsync(StaffActor actor, DateOnly period, CancellationToken cancellationToken)
    {
        int fy = FinancialYear.Of(period);
        var agreements = await db.PooledFundAgreements.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken);
        var positions = new List<FundPosition>();
        foreach (var a in agreements)
        {
            var year = await ledger.BoardPositionAsync(actor, a.Id, period, cancellationToken);
            positions.Add(new FundPosition(a.Id, a.Name, fy, year, new PackSource(
                string.Create(CultureInfo.InvariantCulture, $"pooled fund agreement {a.Id}, {FinancialYear.Label(fy)}, actuals to {(year?.ReportedTo is { } to ? to.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "none")}"),
                string.Create(CultureInfo.InvariantCulture, $"/pooled-fund/{a.Id}?year={fy}"))));
        }

        return positions;
    }

    /// <summary>Each runnable scenario file's named scenarios' bridges at the horizon, with the pages' default runs and
    /// seed, so the figures are those /planning/scenarios/{id} shows first; runs are kept by <see cref="ScenarioRuns"/>
    /// per file and version, so a second pack does not run them again.</summary>
    private (IReadOnlyList<ScenarioGap>, IReadOnlyList<ScenarioProblem>) Scenarios()
    {
        var gaps = new List<ScenarioGap>();
        var problems = new List<ScenarioProblem>();
        foreach (var entry in scenarios.Entries())
        {
            string file = Path.GetFileName(entry.Path);
            if (entry.Model is not { } model)
            {
                problems.Add(new ScenarioProblem(file, entry.Problem ?? ""));
                continue;
            }

            var request = ScenarioRequest.Read(model, _ => null);
            var result = runs.Run(entry, request);
            int year = result.Years[^1];
            foreach (var scenario in result.Scenarios.Skip(1))
            {
                gaps.Add(new ScenarioGap(file, scenario.Id, scenario.Title, year, GapBridge.For(result, scenario.Id, year), new PackSource(
                    $"scenario file {file}, scenario {scenario.Id}, {request.Runs.ToString(CultureInfo.InvariantCulture)} runs, seed {request.Seed.ToString(CultureInfo.InvariantCulture)}",
                    $"/planning/scenarios/{Uri.EscapeDataString(model.Id)}?scenario={Uri.EscapeDataString(scenario.Id)}")));
            }
        }

        return (gaps, problems);
    }

    /// <summary>The register as it stands (scores, owners and review dates are the risks' current ones; their history
    /// is in the risk pages), with each risk's review reasons as at the period's end.</summary>
    private async Task<RisksPart> RisksAsync(IReadOnlyDictionary<string, IndicatorReading> readings, DateOnly end, CancellationToken cancellationToken)
    {
        var open = await db.Risks.AsNoTracking().Where(r => r.Status == RiskStatus.Open).ToListAsync(cancellationToken);
        var links = (await db.RiskIndicatorLinks.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(l => l.RiskId, l => l.IndicatorId);
        var rows = open.Select(r => new RiskRow(r, RiskReview.DueReasons(r, links[r.Id], readings, end), new PackSource($"risk {r.Reference}", $"/governance/risks/{r.Id}")))
            .OrderByDescending(r => r.Risk.CurrentScore).ThenByDescending(r => r.Risk.InherentScore).ThenBy(r => r.Risk.Reference, StringComparer.Ordinal).ToList();
        return new RisksPart([.. rows.Take(TopRisks)], rows.Count, rows.Count(r => r.Due));
    }

    private async Task<EqiasPart> EqiasAsync(DateOnly period, DateOnly end, CancellationToken cancellationToken)
    {
        var horizon = end.AddMonths(MonthsAhead);
        var all = await db.EqualityImpactAssessments.AsNoTracking().ToListAsync(cancellationToken);
        var from = period.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var due = all.Where(e => e.Status != EqiaStatus.SignedOff && e.DueBy <= horizon).OrderBy(e => e.DueBy).ThenBy(e => e.Reference, StringComparer.Ordinal)
            .Select(e => Row(e, e.DueBy <= end)).ToList();
        var signed = all.Where(e => e.Status == EqiaStatus.SignedOff && e.SignedOffAtUtc >= from && e.SignedOffAtUtc < to)
            .OrderBy(e => e.SignedOffAtUtc).Select(e => Row(e, false)).ToList();
        return new EqiasPart(due, signed);

        static EqiaRow Row(EqualityImpactAssessment e, bool overdue) => new(e, overdue, new PackSource($"equality impact assessment {e.Reference}", $"/governance/equality/{e.Id}"));
    }

    private async Task<IReadOnlyList<ProgrammeStatus>> ProgrammesAsync(IReadOnlyDictionary<string, IndicatorReading> readings, DateOnly period, DateOnly end, CancellationToken cancellationToken)
    {
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var phases = await db.ProgrammePhases.AsNoTracking().ToListAsync(cancellationToken);
        var milestones = await db.Milestones.AsNoTracking().ToListAsync(cancellationToken);
        var benefits = await db.Benefits.AsNoTracking().ToListAsync(cancellationToken);
        var horizon = end.AddMonths(MonthsAhead);
        var statuses = new List<ProgrammeStatus>();
        foreach (var p in programmes)
        {
            var own = phases.Where(f => f.ProgrammeId == p.Id).OrderBy(f => f.Order).ToList();
            var names = own.ToDictionary(f => f.Id, f => f.Name);
            var current = own.FirstOrDefault(f => f.Start <= end && f.End >= end) ?? own.LastOrDefault(f => f.Start <= end);
            var mine = milestones.Where(m => names.ContainsKey(m.PhaseId)).OrderBy(m => m.DueDate).ThenBy(m => m.Title, StringComparer.Ordinal)
                .Select(m => new MilestoneRow(m, names[m.PhaseId], new PackSource($"programme {p.Name}, milestone {m.Title}", "/governance/programme"))).ToList();
            bool Done(Milestone m) => m.Status == MilestoneStatus.Complete && m.CompletedOn is { } on && on <= end;
            statuses.Add(new ProgrammeStatus(
                p,
                current,
                [.. mine.Where(m => !Done(m.Milestone) && m.Milestone.DueDate <= end)],
                [.. mine.Where(m => !Done(m.Milestone) && m.Milestone.DueDate > end && m.Milestone.DueDate <= horizon)],
                [.. mine.Where(m => Done(m.Milestone) && m.Milestone.CompletedOn >= period)],
                [.. benefits.Where(b => b.ProgrammeId == p.Id).OrderBy(b => b.Title, StringComparer.Ordinal).Select(b => new BenefitRow(
                    b, BenefitRealisation.Of(b, readings.GetValueOrDefault(b.IndicatorId), end),
                    new PackSource(readings.GetValueOrDefault(b.IndicatorId) is { } r
                        ? string.Create(CultureInfo.InvariantCulture, $"benefit {b.Title}; indicator {b.IndicatorId}, run {r.RunAtUtc:yyyy-MM-dd HH:mm} UTC")
                        : $"benefit {b.Title}; indicator {b.IndicatorId}, no reading", "/governance/programme")))],
                new PackSource($"programme {p.Name}", "/governance/programme")));
        }

        return statuses;
    }
}
