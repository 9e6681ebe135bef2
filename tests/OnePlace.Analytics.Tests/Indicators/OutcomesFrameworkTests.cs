using System.Globalization;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Spc;
using OnePlace.Analytics.Statistics;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Tests.Indicators;

/// <summary>The framework on a small analytical store whose every figure can be worked out by hand: populations on the
/// census date, rates, proportions, DSRs, small-number suppression, SPC and RAG.</summary>
public sealed class OutcomesFrameworkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oneplace-framework-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    // 2025 as twelve months and the year; the year's census date is 2 July 2025.
    private static readonly IReadOnlyList<FrameworkPeriod> Periods = FrameworkPeriod.For(new DateOnly(2025, 12, 31), 12);

    private static IndicatorDefinition Indicator(string body) => IndicatorCatalogue.Parse($"""
        id: test
        version: 1
        title: Test
        domain: Test
        definition: Test.
        unit: test
        source: Test
        {body}
        """, "test.yaml");

    private static readonly IndicatorDefinition AdmissionRate = Indicator("""
        statistic: crude_rate
        multiplier: 1000
        polarity: lower
        population: age >= 70
        numerator:
          from: events
          where: event_type = 'emergency_admission'
        denominator:
          from: people
        """);

    /// <summary>North: 10 people aged 70 with 12 admissions over 2025; South: 10 with 3; one man turns 70 the day after
    /// the census date, so is 69 on it: outside the population, and so is his admission (ages are taken on the census
    /// date on both sides of a rate, so that numerator and denominator count the same people).</summary>
    private AnalyticsStore Store(Action<List<string>>? more = null)
    {
        var store = new AnalyticsStore(Path.Combine(_folder, "analytics.duckdb"));
        var sql = new List<string>
        {
            "INSERT INTO locality VALUES ('N', 'North'), ('S', 'South')",
            "INSERT INTO small_area VALUES ('N1', 'N', 1), ('S1', 'S', 10)",
        };
        for (int i = 0; i < 20; i++)
        {
            string area = i < 10 ? "N1" : "S1";
            sql.Add($"INSERT INTO person VALUES ('{Id(i)}', '{(i % 2 == 0 ? "F" : "M")}', DATE '1955-01-01', NULL, '{area}', NULL, 'A', 'P1')");
            sql.Add($"INSERT INTO source_record VALUES ({i + 1}, 'gp', '{Id(i)}')");
        }

        sql.Add($"INSERT INTO person VALUES ('{Id(99)}', 'M', DATE '1955-07-03', NULL, 'N1', NULL, 'A', 'P1')");
        sql.Add($"INSERT INTO source_record VALUES (100, 'hospital', '{Id(99)}')");
        int eventId = 1;
        void Admit(int record, string day, string end, string destination) =>
            sql.Add($"INSERT INTO care_event VALUES ({eventId++}, {record}, 'hospital', 'emergency_admission', DATE '{day}', DATE '{end}', NULL, '{destination}', NULL, NULL, NULL, NULL)");
        for (int i = 0; i < 12; i++)
        {
            Admit((i % 10) + 1, $"2025-{i + 1:00}-10", $"2025-{i + 1:00}-{12 + i:00}", i < 9 ? "19" : "54");
        }

        for (int i = 0; i < 3; i++)
        {
            Admit(11 + i, $"2025-0{i + 2}-05", $"2025-0{i + 2}-06", "19");
        }

        Admit(100, "2025-11-20", "2025-11-21", "19");
        more?.Invoke(sql);
        using var duck = store.Open();
        foreach (var statement in sql)
        {
            AnalyticsStore.Execute(duck, statement);
        }

        return store;
    }

    private static string Id(int i) => $"00000000-0000-0000-0000-{i:000000000000}";

    private static IndicatorValue Year(FrameworkResult result, Breakdown breakdown, string group) =>
        result.Indicators[0].Values.Single(v => v.Period.Kind == PeriodKind.Year && v.Breakdown == breakdown && v.Group == group);

    [Fact]
    public void A_crude_rate_counts_events_over_the_people_alive_and_in_the_population_on_the_census_date()
    {
        var result = FrameworkOutput.Run(Store(), [AdmissionRate], Periods);

        var all = Year(result, Breakdown.Overall, OutcomesFramework.All);
        var expected = Rates.Crude(15, 20, multiplier: 1000);
        Assert.Equal((15d, 20d), (all.Numerator, all.Denominator));
        Assert.Equal((expected.Value, expected.Lower, expected.Upper), (all.Value, all.Lower, all.Upper));
        Assert.Equal(new DateOnly(2025, 7, 2), Periods[^1].Census);
        Assert.Equal(13, result.Periods.Count);
    }

    [Fact]
    public void A_group_of_1_to_7_events_is_withheld_and_so_is_the_next_smallest_since_the_total_is_shown()
    {
        var result = FrameworkOutput.Run(Store(), [AdmissionRate], Periods);

        var south = Year(result, Breakdown.Locality, "South");
        var north = Year(result, Breakdown.Locality, "North");
        Assert.True(south.Suppressed);
        Assert.True(north.Suppressed);
        Assert.Null(south.Value);
        Assert.Null(north.Numerator);
        // Deprivation quintile 1 (North's decile 1) and 5 (South's decile 10) are the same split.
        Assert.All(result.Indicators[0].Values.Where(v => v.Breakdown == Breakdown.DeprivationQuintile && v.Period.Kind == PeriodKind.Year), v => Assert.True(v.Suppressed));
        Assert.False(Year(result, Breakdown.Overall, OutcomesFramework.All).Suppressed);
    }

    [Fact]
    public void A_proportion_takes_its_numerator_from_the_denominators_rows_with_wilson_limits()
    {
        var discharged = Indicator("""
            statistic: proportion
            polarity: higher
            target:
              value: 95
            denominator:
              from: events
              where: event_type = 'emergency_admission' AND discharge_destination <> '79'
              date: end_date
            numerator:
              where: discharge_destination = '19'
            """);

        var result = FrameworkOutput.Run(Store(), [discharged], Periods);

        var all = Year(result, Breakdown.Overall, OutcomesFramework.All);
        var expected = Proportions.Wilson(13, 16, multiplier: 100);
        Assert.Equal((13d, 16d, expected.Value, expected.Lower, expected.Upper), (all.Numerator, all.Denominator, all.Value, all.Lower, all.Upper));
        // 81% misses 95% and the upper limit (94.4%) does not reach it either.
        Assert.True(expected.Upper < 95);
        Assert.Equal(Rag.Red, result.Indicators[0].Rag);
    }

    [Fact]
    public void A_dsr_weights_each_age_band_by_the_european_standard_population()
    {
        var dsr = Indicator("""
            statistic: dsr
            polarity: lower
            population: age >= 65
            numerator:
              from: events
              where: event_type = 'emergency_admission'
            denominator:
              from: people
            """);
        // Ten more people aged 85 on the census date, with 20 admissions among them.
        var store = Store(sql =>
        {
            for (int i = 0; i < 10; i++)
            {
                sql.Add($"INSERT INTO person VALUES ('{Id(200 + i)}', 'F', DATE '1940-01-01', NULL, 'N1', NULL, 'A', 'P1')");
                sql.Add($"INSERT INTO source_record VALUES ({200 + i}, 'hospital', '{Id(200 + i)}')");
                sql.Add($"INSERT INTO care_event VALUES ({1000 + i}, {200 + i}, 'hospital', 'emergency_admission', DATE '2025-03-01', DATE '2025-03-02', NULL, '19', NULL, NULL, NULL, NULL)");
                sql.Add($"INSERT INTO care_event VALUES ({2000 + i}, {200 + i}, 'hospital', 'emergency_admission', DATE '2025-09-01', DATE '2025-09-02', NULL, '19', NULL, NULL, NULL, NULL)");
            }
        });

        var result = FrameworkOutput.Run(store, [dsr], Periods);

        // Band 65-69 holds the man who is 69 on the census date (1 admission); 70-74 the twenty (15); 85-89 the ten (20).
        var w = EuropeanStandardPopulation2013.Weights;
        var expected = DirectlyStandardisedRates.Dobson(
            [new StandardisedBand(1, 1, w[13]), new StandardisedBand(15, 20, w[14]), new StandardisedBand(20, 10, w[17])]).Estimate;
        var all = Year(result, Breakdown.Overall, OutcomesFramework.All);
        Assert.Equal((36d, 31d), (all.Numerator, all.Denominator));
        Assert.Equal(expected.Value!.Value, all.Value!.Value, 9);
        Assert.Equal(expected.Lower!.Value, all.Lower!.Value, 9);
        Assert.Equal(expected.Upper!.Value, all.Upper!.Value, 9);
    }

    [Fact]
    public void A_monthly_series_gets_an_spc_chart_and_months_without_a_value_give_none()
    {
        var rate = Indicator("""
            statistic: crude_rate
            multiplier: 1000
            polarity: lower
            numerator:
              from: events
              where: event_type = 'emergency_admission'
            denominator:
              from: people
            breakdowns: [locality]
            """);

        // Eight more admissions a month, so that no month's count is withheld.
        var store = Store(sql =>
        {
            for (int month = 1; month <= 12; month++)
            {
                for (int i = 0; i < 8; i++)
                {
                    sql.Add($"INSERT INTO care_event VALUES ({5000 + (month * 10) + i}, {i + 1}, 'hospital', 'emergency_admission', DATE '2025-{month:00}-{i + 1:00}', DATE '2025-{month:00}-{i + 2:00}', NULL, '19', NULL, NULL, NULL, NULL)");
                }
            }
        });
        var result = FrameworkOutput.Run(store, [rate], Periods);

        var chart = result.Indicators[0].Trend;
        Assert.NotNull(chart);
        Assert.Equal(12, chart.Points.Count);
        var january = result.Indicators[0].Values.Single(v => v.Period.Kind == PeriodKind.Month && v.Period.Start == new DateOnly(2025, 1, 1) && v.Breakdown == Breakdown.Overall);
        Assert.Equal(january.Value, chart.Points[0].Value);
        Assert.Equal(Polarity.LowerIsBetter, result.Indicators[0].Definition.Polarity);

        var proportion = Indicator("""
            statistic: proportion
            polarity: higher
            denominator:
              from: events
              where: event_type = 'emergency_admission' AND discharge_destination = '54'
            numerator:
              where: end_date > start_date
            """);
        var sparse = FrameworkOutput.Run(store, [proportion], Periods).Indicators[0];
        Assert.Null(sparse.Trend);
        Assert.Contains(sparse.Notes, n => n.StartsWith("No SPC chart", StringComparison.Ordinal));
    }

    [Fact]
    public void The_file_has_one_row_per_indicator_period_and_group_with_withheld_figures_empty()
    {
        var result = FrameworkOutput.Run(Store(), [AdmissionRate], Periods);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        FrameworkOutput.WriteCsv(result, text);

        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', FrameworkOutput.Columns), lines[0]);
        Assert.Equal(result.Indicators[0].Values.Count + 1, lines.Length);
        Assert.Contains("test,1,Test,test,year,2025-01-01,2025-12-31,locality,South,,,,,,True,small number withheld", lines);
        Assert.Contains(lines, l => l.StartsWith("test,1,Test,test,year,2025-01-01,2025-12-31,overall,All,750,", StringComparison.Ordinal));
    }
}
