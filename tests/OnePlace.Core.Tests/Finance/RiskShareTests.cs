using CsCheck;
using OnePlace.Core.Finance;

namespace OnePlace.Core.Tests.Finance;

/// <summary>
/// Each risk-share rule allocates a forecast variance as it says. The expected figures are worked by hand: the
/// partners contribute £18m (council), £13.2m (CCG), £1.2m (mental health trust) and £0.6m (acute trust) of £33m; pence
/// left over by rounding down go to the largest remainders.
/// </summary>
public sealed class RiskShareTests
{
    private static readonly Dictionary<string, decimal> Contributions = new(StringComparer.Ordinal)
    {
        ["COUNCIL"] = 18_000_000m,
        ["CCG"] = 13_200_000m,
        ["MH"] = 1_200_000m,
        ["TRUST"] = 600_000m,
    };

    private static readonly Dictionary<string, decimal> NoCommissioned = [];

    private static Dictionary<string, (decimal Shared, decimal Beyond)> Allocate(RiskShareTerms terms, decimal variance, Dictionary<string, decimal>? commissioned = null) =>
        RiskShare.Allocate(terms, variance, Contributions, commissioned ?? NoCommissioned).ToDictionary(a => a.PartnerCode, a => (a.SharedGbp, a.BeyondCapGbp));

    [Fact]
    public void Pro_rata_shares_an_overspend_in_proportion_to_contributions_to_the_penny()
    {
        var shares = Allocate(new RiskShareTerms(RiskShareRule.ProRata), 700_000m);

        // 700,000 × 18/33 = 381,818.1818…; × 13.2/33 = 280,000; × 1.2/33 = 25,454.5454…; × 0.6/33 = 12,727.2727…
        // Rounded down they sum to 699,999.99; the penny goes to the largest remainder (the mental health trust's .545).
        Assert.Equal((381_818.18m, 0m), shares["COUNCIL"]);
        Assert.Equal((280_000.00m, 0m), shares["CCG"]);
        Assert.Equal((25_454.55m, 0m), shares["MH"]);
        Assert.Equal((12_727.27m, 0m), shares["TRUST"]);
    }

    [Fact]
    public void By_commissioner_gives_each_partner_the_variance_of_the_schemes_it_commissions()
    {
        var commissioned = new Dictionary<string, decimal> { ["COUNCIL"] = 350_000m, ["CCG"] = 10_000m, ["MH"] = 0m, ["TRUST"] = -2_500.50m };

        var shares = Allocate(new RiskShareTerms(RiskShareRule.ByCommissioner), 357_499.50m, commissioned);

        Assert.Equal((350_000m, 0m), shares["COUNCIL"]);
        Assert.Equal((10_000m, 0m), shares["CCG"]);
        Assert.Equal((0m, 0m), shares["MH"]);
        Assert.Equal((-2_500.50m, 0m), shares["TRUST"]);
    }

    [Fact]
    public void By_commissioner_refuses_commissioned_variances_that_do_not_add_up_to_the_pool()
    {
        var commissioned = new Dictionary<string, decimal> { ["COUNCIL"] = 350_000m };

        Assert.Throws<ArgumentException>(() => Allocate(new RiskShareTerms(RiskShareRule.ByCommissioner), 360_000m, commissioned));
    }

    [Fact]
    public void A_capped_share_shares_the_overspend_up_to_the_cap_and_the_named_partner_bears_the_rest()
    {
        var shares = Allocate(new RiskShareTerms(RiskShareRule.CappedShare, 500_000m, "COUNCIL"), 700_000m);

        // 500,000 shared: 272,727.2727…, 200,000, 18,181.8181…, 9,090.9090…; rounded down they sum to 499,999.98, and the
        // two pence go to the trusts' remainders (.909 and .818). The council bears the 200,000 beyond the cap.
        Assert.Equal((272_727.27m, 200_000m), shares["COUNCIL"]);
        Assert.Equal((200_000.00m, 0m), shares["CCG"]);
        Assert.Equal((18_181.82m, 0m), shares["MH"]);
        Assert.Equal((9_090.91m, 0m), shares["TRUST"]);
        Assert.Equal(700_000m, shares.Values.Sum(s => s.Shared + s.Beyond));
    }

    [Fact]
    public void A_capped_share_shares_an_overspend_below_the_cap_entirely()
    {
        var shares = Allocate(new RiskShareTerms(RiskShareRule.CappedShare, 500_000m, "COUNCIL"), 300_000m);

        // 163,636.3636…, 120,000, 10,909.0909…, 5,454.5454…: the penny to the acute trust's .54.
        Assert.Equal((163_636.36m, 0m), shares["COUNCIL"]);
        Assert.Equal((120_000m, 0m), shares["CCG"]);
        Assert.Equal((10_909.09m, 0m), shares["MH"]);
        Assert.Equal((5_454.55m, 0m), shares["TRUST"]);
    }

