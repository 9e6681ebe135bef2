using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
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

    [Fact]
    public void Counting_the_population_once_gives_the_same_figures_as_counting_person_by_person()
    {
        // A copy of the borough with shared care plans made before, during and after the periods, so that frailty,
        // deficits first recorded within the periods and care plans are all counted both ways.
        string copy = Path.Combine(Path.GetTempPath(), $"oneplace-framework-{Guid.NewGuid():N}.duckdb");
        File.Copy(borough.Analytics.Path, copy);
        try
        {
            var store = new AnalyticsStore(copy);
            using (var duck = store.Open())
            using (var plans = duck.CreateCommand())
            {
                // Two in three older people, so that people with and without a plan are alike in everything else.
                plans.CommandText = """
                    INSERT INTO care_plan
                    SELECT uuid(), person_id, TIMESTAMP '2023-10-01 09:30:00' + INTERVAL (n % 1000) DAY
                    FROM (SELECT person_id, CAST(row_number() OVER (ORDER BY person_id) AS INTEGER) AS n FROM person WHERE date_of_birth < DATE '1962-01-01') p
                    WHERE n % 3 <> 0
                    """;
                plans.ExecuteNonQuery();
            }

            var carePlans = IndicatorCatalogue.Parse("""
                id: care-plans-65
                version: 1
                title: Care plans, people aged 65 and over
                domain: Test
                definition: Of people aged 65 and over, the percentage with a shared care plan.
                statistic: proportion
                unit: "%"
                polarity: neutral
                population: age >= 65
                denominator:
                  from: people
                numerator:
                  where: has_care_plan = 1
                source: Test
                """, "care-plans-65.yaml");
            var frailty = Indicators.Where(i => i.Id is "moderate-or-severe-frailty-65" or "severe-frailty-with-care-plan").Append(carePlans).ToList();
            // Naming the date of birth sends an indicator to the person-by-person count without changing whom it counts.
            var personByPerson = frailty.Select(i => i with { Population = $"{i.Population} AND date_of_birth IS NOT NULL" }).ToList();

            var counted = FrameworkOutput.Rows(FrameworkOutput.Run(store, frailty, Periods)).ToList();
            var read = FrameworkOutput.Rows(FrameworkOutput.Run(store, personByPerson, Periods)).ToList();

            Assert.True(counted.Count > 1_000, $"{counted.Count} rows");
            Assert.Equal(counted.Count, read.Count);
            Assert.Equal(counted, read);
            Assert.Contains(counted, r => r[0] is "severe-frailty-with-care-plan" && r[7] is "overall" && r[12] is > 0d);
            Assert.Contains(counted, r => r[0] is "care-plans-65" && r[7] is "overall" && r[12] is > 0d && (double)r[12]! < (double)r[13]!);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void An_event_condition_that_names_the_person_still_finds_every_event()
    {
        var admissions = Indicators.Single(i => i.Id == "emergency-admissions-all-ages");
        var women = admissions with
        {
            Id = "emergency-admissions-women",
            Numerator = admissions.Numerator with { Where = $"{admissions.Numerator.Where} AND sex = 'Female'" },
        };

        var result = FrameworkOutput.Run(borough.Analytics, [admissions, women], Periods);

        var bySex = result.Indicators[0].Values.Where(v => v.Breakdown == Breakdown.Sex && v.Group == "Female" && !v.Suppressed).ToList();
        var all = result.Indicators[1].Values.Where(v => v.Breakdown == Breakdown.Overall).ToDictionary(v => v.Period);
        Assert.True(bySex.Count >= 20, $"{bySex.Count} periods");
        Assert.All(bySex, v => Assert.Equal(v.Numerator, all[v.Period].Numerator));
    }
}
