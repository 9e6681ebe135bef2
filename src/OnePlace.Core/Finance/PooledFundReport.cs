using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>How the rest of the year is forecast (docs/adr/0016).</summary>
public enum ForecastMethod
{
    /// <summary>Actual to date + the remaining months' budget: the months not yet reported are assumed to go to plan.</summary>
    RemainingBudget,

    /// <summary>Actual to date + the remaining months' budget × (actual to date ÷ budget to date): the months not yet
    /// reported are assumed to run as the months reported did.</summary>
    RunRate,
}

/// <summary>Budget, actual to date, forecast outturn and variance (forecast − budget; positive is an overspend).</summary>
public sealed record LedgerFigures(decimal BudgetGbp, decimal BudgetToDateGbp, decimal ActualToDateGbp, decimal ForecastGbp)
{
    public decimal VarianceGbp => ForecastGbp - BudgetGbp;

    public decimal VarianceToDateGbp => ActualToDateGbp - BudgetToDateGbp;

    public static LedgerFigures Sum(IEnumerable<LedgerFigures> figures)
    {
        var all = figures.ToList();
        return new(all.Sum(f => f.BudgetGbp), all.Sum(f => f.BudgetToDateGbp), all.Sum(f => f.ActualToDateGbp), all.Sum(f => f.ForecastGbp));
    }
}

/// <summary>A scheme's figures for the year, with each month's budget and actual (April first; no actual yet is null).</summary>
public sealed record SchemeFigures(PooledFundScheme Scheme, string CommissionerName, LedgerFigures Figures, IReadOnlyList<decimal> MonthlyBudget, IReadOnlyList<decimal?> MonthlyActual);

/// <summary>A partner's contribution, the figures of the in-scope schemes it commissions, and its part of the risk share.</summary>
public sealed record PartnerFigures(string Code, string Name, bool IsHost, decimal ContributionGbp, LedgerFigures Commissioned, RiskShareAllocation RiskShare)
{
    /// <summary>The partner's share of the year's contributions (0 to 1).</summary>
    public decimal ContributionShare { get; init; }
}

/// <summary>One month of the pool (in-scope schemes): budget, and actual when reported.</summary>
public sealed record MonthFigures(DateOnly Month, decimal BudgetGbp, decimal? ActualGbp);

/// <summary>An agreement's ledger for one financial year.</summary>
public sealed record PooledFundYear(
    PooledFundAgreement Agreement,
    string HostName,
    int FinancialYear,
    int MonthsReported,
    ForecastMethod Method,
    IReadOnlyList<PartnerFigures> Partners,
    IReadOnlyList<SchemeFigures> Schemes,
    IReadOnlyList<MonthFigures> Months)
{
    public IEnumerable<SchemeFigures> InScope => Schemes.Where(s => s.Scheme.InScope);

    public IEnumerable<SchemeFigures> OutOfScope => Schemes.Where(s => !s.Scheme.InScope);

    /// <summary>The pool: the in-scope schemes.</summary>
    public LedgerFigures Pool => LedgerFigures.Sum(InScope.Select(s => s.Figures));

    public LedgerFigures OutOfScopeTotal => LedgerFigures.Sum(OutOfScope.Select(s => s.Figures));

    public decimal ContributionsGbp => Partners.Sum(p => p.ContributionGbp);

    /// <summary>The last month with actuals, if any.</summary>
    public DateOnly? ReportedTo => MonthsReported == 0 ? null : Finance.FinancialYear.MonthOf(FinancialYear, MonthsReported);
}

/// <summary>An agreement as the list of agreements shows it.</summary>
public sealed record AgreementSummary(int Id, string Name, LegalBasis LegalBasis, string HostName, int FirstYear, int YearCount, int Partners, int Schemes, RiskShareRule Rule);

/// <summary>
/// Reads the ledger (PRODUCT.md E1): for a financial year, per scheme, per partner and for the pool, the annual
/// budget, actual to date, forecast outturn and variance, and the risk share of the pool's forecast variance by the
/// agreement's rule. "To date" is to the last month of the year for which any of the agreement's schemes has actuals:
/// the months the partners have closed. Sums are made here, not in SQL, since SQLite keeps decimals as text.
/// </summary>
public sealed class PooledFundReport(OnePlaceDb db)
{
    public async Task<IReadOnlyList<AgreementSummary>> AgreementsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckSee(actor);
        var agreements = await db.PooledFundAgreements.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var names = await OrganisationNamesAsync(cancellationToken);
        var partners = await db.PooledFundPartners.AsNoTracking().GroupBy(p => p.AgreementId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var schemes = await db.PooledFundSchemes.AsNoTracking().GroupBy(s => s.AgreementId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. agreements.Select(a => new AgreementSummary(a.Id, a.Name, a.LegalBasis, names.GetValueOrDefault(a.HostPartnerCode, a.HostPartnerCode),
            a.FirstYear, a.YearCount, partners.GetValueOrDefault(a.Id), schemes.GetValueOrDefault(a.Id), a.RiskShareRule))];
    }

