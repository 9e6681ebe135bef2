namespace OnePlace.Analytics.Statistics;

/// <summary>A crude rate, events per <c>multiplier</c> people, with exact Poisson limits below 10 events and Byar's from
/// 10 (Public Health Technical Guidance).</summary>
public static class Rates
{
    /// <param name="count">Events, 0 or more; may exceed the population (repeat admissions).</param>
    /// <param name="population">People, above 0.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="multiplier">Per how many people: 100,000 unless the indicator says otherwise.</param>
    /// <exception cref="ArgumentOutOfRangeException">The counts or the level are out of range.</exception>
    public static Estimate Crude(double count, double population, double level = Confidence.Level95, double multiplier = 100_000)
    {
        if (!(population > 0) || double.IsInfinity(population))
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "The population must be above 0.");
        }

        var (lower, upper, method) = PoissonLimits.For(count, level);
        return new Estimate(count / population * multiplier, lower / population * multiplier, upper / population * multiplier, level, method);
    }
}
