using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Finance;

/// <summary>
/// A small Section 75 agreement for a test: a council and a CCG (host), two in-scope schemes and one out of scope,
/// made through the ledger's own use cases. Defaults: 2019/20 and 2020/21; contributions council £60,000, CCG £40,000;
/// budgets £60,000 (REABLE, council), £36,000 (UCR, CCG), £12,000 (CHC, CCG, out of scope), each even across the year.
/// </summary>
internal sealed class PooledFundBuilder
{
    public static readonly StaffActor Finance = new("f", "finance@partnership.test", [StaffRoles.FinanceLead]);
    public static readonly StaffActor Programme = new("p", "programme@partnership.test", [StaffRoles.ProgrammeOffice]);
    public static readonly StaffActor Practitioner = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "DN-N");
    public static readonly DateTimeOffset Now = new(2020, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private RiskShareTerms _riskShare = new(RiskShareRule.CappedShare, 1_000m, "COUNCIL");

    public PooledFundBuilder WithRiskShare(RiskShareTerms terms)
    {
        _riskShare = terms;
        return this;
    }

    public async Task<(OnePlaceDb Db, FixedClock Clock, int AgreementId)> BuildAsync(TestStore store)
    {
        var db = store.Open();
        var clock = new FixedClock(Now);
        var audit = new AuditWriter(db, clock);
        var agreement = await new SetUpAgreement(db, audit, clock).MakeAsync(Finance, new AgreementTerms(
            "Test pool", LegalBasis.Section75England, "CCG", new DateOnly(2019, 4, 1), 2,
            [new("CCG", "Test CCG"), new("COUNCIL", "Test Council")],
            [
                new("REABLE", "Reablement", true, "COUNCIL", "Intermediate care"),
                new("UCR", "Urgent community response", true, "CCG", "Community health"),
                new("CHC", "Continuing healthcare", false, "CCG", "Continuing healthcare"),
            ],
            _riskShare));
        var contribution = new SetContribution(db, audit);
        await contribution.SetAsync(Finance, agreement.Id, "COUNCIL", 2019, 60_000m);
        await contribution.SetAsync(Finance, agreement.Id, "CCG", 2019, 40_000m);
        var budget = new SetSchemeBudget(db, audit);
        await budget.SetAsync(Finance, agreement.Id, "REABLE", 2019, 60_000m);
        await budget.SetAsync(Finance, agreement.Id, "UCR", 2019, 36_000m);
        await budget.SetAsync(Finance, agreement.Id, "CHC", 2019, 12_000m);
        return (db, clock, agreement.Id);
    }
}
