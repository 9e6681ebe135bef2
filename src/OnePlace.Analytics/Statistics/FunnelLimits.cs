namespace OnePlace.Analytics.Statistics;

/// <summary>One locality's proportion for a funnel plot: <see cref="Numerator"/> out of <see cref="Denominator"/>.</summary>
public sealed record FunnelProportion(double Numerator, double Denominator);

/// <summary>One locality's observed and expected events for a ratio funnel plot (an indirectly standardised ratio or
/// SMR is observed / expected).</summary>
public sealed record FunnelRatio(double Observed, double Expected);

/// <summary>One locality's rate for a funnel plot: its events, its rate per <c>multiplier</c> people (crude or directly
/// standardised) and, for a crude rate of no events, the population (a rate of 0 does not say it).</summary>
public sealed record FunnelRate(double Events, double Rate, double? Population = null);

/// <summary>What a rate funnel compares: crude rates, or directly standardised rates (DSRs).</summary>
public enum FunnelRateType
{
    Crude = 0,

    /// <summary>Directly standardised rates: a DSR of fewer than 10 events is not assessed (it has no value).</summary>
    DirectlyStandardised = 1,
}

/// <summary>Where a locality falls against a funnel's control limits. High and low say only which side of the
/// average it is on; whether that is better or worse depends on the indicator's polarity.</summary>
public enum FunnelSignificance
{
    /// <summary>Within the 95% limits.</summary>
    NotSignificant = 0,

    /// <summary>Above the 95% (2σ) upper limit but not the 99.8% one: PHEindicatormethods' "High (0.025)".</summary>
    High95 = 1,

    /// <summary>Above the 99.8% (3σ) upper limit: "High (0.001)".</summary>
    High998 = 2,

    /// <summary>Below the 95% lower limit but not the 99.8% one: "Low (0.025)".</summary>
    Low95 = 3,

    /// <summary>Below the 99.8% lower limit: "Low (0.001)".</summary>
    Low998 = 4,

    /// <summary>A directly standardised rate of fewer than 10 events, which has no value to compare.</summary>
    TooFewEvents = 5,
}

/// <summary>The proportion funnel's control limits at one population (denominator), on the multiplier's scale.</summary>
public sealed record ProportionFunnelPoint(double Population, double Lower95, double Upper95, double Lower998, double Upper998);

/// <summary>A proportion funnel: the average proportion (Σ numerators / Σ denominators × multiplier) and the limits
/// at each population asked for.</summary>
public sealed record ProportionFunnel(double Baseline, IReadOnlyList<ProportionFunnelPoint> Points);

/// <summary>One point of a ratio or rate control limit line: where it sits across the plot (expected events for a
/// ratio, population per year for a rate) and the limit's value there.</summary>
public readonly record struct ControlLimit(double Position, double Value);

/// <summary>Where a locality with <see cref="Observed"/> events would sit exactly on each control limit.</summary>
public sealed record PoissonFunnelPoint(double Observed, ControlLimit Lower95, ControlLimit Upper95, ControlLimit Lower998, ControlLimit Upper998);

/// <summary>A ratio or rate funnel: its baseline (1 or 100 for a ratio; the localities' average rate per multiplier
/// for a rate) and the limit lines' points at each count of events asked for.</summary>
public sealed record PoissonFunnel(double Baseline, IReadOnlyList<PoissonFunnelPoint> Points);

/// <summary>
/// Funnel plot control limits and significance for comparing localities with their average, as PHEindicatormethods
/// 2.x computes them (<c>calculate_funnel_limits</c>, <c>assign_funnel_significance</c>, following the Fingertips
/// public health methods, fingertips.phe.org.uk/profile/guidance/supporting-information/PH-methods): 95% limits at 2σ
/// (tails 0.025) and 99.8% limits at 3σ (tails 0.001). The package draws its limits at 100 points of its own choosing; here the caller says
/// at which populations or counts of events to draw them.
/// </summary>
public static class FunnelLimits
{
    /// <summary>Tail probability beyond each 95% limit.</summary>
    public const double Tail95 = 0.025;