    [Fact]
    public void A_capped_share_shares_an_underspend_whole_unless_the_agreement_caps_underspends_too()
    {
        var uncapped = Allocate(new RiskShareTerms(RiskShareRule.CappedShare, 500_000m, "COUNCIL"), -700_000m);
        var capped = Allocate(new RiskShareTerms(RiskShareRule.CappedShare, 500_000m, "COUNCIL", CapAppliesToUnderspend: true), -700_000m);

        Assert.Equal((-381_818.18m, 0m), uncapped["COUNCIL"]);
        Assert.Equal((-25_454.55m, 0m), uncapped["MH"]);
        Assert.Equal((-272_727.27m, -200_000m), capped["COUNCIL"]);
        Assert.Equal((-9_090.91m, 0m), capped["TRUST"]);
        Assert.Equal(-700_000m, capped.Values.Sum(s => s.Shared + s.Beyond));
    }

    [Fact]
    public void A_capped_share_needs_a_cap_and_a_partner_of_the_agreement_to_bear_the_rest()
    {
        Assert.NotNull(new RiskShareTerms(RiskShareRule.CappedShare, null, "COUNCIL").Problem(Contributions.Keys));
        Assert.NotNull(new RiskShareTerms(RiskShareRule.CappedShare, 1m, "SOMEONE").Problem(Contributions.Keys));
        Assert.NotNull(new RiskShareTerms(RiskShareRule.ProRata, 1m, "COUNCIL").Problem(Contributions.Keys));
        Assert.Null(new RiskShareTerms(RiskShareRule.CappedShare, 0m, "COUNCIL").Problem(Contributions.Keys));
    }

    [Fact]
    public void Pennies_left_by_equal_shares_go_to_the_earlier_partners_in_code_order()
    {
        var split = PennyAllocation.Split(10_000, [new("C", 1m), new("A", 1m), new("B", 1m)]);

        Assert.Equal(3_334, split["A"]);
        Assert.Equal(3_333, split["B"]);
        Assert.Equal(3_333, split["C"]);
    }

    [Fact]
    public void Any_split_adds_up_to_the_sum_exactly()
    {
        Gen.Select(Gen.Long[-10_000_000_000, 10_000_000_000], Gen.Int[0, 1_000_000].Array[1, 8]).Sample((total, weights) =>
        {
            var split = PennyAllocation.Split(total, [.. weights.Select((w, i) => new KeyValuePair<string, decimal>($"P{i}", w))]);
            return split.Values.Sum() == total && split.Values.All(v => Math.Sign(v) * Math.Sign(total) >= 0);
        });
    }

    [Fact]
    public void The_remaining_budget_forecast_adds_the_months_not_reported_at_budget()
    {
        var budget = Enumerable.Repeat(1_000m, 12).ToList();
        decimal?[] actual = [1_100m, 1_200m, 1_000m, null, null, null, null, null, null, null, null, null];

        var figures = PooledFundReport.Forecast(budget, actual, 3, ForecastMethod.RemainingBudget);

        Assert.Equal(new LedgerFigures(12_000m, 3_000m, 3_300m, 12_300m), figures);
        Assert.Equal(300m, figures.VarianceGbp);
    }

    [Fact]
    public void The_run_rate_forecast_runs_the_months_not_reported_as_the_months_reported_ran()
    {
        var budget = Enumerable.Repeat(1_000m, 12).ToList();
        decimal?[] actual = [1_100m, 1_200m, 1_000m, null, null, null, null, null, null, null, null, null];

        var figures = PooledFundReport.Forecast(budget, actual, 3, ForecastMethod.RunRate);

        // 3,300 to date against 3,000 budgeted: 110%, so the remaining 9,000 becomes 9,900.
        Assert.Equal(13_200m, figures.ForecastGbp);
        Assert.Equal(1_200m, figures.VarianceGbp);
    }

    [Fact]
    public void A_profiled_budget_falls_across_the_months_to_the_penny()
    {
        var months = SetSchemeBudget.Monthly(1_000m, "1 1 1 1 1 1 1 1 1 1 1 2");

        Assert.Equal(1_000m, months.Sum());
        Assert.Equal(153.85m, months[11]);
        Assert.Equal(76.93m, months[0]);
        Assert.Equal(76.92m, months[10]);
    }
}
