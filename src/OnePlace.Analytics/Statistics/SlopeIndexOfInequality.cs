using MathNet.Numerics.Distributions;

namespace OnePlace.Analytics.Statistics;

/// <summary>What a quantile's value measures, which decides the scale its limits are symmetric on.</summary>
public enum InequalityValueType
{
    /// <summary>A value with symmetric limits (life expectancy, a mean).</summary>
    Normal = 0,

    /// <summary>A rate: limits symmetric on the log scale.</summary>
    Rate = 1,

    /// <summary>A proportion between 0 and 1: limits symmetric on the logit scale.</summary>
    Proportion = 2,
}

/// <summary>One quantile (e.g. deprivation decile; 1 = most deprived) with its population and value, and either the
/// value's standard error or its 95% limits.</summary>
public sealed record QuantileValue(int Quantile, double Population, double Value, double? StandardError = null, double? Lower95 = null, double? Upper95 = null);

/// <summary>The slope and relative index of inequality with their simulated confidence limits.</summary>
public sealed record InequalityResult(double Sii, double SiiLower, double SiiUpper, double Rii, double RiiLower, double RiiUpper, double Intercept, double Confidence, int Repetitions);

/// <summary>
/// Slope and relative index of inequality (Low &amp; Low 2004; PHEindicatormethods <c>phe_sii</c>). Quantiles are ranked
/// by the mid-point of their cumulative population share, bⱼ = Σ_{m&lt;j}aₘ + aⱼ/2, and the values regressed on the
/// ranks by least squares weighted by the shares aⱼ: the SII is the slope (the fitted gap between the two ends), the
/// RII the fitted value at the least deprived end over that at the most deprived. With <c>transform</c>, rates are
/// fitted on the log scale and proportions on the logit scale and the SII and RII back-transformed. Limits come from
/// refitting to values drawn from each quantile's normal sampling distribution.
/// </summary>
public static class SlopeIndexOfInequality
{
    public const int DefaultRepetitions = 100_000;

    // Limits given with the values are always 95% limits (phe_sii): their standard error uses z at 95%.
    private static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <param name="quantiles">5 to 100 quantiles, each with a population above 0 and a standard error or 95% limits.</param>
    /// <param name="valueType">What the values measure.</param>
    /// <param name="transform">Fit rates on the log and proportions on the logit scale (no standard errors may be given).</param>
    /// <param name="multiplier">Scales the SII (100 for percentages); a negative one reverses polarity and inverts the RII.</param>
    /// <param name="level">Confidence level of the simulated limits.</param>
    /// <param name="repetitions">Simulated refits, at least 1,000.</param>
    /// <param name="seed">Seed of the simulation, so that a published figure can be reproduced.</param>
    /// <exception cref="ArgumentException">The quantiles or options are invalid (the message says which).</exception>
    public static InequalityResult Calculate(
        IReadOnlyList<QuantileValue> quantiles, InequalityValueType valueType = InequalityValueType.Normal, bool transform = false,
        double multiplier = 1, double level = Confidence.Level95, int repetitions = DefaultRepetitions, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(quantiles);
        Confidence.Check(level);
        Validate(quantiles, valueType, transform, repetitions);

        var ordered = quantiles.OrderBy(q => q.Quantile).ToArray();
        int k = ordered.Length;
        double total = ordered.Sum(q => q.Population);
        var a = ordered.Select(q => q.Population / total).ToArray();
        var b = new double[k];
        double cumulative = 0;
        for (int j = 0; j < k; j++)
        {
            b[j] = cumulative + (a[j] / 2);
            cumulative += a[j];
        }

        Func<double, double> g = valueType switch
        {
            InequalityValueType.Rate => Math.Log,
            InequalityValueType.Proportion => p => Math.Log(p / (1 - p)),
            _ => v => v,
        };
        Func<double, double> inverse = valueType switch
        {
            InequalityValueType.Rate => Math.Exp,
            InequalityValueType.Proportion => t => Math.Exp(t) / (1 + Math.Exp(t)),
            _ => t => t,
        };

        // Standard errors on the scale the limits are symmetric on, whether or not the fit is transformed.
        var centre = ordered.Select(q => g(q.Value)).ToArray();
        var se = ordered.Select(q => q.StandardError ?? ((g(q.Upper95!.Value) - g(q.Lower95!.Value)) / Z95 / 2)).ToArray();

        var fitted = transform ? centre : ordered.Select(q => q.Value).ToArray();
        var (b0, b1) = Fit(a, b, fitted);

        // Refit to drawn values; untransformed fits draw on the symmetric scale and refit on the original one.
        var random = new Random(seed);
        var slopes = new double[repetitions];
        var ratios = new double[repetitions];
        var draw = new double[k];
        for (int r = 0; r < repetitions; r++)
        {
            for (int j = 0; j < k; j++)
            {
                double sample = Normal.Sample(random, centre[j], se[j]);
                draw[j] = transform ? sample : inverse(sample);
            }

            var (s0, s1) = Fit(a, b, draw);
            slopes[r] = s1;
            ratios[r] = (s0 + s1) / s0;
        }

        Array.Sort(slopes);
        Array.Sort(ratios);
        double alpha = 1 - level;
        // 1-based positions round(R·α/2) and round(R·(1 − α/2)); R rounds halves to even, as Math.Round does.
        int lowerAt = Math.Max(1, (int)Math.Round(repetitions * alpha / 2)) - 1;
        int upperAt = Math.Min(repetitions, (int)Math.Round(repetitions * (1 - (alpha / 2)))) - 1;

        double sii, siiLower, siiUpper, rii, riiLower, riiUpper, intercept;
        if (transform)
        {
            // Back-transformed about the fitted value at the middle rank, so the gap keeps the fitted level.
            double middle = b0 + (b1 / 2);
            sii = (inverse(b0 + b1) - inverse(b0)) * multiplier;
            rii = inverse(b0 + b1) / inverse(b0);
            intercept = inverse(b0) * Math.Abs(multiplier);
            siiLower = (inverse(middle + (slopes[lowerAt] / 2)) - inverse(middle - (slopes[lowerAt] / 2))) * multiplier;
            siiUpper = (inverse(middle + (slopes[upperAt] / 2)) - inverse(middle - (slopes[upperAt] / 2))) * multiplier;
            riiLower = inverse(middle + (slopes[lowerAt] / 2)) / inverse(middle - (slopes[lowerAt] / 2));
            riiUpper = inverse(middle + (slopes[upperAt] / 2)) / inverse(middle - (slopes[upperAt] / 2));
        }
        else
        {
            sii = b1 * multiplier;
            rii = (b0 + b1) / b0;
            intercept = b0 * Math.Abs(multiplier);
            siiLower = slopes[lowerAt] * multiplier;
            siiUpper = slopes[upperAt] * multiplier;
            riiLower = ratios[lowerAt];
            riiUpper = ratios[upperAt];
        }

        if (multiplier < 0)
        {
            rii = 1 / rii;
            (riiLower, riiUpper) = (1 / riiUpper, 1 / riiLower);
        }

        return new InequalityResult(sii, Math.Min(siiLower, siiUpper), Math.Max(siiLower, siiUpper), rii, Math.Min(riiLower, riiUpper), Math.Max(riiLower, riiUpper),
            intercept, level, repetitions);
    }

