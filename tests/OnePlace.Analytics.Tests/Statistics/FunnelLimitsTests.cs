using System.Globalization;
using OnePlace.Analytics.Statistics;

namespace OnePlace.Analytics.Tests.Statistics;

/// <summary>
/// Funnel limits and significance against the PHEindicatormethods funnel test sheets (Reference/SOURCES.md), set up
/// as the package's own tests (tests/testthat/testFunnels.R) set them up. The sheets print each value to a fixed
/// number of decimals (6 for the proportion sheet, about 10 significant figures elsewhere), so a value agrees when it
/// is within half a unit in the last printed digit (allowing 1e-12 relative for floating point); a value printed
/// without decimals (a clipped limit, an axis count) must agree exactly, to 1e-12 relative.
/// </summary>
public sealed class FunnelLimitsTests
{
    [Theory]
    [InlineData("testdata_funnel_prop_outputs.csv", double.PositiveInfinity)]
    [InlineData("testdata_funnel_prop_outputs_with_axis_variation.csv", 31000)]
    public void Proportion_limits_match_the_package_s_funnel_around_the_average_percentage(string file, double denominatorsBelow)
    {
        var localities = ProportionLocalities().Where(l => l.Locality.Denominator < denominatorsBelow).Select(l => l.Locality).ToList();
        var rows = Rows(file).ToList();

        var funnel = FunnelLimits.ForProportions(localities, [.. rows.Select(r => Parse(r[0]))], multiplier: 100);

        Assert.Equal(100, funnel.Points.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var (row, point) = (rows[i], funnel.Points[i]);
            string at = $"population {row[0]}";
            AgreesToPrint(row[1], point.Lower95, $"{at} lower 95%");
            AgreesToPrint(row[2], point.Upper95, $"{at} upper 95%");
            AgreesToPrint(row[3], point.Lower998, $"{at} lower 99.8%");
            AgreesToPrint(row[4], point.Upper998, $"{at} upper 99.8%");
            AgreesToPrint(row[5], funnel.Baseline, $"{at} baseline");
        }
    }

    [Fact]
    public void Each_locality_s_proportion_is_high_low_or_not_significant_as_the_package_assigns_it()
    {
        var localities = ProportionLocalities().ToList();

        var significance = FunnelLimits.SignificanceOfProportions([.. localities.Select(l => l.Locality)]);

        Assert.Equal(303, significance.Count);
        Assert.Equal(localities.Select(l => l.Expected), significance.Select(FunnelLimits.Label));
        Assert.Equal(5, significance.Distinct().Count());
    }

    [Fact]
    public void Ratio_limits_match_the_package_s_funnel_as_ratios_times_100_and_as_ratios_less_one()
    {
        // The sheet's header has a line break inside its first column's name, so it takes two lines.
        var rows = Rows("testdata_funnel_ratio_outputs.csv", headerLines: 2).ToList();
        double[] observed = [.. rows.Select(r => Parse(r[0]))];

        var isr = FunnelLimits.ForRatios(observed, referenceValue: 100);
        var ratio = FunnelLimits.ForRatios(observed);

        Assert.Equal(100, isr.Baseline);
        Assert.Equal(1, ratio.Baseline);
        Assert.Equal(100, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            string at = $"{row[0]} observed";
            ControlLimit[] isrLimits = [isr.Points[i].Lower95, isr.Points[i].Upper95, isr.Points[i].Lower998, isr.Points[i].Upper998];
            ControlLimit[] ratioLimits = [ratio.Points[i].Lower95, ratio.Points[i].Upper95, ratio.Points[i].Lower998, ratio.Points[i].Upper998];
            string[] names = ["lower 95%", "upper 95%", "lower 99.8%", "upper 99.8%"];
            for (int k = 0; k < 4; k++)
            {
                // Columns per limit: expected events, ratio − 1 (the package's "count"), ratio × 100 ("isr").
                AgreesToPrint(row[1 + (3 * k)], isrLimits[k].Position, $"{at} {names[k]} expected events");
                AgreesToPrint(row[2 + (3 * k)], ratioLimits[k].Value - 1, $"{at} {names[k]} ratio less one");
                AgreesToPrint(row[3 + (3 * k)], isrLimits[k].Value, $"{at} {names[k]} ratio × 100");
                Assert.Equal(isrLimits[k].Position, ratioLimits[k].Position);
            }
        }
    }

    [Fact]
    public void Each_locality_s_ratio_is_tested_against_one_with_exact_or_Byar_limits_as_the_package_assigns_it()
    {
        var rows = Rows("testdata_funnel_ratio_inputs.csv").ToList();

        var significance = FunnelLimits.SignificanceOfRatios([.. rows.Select(r => new FunnelRatio(Parse(r[0]), Parse(r[1])))]);

        Assert.Equal(300, rows.Count);
        Assert.Equal(rows.Select(r => r[2]), significance.Select(FunnelLimits.Label));
        Assert.Contains(rows, r => Parse(r[0]) < PoissonLimits.ByarFrom && r[2] != "Not significant");
    }

