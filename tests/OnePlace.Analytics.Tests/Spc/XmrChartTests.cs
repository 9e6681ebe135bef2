using OnePlace.Analytics.Spc;

namespace OnePlace.Analytics.Tests.Spc;

/// <summary>XmR charts with the Making Data Count rules, on series built so each rule can be checked by hand: a
/// baseline alternating 12, 10 (ending below the mean) has mean 11 and average moving range 2, so limits 11 ± 5.32 and near-limits
/// 11 ± 3.5467.</summary>
public sealed class XmrChartTests
{
    private static readonly DateOnly Start = new(2024, 4, 1);

    private static List<(DateOnly, double)> Series(params double[] afterBaseline) =>
        [.. Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 12.0 : 10.0).Concat(afterBaseline).Select((v, i) => (Start.AddMonths(i), v))];

    [Fact]
    public void Limits_are_the_mean_plus_or_minus_2_66_average_moving_ranges_of_the_baseline()
    {
        var chart = XmrChart.Calculate(Series(30, 30, 30), Polarity.HigherIsBetter, baselinePoints: 20);

        Assert.Equal(11, chart.Mean, 12);
        Assert.Equal(2, chart.AverageMovingRange, 12);
        Assert.Equal(5.68, chart.LowerLimit, 12);
        Assert.Equal(16.32, chart.UpperLimit, 12);
        Assert.Equal(11 + (2 * 2.66 * 2 / 3), chart.UpperNearLimit, 12);
        Assert.All(chart.Points.Take(20), p => Assert.Equal(PointVariation.CommonCause, p.Variation));
    }

    [Fact]
    public void A_point_beyond_a_limit_is_special_cause_named_by_the_indicator_s_polarity()
    {
        var better = XmrChart.Calculate(Series(17), Polarity.HigherIsBetter, baselinePoints: 20);
        var worse = XmrChart.Calculate(Series(17), Polarity.LowerIsBetter, baselinePoints: 20);
        var neutral = XmrChart.Calculate(Series(5), Polarity.Neutral, baselinePoints: 20);

        Assert.True(better.Points[^1].OutsideLimits);
        Assert.Equal(PointVariation.SpecialCauseImprovement, better.LatestVariation);
        Assert.Equal(PointVariation.SpecialCauseConcern, worse.LatestVariation);
        Assert.Equal(PointVariation.SpecialCauseNeutralLow, neutral.LatestVariation);
    }

    [Fact]
    public void Seven_points_on_one_side_of_the_mean_are_a_shift_and_six_are_not()
    {
        var seven = XmrChart.Calculate(Series(11.5, 11.5, 11.5, 11.5, 11.5, 11.5, 11.5), Polarity.LowerIsBetter, baselinePoints: 20);
        var six = XmrChart.Calculate(Series(11.5, 11.5, 11.5, 11.5, 11.5, 11.5), Polarity.LowerIsBetter, baselinePoints: 20);

        Assert.Equal(7, seven.Points.Count(p => p.Shift));
        Assert.All(seven.Points.Skip(20), p => Assert.Equal(PointVariation.SpecialCauseConcern, p.Variation));
        Assert.DoesNotContain(six.Points, p => p.Shift);
        Assert.Equal(PointVariation.CommonCause, six.LatestVariation);
    }

    [Fact]
    public void Seven_points_each_higher_than_the_last_are_a_trend_and_a_repeated_value_breaks_it()
    {
        var rising = XmrChart.Calculate(Series(9, 9.5, 10, 10.5, 11, 11.5, 12), Polarity.HigherIsBetter, baselinePoints: 20);
        var broken = XmrChart.Calculate(Series(9, 9.5, 10, 10, 11, 11.5, 12), Polarity.HigherIsBetter, baselinePoints: 20);

        Assert.Equal(7, rising.Points.Count(p => p.Trend));
        Assert.False(rising.Points[19].Trend);
        Assert.DoesNotContain(broken.Points, p => p.Trend);
    }

    [Fact]
    public void Two_of_three_points_near_a_limit_on_one_side_flag_the_two_near_points()
    {
        var chart = XmrChart.Calculate(Series(15, 11.5, 15), Polarity.HigherIsBetter, baselinePoints: 20);
        var splitSides = XmrChart.Calculate(Series(15, 10.5, 15), Polarity.HigherIsBetter, baselinePoints: 20);

        Assert.Equal([true, false, true], chart.Points.Skip(20).Select(p => p.TwoOfThreeNearLimit));
        Assert.DoesNotContain(splitSides.Points, p => p.TwoOfThreeNearLimit);
    }

    [Theory]
    [InlineData(20, Polarity.HigherIsBetter, Assurance.ConsistentFail)]
    [InlineData(3, Polarity.HigherIsBetter, Assurance.ConsistentPass)]
    [InlineData(3, Polarity.LowerIsBetter, Assurance.ConsistentFail)]
    [InlineData(11, Polarity.LowerIsBetter, Assurance.Inconsistent)]
    [InlineData(11, Polarity.Neutral, Assurance.None)]
    public void Assurance_compares_the_target_with_the_process_limits(double target, Polarity polarity, Assurance expected)
    {
        Assert.Equal(expected, XmrChart.Calculate(Series(), polarity, target).Assurance);
    }

    [Fact]
    public void Too_short_or_unordered_series_are_refused()
    {
        var short11 = Enumerable.Range(0, 11).Select(i => (Start.AddMonths(i), 1.0)).ToList();
        var unordered = Series().ToList();
        (unordered[3], unordered[4]) = (unordered[4], unordered[3]);

        Assert.Throws<ArgumentException>(() => XmrChart.Calculate(short11, Polarity.Neutral));
        Assert.Throws<ArgumentException>(() => XmrChart.Calculate(unordered, Polarity.Neutral));
    }
}
