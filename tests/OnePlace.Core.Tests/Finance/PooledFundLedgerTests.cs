using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Finance;

/// <summary>
/// The pooled fund ledger on a real store (SQLite, or PostgreSQL when the suite runs against it): monthly actuals
/// imported whole or not at all, the year's figures and risk share, who may see and change it, and an audit row for
/// every change.
/// </summary>
public sealed class PooledFundLedgerTests
{
    /// <summary>Three months: REABLE £5,500 a month against £5,000 budgeted, UCR £3,000 against £3,000, CHC £1,100 against £1,000.</summary>
    private const string ThreeMonths = """
        scheme,partner,month,amount
        REABLE,COUNCIL,2019-04,5500.00
        REABLE,COUNCIL,2019-05,5500
        REABLE,COUNCIL,2019-06,5500.00
        UCR,CCG,2019-04,3000.00
        UCR,,2019-05,3000.00
        UCR,CCG,2019-06,3000.00
        CHC,CCG,2019-04,1100.00
        CHC,CCG,2019-05,1100.00
        CHC,CCG,2019-06,1100.00
        """;

    private static Task<ActualsImportResult> Import(OnePlaceDb db, FixedClock clock, int agreement, string csv, bool replace = false, StaffActor? actor = null) =>
        new ImportActuals(db, new AuditWriter(db, clock), clock).ImportAsync(actor ?? PooledFundBuilder.Finance, agreement, "actuals.csv", new StringReader(csv), replace);

    [Fact]
    public async Task The_year_shows_budget_actual_forecast_and_variance_per_scheme_and_partner_and_the_capped_risk_share()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        Assert.True((await Import(db, clock, id, ThreeMonths)).Succeeded);

        var year = (await new PooledFundReport(db).YearAsync(PooledFundBuilder.Finance, id))!;

