namespace OnePlace.Analytics.Statistics;

/// <summary>One age band of an indirect standardisation: local events and population, and the reference population's
/// events and population for the same band.</summary>
public sealed record ReferenceBand(double Count, double Population, double ReferenceCount, double ReferencePopulation);

/// <summary>An indirectly standardised ratio or rate with the observed and expected events behind it, and for a rate
/// the reference population's crude rate.</summary>
public sealed record IsrResult(double Observed, double Expected, double? ReferenceRate, Estimate Estimate);

/// <summary>
/// Indirect standardisation (Public Health Technical Guidance): expected events E = Σ(Xᵢ/Nᵢ)nᵢ from the reference
/// rates, observed O = Σxᵢ; the ratio O/E (× 100 for an SMR) and the rate O/E × the reference crude rate, with
/// the count's exact (O &lt; 10) or Byar limits divided by E. There is no suppression for small O.
/// </summary>
public static class IndirectlyStandardised
{
    /// <param name="bands">The age bands.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="referenceValue">1 for a ratio, 100 for a standardised ratio ×100 (SMR).</param>
    /// <param name="observedTotal">The observed events, where known only as a total (not by band).</param>
    /// <exception cref="ArgumentException">No bands, or a population not above 0.</exception>
    public static IsrResult Ratio(IReadOnlyList<ReferenceBand> bands, double level = Confidence.Level95, double referenceValue = 1, double? observedTotal = null)
    {
        var (observed, expected) = ObservedAndExpected(bands, observedTotal);
        var (lower, upper, method) = PoissonLimits.For(observed, level);
        return new IsrResult(observed, expected, null, new Estimate(
            observed / expected * referenceValue, lower / expected * referenceValue, upper / expected * referenceValue, level, method));
    }

    /// <param name="bands">The age bands.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="multiplier">Per how many people.</param>
    /// <param name="observedTotal">The observed events, where known only as a total (not by band).</param>
    /// <exception cref="ArgumentException">No bands, or a population not above 0.</exception>
    public static IsrResult Rate(IReadOnlyList<ReferenceBand> bands, double level = Confidence.Level95, double multiplier = 100_000, double? observedTotal = null)
    {
        var (observed, expected) = ObservedAndExpected(bands, observedTotal);
        double referenceRate = bands.Sum(b => b.ReferenceCount) / bands.Sum(b => b.ReferencePopulation) * multiplier;
        var (lower, upper, method) = PoissonLimits.For(observed, level);
        return new IsrResult(observed, expected, referenceRate, new Estimate(
            observed / expected * referenceRate, lower / expected * referenceRate, upper / expected * referenceRate, level, method));
    }

    private static (double Observed, double Expected) ObservedAndExpected(IReadOnlyList<ReferenceBand> bands, double? observedTotal)
    {
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
        {
            throw new ArgumentException("An indirect standardisation needs at least one age band.", nameof(bands));
        }

        if (bands.Any(b => !(b.Population > 0) || !(b.ReferencePopulation > 0)))
        {
            throw new ArgumentException("Every age band needs local and reference populations above 0.", nameof(bands));
        }

        if (bands.Any(b => !(b.Count >= 0) || !(b.ReferenceCount >= 0)) || observedTotal < 0)
        {
            throw new ArgumentException("Counts must be 0 or more.", nameof(bands));
        }

        double expected = bands.Sum(b => b.ReferenceCount / b.ReferencePopulation * b.Population);
        return (observedTotal ?? bands.Sum(b => b.Count), expected);
    }
}
