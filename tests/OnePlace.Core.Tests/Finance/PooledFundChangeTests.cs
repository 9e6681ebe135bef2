using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Finance;

/// <summary>
/// The changes a finance lead makes on the ledger's pages: each refusal names what was wrong (so a form can mark the
/// field), a scheme added after the agreement is made meets the same rules as the first ones, and changing a budget's
/// amount can keep the profile it has.
/// </summary>
public sealed class PooledFundChangeTests
{
    [Fact]
    public async Task A_refused_change_names_its_problem_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        await using var _ = db;
        var audit = new AuditWriter(db, clock);
        int rows = await db.AuditLog.CountAsync();

        async Task<PooledFundProblem> Refused(Func<Task> change) => (await Assert.ThrowsAsync<PooledFundChangeException>(change)).Problem;

        Assert.Equal(PooledFundProblem.NotPartner, await Refused(() => new SetContribution(db, audit).SetAsync(PooledFundBuilder.Finance, id, "HOSPICE", 2019, 1m)));
        Assert.Equal(PooledFundProblem.YearNotCovered, await Refused(() => new SetContribution(db, audit).SetAsync(PooledFundBuilder.Finance, id, "CCG", 2025, 1m)));
        Assert.Equal(PooledFundProblem.ContributionNotMoney, await Refused(() => new SetContribution(db, audit).SetAsync(PooledFundBuilder.Finance, id, "CCG", 2019, 1.005m)));
        Assert.Equal(PooledFundProblem.NoSuchScheme, await Refused(() => new SetSchemeBudget(db, audit).SetAsync(PooledFundBuilder.Finance, id, "HOSPICE", 2019, 1m)));
        Assert.Equal(PooledFundProblem.BudgetNotMoney, await Refused(() => new SetSchemeBudget(db, audit).SetAsync(PooledFundBuilder.Finance, id, "UCR", 2019, -1m)));
        Assert.Equal(PooledFundProblem.ProfileBad, await Refused(() => new SetSchemeBudget(db, audit).SetAsync(PooledFundBuilder.Finance, id, "UCR", 2019, 1m, [1m, 2m])));
        Assert.Equal(PooledFundProblem.CapBearerNotPartner, await Refused(() =>
            new ChangeRiskShare(db, audit).ChangeAsync(PooledFundBuilder.Finance, id, new RiskShareTerms(RiskShareRule.CappedShare, 10m, "HOSPICE"))));
        Assert.Equal(PooledFundProblem.CapMissing, await Refused(() =>
            new ChangeRiskShare(db, audit).ChangeAsync(PooledFundBuilder.Finance, id, new RiskShareTerms(RiskShareRule.CappedShare, 10.001m, "CCG"))));
        Assert.Equal(PooledFundProblem.NoSuchAgreement, await Refused(() => new SetContribution(db, audit).SetAsync(PooledFundBuilder.Finance, id + 1, "CCG", 2019, 1m)));
        db.ChangeTracker.Clear();
        Assert.Equal(rows, await db.AuditLog.CountAsync());
        Assert.Equal(40_000m, (await db.PooledFundContributions.SingleAsync(c => c.OrganisationCode == "CCG" && c.FinancialYear == 2019)).AmountGbp);
        Assert.Equal(RiskShareRule.CappedShare, (await db.PooledFundAgreements.SingleAsync()).RiskShareRule);
    }

    [Theory]
    [InlineData("", "A", "CCG", PooledFundProblem.NameMissing)]
    [InlineData("Pool", " ", "CCG", PooledFundProblem.PartnerCodeMissing)]
    [InlineData("Pool", "CCG", "CCG", PooledFundProblem.PartnerTwice)]
    [InlineData("Pool", "COUNCIL", "NOBODY", PooledFundProblem.CommissionerNotPartner)]
    public async Task An_agreement_with_a_bad_term_is_refused_naming_it(string name, string secondPartner, string commissioner, PooledFundProblem expected)
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var clock = new FixedClock(PooledFundBuilder.Now);
        var terms = new AgreementTerms(name, LegalBasis.Section33Wales, "CCG", new DateOnly(2024, 4, 1), 3,
            [new("CCG", "Test CCG"), new(secondPartner, "Second")], [new("REABLE", "Reablement", true, commissioner, "")], new RiskShareTerms(RiskShareRule.ProRata));

        var refused = await Assert.ThrowsAsync<PooledFundChangeException>(() => new SetUpAgreement(db, new AuditWriter(db, clock), clock).MakeAsync(PooledFundBuilder.Finance, terms));

        Assert.Equal(expected, refused.Problem);
        Assert.Equal(0, await db.PooledFundAgreements.CountAsync());
    }

    [Fact]
    public async Task A_scheme_added_later_is_audited_and_meets_the_rules_of_the_first_schemes()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        await using var _ = db;
        var add = new AddScheme(db, new AuditWriter(db, clock));

        var added = await add.AddAsync(PooledFundBuilder.Finance, id, new AgreementScheme(" DFG ", "Disabled facilities grant", false, "COUNCIL", "Housing"));

        Assert.Equal(("DFG", false, "COUNCIL"), (added.Code, added.InScope, added.CommissionerCode));
        var row = await db.AuditLog.AsNoTracking().OrderBy(a => a.Id).LastAsync();
        Assert.Equal(PooledFundAuditAction.SchemeAdded, row.Action);
        Assert.Contains("scheme=DFG; name=Disabled facilities grant; in_scope=False; commissioner=COUNCIL", row.Detail, StringComparison.Ordinal);
        Assert.Equal(PooledFundProblem.SchemeCodeTaken, (await Assert.ThrowsAsync<PooledFundChangeException>(() =>
            add.AddAsync(PooledFundBuilder.Finance, id, new AgreementScheme("ucr", "Again", true, "CCG", "")))).Problem);
        Assert.Equal(PooledFundProblem.SchemeNameMissing, (await Assert.ThrowsAsync<PooledFundChangeException>(() =>
            add.AddAsync(PooledFundBuilder.Finance, id, new AgreementScheme("NEW", " ", true, "CCG", "")))).Problem);
        Assert.Equal(PooledFundProblem.CommissionerNotPartner, (await Assert.ThrowsAsync<PooledFundChangeException>(() =>
            add.AddAsync(PooledFundBuilder.Finance, id, new AgreementScheme("NEW", "New", true, "HOSPICE", "")))).Problem);
        await Assert.ThrowsAsync<FinanceAccessDeniedException>(() =>
            add.AddAsync(PooledFundBuilder.Programme, id, new AgreementScheme("NEW", "New", true, "CCG", "")));
        Assert.Equal(4, await db.PooledFundSchemes.CountAsync());
    }

    [Fact]
    public async Task A_budget_changed_keeping_its_profile_keeps_it_and_otherwise_falls_evenly()
    {
        await using var store = await TestStore.CreateAsync();
        var (db, clock, id) = await new PooledFundBuilder().BuildAsync(store);
        await using var _ = db;
        var set = new SetSchemeBudget(db, new AuditWriter(db, clock));
        await set.SetAsync(PooledFundBuilder.Finance, id, "UCR", 2019, 36_000m, [1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 2m, 2m, 2m]);

        await set.SetAsync(PooledFundBuilder.Finance, id, "UCR", 2019, 45_000m, keepProfile: true);
        var kept = await db.SchemeBudgets.AsNoTracking().SingleAsync(b => b.FinancialYear == 2019 && db.PooledFundSchemes.Any(s => s.Id == b.SchemeId && s.Code == "UCR"));
        await set.SetAsync(PooledFundBuilder.Finance, id, "UCR", 2019, 45_000m);
        var even = await db.SchemeBudgets.AsNoTracking().SingleAsync(b => b.FinancialYear == 2019 && db.PooledFundSchemes.Any(s => s.Id == b.SchemeId && s.Code == "UCR"));

        Assert.Equal((45_000m, "1 1 1 1 1 1 1 1 1 2 2 2"), (kept.AmountGbp, kept.Profile));
        Assert.Null(even.Profile);
    }
}
