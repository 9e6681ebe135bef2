namespace OnePlace.Analytics.Spc;

/// <summary>Which way is better for an indicator: it decides whether special cause is improvement or concern.</summary>
public enum Polarity
{
    /// <summary>Neither direction is better (e.g. activity volumes).</summary>
    Neutral = 0,

    HigherIsBetter = 1,

    LowerIsBetter = -1,
}

/// <summary>What one point of an XmR chart shows (NHS England "Making Data Count").</summary>
public enum PointVariation
{
    CommonCause,
    SpecialCauseImprovement,
    SpecialCauseConcern,
    SpecialCauseNeutralHigh,
    SpecialCauseNeutralLow,
}

/// <summary>Whether the process, as it runs, will meet its target: the assurance icon of "Making Data Count".</summary>
public enum Assurance
{
    /// <summary>No target, or a neutral indicator.</summary>
    None,

    /// <summary>The target lies between the process limits: the process will sometimes meet it and sometimes not.</summary>
    Inconsistent,

    /// <summary>Both limits are on the right side of the target.</summary>
    ConsistentPass,

    /// <summary>Both limits are on the wrong side of the target.</summary>
    ConsistentFail,
}

/// <summary>One plotted point with the rules it is part of.</summary>
public sealed record XmrPoint(
    DateOnly Period, double Value, bool OutsideLimits, bool Shift, bool Trend, bool TwoOfThreeNearLimit, PointVariation Variation);

/// <summary>An XmR chart: the centre line and limits from the baseline, the points, and the icons for the latest point.</summary>
public sealed record XmrChartResult(
    double Mean, double AverageMovingRange, double LowerLimit, double UpperLimit, double LowerNearLimit, double UpperNearLimit,
    IReadOnlyList<XmrPoint> Points, PointVariation LatestVariation, Assurance Assurance, int BaselinePoints);

/// <summary>
/// XmR (individuals and moving range) charts with the NHS England "Making Data Count" rules, as its spreadsheet tools
/// and the NHS-R community's NHSRplotthedots apply them: process limits at the mean ± 2.66 × the average moving range
/// (3σ with σ = mR̄/1.128), and special cause where a point is beyond a limit, is one of a run of 7 on one side of the
/// mean (shift) or of 7 rising or falling (trend), or is near a limit (beyond 2σ) with another of 3 consecutive points
/// on the same side. Limits can be fixed on the first points (the baseline) and the rest judged against them.
/// </summary>
public static class XmrChart
{
    /// <summary>3 / d₂ for moving ranges of two (d₂ = 1.128), rounded as Making Data Count uses it.</summary>
    public const double LimitFactor = 2.66;

    /// <summary>Points in a run (shift) or trend that signal special cause.</summary>
    public const int RunLength = 7;

    /// <summary>Fewer points than this make no chart: Making Data Count advises at least 15, and limits from fewer
    /// are unreliable.</summary>
    public const int MinimumPoints = 12;

    /// <param name="points">The series in time order, one value a period (no gaps).</param>
    /// <param name="polarity">Which way is better.</param>
    /// <param name="target">The target, for the assurance icon.</param>
    /// <param name="baselinePoints">Fix the mean and limits on the first this many points (all points when null).</param>
    /// <exception cref="ArgumentException">Too few points, periods not in order, a value that is not a number, or a
    /// baseline shorter than two points.</exception>
    public static XmrChartResult Calculate(IReadOnlyList<(DateOnly Period, double Value)> points, Polarity polarity, double? target = null, int? baselinePoints = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < MinimumPoints)
        {
            throw new ArgumentException($"An XmR chart needs at least {MinimumPoints} points; there are {points.Count}.", nameof(points));
        }

        if (points.Any(p => !double.IsFinite(p.Value)))
        {
            throw new ArgumentException("Every point needs a value.", nameof(points));
        }

        for (int i = 1; i < points.Count; i++)
        {
            if (points[i].Period <= points[i - 1].Period)
            {
                throw new ArgumentException("Points must be in time order, one a period.", nameof(points));
            }
        }

