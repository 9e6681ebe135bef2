namespace OnePlace.Analytics.Statistics;

/// <summary>
/// The European Standard Population 2013 (Eurostat KS-RA-13-028) in the 19 five-year bands OHID uses for directly
/// standardised rates (0–4 merged, 90+ merged): 100,000 people in all. An age-restricted indicator (e.g. 65+) uses
/// only its bands; the DSR divides by their total, so it stays a rate per 100,000.
/// </summary>
public static class EuropeanStandardPopulation2013
{
    /// <summary>The bands' lower ages: 0, 5, …, 90 (the last band open).</summary>
    public static readonly IReadOnlyList<int> LowerAges = [.. Enumerable.Range(0, 19).Select(i => i * 5)];

    /// <summary>The bands' weights, in the order of <see cref="LowerAges"/>.</summary>
    public static readonly IReadOnlyList<double> Weights =
        [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000];

    /// <summary>The band of an age in whole years: 0 for 0–4, …, 18 for 90 and over.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The age is negative.</exception>
    public static int BandOf(int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return Math.Min(age / 5, 18);
    }

    /// <summary>The label of a band as OHID writes it: "0-4", …, "85-89", "90+".</summary>
    public static string Label(int band) => band == 18 ? "90+" : $"{band * 5}-{(band * 5) + 4}";
}