    /// <summary>Tail probability beyond each 99.8% limit.</summary>
    public const double Tail998 = 0.001;

    /// <summary>Directly standardised rates of fewer events than this are not assessed (as they have no value).</summary>
    public const double DsrFrom = PoissonLimits.ByarFrom;

    // The package's search for a limit's Poisson mean stops once its step on v = μ/(μ + O + 1) is at most this.
    private const double MeanSearchStep = 1e-7;

    private static readonly double Z95 = Confidence.Z(Confidence.Level95);

    private static readonly double Z998 = Confidence.Z(Confidence.Level998);

    /// <summary>
    /// Control limits around the localities' average proportion p̄ = Σx / Σn: p̄ ± z√(p̄(1 − p̄)/n) at each population n,
    /// cut to 0 … multiplier. The package's <c>sigma_adjustment</c> writes each limit as a root of a quadratic whose
    /// discriminant simplifies to 64p̄(1 − p̄)(a + 1)²/a with a = n/z², so that the root is this normal approximation
    /// to the binomial; the plain form gives the same limits without the quadratic's cancellation.
    /// </summary>
    /// <param name="localities">The localities whose average is the funnel's centre.</param>
    /// <param name="populations">Denominators at which to draw the limits, each above 0.</param>
    /// <param name="multiplier">1 for proportions, 100 for percentages.</param>
    /// <exception cref="ArgumentException">No localities or populations, or a count out of range (the message says which).</exception>
    public static ProportionFunnel ForProportions(IReadOnlyList<FunnelProportion> localities, IReadOnlyList<double> populations, double multiplier)
    {
        double average = AverageProportion(localities);
        CheckMultiplier(multiplier);
        CheckNotEmpty(populations, nameof(populations), "population at which to draw the limits");
        var points = new List<ProportionFunnelPoint>(populations.Count);
        foreach (double n in populations)
        {
            if (!(n > 0) || double.IsInfinity(n))
            {
                throw new ArgumentOutOfRangeException(nameof(populations), n, "Each population at which to draw the limits must be above 0.");
            }

            double spread = Math.Sqrt(average * (1 - average) / n);
            // The package cuts at 0 and 100 whatever the multiplier; cutting at the multiplier is the same for
            // percentages and keeps proportions at or below 1.
            double Lower(double z) => Math.Max(0, (average - (z * spread)) * multiplier);
            double Upper(double z) => Math.Min(multiplier, (average + (z * spread)) * multiplier);
            points.Add(new ProportionFunnelPoint(n, Lower(Z95), Upper(Z95), Lower(Z998), Upper(Z998)));
        }

        return new ProportionFunnel(average * multiplier, points);
    }

    /// <summary>Each locality's proportion x/n against the limits p̄ ± z√(p̄(1 − p̄)/n) of its own denominator, in the
    /// order given.</summary>
    /// <exception cref="ArgumentException">No localities, or a count out of range (the message says which).</exception>
    public static IReadOnlyList<FunnelSignificance> SignificanceOfProportions(IReadOnlyList<FunnelProportion> localities)
    {
        double average = AverageProportion(localities);
        return [.. localities.Select(l =>
        {
            double p = l.Numerator / l.Denominator;
            double spread = Math.Sqrt(average * (1 - average) / l.Denominator);
            return Classify(
                high998: p > average + (Z998 * spread), high95: p > average + (Z95 * spread),
                low998: p < average - (Z998 * spread), low95: p < average - (Z95 * spread));
        })];
    }