    public static TheoryData<string, FunnelRateType> RateFunnels => new()
    {
        { "testdata_funnel_rate_outputs.csv", FunnelRateType.DirectlyStandardised },
        { "testdata_funnel_rate_outputs_2.csv", FunnelRateType.Crude },
        { "testdata_funnel_rate_outputs_3.csv", FunnelRateType.Crude },
    };

    [Theory]
    [MemberData(nameof(RateFunnels))]
    public void Rate_limits_match_the_package_s_funnel_around_the_average_rate_with_yearly_populations(string file, FunnelRateType type)
    {
        var localities = RateLocalitiesFor(file);
        var rows = Rows(file).ToList();

        var funnel = FunnelLimits.ForRates(localities, type, [.. rows.Select(r => Parse(r[0]))], multiplier: 100_000, yearsOfData: 3);

        Assert.Equal(100, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var (row, point) = (rows[i], funnel.Points[i]);
            string at = $"{row[0]} events";
            ControlLimit[] limits = [point.Lower95, point.Upper95, point.Lower998, point.Upper998];
            string[] names = ["lower 95%", "upper 95%", "lower 99.8%", "upper 99.8%"];
            for (int k = 0; k < 4; k++)
            {
                AgreesToPrint(row[1 + (2 * k)], limits[k].Position, $"{at} {names[k]} population per year");
                AgreesToPrint(row[2 + (2 * k)], limits[k].Value, $"{at} {names[k]} rate");
            }

            AgreesToPrint(row[9], funnel.Baseline, $"{at} baseline");
        }
    }

    [Theory]
    [InlineData(5, FunnelRateType.DirectlyStandardised, 1, 100_000, true)]
    [InlineData(6, FunnelRateType.DirectlyStandardised, 1, 100, true)]
    [InlineData(7, FunnelRateType.DirectlyStandardised, 1, 100_000, false)]
    [InlineData(8, FunnelRateType.DirectlyStandardised, 1, 100, false)]
    [InlineData(9, FunnelRateType.Crude, 3, 100_000, true)]
    [InlineData(10, FunnelRateType.Crude, 4, 100, true)]
    [InlineData(11, FunnelRateType.Crude, 3, 100_000, false)]
    [InlineData(12, FunnelRateType.Crude, 4, 100, false)]
    public void Each_locality_s_rate_is_tested_against_the_average_rate_as_the_package_assigns_it(
        int expectedColumn, FunnelRateType type, int rateColumn, double multiplier, bool withTheLocalityOfNoEvents)
    {
        // The package's sheet gives a rate of NA where a DSR has no events; a rate of 0 says the same here.
        var rows = Rows("testdata_funnel_rate_dsr_inputs.csv").Where(r => withTheLocalityOfNoEvents || Parse(r[0]) != 0).ToList();
        var localities = rows.Select(r => new FunnelRate(Parse(r[0]), r[rateColumn] == "NA" ? 0 : Parse(r[rateColumn]), Parse(r[2]))).ToList();

        var significance = FunnelLimits.SignificanceOfRates(localities, type, multiplier);

        Assert.Equal(rows.Select(r => r[expectedColumn]), significance.Select(FunnelLimits.Label));
    }

    [Fact]
    public void A_standardised_rate_of_fewer_than_ten_events_is_not_assessed()
    {
        var significance = FunnelLimits.SignificanceOfRates(
            [new FunnelRate(9, 100_000), new FunnelRate(100, 1000), new FunnelRate(100, 100)], FunnelRateType.DirectlyStandardised, 100_000);

        Assert.Equal([FunnelSignificance.TooFewEvents, FunnelSignificance.High998, FunnelSignificance.Low998], significance);
    }

