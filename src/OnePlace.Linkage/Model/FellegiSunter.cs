using OnePlace.Linkage.Comparison;
using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Model;

/// <summary>
/// The Fellegi-Sunter model (Fellegi and Sunter 1969) as Splink fits it: u from random pairs, m by expectation
/// maximisation over the candidate pairs, counted by agreement pattern (the fastLink speed-up, Enamorado et al. 2019),
/// and term-frequency adjustment of exact name and postcode agreement (Splink's tf_adjustment).
/// </summary>
internal sealed class FellegiSunter
{
    private const double MinimumProbability = 1e-6;

    private readonly double[][] _m;
    private readonly double[][] _u;
    private readonly double[][] _weight;
    private readonly FieldContribution[][] _contribution;

    private FellegiSunter(double lambda, double[][] m, double[][] u, int iterations, bool converged)
    {
        Lambda = lambda;
        _m = m;
        _u = u;
        Iterations = iterations;
        Converged = converged;
        _weight = new double[m.Length][];
        for (int f = 0; f < m.Length; f++)
        {
            _weight[f] = new double[m[f].Length];
            for (int l = 1; l < m[f].Length; l++)
            {
                _weight[f][l] = Math.Log2(m[f][l] / u[f][l]);
            }
        }

        PriorWeight = Math.Log2(lambda / (1 - lambda));
        _contribution = [.. Enumerable.Range(0, m.Length).Select(f => Enumerable.Range(0, m[f].Length)
            .Select(l => new FieldContribution(Comparisons.Fields[f], Comparisons.Levels[f][l], _weight[f][l])).ToArray())];
    }

    public double Lambda { get; }
    public double PriorWeight { get; }
    public int Iterations { get; }
    public bool Converged { get; }

    public double LevelWeight(int field, int level) => _weight[field][level];

    /// <summary>A level's contribution without term-frequency adjustment (missing: 0).</summary>
    public FieldContribution Contribution(int field, int level) => _contribution[field][level];

    /// <summary>
    /// Estimates u as the share of each level among random pairs (almost all
    /// different people), then m and the share of matches among the candidate pairs by EM with u of the candidate
    /// pairs free, and λ as the expected number of matching candidate pairs over all possible pairs.
    /// </summary>
    public static FellegiSunter Train(StandardRecord[] records, IReadOnlyDictionary<int, long> patternCounts, long candidatePairs, int seed)
    {
        // Splink's default sample is a million pairs; a small file needs fewer for the same precision per record.
        int samplePairs = (int)Math.Clamp(50L * records.Length, 200_000, 1_000_000);
        var u = RandomPairLevels(records, seed, samplePairs);
        double n = records.Length;
        double allPairs = Math.Max(1, n * (n - 1) / 2);

        // First the two-class model with u of the candidate pairs free (Winkler 1988): its share of matches gives λ
        // directly. EM can settle on the wrong two classes (say, "names swapped" against the rest), which shows as
        // exact agreement on a field counting against a match; then refit with u held at the random-pair values, as
        // Splink does, and find λ by EM over all pairs (Winkler 1993 on keeping EM to plausible solutions).
        var (m, share, iterations, converged) = ExpectationMaximisation(patternCounts, u, estimateU: true);
        double lambda = Math.Clamp(share * candidatePairs / allPairs, 1e-12, 0.5);
        if (!Plausible(m, u, patternCounts))
        {
            (m, _, iterations, converged) = ExpectationMaximisation(patternCounts, u, estimateU: false);
            lambda = PriorOverAllPairs(patternCounts, m, u, allPairs);
        }

        return new FellegiSunter(lambda, m, u, iterations, converged);
    }