    /// <summary>
    /// Control limits for ratios of observed to expected events (ISR, SMR) around 1 × <paramref name="referenceValue"/>.
    /// For O observed events, the lower limit is O/E where E is the Poisson mean with P(X ≤ O) = the tail, and the
    /// upper limit O/E where P(X ≥ O) = the tail; each point's position is that E. The means are found as the
    /// package's <c>poisson_funnel</c> (ported there from PHE's Excel funnel plot macro) finds them, by halving on
    /// v = E/(E + O + 1) until the step is at most 1e-7, so that the limits agree with it to the digit rather than
    /// being the exact roots (they differ by up to ~1e-4 relative at one or two events).
    /// </summary>
    /// <param name="observed">Counts of observed events at which to draw the limits: whole numbers, 1 or more.</param>
    /// <param name="referenceValue">1 for a ratio, 100 for a ratio × 100 (SMR).</param>
    /// <exception cref="ArgumentException">No counts, a count that is not a whole number of 1 or more, or a reference value not above 0.</exception>
    public static PoissonFunnel ForRatios(IReadOnlyList<double> observed, double referenceValue = 1)
    {
        if (!(referenceValue > 0) || double.IsInfinity(referenceValue))
        {
            throw new ArgumentOutOfRangeException(nameof(referenceValue), referenceValue, "The reference value must be above 0 (1 for a ratio, 100 for an SMR).");
        }

        return new PoissonFunnel(referenceValue, PoissonPoints(observed, nameof(observed), expected => expected, ratio => ratio * referenceValue));
    }

    /// <summary>Each locality's observed events O against its expected E: above when O's lower confidence limit (exact
    /// below 10 events, Byar's from 10) exceeds E, below when O's upper limit is under E; in the order given.</summary>
    /// <exception cref="ArgumentException">No localities, a negative observed count or an expected count not above 0.</exception>
    public static IReadOnlyList<FunnelSignificance> SignificanceOfRatios(IReadOnlyList<FunnelRatio> localities)
    {
        CheckNotEmpty(localities, nameof(localities), "locality");
        foreach (var l in localities)
        {
            CheckCount(l.Observed, nameof(localities), "Observed events");
            if (!(l.Expected > 0) || double.IsInfinity(l.Expected))
            {
                throw new ArgumentOutOfRangeException(nameof(localities), l.Expected, "Expected events must be above 0.");
            }
        }

        return [.. localities.Select(l => Compare(l.Observed, l.Expected, 1))];
    }

    /// <summary>
    /// Control limits for crude or directly standardised rates around the localities' average rate. Each locality's
    /// population is the one its rate implies, multiplier × events / rate (for a DSR, the population that would give
    /// the DSR as a crude rate), or the population given for a crude rate of no events; a DSR of no events implies
    /// none and is left out. The average r̄ is Σ events / Σ those populations. For O events the limits are O/(E/r̄)
    /// × multiplier with E found as for <see cref="ForRatios"/>, at the population E/r̄ spread over the years.
    /// </summary>
    /// <param name="localities">The localities whose average is the funnel's centre.</param>
    /// <param name="type">Crude or directly standardised rates.</param>
    /// <param name="events">Counts of events at which to draw the limits: whole numbers, 1 or more.</param>
    /// <param name="multiplier">Per how many people the rates are (100,000 usually): the rates' own multiplier.</param>
    /// <param name="yearsOfData">How many years the counts cover; positions are populations per year.</param>
    /// <exception cref="ArgumentException">No localities or counts, or a value out of range (the message says which).</exception>
    public static PoissonFunnel ForRates(IReadOnlyList<FunnelRate> localities, FunnelRateType type, IReadOnlyList<double> events, double multiplier, double yearsOfData = 1)
    {
        CheckMultiplier(multiplier);
        if (!(yearsOfData > 0) || double.IsInfinity(yearsOfData))
        {
            throw new ArgumentOutOfRangeException(nameof(yearsOfData), yearsOfData, "The years of data must be above 0.");
        }

        var (_, average) = RatePopulations(localities, type, multiplier);
        return new PoissonFunnel(average * multiplier, PoissonPoints(
            events, nameof(events), expected => expected / average / yearsOfData, ratio => ratio * average * multiplier));
    }

