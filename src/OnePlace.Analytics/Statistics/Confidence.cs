using MathNet.Numerics.Distributions;

namespace OnePlace.Analytics.Statistics;

/// <summary>
/// Confidence levels as the Public Health Technical Guidance and PHEindicatormethods use them: a two-sided level of at
/// least 0.9 and below 1, in practice 95% and 99.8% (Fingertips shows both), with z = Φ⁻¹(level + (1 − level)/2).
/// </summary>
public static class Confidence
{
    public const double Level95 = 0.95;

    public const double Level998 = 0.998;

    /// <summary>The two-sided standard normal quantile for <paramref name="level"/> (1.959963984540054 at 95%).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is below 0.9 or not below 1.</exception>
    public static double Z(double level)
    {
        Check(level);
        return Normal.InvCDF(0, 1, level + ((1 - level) / 2));
    }

    /// <exception cref="ArgumentOutOfRangeException">The level is below 0.9 or not below 1.</exception>
    public static void Check(double level)
    {
        if (!(level >= 0.9 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "A confidence level must be at least 0.9 and below 1 (e.g. 0.95 or 0.998).");
        }
    }
}

/// <summary>A statistic with its confidence interval at one level. <see cref="Value"/>, <see cref="Lower"/> and
/// <see cref="Upper"/> are null where the method withholds them (a DSR of fewer than 10 events, for example), and
/// <see cref="Method"/> then says why.</summary>
public sealed record Estimate(double? Value, double? Lower, double? Upper, double Confidence, string Method);