    /// <summary>
    /// Whether every field seen in the candidate pairs has exact agreement as evidence for a match, and stronger
    /// evidence than outright disagreement.
    /// </summary>
    private static bool Plausible(double[][] m, double[][] u, IReadOnlyDictionary<int, long> patternCounts)
    {
        for (int f = 0; f < m.Length; f++)
        {
            int last = m[f].Length - 1;
            bool seen = patternCounts.Keys.Any(p => Comparisons.LevelOf(p, f) == Comparisons.Exact)
                && patternCounts.Keys.Any(p => Comparisons.LevelOf(p, f) == last);
            if (seen && (m[f][Comparisons.Exact] <= u[f][Comparisons.Exact] || m[f][Comparisons.Exact] / u[f][Comparisons.Exact] <= m[f][last] / u[f][last]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// λ by EM over every possible pair with m and u held: pairs outside the blocks are taken as non-matches, so the
    /// update is λ ← Σ over candidate pairs of P(match | γ, λ) ÷ all pairs, iterated to a fixed point.
    /// </summary>
    private static double PriorOverAllPairs(IReadOnlyDictionary<int, long> patternCounts, double[][] m, double[][] u, double allPairs)
    {
        var bayesFactor = patternCounts.Select(kv =>
        {
            double log2 = 0;
            for (int f = 0; f < m.Length; f++)
            {
                int level = Comparisons.LevelOf(kv.Key, f);
                if (level != Comparisons.Missing)
                {
                    log2 += Math.Log2(m[f][level] / u[f][level]);
                }
            }

            return (Factor: Math.Pow(2, log2), Count: (double)kv.Value);
        }).ToArray();

        double lambda = 1e-4;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            double odds = lambda / (1 - lambda);
            double expected = bayesFactor.Sum(p => p.Count * (odds * p.Factor / (1 + (odds * p.Factor))));
            double next = Math.Clamp(expected / allPairs, 1e-12, 0.5);
            if (Math.Abs(next - lambda) < 1e-9 * lambda)
            {
                return next;
            }

            lambda = next;
        }

        return lambda;
    }

    private static double[][] RandomPairLevels(StandardRecord[] records, int seed, int samplePairs)
    {
        int fields = Comparisons.FieldCount;
        var counts = new long[fields][];
        for (int f = 0; f < fields; f++)
        {
            counts[f] = new long[Comparisons.Levels[f].Length];
        }

        int n = records.Length;
        long all = (long)n * (n - 1) / 2;
        void Count(long[][] into, int i, int j)
        {
            int pattern = Comparisons.Compare(records[i], records[j]);
            for (int f = 0; f < fields; f++)
            {
                into[f][Comparisons.LevelOf(pattern, f)]++;
            }
        }

        // Chunks with their own seeds, so that the sample is the same whatever the number of threads.
        const int Chunks = 64;
        bool everyPair = all <= samplePairs;
        var partial = new long[Chunks][][];
        Parallel.For(0, Chunks, chunk =>
        {
            var into = new long[fields][];
            for (int f = 0; f < fields; f++)
            {
                into[f] = new long[Comparisons.Levels[f].Length];
            }

            if (everyPair)
            {
                for (int i = chunk; i < n; i += Chunks)
                {
                    for (int j = i + 1; j < n; j++)
                    {
                        Count(into, i, j);
                    }
                }
            }
            else
            {
                var random = new Random(unchecked((seed * 1_000_003) + chunk) & int.MaxValue);
                for (int s = 0; s < samplePairs / Chunks; s++)
                {
                    int i = random.Next(n);
                    int j = random.Next(n - 1);
                    Count(into, i, j >= i ? j + 1 : j);
                }
            }

            partial[chunk] = into;
        });

        foreach (var into in partial)
        {
            for (int f = 0; f < fields; f++)
            {
                for (int l = 0; l < into[f].Length; l++)
                {
                    counts[f][l] += into[f][l];
                }
            }
        }

        var u = new double[fields][];
        for (int f = 0; f < fields; f++)
        {
            long present = counts[f].Skip(1).Sum();
            u[f] = new double[counts[f].Length];
            for (int l = 1; l < u[f].Length; l++)
            {
                // A level never seen among random pairs (exact NHS number, say) is rarer than one in the sample:
                // half an observation keeps its weight finite and large.
                u[f][l] = present == 0 ? 1.0 / (u[f].Length - 1) : Math.Max(counts[f][l], 0.5) / present;
            }
        }

        return u;
    }

    /// <summary>
    /// EM for the two-class latent model on agreement-pattern counts (Winkler 1988): missing levels carry no
    /// information; stops when no parameter moves more than 1e-6 or after 200 iterations.
    /// </summary>
    internal static (double[][] M, double Share, int Iterations, bool Converged) ExpectationMaximisation(IReadOnlyDictionary<int, long> patternCounts, double[][] uRandom, bool estimateU = true)
    {
        int fields = Comparisons.FieldCount;
        var patterns = patternCounts.Keys.ToArray();
        var weights = patterns.Select(p => (double)patternCounts[p]).ToArray();
        var m = new double[fields][];
        var u = new double[fields][];
        for (int f = 0; f < fields; f++)
        {
            int levels = Comparisons.Levels[f].Length;
            m[f] = new double[levels];
            u[f] = (double[])uRandom[f].Clone();
            // Start from "matches mostly agree exactly": a tenth spread over the partial levels, a little on disagreement.
            m[f][1] = 0.9;
            for (int l = 2; l < levels; l++)
            {
                m[f][l] = 0.1 / (levels - 2);
            }
        }

        double share = 0.1;
        int iteration = 0;
        bool converged = false;
        var posterior = new double[patterns.Length];
        while (iteration < 200 && !converged)
        {
            iteration++;
            double expectedMatches = 0, total = 0;
            for (int k = 0; k < patterns.Length; k++)
            {
                double lm = Math.Log(share), lu = Math.Log(1 - share);
                for (int f = 0; f < fields; f++)
                {
                    int level = Comparisons.LevelOf(patterns[k], f);
                    if (level != Comparisons.Missing)
                    {
                        lm += Math.Log(m[f][level]);
                        lu += Math.Log(u[f][level]);
                    }
                }

                double p = 1 / (1 + Math.Exp(lu - lm));
                posterior[k] = p;
                expectedMatches += p * weights[k];
                total += weights[k];
            }

            double change = Math.Abs(expectedMatches / total - share);
            share = Math.Clamp(expectedMatches / total, MinimumProbability, 1 - MinimumProbability);
            for (int f = 0; f < fields; f++)
            {
                int levels = m[f].Length;
                var mNew = new double[levels];
                var uNew = new double[levels];
                for (int k = 0; k < patterns.Length; k++)
                {
                    int level = Comparisons.LevelOf(patterns[k], f);
                    if (level != Comparisons.Missing)
                    {
                        mNew[level] += posterior[k] * weights[k];
                        uNew[level] += (1 - posterior[k]) * weights[k];
                    }
                }

                double mSum = mNew.Sum(), uSum = uNew.Sum();
                for (int l = 1; l < levels; l++)
                {
                    double mv = mSum > 0 ? Math.Max(mNew[l] / mSum, MinimumProbability) : m[f][l];
                    double uv = uSum > 0 ? Math.Max(uNew[l] / uSum, MinimumProbability) : u[f][l];
                    if (!estimateU)
                    {
                        uv = u[f][l];
                    }

                    change = Math.Max(change, Math.Max(Math.Abs(mv - m[f][l]), Math.Abs(uv - u[f][l])));
                    m[f][l] = mv;
                    u[f][l] = uv;
                }
            }

            converged = change < 1e-6;
        }

        return (m, share, iteration, converged);
    }

    /// <summary>
    /// The match weight of a pair: prior + Σ log2(m/u) + term-frequency adjustments. The adjustment on exact
    /// agreement of a field with a frequency column is log2(u_exact) − log2(max(tf_a, tf_b)) (Splink), so that two
    /// Smiths count for less than two Oyelaran-Whitakers.
    /// </summary>
    public double Score(int pattern, StandardRecord a, StandardRecord b)
    {
        double w = PriorWeight;
        for (int f = 0; f < _weight.Length; f++)
        {
            w += _weight[f][Comparisons.LevelOf(pattern, f)];
        }

        return w + FrequencyAdjustment(pattern, a, b, Comparisons.GivenName) + FrequencyAdjustment(pattern, a, b, Comparisons.FamilyName)
            + FrequencyAdjustment(pattern, a, b, Comparisons.Postcode);
    }

    public double FrequencyAdjustment(int pattern, StandardRecord a, StandardRecord b, int field)
    {
        if (Comparisons.LevelOf(pattern, field) != Comparisons.Exact)
        {
            return 0;
        }

        double tf = field switch
        {
            Comparisons.GivenName => Math.Max(a.GivenFrequency, b.GivenFrequency),
            Comparisons.FamilyName => Math.Max(a.FamilyFrequency, b.FamilyFrequency),
            Comparisons.Postcode => Math.Max(a.PostcodeFrequency, b.PostcodeFrequency),
            _ => 0,
        };
        return tf <= 0 ? 0 : Math.Log2(_u[field][Comparisons.Exact]) - Math.Log2(tf);
    }

    public static double Probability(double weight) => 1 / (1 + Math.Pow(2, -weight));

    public LinkageModel Describe()
    {
        var levels = new List<ComparisonLevelParameters>();
        for (int f = 0; f < _m.Length; f++)
        {
            for (int l = 1; l < _m[f].Length; l++)
            {
                levels.Add(new ComparisonLevelParameters(Comparisons.Fields[f], Comparisons.Levels[f][l], _m[f][l], _u[f][l]));
            }
        }

        return new LinkageModel(Lambda, levels, Iterations, Converged);
    }
}
