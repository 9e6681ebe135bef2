using MathNet.Numerics.Distributions;

namespace OnePlace.Analytics.Statistics;

/// <summary>Deaths and population of one life-table band, named by its start age (0, 1, 5, 10, …, 90).</summary>
public sealed record LifeTableBand(int StartAge, double Deaths, double Population);

/// <summary>Life expectancy at one start age. <see cref="Estimate"/>'s value is null when the 95% interval is wider
/// than 20 years; all of it is null when the whole table is withheld, and <see cref="Estimate.Method"/> says why.</summary>
public sealed record LifeExpectancyAtAge(int StartAge, Estimate Estimate);

/// <summary>
/// Period life expectancy from an abridged life table by Chiang's method II with the Silcocks et al. (2001) variance
/// for the open final band (Public Health Technical Guidance; PHEindicatormethods <c>phe_life_expectancy</c>): 20 bands
/// starting at 0, 1, 5, 10, …, 90; fraction of the interval lived by those dying 0.1 in the first year, 0.5 otherwise.
/// </summary>
public static class LifeExpectancy
{
    public const string Method = "Chiang, using Silcocks et al for confidence limits";

    /// <summary>The start ages of the 20 bands.</summary>
    public static readonly IReadOnlyList<int> StartAges = [0, 1, .. Enumerable.Range(1, 18).Select(i => i * 5)];

    /// <summary>A table is withheld when its total population is this or less.</summary>
    public const double MinimumPopulation = 5000;

    /// <summary>A value is withheld when its 95% interval is wider than twice this many years.</summary>
    public const double MaximumHalfWidth = 10;

    private static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    /// <exception cref="ArgumentException">The bands are not exactly the 20 start ages.</exception>
    public static IReadOnlyList<LifeExpectancyAtAge> Chiang(IReadOnlyList<LifeTableBand> bands, double level = Confidence.Level95)
    {
        ArgumentNullException.ThrowIfNull(bands);
        double z = Confidence.Z(level);
        var ordered = bands.OrderBy(b => b.StartAge).ToArray();
        if (!ordered.Select(b => b.StartAge).SequenceEqual(StartAges))
        {
            throw new ArgumentException($"A life table needs exactly the 20 bands starting at {string.Join(", ", StartAges)}.", nameof(bands));
        }

        string? withheld =
            ordered.Any(b => b.Deaths < 0) ? "some age bands have negative deaths"
            : ordered.Any(b => !(b.Population > 0)) ? "some age bands have a zero or less population"
            : ordered.Any(b => b.Deaths > b.Population) ? "some age bands have more deaths than population"
            : ordered.Sum(b => b.Population) <= MinimumPopulation ? "total population of 5,000 or less"
            : !(ordered[^1].Deaths > 0) ? "no deaths in the final age band"
            : null;
        if (withheld is not null)
        {
            return ordered.Select(b => new LifeExpectancyAtAge(b.StartAge, new Estimate(null, null, null, level, withheld))).ToList();
        }

        int k = ordered.Length;
        var m = new double[k];
        var n = new double[k];
        var a = new double[k];
        var q = new double[k];
        var l = new double[k];
        for (int i = 0; i < k; i++)
        {
            m[i] = ordered[i].Deaths / ordered[i].Population;
            n[i] = i < k - 1 ? ordered[i + 1].StartAge - ordered[i].StartAge : 2 / m[i];
            a[i] = ordered[i].StartAge == 0 ? 0.1 : 0.5;
            q[i] = ordered[i].Deaths <= ordered[i].Population / n[i] / a[i] ? m[i] * n[i] / (1 + (m[i] * n[i] * (1 - a[i]))) : 1;
            l[i] = i == 0 ? 100_000 : l[i - 1] * (1 - q[i - 1]);
        }

        var d = new double[k];
        var lived = new double[k];
        for (int i = 0; i < k; i++)
        {
            double next = i < k - 1 ? l[i + 1] : 0;
            d[i] = l[i] - next;
            lived[i] = i < k - 1 ? n[i] * (next + (a[i] * d[i])) : l[i] / m[i];
        }

        var e = new double[k];
        double remaining = 0;
        for (int i = k - 1; i >= 0; i--)
        {
            remaining += lived[i];
            e[i] = l[i] == 0 ? 0 : remaining / l[i];
        }

        var results = new LifeExpectancyAtAge[k];
        double weighted = 0;
        for (int i = k - 1; i >= 0; i--)
        {
            double variance = i == k - 1
                ? 4 / (ordered[i].Deaths * m[i] * m[i])
                : d[i] == 0 ? 0 : q[i] * q[i] * (1 - q[i]) / ordered[i].Deaths;
            weighted += i == k - 1
                ? l[i] / 2 * (l[i] / 2) * variance
                : variance * l[i] * l[i] * Math.Pow(((1 - a[i]) * n[i]) + e[i + 1], 2);
            double se = Math.Sqrt(weighted / (l[i] * l[i]));
            bool tooWide = Z95 * se > MaximumHalfWidth;
            results[i] = new LifeExpectancyAtAge(ordered[i].StartAge, new Estimate(
                tooWide || double.IsInfinity(e[i]) ? null : e[i], e[i] - (z * se), e[i] + (z * se), level, tooWide ? "95% confidence interval wider than 20 years" : Method));
        }

        return results;
    }
}