    /// <summary>Each locality's events against the average rate r̄ (as in <see cref="ForRates"/>): above when the lower
    /// confidence limit of its events (exact below 10, Byar's from 10) over its population exceeds r̄, below when
    /// the upper one is under it; a DSR of fewer than 10 events is <see cref="FunnelSignificance.TooFewEvents"/>.</summary>
    /// <exception cref="ArgumentException">No localities, or a value out of range (the message says which).</exception>
    public static IReadOnlyList<FunnelSignificance> SignificanceOfRates(IReadOnlyList<FunnelRate> localities, FunnelRateType type, double multiplier)
    {
        CheckMultiplier(multiplier);
        var (populations, average) = RatePopulations(localities, type, multiplier);
        return [.. localities.Select((l, i) =>
            type == FunnelRateType.DirectlyStandardised && l.Events < DsrFrom ? FunnelSignificance.TooFewEvents
            : Compare(l.Events, populations[i]!.Value, average))];
    }

    /// <summary>The label PHEindicatormethods and Fingertips give a significance, e.g. "High (0.001)".</summary>
    public static string Label(FunnelSignificance significance) => significance switch
    {
        FunnelSignificance.High95 => "High (0.025)",
        FunnelSignificance.High998 => "High (0.001)",
        FunnelSignificance.Low95 => "Low (0.025)",
        FunnelSignificance.Low998 => "Low (0.001)",
        FunnelSignificance.TooFewEvents => "Not applicable for events less than 10 for dsrs",
        _ => "Not significant",
    };

    private static double AverageProportion(IReadOnlyList<FunnelProportion> localities)
    {
        CheckNotEmpty(localities, nameof(localities), "locality");
        foreach (var l in localities)
        {
            if (!(l.Denominator > 0) || double.IsInfinity(l.Denominator))
            {
                throw new ArgumentOutOfRangeException(nameof(localities), l.Denominator, "Each denominator must be above 0.");
            }

            if (!(l.Numerator >= 0) || l.Numerator > l.Denominator)
            {
                throw new ArgumentOutOfRangeException(nameof(localities), l.Numerator, "Each numerator must be between 0 and its denominator.");
            }
        }

        return localities.Sum(l => l.Numerator) / localities.Sum(l => l.Denominator);
    }

    /// <summary>Each locality's population as its rate implies it (null for a DSR of no events), and the average rate
    /// per person, Σ events / Σ populations.</summary>
    private static (double?[] Populations, double Average) RatePopulations(IReadOnlyList<FunnelRate> localities, FunnelRateType type, double multiplier)
    {
        CheckNotEmpty(localities, nameof(localities), "locality");
        var populations = new double?[localities.Count];
        for (int i = 0; i < localities.Count; i++)
        {
            var l = localities[i];
            CheckCount(l.Events, nameof(localities), "Events");
            if (l.Events > 0)
            {
                if (!(l.Rate > 0) || double.IsInfinity(l.Rate))
                {
                    throw new ArgumentOutOfRangeException(nameof(localities), l.Rate, "A locality with events needs a rate above 0.");
                }

                populations[i] = multiplier * l.Events / l.Rate;
            }
            else if (type == FunnelRateType.Crude)
            {
                if (!(l.Population > 0) || double.IsInfinity(l.Population.Value))
                {
                    throw new ArgumentException("A crude rate of no events needs its population (above 0): a rate of 0 does not imply one.", nameof(localities));
                }

                populations[i] = l.Population;
            }
        }

        double total = populations.Sum(p => p ?? 0);
        if (!(total > 0))
        {
            throw new ArgumentException("An average rate needs at least one locality with events.", nameof(localities));
        }

        return (populations, localities.Sum(l => l.Events) / total);
    }

    /// <summary>Events against a baseline per unit of denominator, by the count's confidence limits at each level.</summary>
    private static FunnelSignificance Compare(double observed, double denominator, double baseline)
    {
        var (lower998, upper998, _) = PoissonLimits.For(observed, Confidence.Level998);
        var (lower95, upper95, _) = PoissonLimits.For(observed, Confidence.Level95);
        return Classify(
            high998: baseline < lower998 / denominator, high95: baseline < lower95 / denominator,
            low998: baseline > upper998 / denominator, low95: baseline > upper95 / denominator);
    }