    /// <summary>Least squares of y on b weighted by a (the shares sum to 1): intercept and slope.</summary>
    private static (double Intercept, double Slope) Fit(double[] a, double[] b, double[] y)
    {
        double meanB = 0;
        double meanY = 0;
        for (int j = 0; j < a.Length; j++)
        {
            meanB += a[j] * b[j];
            meanY += a[j] * y[j];
        }

        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < a.Length; j++)
        {
            sxx += a[j] * (b[j] - meanB) * (b[j] - meanB);
            sxy += a[j] * (b[j] - meanB) * (y[j] - meanY);
        }

        double slope = sxy / sxx;
        return (meanY - (slope * meanB), slope);
    }

    private static void Validate(IReadOnlyList<QuantileValue> quantiles, InequalityValueType valueType, bool transform, int repetitions)
    {
        if (quantiles.Count is < 5 or > 100)
        {
            throw new ArgumentException("The SII needs between 5 and 100 quantiles.", nameof(quantiles));
        }

        if (quantiles.Select(q => q.Quantile).Distinct().Count() != quantiles.Count)
        {
            throw new ArgumentException("Each quantile may appear once.", nameof(quantiles));
        }

        if (quantiles.Any(q => !(q.Population > 0)))
        {
            throw new ArgumentException("Every quantile needs a population above 0.", nameof(quantiles));
        }

        if (quantiles.Any(q => q.StandardError is null && (q.Lower95 is null || q.Upper95 is null)))
        {
            throw new ArgumentException("Every quantile needs a standard error or both 95% limits.", nameof(quantiles));
        }

        if (quantiles.Any(q => q.StandardError < 0))
        {
            throw new ArgumentException("Standard errors must be 0 or more.", nameof(quantiles));
        }

        if (valueType == InequalityValueType.Proportion && quantiles.Any(q => q.Value is < 0 or > 1 || q.Lower95 is < 0 or > 1 || q.Upper95 is < 0 or > 1))
        {
            throw new ArgumentException("Proportions and their limits must lie between 0 and 1.", nameof(quantiles));
        }

        if (transform && valueType == InequalityValueType.Normal)
        {
            throw new ArgumentException("Only rates and proportions can be transformed.", nameof(transform));
        }

        if (transform && quantiles.Any(q => q.StandardError is not null))
        {
            throw new ArgumentException("A transformed fit takes 95% limits, not standard errors (their scale would be ambiguous).", nameof(quantiles));
        }

        if (repetitions < 1000)
        {
            throw new ArgumentException("The simulation needs at least 1,000 repetitions.", nameof(repetitions));
        }
    }
}
