using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Tests.Statistics;

/// <summary>Each statistic against the published PHEindicatormethods test values (Reference/SOURCES.md), to 1e-9
/// relative at 95% and 99.8%.</summary>
public sealed class ReferenceCaseTests
{
    public static TheoryData<string> CountCases => Reference.Ids("proportion_wilson", "rate_exact", "rate_byars");

    public static TheoryData<string> DsrCases => Reference.Ids("dsr_dobson_esp2013");

    public static TheoryData<string> RepeatEventDsrCases => Reference.Ids("dsr_dobson_nonindependent");

    public static TheoryData<string> IndirectCases => Reference.Ids("isr_ratio", "isr_rate");

    public static TheoryData<string> MeanCases => Reference.Ids("mean_student_t");

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Proportions_match_Wilson_limits_and_rates_exact_limits_below_ten_events_and_Byar_from_ten(string id)
    {
        var c = Reference.Case(id);
        var input = c.GetProperty("input");
        string method = c.GetProperty("method").GetString()!;
        double x = input.Number("x")!.Value, n = input.Number("n")!.Value, multiplier = input.Number("multiplier")!.Value;
        Estimate At(double level) => method == "proportion_wilson" ? Proportions.Wilson(x, n, level, multiplier) : Rates.Crude(x, n, level, multiplier);

        var at95 = At(Confidence.Level95);

        string expectedMethod = method switch { "proportion_wilson" => Proportions.Method, "rate_exact" => PoissonLimits.ExactMethod, _ => PoissonLimits.ByarMethod };
        Assert.Equal(expectedMethod, at95.Method);
        Reference.AgreesAtBothLevels(c.GetProperty("expected"), at95, At(Confidence.Level998), id);
    }

    [Theory]
    [MemberData(nameof(DsrCases))]
    public void Directly_standardised_rates_match_Dobson_limits_and_withhold_fewer_than_ten_events(string id)
    {
        var c = Reference.Case(id);
        var input = c.GetProperty("input");
        var expected = c.GetProperty("expected");
        var counts = input.Numbers("count");
        var pops = input.Numbers("pop");
        var standard = input.Numbers("stdpop");
        var bands = counts.Select((x, i) => new StandardisedBand(x, pops[i], standard[i])).ToList();
        double multiplier = input.Number("multiplier")!.Value;

        var at95 = DirectlyStandardisedRates.Dobson(bands, Confidence.Level95, multiplier);
        var at998 = DirectlyStandardisedRates.Dobson(bands, Confidence.Level998, multiplier);

        Reference.Agrees(expected.Number("total_count"), at95.TotalCount, $"{id} total count");
        Reference.Agrees(expected.Number("total_pop"), at95.TotalPopulation, $"{id} total population");
        Reference.AgreesAtBothLevels(expected, at95.Estimate, at998.Estimate, id);
        if (expected.Number("value") is null)
        {
            Assert.Equal(DirectlyStandardisedRates.TooFewEvents, at95.Estimate.Method);
        }
    }

    [Theory]
    [MemberData(nameof(RepeatEventDsrCases))]
    public void Standardised_rates_of_repeat_events_count_each_person_s_events_together(string id)
    {
        var c = Reference.Case(id);
        var input = c.GetProperty("input");
        var expected = c.GetProperty("expected");
        var pops = input.Numbers("pop");
        var standard = input.Numbers("stdpop");
        var byFrequency = Enumerable.Range(1, 4).Select(f => input.Numbers($"persons_f{f}")).ToArray();
        var bands = pops.Select((n, i) => new RepeatEventBand(
            Enumerable.Range(1, 4).ToDictionary(f => f, f => byFrequency[f - 1][i]), n, standard[i])).ToList();
        double multiplier = input.Number("multiplier")!.Value;

        var at95 = DirectlyStandardisedRates.DobsonRepeatEvents(bands, Confidence.Level95, multiplier);
        var at998 = DirectlyStandardisedRates.DobsonRepeatEvents(bands, Confidence.Level998, multiplier);

        Reference.Agrees(expected.Number("total_events"), at95.TotalCount, $"{id} events");
        Reference.AgreesAtBothLevels(expected, at95.Estimate, at998.Estimate, id);
    }

    [Theory]
    [MemberData(nameof(IndirectCases))]
    public void Indirectly_standardised_ratios_and_rates_match_with_exact_or_Byar_limits(string id)
    {
        var c = Reference.Case(id);
        var input = c.GetProperty("input");
        var expected = c.GetProperty("expected");
        var bands = Bands(input);
        bool rate = c.GetProperty("method").GetString() == "isr_rate";
        IsrResult At(double level) => rate
            ? IndirectlyStandardised.Rate(bands, level, input.Number("multiplier")!.Value)
            : IndirectlyStandardised.Ratio(bands, level, input.Number("refvalue")!.Value);

        var at95 = At(Confidence.Level95);
        var at998 = At(Confidence.Level998);

        Assert.Equal(expected.GetProperty("ci_method").GetString(), at95.Estimate.Method);
        Reference.Agrees(expected.Number("observed"), at95.Observed, $"{id} observed");
        Reference.Agrees(expected.Number("expected"), at95.Expected, $"{id} expected");
        Reference.Agrees(expected.Number("ref_rate"), at95.ReferenceRate, $"{id} reference rate");
        Reference.AgreesAtBothLevels(expected, at95.Estimate, at998.Estimate, id);
    }