        int baseline = Math.Min(baselinePoints ?? points.Count, points.Count);
        if (baseline < 2)
        {
            throw new ArgumentException("The baseline needs at least two points.", nameof(baselinePoints));
        }

        var y = points.Select(p => p.Value).ToArray();
        double mean = y.Take(baseline).Average();
        double averageMovingRange = Enumerable.Range(1, baseline - 1).Average(i => Math.Abs(y[i] - y[i - 1]));
        double lower = mean - (LimitFactor * averageMovingRange);
        double upper = mean + (LimitFactor * averageMovingRange);
        double nearLower = mean - (2 * LimitFactor / 3 * averageMovingRange);
        double nearUpper = mean + (2 * LimitFactor / 3 * averageMovingRange);

        int n = y.Length;
        var side = y.Select(v => Math.Sign(v - mean)).ToArray();
        var outside = y.Select(v => v > upper || v < lower).ToArray();
        var near = y.Select((v, i) => !outside[i] && (v < nearLower || v > nearUpper)).ToArray();

        var shift = new bool[n];
        var trend = new bool[n];
        var twoOfThree = new bool[n];
        for (int end = RunLength - 1; end < n; end++)
        {
            int start = end - RunLength + 1;
            if (side[end] != 0 && Enumerable.Range(start, RunLength).All(i => side[i] == side[end]))
            {
                MarkRange(shift, start, end);
            }

            int direction = Math.Sign(y[start + 1] - y[start]);
            if (direction != 0 && Enumerable.Range(start + 1, RunLength - 1).All(i => Math.Sign(y[i] - y[i - 1]) == direction))
            {
                MarkRange(trend, start, end);
            }
        }

        for (int start = 0; start + 2 < n; start++)
        {
            int sameSide = side[start] + side[start + 1] + side[start + 2];
            int nearCount = (near[start] ? 1 : 0) + (near[start + 1] ? 1 : 0) + (near[start + 2] ? 1 : 0);
            if (Math.Abs(sameSide) == 3 && nearCount >= 2)
            {
                for (int i = start; i <= start + 2; i++)
                {
                    twoOfThree[i] |= near[i];
                }
            }
        }

        var chartPoints = new XmrPoint[n];
        for (int i = 0; i < n; i++)
        {
            bool special = outside[i] || shift[i] || trend[i] || twoOfThree[i];
            chartPoints[i] = new XmrPoint(points[i].Period, y[i], outside[i], shift[i], trend[i], twoOfThree[i], Variation(special, side[i], polarity));
        }

        return new XmrChartResult(mean, averageMovingRange, lower, upper, nearLower, nearUpper, chartPoints, chartPoints[^1].Variation,
            AssuranceOf(target, polarity, lower, upper), baseline);
    }

    // Special cause is named by the point's side of the mean, as in Making Data Count's tools (so a falling trend
    // that is still above the mean reads as "high").
    private static PointVariation Variation(bool special, int side, Polarity polarity) =>
        !special ? PointVariation.CommonCause
        : polarity == Polarity.Neutral ? (side >= 0 ? PointVariation.SpecialCauseNeutralHigh : PointVariation.SpecialCauseNeutralLow)
        : side == (int)polarity ? PointVariation.SpecialCauseImprovement
        : PointVariation.SpecialCauseConcern;

    private static Assurance AssuranceOf(double? target, Polarity polarity, double lower, double upper) =>
        target is not { } t || polarity == Polarity.Neutral ? Assurance.None
        : t > upper ? (polarity == Polarity.HigherIsBetter ? Assurance.ConsistentFail : Assurance.ConsistentPass)
        : t < lower ? (polarity == Polarity.HigherIsBetter ? Assurance.ConsistentPass : Assurance.ConsistentFail)
        : Assurance.Inconsistent;

    private static void MarkRange(bool[] flags, int start, int end)
    {
        for (int i = start; i <= end; i++)
        {
            flags[i] = true;
        }
    }
}
