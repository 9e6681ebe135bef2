namespace OnePlace.Planning.Sampling;

/// <summary>
/// An uncertain parameter given as an 80% prediction interval [Low, High] (10th and 90th centiles), with the range
/// its draws are clamped to. A fixed value is an interval of width zero. Follows the New Hospital Programme model:
/// an interval becomes Normal(mean (lo+hi)/2, sd (hi−lo)/2.563103), each draw clamped to the parameter's valid range
/// (The Strategy Unit, nhp_model <c>helpers.rnorm</c> and <c>inrange</c>; D_demand_finance §1.3).
/// </summary>
public readonly record struct Interval(double Low, double High)
{
    /// <summary>2·Φ⁻¹(0.9), the width of an 80% interval in standard deviations (nhp_model <c>helpers.rnorm</c>).</summary>
    public const double Width80 = 2.563103;

    public static Interval Fixed(double value) => new(value, value);

    public double Midpoint => (Low + High) / 2;

    public double StandardDeviation => (High - Low) / Width80;

    public bool IsFixed => Low == High;

    /// <summary>The value for a standard normal deviate <paramref name="z"/>, clamped to [min, max].</summary>
    public double At(double z, double min, double max) => Math.Clamp(Midpoint + (StandardDeviation * z), min, max);

    public override string ToString() => IsFixed
        ? Low.ToString("G", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{Low:G}, {High:G}]");
}
