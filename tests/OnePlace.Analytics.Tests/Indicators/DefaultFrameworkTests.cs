using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Indicators;

/// <summary>The default framework (indicators/) on a generated borough: it runs whole, and PostgreSQL gives the same
/// numbers as DuckDB from the same rows (the indicator SQL is portable).</summary>
public sealed class DefaultFrameworkTests(DemoBoroughFramework borough) : IClassFixture<DemoBoroughFramework>
{
    private static IReadOnlyList<IndicatorDefinition> Indicators => IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder));

    private IReadOnlyList<FrameworkPeriod> Periods => FrameworkPeriod.For(PersonMeasures.DataReach(borough.Analytics)!.Value);

    [Fact]
    public void Every_indicator_fed_by_the_partners_extracts_has_a_value_for_the_reporting_year()
    {
        var result = FrameworkOutput.Run(borough.Analytics, Indicators, Periods);

        // The generated extracts hold no referrals or care plans: those come from the Single Point of Access itself.
        var fromExtracts = result.Indicators.Where(i => i.Definition.Numerator.From != IndicatorSource.Referrals
            && i.Definition.Denominator.From != IndicatorSource.Referrals && i.Definition.Id != "severe-frailty-with-care-plan").ToList();
        // A borough of 10,000 has few permanent care home admissions a year: withheld is the right answer there.
        Assert.True(fromExtracts.Count >= 20, $"{fromExtracts.Count} indicators");
        Assert.All(fromExtracts, i => Assert.True(i.Latest?.Value is > 0 || i.Latest?.Suppressed == true, $"{i.Definition.Id}: {i.Latest?.Value} {i.Latest?.Numerator}/{i.Latest?.Denominator} {i.Latest?.Note}"));
        Assert.True(fromExtracts.Count(i => i.Latest?.Value is > 0) >= 19);
        Assert.All(result.Indicators, i => Assert.Equal(25 * 1, i.Values.Count(v => v.Breakdown == Breakdown.Overall)));
        var care = result.Indicators.Single(i => i.Definition.Id == "severe-frailty-with-care-plan").Latest!;
        Assert.Equal(0, care.Numerator);
        Assert.True(care.Denominator > 0);
    }

    [Fact]
    public async Task PostgreSQL_gives_the_same_numbers_as_DuckDB_for_every_indicator_period_and_group()
    {
        Assert.SkipUnless(TestStore.UsesPostgres, "Runs on the suite's PostgreSQL pass (ONEPLACE_TEST_STORE=postgres).");
        var duck = FrameworkOutput.Run(borough.Analytics, Indicators, Periods);
        await using var postgres = await borough.CopyToPostgresAsync("analytics_copy");

        var pg = OutcomesFramework.Run(postgres, Indicators, Periods);

        var left = FrameworkOutput.Rows(duck).ToList();
        var right = FrameworkOutput.Rows(pg).ToList();
        Assert.True(left.Count > 10_000, $"{left.Count} rows");
        Assert.Equal(left.Count, right.Count);
        for (int i = 0; i < left.Count; i++)
        {
            Assert.Equal(left[i], right[i]);
        }

        Assert.Equal(duck.Indicators.Select(i => (i.Rag, i.Trend?.LatestVariation, i.Inequality?.Sii)), pg.Indicators.Select(i => (i.Rag, i.Trend?.LatestVariation, i.Inequality?.Sii)));
    }
}