    [Theory]
    [MemberData(nameof(MeanCases))]
    public void Means_match_Student_t_limits(string id)
    {
        var c = Reference.Case(id);
        var expected = c.GetProperty("expected");
        var values = c.GetProperty("input").Numbers("values");

        var at95 = Means.Mean(values, Confidence.Level95);
        var at998 = Means.Mean(values, Confidence.Level998);

        Assert.Equal((int)expected.Number("n")!.Value, at95.Count);
        Reference.Agrees(expected.Number("sd"), at95.StandardDeviation, $"{id} sd");
        Reference.AgreesAtBothLevels(expected, at95.Estimate, at998.Estimate, id);
    }

    [Fact]
    public void Life_expectancy_matches_Chiang_II_with_Silcocks_limits_at_every_age()
    {
        var c = Reference.Case("le_df1");
        var input = c.GetProperty("input");
        var expected = c.GetProperty("expected");
        var ages = input.Numbers("startage");
        var pops = input.Numbers("pops");
        var deaths = input.Numbers("deaths");
        var bands = ages.Select((a, i) => new LifeTableBand((int)a, deaths[i], pops[i])).ToList();

        var table = LifeExpectancy.Chiang(bands, Confidence.Level95);

        var values = expected.Numbers("value");
        var lower = expected.Numbers("lower95_qnorm");
        var upper = expected.Numbers("upper95_qnorm");
        for (int i = 0; i < table.Count; i++)
        {
            // The expected life expectancies are published to 10 significant figures.
            Reference.Agrees(values[i], table[i].Estimate.Value, $"e{table[i].StartAge}", 1e-9);
            Reference.Agrees(lower[i], table[i].Estimate.Lower, $"lower 95% e{table[i].StartAge}", 1e-9);
            Reference.Agrees(upper[i], table[i].Estimate.Upper, $"upper 95% e{table[i].StartAge}", 1e-9);
        }
    }

    [Fact]
    public void Byar_and_Wilson_limits_match_the_package_s_own_sheet()
    {
        foreach (var row in Reference.Csv("testdata_Byars_Wilson__testdata_B_W.csv"))
        {
            double x = Reference.Parse(row[0]);
            double level = row[4] == "95%" ? Confidence.Level95 : Confidence.Level998;
            string what = $"{row[5]} x={row[0]} n={row[1]} at {row[4]}";
            if (row[5] == "Wilson")
            {
                var wilson = Proportions.Wilson(x, Reference.Parse(row[1]), level);
                Reference.Agrees(Reference.Parse(row[2]), wilson.Lower, what + " lower");
                Reference.Agrees(Reference.Parse(row[3]), wilson.Upper, what + " upper");
            }
            else
            {
                var (lower, upper) = PoissonLimits.Byar(x, level);
                // The package gives no lower limit where Byar's is negative (one event at 99.8%).
                if (row[2].Length == 0)
                {
                    Assert.True(lower < 0, what + " lower should be undefined");
                }
                else
                {
                    Reference.Agrees(Reference.Parse(row[2]), lower, what + " lower");
                }

                Reference.Agrees(Reference.Parse(row[3]), upper, what + " upper");
            }
        }
    }

    [Theory]
    [InlineData("testdata_Proportion__testdata_Prop.csv")]
    [InlineData("testdata_Rate__testdata_Rate.csv")]
    public void Every_row_of_the_package_s_proportion_and_rate_sheets_agrees(string file)
    {
        int rows = 0;
        foreach (var row in Reference.Csv(file))
        {
            if (row[1].Length == 0 || row[2].Length == 0)
            {
                // R's missing-value rows: a missing count has no statistic, which the typed inputs here cannot express.
                continue;
            }

            double x = Reference.Parse(row[1]), n = Reference.Parse(row[2]), multiplier = Reference.Parse(row[10]);
            var at95 = file.Contains("Prop", StringComparison.Ordinal) ? Proportions.Wilson(x, n, Confidence.Level95, multiplier) : Rates.Crude(x, n, Confidence.Level95, multiplier);
            var at998 = file.Contains("Prop", StringComparison.Ordinal) ? Proportions.Wilson(x, n, Confidence.Level998, multiplier) : Rates.Crude(x, n, Confidence.Level998, multiplier);
            Assert.Equal(row[9], at95.Method);
            Reference.Agrees(Reference.Parse(row[3]), at95.Value, $"{row[0]} value");
            Reference.Agrees(Reference.Parse(row[4]), at95.Lower, $"{row[0]} lower 95%");
            Reference.Agrees(Reference.Parse(row[5]), at95.Upper, $"{row[0]} upper 95%");
            Reference.Agrees(Reference.Parse(row[6]), at998.Lower, $"{row[0]} lower 99.8%");
            Reference.Agrees(Reference.Parse(row[7]), at998.Upper, $"{row[0]} upper 99.8%");
            rows++;
        }

        Assert.True(rows >= 10);
    }

    private static List<ReferenceBand> Bands(System.Text.Json.JsonElement input)
    {
        var counts = input.Numbers("count");
        var pops = input.Numbers("pop");
        var referenceCounts = input.Numbers("x_ref");
        var referencePops = input.Numbers("n_ref");
        return [.. counts.Select((x, i) => new ReferenceBand(x, pops[i], referenceCounts[i], referencePops[i]))];
    }
}