        Assert.Equal(2019, year.FinancialYear);
        Assert.Equal(3, year.MonthsReported);
        var reable = year.Schemes.Single(s => s.Scheme.Code == "REABLE").Figures;
        // 16,500 to date + 9 months × 5,000 = 61,500 against 60,000.
        Assert.Equal(new LedgerFigures(60_000m, 15_000m, 16_500m, 61_500m), reable);
        Assert.Equal(0m, year.Schemes.Single(s => s.Scheme.Code == "UCR").Figures.VarianceGbp);
        Assert.Equal(300m, year.Schemes.Single(s => s.Scheme.Code == "CHC").Figures.VarianceGbp);
        // The pool is the in-scope schemes: CHC's overspend sits outside it.
        Assert.Equal(new LedgerFigures(96_000m, 24_000m, 25_500m, 97_500m), year.Pool);
        var council = year.Partners.Single(p => p.Code == "COUNCIL");
        var ccg = year.Partners.Single(p => p.Code == "CCG");
        Assert.Equal(1_500m, council.Commissioned.VarianceGbp);
        Assert.True(ccg.IsHost);
        // £1,500 over: £1,000 shared 60:40, the council bears the £500 beyond the cap.
        Assert.Equal(new RiskShareAllocation("COUNCIL", 600m, 500m), council.RiskShare);
        Assert.Equal(new RiskShareAllocation("CCG", 400m, 0m), ccg.RiskShare);
        Assert.Equal(8_500m, year.Months[0].ActualGbp);
        Assert.Equal(8_000m, year.Months[0].BudgetGbp);
        Assert.Null(year.Months[3].ActualGbp);
    }

    [Fact]
    public async Task The_board_reads_the_position_as_at_a_month_under_governance_access_and_the_ledger_stays_closed_to_it()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        Assert.True((await Import(db, clock, id, ThreeMonths)).Succeeded);
        var board = new StaffActor("b", "board@partnership.test", [OnePlace.Core.Staff.StaffRoles.BoardMember]);
        var report = new PooledFundReport(db);

        var may = await report.BoardPositionAsync(board, id, new DateOnly(2019, 5, 1));
        var june = await report.BoardPositionAsync(board, id, new DateOnly(2019, 6, 1));
        var later = await report.BoardPositionAsync(board, id, new DateOnly(2020, 1, 1));

        // As at May: two months of actuals, June's left out; REABLE 11,000 to date + 10 × 5,000.
        Assert.Equal(2, may!.MonthsReported);
        Assert.Equal(new LedgerFigures(60_000m, 10_000m, 11_000m, 61_000m), may.Schemes.Single(s => s.Scheme.Code == "REABLE").Figures);
        Assert.Null(may.Months[2].ActualGbp);
        // As at June or later in the year: the position the ledger's own page shows.
        var ledger = (await report.YearAsync(PooledFundBuilder.Finance, id))!;
        Assert.Equal(ledger.Pool, june!.Pool);
        Assert.Equal(ledger.Pool, later!.Pool);
        Assert.Null(await report.BoardPositionAsync(board, id, new DateOnly(2031, 4, 1)));
        // The board's way in is not the ledger's: a board member is still refused the ledger, and a finance lead
        // without governance is refused the board's.
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() => report.YearAsync(board, id));
        await Assert.ThrowsAsync<OnePlace.Core.Governance.GovernanceAccessDeniedException>(() => report.BoardPositionAsync(PooledFundBuilder.Finance, id, new DateOnly(2019, 5, 1)));
    }

    [Fact]
    public async Task A_file_with_any_bad_row_is_refused_whole_with_each_line_and_reason_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        int auditRows = await db.AuditLog.CountAsync();

        var result = await Import(db, clock, id, """
            scheme,partner,month,amount
            REABLE,COUNCIL,2019-04,5500.00
            NOSUCH,COUNCIL,2019-04,1.00
            UCR,SOMEONE,2019-04,1.00
            UCR,CCG,2021-04,1.00
            UCR,CCG,2019-05,12.345
            UCR,CCG,2019-06,£12
            REABLE,COUNCIL,2019-04,10.00
            UCR,CCG,April,1.00
            """);

        Assert.False(result.Succeeded);
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], result.Errors.Select(e => e.Line));
        Assert.Contains("scheme 'NOSUCH' is not a scheme", result.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("partner 'SOMEONE'", result.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("outside the agreement's years (2019-04 to 2021-03)", result.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Contains("pounds and pence", result.Errors[3].Reason, StringComparison.Ordinal);
        Assert.Contains("not an amount", result.Errors[4].Reason, StringComparison.Ordinal);
        Assert.Contains("repeats line 2", result.Errors[5].Reason, StringComparison.Ordinal);
        Assert.Contains("yyyy-MM", result.Errors[6].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.SchemeActuals.CountAsync());
        Assert.Equal(auditRows, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task A_month_already_held_is_replaced_only_when_asked()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        Assert.True((await Import(db, clock, id, ThreeMonths)).Succeeded);
        const string Corrected = """
            scheme,partner,month,amount
            REABLE,COUNCIL,2019-06,5000.00
            REABLE,COUNCIL,2019-07,5000.00
            """;

        var refused = await Import(db, clock, id, Corrected);
        Assert.Equal(2, refused.Errors.Single().Line);
        Assert.Contains("already held", refused.Errors.Single().Reason, StringComparison.Ordinal);
        Assert.Equal(9, await db.SchemeActuals.CountAsync());

        var replaced = await Import(db, clock, id, Corrected, replace: true);
        Assert.True(replaced.Succeeded);
        Assert.Equal(1, replaced.Replaced);
        var june = (await db.SchemeActuals.AsNoTracking().Where(a => a.Month == new DateOnly(2019, 6, 1)).ToListAsync()).Single(a => a.PartnerCode == "COUNCIL");
        Assert.Equal(5_000m, june.AmountGbp);
        Assert.Equal(10, await db.SchemeActuals.CountAsync());
    }

    [Fact]
    public async Task Every_change_to_the_ledger_writes_an_audit_row_saying_who_and_what()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        await new ChangeRiskShare(db, new AuditWriter(db, clock)).ChangeAsync(PooledFundBuilder.Finance, id, new RiskShareTerms(RiskShareRule.ProRata));
        await Import(db, clock, id, ThreeMonths);

        var rows = await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).ToListAsync();

        Assert.Equal(
            [PooledFundAuditAction.AgreementMade, PooledFundAuditAction.ContributionSet, PooledFundAuditAction.ContributionSet,
             PooledFundAuditAction.BudgetSet, PooledFundAuditAction.BudgetSet, PooledFundAuditAction.BudgetSet,
             PooledFundAuditAction.RiskShareChanged, PooledFundAuditAction.ActualsImported],
            rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal("finance@partnership.test", r.Actor));
        Assert.All(rows, r => Assert.Null(r.PersonId));
        Assert.Contains("before: rule=CappedShare; cap=1000", rows[6].Detail, StringComparison.Ordinal);
        Assert.Contains("rows=9; total=28800", rows[7].Detail, StringComparison.Ordinal);
        Assert.Equal(PooledFundBuilder.Now.UtcDateTime, rows[7].OccurredAtUtc);
    }

    [Fact]
    public async Task Only_finance_leads_change_the_ledger_and_only_they_and_the_programme_office_see_it()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        var report = new PooledFundReport(db);

        Assert.NotNull(await report.YearAsync(PooledFundBuilder.Programme, id));
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() => report.YearAsync(PooledFundBuilder.Practitioner, id));
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() => report.AgreementsAsync(PooledFundBuilder.Practitioner));
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() => Import(db, clock, id, ThreeMonths, actor: PooledFundBuilder.Programme));
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() =>
            new SetContribution(db, new AuditWriter(db, clock)).SetAsync(PooledFundBuilder.Programme, id, "CCG", 2019, 1m));
        Assert.Equal(0, await db.SchemeActuals.CountAsync());
    }

    [Fact]
    public async Task The_run_rate_forecast_and_the_pro_rata_rule_apply_to_the_pool()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().WithRiskShare(new RiskShareTerms(RiskShareRule.ProRata)).BuildAsync(store);
        await Import(db, clock, id, ThreeMonths);

        var year = (await new PooledFundReport(db).YearAsync(PooledFundBuilder.Finance, id, 2019, ForecastMethod.RunRate))!;

        // REABLE at 110% of budget: 16,500 + 45,000 × 1.1 = 66,000, 6,000 over; UCR on budget. Shared 60:40.
        Assert.Equal(6_000m, year.Pool.VarianceGbp);
        Assert.Equal(3_600m, year.Partners.Single(p => p.Code == "COUNCIL").RiskShare.TotalGbp);
        Assert.Equal(2_400m, year.Partners.Single(p => p.Code == "CCG").RiskShare.TotalGbp);
    }
}