    private static FunnelSignificance Classify(bool high998, bool high95, bool low998, bool low95) =>
        high998 ? FunnelSignificance.High998
        : high95 ? FunnelSignificance.High95
        : low998 ? FunnelSignificance.Low998
        : low95 ? FunnelSignificance.Low95
        : FunnelSignificance.NotSignificant;

    private static List<PoissonFunnelPoint> PoissonPoints(IReadOnlyList<double> counts, string name, Func<double, double> position, Func<double, double> value)
    {
        CheckNotEmpty(counts, name, "count of events at which to draw the limits");
        var points = new List<PoissonFunnelPoint>(counts.Count);
        foreach (double o in counts)
        {
            if (!(o >= 1) || double.IsInfinity(o) || o != Math.Floor(o))
            {
                throw new ArgumentOutOfRangeException(name, o, "Each count of events at which to draw the limits must be a whole number, 1 or more.");
            }

            // The lower limit is where O is the top of the likely counts (a high mean), the upper where it is the bottom.
            ControlLimit Limit(double mean) => new(position(mean), value(o / mean));
            points.Add(new PoissonFunnelPoint(
                o, Limit(LimitMean(o, Tail95, high: true)), Limit(LimitMean(o, Tail95, high: false)),
                Limit(LimitMean(o, Tail998, high: true)), Limit(LimitMean(o, Tail998, high: false))));
        }

        return points;
    }

    /// <summary>
    /// The Poisson mean E at which O observed events have P(X ≤ O) = tail (<paramref name="high"/>: the mean above O)
    /// or P(X ≥ O) = tail (the mean below O), by the package's halving search on v = E/(E + O + 1) from v = ½.
    /// </summary>
    private static double LimitMean(double observed, double tail, bool high)
    {
        double v = 0.5;
        double step = 0.5;
        while (step > MeanSearchStep)
        {
            step /= 2;
            double mean = (1 + observed) * v / (1 - v);
            bool meanTooHigh = high ? Share(mean, 0, observed) < tail : Share(mean, observed, double.PositiveInfinity) > tail;
            v += meanTooHigh ? -step : step;
        }

        return (1 + observed) * v / (1 - v);
    }

    /// <summary>
    /// P(from ≤ X ≤ to) for X ~ Poisson(mean), as the package's <c>poisson_cis</c> (after the same macro) sums it:
    /// the terms meanᵏ/k! from k = 0, rescaled to stay finite, until k is past the mean and a term is below 1e-10 of
    /// their running total, and the share of that total in the range. The cut-off leaves an error of order 1e-9
    /// in the probability; the exact regularised gamma function instead moves one search step in the package's own
    /// ratio sheet (328 events, upper 99.8% limit, by 5e-7 relative), so the search uses the same sum. Its cost grows
    /// with the count (about 100 sums of count + 7√count terms per point).
    /// </summary>
    private static double Share(double mean, double from, double to)
    {
        double term = 1;
        double total = 0;
        double share = 0;
        for (int k = 0; k <= mean || term > total * 1e-10; k++)
        {
            total += term;
            if (k >= from && k <= to)
            {
                share += term;
            }

            if (total > 1e30)
            {
                share /= 1e30;
                total /= 1e30;
                term /= 1e30;
            }

            term *= mean / (k + 1);
        }

        return share / total;
    }

    private static void CheckCount(double count, string name, string what)
    {
        if (!(count >= 0) || double.IsInfinity(count))
        {
            throw new ArgumentOutOfRangeException(name, count, $"{what} must be 0 or more.");
        }
    }

    private static void CheckMultiplier(double multiplier)
    {
        if (!(multiplier > 0) || double.IsInfinity(multiplier))
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The multiplier must be above 0.");
        }
    }

    private static void CheckNotEmpty<T>(IReadOnlyList<T> list, string name, string what)
    {
        ArgumentNullException.ThrowIfNull(list, name);
        if (list.Count == 0)
        {
            throw new ArgumentException($"A funnel needs at least one {what}.", name);
        }
    }
}
