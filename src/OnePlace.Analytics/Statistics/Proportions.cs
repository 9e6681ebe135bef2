namespace OnePlace.Analytics.Statistics;

/// <summary>A proportion with Wilson score limits (Wilson 1927; Newcombe &amp; Altman 2000), as Fingertips publishes
/// proportions and percentages.</summary>
public static class Proportions
{
    public const string Method = "Wilson";

    /// <param name="numerator">Events, 0 to <paramref name="denominator"/>; need not be whole.</param>
    /// <param name="denominator">People at risk, above 0.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="multiplier">1 for a proportion, 100 for a percentage.</param>
    /// <exception cref="ArgumentOutOfRangeException">The counts or the level are out of range.</exception>
    public static Estimate Wilson(double numerator, double denominator, double level = Confidence.Level95, double multiplier = 1)
    {
        if (!(denominator > 0) || double.IsInfinity(denominator))
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "The denominator must be above 0.");
        }

        if (!(numerator >= 0) || numerator > denominator)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), numerator, "The numerator must be between 0 and the denominator.");
        }

        double z = Confidence.Z(level);
        double x = numerator;
        double n = denominator;
        double spread = z * Math.Sqrt((z * z) + (4 * x * (1 - (x / n))));
        double lower = ((2 * x) + (z * z) - spread) / (2 * (n + (z * z)));
        double upper = ((2 * x) + (z * z) + spread) / (2 * (n + (z * z)));
        return new Estimate(x / n * multiplier, Math.Max(0, lower) * multiplier, Math.Min(1, upper) * multiplier, level, Method);
    }
}