    /// <summary>The year the ledger opens at: the latest year of the agreement with actuals, or its first year.</summary>
    public async Task<int> CurrentYearAsync(PooledFundAgreement agreement, CancellationToken cancellationToken = default)
    {
        var latest = await db.SchemeActuals.AsNoTracking()
            .Where(a => db.PooledFundSchemes.Any(s => s.Id == a.SchemeId && s.AgreementId == agreement.Id))
            .OrderByDescending(a => a.Month).Select(a => (DateOnly?)a.Month).FirstOrDefaultAsync(cancellationToken);
        return latest is { } month ? Math.Clamp(Finance.FinancialYear.Of(month), agreement.FirstYear, agreement.LastYear) : agreement.FirstYear;
    }

    /// <summary>The agreement's ledger for <paramref name="year"/> (its current year if none); null if there is no such agreement.</summary>
    public async Task<PooledFundYear?> YearAsync(
        StaffActor actor, int agreementId, int? year = null, ForecastMethod method = ForecastMethod.RemainingBudget, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckSee(actor);
        return await ReadYearAsync(agreementId, year, method, null, cancellationToken);
    }

    /// <summary>
    /// The agreement's ledger for the financial year holding <paramref name="asAt"/>, as it stood at the end of that
    /// month, for the board pack (PRODUCT.md F4): the board reads the pool's position under
    /// <see cref="Governance.GovernanceAccess"/> (board members, the programme office, administrators), not under the
    /// ledger's own check, which stays with finance and the programme office for every other reader. Actuals of later
    /// months are left out, so a pack for a past month shows what the ledger showed then. Null if there is no such
    /// agreement, or it does not cover that year.
    /// </summary>
    public async Task<PooledFundYear?> BoardPositionAsync(StaffActor actor, int agreementId, DateOnly asAt, CancellationToken cancellationToken = default)
    {
        Governance.GovernanceAccess.CheckSee(actor);
        var agreement = await db.PooledFundAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        int fy = Finance.FinancialYear.Of(asAt);
        return agreement is null || !agreement.Covers(fy)
            ? null
            : await ReadYearAsync(agreementId, fy, ForecastMethod.RemainingBudget, asAt, cancellationToken);
    }

