namespace OnePlace.Analytics.Statistics;

/// <summary>One age band of a directly standardised rate: events, the local population and the standard
/// population's weight for the band (e.g. <see cref="EuropeanStandardPopulation2013"/>).</summary>
public sealed record StandardisedBand(double Count, double Population, double StandardPopulation);

/// <summary>One age band of a directly standardised rate of events that may repeat for a person: the people in the
/// band by how many events each had (frequency → people), the local population and the standard weight.</summary>
public sealed record RepeatEventBand(IReadOnlyDictionary<int, double> PeopleByFrequency, double Population, double StandardPopulation);

/// <summary>A directly standardised rate with its totals; the rate and limits are null below 10 events.</summary>
public sealed record DsrResult(double TotalCount, double TotalPopulation, Estimate Estimate);

/// <summary>
/// Directly standardised rates with Dobson et al. (1991) limits, as OHID publishes them: DSR = Σwᵢxᵢ/nᵢ / Σwᵢ, its
/// variance V = Σwᵢ²xᵢ/nᵢ² / (Σwᵢ)², limits DSR + √(V/O)(O_L − O) with O_L, O_U Byar's limits of the total count O.
/// Fewer than 10 events give no rate and no limits (Public Health Technical Guidance).
/// </summary>
public static class DirectlyStandardisedRates
{
    public const string Method = "Dobson";

    public const string TooFewEvents = "dsr NA for total count < 10";

    /// <summary>Independent events (each person counted once per event, events independent).</summary>
    /// <exception cref="ArgumentException">No bands, a population not above 0, a negative count or weight.</exception>
    public static DsrResult Dobson(IReadOnlyList<StandardisedBand> bands, double level = Confidence.Level95, double multiplier = 100_000)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return Calculate(bands.Select(b => (b.Count, b.Count, b.Population, b.StandardPopulation)).ToList(), level, multiplier);
    }

    /// <summary>
    /// Events that can repeat for one person (PHEindicatormethods 2.1 <c>independent_events = FALSE</c>): the
    /// events are Σf·p_f and the variance counts each person's events together, V = Σ_f f²·Σᵢwᵢ²p_{i,f}/nᵢ² / (Σw)².
    /// </summary>
    /// <exception cref="ArgumentException">No bands, a population not above 0, a negative count, frequency or weight.</exception>
    public static DsrResult DobsonRepeatEvents(IReadOnlyList<RepeatEventBand> bands, double level = Confidence.Level95, double multiplier = 100_000)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var rows = new List<(double, double, double, double)>(bands.Count);
        foreach (var band in bands)
        {
            if (band.PeopleByFrequency.Any(f => f.Key < 0 || !(f.Value >= 0)))
            {
                throw new ArgumentException("Frequencies and people must be 0 or more.", nameof(bands));
            }

            double events = band.PeopleByFrequency.Sum(f => f.Key * f.Value);
            double squared = band.PeopleByFrequency.Sum(f => (double)f.Key * f.Key * f.Value);
            rows.Add((events, squared, band.Population, band.StandardPopulation));
        }

        return Calculate(rows, level, multiplier);
    }

    private static DsrResult Calculate(List<(double Count, double SquaredCount, double Population, double Weight)> bands, double level, double multiplier)
    {
        Confidence.Check(level);
        if (bands.Count == 0)
        {
            throw new ArgumentException("A standardised rate needs at least one age band.", nameof(bands));
        }

        if (bands.Any(b => !(b.Population > 0)))
        {
            throw new ArgumentException("Every age band needs a population above 0.", nameof(bands));
        }

        if (bands.Any(b => !(b.Count >= 0) || !(b.Weight >= 0)))
        {
            throw new ArgumentException("Counts and standard populations must be 0 or more.", nameof(bands));
        }

        double totalCount = bands.Sum(b => b.Count);
        double totalPopulation = bands.Sum(b => b.Population);
        if (totalCount < PoissonLimits.ByarFrom)
        {
            return new DsrResult(totalCount, totalPopulation, new Estimate(null, null, null, level, TooFewEvents));
        }

        double weights = bands.Sum(b => b.Weight);
        double value = bands.Sum(b => b.Count * b.Weight / b.Population) / weights * multiplier;
        double variance = bands.Sum(b => b.Weight * b.Weight * b.SquaredCount / (b.Population * b.Population)) / (weights * weights);
        var (countLower, countUpper) = PoissonLimits.Byar(totalCount, level);
        double scale = Math.Sqrt(variance / totalCount);
        return new DsrResult(totalCount, totalPopulation, new Estimate(
            value, value + (scale * (countLower - totalCount) * multiplier), value + (scale * (countUpper - totalCount) * multiplier), level, Method));
    }
}
