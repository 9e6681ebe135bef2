using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Synthetic.Demo;

/// <summary>
/// The demo partnership's pooled funds (PRODUCT.md E1), made through the ledger's own use cases as a finance lead
/// would: a Walsall Together Section 75 agreement (the 2019 business case pools under section 75; host Walsall
/// Healthcare NHS Trust), a Powys-style Section 33 agreement, and a Walsall Better Care Fund pool of the demo data's
/// latest year. Partners and schemes follow the business cases; every
/// amount is illustrative, made up for the demo, and each agreement says so.
/// </summary>
public static class DemoPooledFunds
{
    public const string Illustrative = "Illustrative demo figures: not the partners' accounts.";

    private static readonly StaffActor Actor = new(DemoBorough.DemoActor, DemoBorough.DemoActor, [StaffRoles.FinanceLead]);

    /// <summary>Organisation codes: NHS bodies by their ODS code, councils by their ONS (GSS) area code.</summary>
    public const string WalsallHealthcare = "RBK";
    public const string WalsallCouncil = "E08000030";
    public const string WalsallCcg = "05Y";
    public const string DudleyWalsallMentalHealth = "TAJ";
    public const string PowysCouncil = "W06000023";
    public const string PowysHealthBoard = "7A7";
    public const string BlackCountryIcb = "QUA";

    private sealed record DemoScheme(AgreementScheme Scheme, decimal Budget, decimal RunsOver);

    /// <summary>Adds the demo agreements unless the store holds any agreement; true if it added them.</summary>
    public static async Task<bool> EnsureAsync(OnePlaceDb db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (await db.PooledFundAgreements.AnyAsync(cancellationToken))
        {
            return false;
        }

        var audit = new AuditWriter(db, clock);
        await AddAsync(db, audit, clock, new AgreementTerms(
            "Walsall Together Section 75 pooled fund", LegalBasis.Section75England, WalsallHealthcare, new DateOnly(2019, 4, 1), 3,
            [
                new(WalsallHealthcare, "Walsall Healthcare NHS Trust"),
                new(WalsallCouncil, "Walsall Council"),
                new(WalsallCcg, "NHS Walsall Clinical Commissioning Group"),
                new(DudleyWalsallMentalHealth, "Dudley and Walsall Mental Health Partnership NHS Trust"),
            ],
            [],
            // Shared in proportion to contributions up to £500,000; the council bears any overspend beyond it.
            new RiskShareTerms(RiskShareRule.CappedShare, 500_000m, WalsallCouncil),
            "Integrated health and social care in Walsall's place-based partnership. " + Illustrative),
            [
                new(new("IC-REABLE", "Intermediate care and reablement", true, WalsallCouncil, "Intermediate care"), 9_600_000m, 0.04m),
                new(new("EQUIP", "Community equipment service", true, WalsallCouncil, "Equipment and adaptations"), 2_400_000m, 0m),
                new(new("HOMECARE", "Home care", true, WalsallCouncil, "Adult social care"), 14_400_000m, 0.06m),
                new(new("UCR", "Urgent community response", true, WalsallCcg, "Community health"), 3_600_000m, -0.03m),
                new(new("CAREHOME", "Enhanced health in care homes", true, WalsallCcg, "Care home support"), 1_800_000m, 0.02m),
                new(new("MH-LIAISON", "Older people's mental health liaison", true, DudleyWalsallMentalHealth, "Mental health"), 1_200_000m, 0m),
                new(new("CHC", "NHS Continuing Healthcare (alongside the pool)", false, WalsallCcg, "Continuing healthcare"), 20_000_000m, 0.05m),
            ],
            new Dictionary<string, decimal>
            {
                [WalsallCouncil] = 18_000_000m,
                [WalsallCcg] = 13_200_000m,
                [WalsallHealthcare] = 600_000m,
                [DudleyWalsallMentalHealth] = 1_200_000m,
            },
            monthsReported: 7, cancellationToken);

        await AddAsync(db, audit, clock, new AgreementTerms(
            "Powys Section 33 integrated services pool", LegalBasis.Section33Wales, PowysCouncil, new DateOnly(2019, 4, 1), 3,
            [new(PowysCouncil, "Powys County Council"), new(PowysHealthBoard, "Powys Teaching Health Board")],
            [],
            new RiskShareTerms(RiskShareRule.ProRata),
            "Reablement, community equipment and care home placements for older people, pooled under section 33. " + Illustrative),
            [
                new(new("REABLE", "Reablement", true, PowysCouncil, "Reablement"), 3_000_000m, -0.02m),
                new(new("EQUIP", "Joint community equipment store", true, PowysHealthBoard, "Equipment and adaptations"), 1_200_000m, 0.01m),
                new(new("CH-OLDER", "Care home placements for older people", true, PowysCouncil, "Care homes"), 18_000_000m, -0.01m),
            ],
            new Dictionary<string, decimal> { [PowysCouncil] = 14_520_000m, [PowysHealthBoard] = 7_680_000m },
            monthsReported: 5, cancellationToken);

        // The Better Care Fund pool of the demo data's latest year (the generator's activity runs to March 2026), its
        // first year closed, so that the board pack and the outcomes framework speak of the same months. The BCF is
        // pooled under section 75 and hosted by the council; each partner bears its own schemes' variance.
        await AddAsync(db, audit, clock, new AgreementTerms(
            "Better Care Fund pooled budget (Walsall)", LegalBasis.Section75England, WalsallCouncil, new DateOnly(2025, 4, 1), 2,
            [new(WalsallCouncil, "Walsall Council"), new(BlackCountryIcb, "NHS Black Country Integrated Care Board")],
            [],
            new RiskShareTerms(RiskShareRule.ByCommissioner),
            "The Better Care Fund: the ICB's minimum contribution, the improved BCF grant and the Disabled Facilities Grant. " + Illustrative),
            [
                new(new("BCF-DFG", "Disabled Facilities Grant", true, WalsallCouncil, "Equipment and adaptations"), 3_500_000m, -0.02m),
                new(new("BCF-DISCH", "Hospital discharge and intermediate care", true, BlackCountryIcb, "Intermediate care"), 6_000_000m, 0.05m),
                new(new("BCF-REABLE", "Reablement", true, WalsallCouncil, "Reablement"), 5_000_000m, 0.03m),
                new(new("BCF-CARERS", "Support for carers", true, WalsallCouncil, "Carers"), 1_000_000m, 0m),
                new(new("BCF-UCR", "Urgent community response", true, BlackCountryIcb, "Community health"), 4_000_000m, -0.01m),
                new(new("BCF-ASC", "Protecting adult social care (NHS minimum contribution)", true, WalsallCouncil, "Adult social care"), 9_000_000m, 0.02m),
                new(new("BCF-ASCDF", "Adult social care discharge fund", true, WalsallCouncil, "Adult social care"), 2_500_000m, 0.04m),
            ],
            new Dictionary<string, decimal> { [BlackCountryIcb] = 20_500_000m, [WalsallCouncil] = 10_500_000m },
            monthsReported: 12, cancellationToken);
        return true;
    }