    [Fact]
    public void Proportion_limits_stay_between_none_and_all_on_the_multiplier_s_scale()
    {
        var funnel = FunnelLimits.ForProportions([new FunnelProportion(8, 10)], [1], multiplier: 1);

        Assert.Equal(0, funnel.Points[0].Lower998);
        Assert.Equal(1, funnel.Points[0].Upper95);
        Assert.Equal(0.8, funnel.Baseline, 15);
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        FunnelProportion[] proportions = [new(5, 10)];
        FunnelRate[] rates = [new(5, 50)];

        Assert.Contains("between 0 and its denominator", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfProportions([new(-1, 10)])), StringComparison.Ordinal);
        Assert.Contains("between 0 and its denominator", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForProportions([new(11, 10)], [100], 100)), StringComparison.Ordinal);
        Assert.Contains("denominator must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfProportions([new(0, 0)])), StringComparison.Ordinal);
        Assert.Contains("at least one locality", Refused<ArgumentException>(() => FunnelLimits.SignificanceOfProportions([])), StringComparison.Ordinal);
        Assert.Contains("at least one population", Refused<ArgumentException>(() => FunnelLimits.ForProportions(proportions, [], 100)), StringComparison.Ordinal);
        Assert.Contains("must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForProportions(proportions, [0], 100)), StringComparison.Ordinal);
        Assert.Contains("multiplier must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForProportions(proportions, [10], 0)), StringComparison.Ordinal);

        Assert.Contains("Observed events must be 0 or more", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfRatios([new(-2, 3)])), StringComparison.Ordinal);
        Assert.Contains("Expected events must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfRatios([new(2, 0)])), StringComparison.Ordinal);
        Assert.Contains("at least one locality", Refused<ArgumentException>(() => FunnelLimits.SignificanceOfRatios([])), StringComparison.Ordinal);
        Assert.Contains("whole number, 1 or more", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForRatios([0])), StringComparison.Ordinal);
        Assert.Contains("whole number, 1 or more", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForRatios([2.5])), StringComparison.Ordinal);
        Assert.Contains("at least one count", Refused<ArgumentException>(() => FunnelLimits.ForRatios([])), StringComparison.Ordinal);
        Assert.Contains("reference value must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForRatios([1], 0)), StringComparison.Ordinal);

        Assert.Contains("Events must be 0 or more", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfRates([new(-1, 10)], FunnelRateType.Crude, 100_000)), StringComparison.Ordinal);
        Assert.Contains("rate above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.SignificanceOfRates([new(5, 0)], FunnelRateType.Crude, 100_000)), StringComparison.Ordinal);
        Assert.Contains("needs its population", Refused<ArgumentException>(() => FunnelLimits.SignificanceOfRates([.. rates, new(0, 0)], FunnelRateType.Crude, 100_000)), StringComparison.Ordinal);
        Assert.Contains("at least one locality with events", Refused<ArgumentException>(() => FunnelLimits.SignificanceOfRates([new(0, 0)], FunnelRateType.DirectlyStandardised, 100_000)), StringComparison.Ordinal);
        Assert.Contains("at least one locality", Refused<ArgumentException>(() => FunnelLimits.ForRates([], FunnelRateType.Crude, [10], 100_000)), StringComparison.Ordinal);
        Assert.Contains("at least one count", Refused<ArgumentException>(() => FunnelLimits.ForRates(rates, FunnelRateType.Crude, [], 100_000)), StringComparison.Ordinal);
        Assert.Contains("years of data must be above 0", Refused<ArgumentOutOfRangeException>(() => FunnelLimits.ForRates(rates, FunnelRateType.Crude, [10], 100_000, 0)), StringComparison.Ordinal);
    }

    private static string Refused<T>(Action act)
        where T : ArgumentException => Assert.Throws<T>(act).Message;

    /// <summary>The localities of the package's proportion sheet with the significance it assigns each. Names hold
    /// commas inside quotes, so the numbers are read from the end of the line.</summary>
    private static IEnumerable<(FunnelProportion Locality, string Expected)> ProportionLocalities() =>
        Rows("testdata_funnel_prop_inputs.csv").Select(r => (new FunnelProportion(Parse(r[^3]), Parse(r[^2])), r[^1]));

    /// <summary>The localities each rate sheet was drawn from, changed as testFunnels.R changes them.</summary>
    private static List<FunnelRate> RateLocalitiesFor(string file)
    {
        var input = Rows("testdata_funnel_rate_input_funnels.csv").Select(r => (Events: Parse(r[0]), Rate: Parse(r[1]))).ToList();
        double most = input.Max(l => l.Events);
        switch (file)
        {
            case "testdata_funnel_rate_outputs_2.csv":
                // The locality with the most events is given 5 instead.
                return [.. input.Select(l => new FunnelRate(l.Events == most ? 5 : l.Events, l.Rate))];
            case "testdata_funnel_rate_outputs_3.csv":
                // Populations from the rates; the locality with the most events is given none (and a rate of 0), and only
                // localities above half the largest population are kept.
                var withPopulations = input.Select(l => (l.Events, l.Rate, Population: 100_000 * l.Events / l.Rate)).ToList();
                double largest = withPopulations.Max(l => l.Population);
                return [.. withPopulations.Where(l => l.Population > largest / 2)
                    .Select(l => l.Events == most ? new FunnelRate(0, 0, l.Population) : new FunnelRate(l.Events, l.Rate, l.Population))];
            default:
                return [.. input.Select(l => new FunnelRate(l.Events, l.Rate))];
        }
    }

    private static IEnumerable<string[]> Rows(string file, int headerLines = 1) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", file)).Skip(headerLines).Where(l => l.Length > 0).Select(l => l.Split(','));

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Agreement to half a unit in the last digit printed, or exactly (to 1e-12 relative) for a value printed
    /// without decimals.</summary>
    private static void AgreesToPrint(string printed, double actual, string what)
    {
        double expected = Parse(printed);
        int point = printed.IndexOf('.', StringComparison.Ordinal);
        double halfUnit = point < 0 ? 0 : 0.5 * Math.Pow(10, -(printed.Length - point - 1));
        double tolerance = halfUnit + (1e-12 * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what}: expected {printed}, got {actual:R} (off by {Math.Abs(actual - expected):E2}, allowed {tolerance:E2})");
    }
}
