using MathNet.Numerics.Distributions;

namespace OnePlace.Analytics.Statistics;

/// <summary>A mean with its sample standard deviation.</summary>
public sealed record MeanResult(int Count, double StandardDeviation, Estimate Estimate);

/// <summary>A mean with Student's t limits, mean ± t(α/2, n−1)·s/√n (Public Health Technical Guidance).</summary>
public static class Means
{
    public const string Method = "Student's t-distribution";

    /// <exception cref="ArgumentException">Fewer than two values, or a value that is not a number.</exception>
    public static MeanResult Mean(IReadOnlyList<double> values, double level = Confidence.Level95)
    {
        ArgumentNullException.ThrowIfNull(values);
        Confidence.Check(level);
        if (values.Count < 2 || values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException("A mean with limits needs at least two values, all numbers.", nameof(values));
        }

        int n = values.Count;
        double mean = values.Sum() / n;
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        double t = StudentT.InvCDF(0, 1, n - 1, level + ((1 - level) / 2));
        double half = t * sd / Math.Sqrt(n);
        return new MeanResult(n, sd, new Estimate(mean, mean - half, mean + half, level, Method));
    }
}