    private static async Task AddAsync(
        OnePlaceDb db, AuditWriter audit, TimeProvider clock, AgreementTerms terms, IReadOnlyList<DemoScheme> schemes,
        IReadOnlyDictionary<string, decimal> contributions, int monthsReported, CancellationToken cancellationToken)
    {
        var agreement = await new SetUpAgreement(db, audit, clock).MakeAsync(Actor, terms with { Schemes = [.. schemes.Select(s => s.Scheme)] }, cancellationToken);
        var setContribution = new SetContribution(db, audit);
        var setBudget = new SetSchemeBudget(db, audit);
        for (int year = agreement.FirstYear; year <= agreement.LastYear; year++)
        {
            // Later years uplifted by 3% a year, to the pound.
            decimal uplift = (decimal)Math.Pow(1.03, year - agreement.FirstYear);
            foreach (var (partner, amount) in contributions)
            {
                await setContribution.SetAsync(Actor, agreement.Id, partner, year, decimal.Round(amount * uplift), cancellationToken);
            }

            foreach (var scheme in schemes)
            {
                await setBudget.SetAsync(Actor, agreement.Id, scheme.Scheme.Code, year, decimal.Round(scheme.Budget * uplift), cancellationToken: cancellationToken);
            }
        }

        // The first year's months so far, each scheme running over or under its budget by its own margin, with a
        // little month-to-month movement, imported as a partner's file would be.
        var csv = new StringBuilder(string.Join(',', ImportActuals.Header)).Append('\n');
        foreach (var (scheme, index) in schemes.Select((s, i) => (s, i)))
        {
            var monthly = SetSchemeBudget.Monthly(scheme.Budget, null);
            for (int m = 1; m <= monthsReported; m++)
            {
                decimal wobble = ((m * 7 + index * 3) % 5 - 2) * 0.005m;
                decimal amount = decimal.Round(monthly[m - 1] * (1 + scheme.RunsOver + wobble), 2);
                csv.Append(CultureInfo.InvariantCulture, $"{scheme.Scheme.Code},{scheme.Scheme.CommissionerCode},{FinancialYear.MonthOf(agreement.FirstYear, m):yyyy-MM},{amount}\n");
            }
        }

        var result = await new ImportActuals(db, audit, clock).ImportAsync(Actor, agreement.Id, "demo-actuals.csv", new StringReader(csv.ToString()), replace: false, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo actuals failed validation: " + string.Join("; ", result.Errors));
        }
    }
}