    private async Task<PooledFundYear?> ReadYearAsync(int agreementId, int? year, ForecastMethod method, DateOnly? asAt, CancellationToken cancellationToken)
    {
        var agreement = await db.PooledFundAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        if (agreement is null)
        {
            return null;
        }

        int fy = year ?? await CurrentYearAsync(agreement, cancellationToken);
        if (!agreement.Covers(fy))
        {
            throw new PooledFundChangeException($"The agreement does not cover {Finance.FinancialYear.Label(fy)}.");
        }

        var names = await OrganisationNamesAsync(cancellationToken);
        var partnerCodes = await db.PooledFundPartners.AsNoTracking().Where(p => p.AgreementId == agreementId).Select(p => p.OrganisationCode).ToListAsync(cancellationToken);
        var schemes = await db.PooledFundSchemes.AsNoTracking().Where(s => s.AgreementId == agreementId).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var schemeIds = schemes.Select(s => s.Id).ToList();
        var contributions = (await db.PooledFundContributions.AsNoTracking().Where(c => c.AgreementId == agreementId && c.FinancialYear == fy).ToListAsync(cancellationToken))
            .ToDictionary(c => c.OrganisationCode, c => c.AmountGbp, StringComparer.Ordinal);
        var budgets = (await db.SchemeBudgets.AsNoTracking().Where(b => schemeIds.Contains(b.SchemeId) && b.FinancialYear == fy).ToListAsync(cancellationToken))
            .ToDictionary(b => b.SchemeId);
        var from = Finance.FinancialYear.MonthOf(fy, 1);
        var to = Finance.FinancialYear.MonthOf(fy, Finance.FinancialYear.Months);
        if (asAt is { } at && at < to)
        {
            to = new DateOnly(at.Year, at.Month, 1);
        }

        var actuals = await db.SchemeActuals.AsNoTracking().Where(a => schemeIds.Contains(a.SchemeId) && a.Month >= from && a.Month <= to)
            .Select(a => new { a.SchemeId, a.Month, a.AmountGbp }).ToListAsync(cancellationToken);
        int reported = actuals.Count == 0 ? 0 : actuals.Max(a => Finance.FinancialYear.MonthIndex(a.Month));

        var schemeFigures = schemes.Select(s =>
        {
            var budget = budgets.GetValueOrDefault(s.Id);
            var monthlyBudget = SetSchemeBudget.Monthly(budget?.AmountGbp ?? 0m, budget?.Profile);
            var monthlyActual = Enumerable.Range(1, Finance.FinancialYear.Months).Select(m =>
            {
                var inMonth = actuals.Where(a => a.SchemeId == s.Id && Finance.FinancialYear.MonthIndex(a.Month) == m).ToList();
                return inMonth.Count == 0 ? (decimal?)null : inMonth.Sum(a => a.AmountGbp);
            }).ToList();
            return new SchemeFigures(s, names.GetValueOrDefault(s.CommissionerCode, s.CommissionerCode),
                Forecast(monthlyBudget, monthlyActual, reported, method), monthlyBudget, monthlyActual);
        }).ToList();

        var inScope = schemeFigures.Where(s => s.Scheme.InScope).ToList();
        var commissioned = partnerCodes.ToDictionary(p => p, p => LedgerFigures.Sum(inScope.Where(s => s.Scheme.CommissionerCode == p).Select(s => s.Figures)), StringComparer.Ordinal);
        var poolVariance = LedgerFigures.Sum(inScope.Select(s => s.Figures)).VarianceGbp;
        var allocations = RiskShare.Allocate(RiskShareTerms.Of(agreement), poolVariance,
            partnerCodes.ToDictionary(p => p, p => contributions.GetValueOrDefault(p), StringComparer.Ordinal),
            commissioned.ToDictionary(c => c.Key, c => c.Value.VarianceGbp, StringComparer.Ordinal)).ToDictionary(a => a.PartnerCode, StringComparer.Ordinal);
        decimal totalContribution = contributions.Values.Sum();
        var partners = partnerCodes.OrderByDescending(p => p == agreement.HostPartnerCode).ThenBy(p => names.GetValueOrDefault(p, p), StringComparer.Ordinal)
            .Select(p => new PartnerFigures(p, names.GetValueOrDefault(p, p), p == agreement.HostPartnerCode, contributions.GetValueOrDefault(p), commissioned[p], allocations[p])
            {
                ContributionShare = totalContribution == 0 ? 0 : contributions.GetValueOrDefault(p) / totalContribution,
            }).ToList();
        var months = Enumerable.Range(1, Finance.FinancialYear.Months).Select(m => new MonthFigures(
            Finance.FinancialYear.MonthOf(fy, m),
            inScope.Sum(s => s.MonthlyBudget[m - 1]),
            m > reported ? null : inScope.Sum(s => s.MonthlyActual[m - 1] ?? 0m))).ToList();
        return new PooledFundYear(agreement, names.GetValueOrDefault(agreement.HostPartnerCode, agreement.HostPartnerCode), fy, reported, method, partners, schemeFigures, months);
    }

    /// <summary>
    /// A scheme's forecast outturn after <paramref name="reported"/> months: actual to date plus the remaining months'
    /// budget, scaled by the run rate (actual to date ÷ budget to date) under <see cref="ForecastMethod.RunRate"/>. A
    /// month reported for the pool but not for this scheme counts as no spending, since the file for it said none.
    /// </summary>
    public static LedgerFigures Forecast(IReadOnlyList<decimal> monthlyBudget, IReadOnlyList<decimal?> monthlyActual, int reported, ForecastMethod method)
    {
        decimal budget = monthlyBudget.Sum();
        decimal budgetToDate = monthlyBudget.Take(reported).Sum();
        decimal actualToDate = monthlyActual.Take(reported).Sum(a => a ?? 0m);
        decimal remaining = budget - budgetToDate;
        decimal rate = method == ForecastMethod.RunRate && budgetToDate != 0 ? actualToDate / budgetToDate : 1m;
        decimal forecast = actualToDate + decimal.Round(remaining * rate, 2, MidpointRounding.AwayFromZero);
        return new LedgerFigures(budget, budgetToDate, actualToDate, forecast);
    }

    private async Task<Dictionary<string, string>> OrganisationNamesAsync(CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().Where(o => db.PooledFundPartners.Any(p => p.OrganisationCode == o.Code)).ToDictionaryAsync(o => o.Code, o => o.Name, StringComparer.Ordinal, cancellationToken);
}
