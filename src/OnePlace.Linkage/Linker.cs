using System.Diagnostics;
using OnePlace.Linkage.Blocking;
using OnePlace.Linkage.Clustering;
using OnePlace.Linkage.Comparison;
using OnePlace.Linkage.Model;
using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage;

/// <summary>
/// Links records of people into clusters, one per person: standardise, block, compare, train a Fellegi-Sunter
/// model, score, and cluster with the constraints of a master person index.
/// </summary>
public static class Linker
{
    /// <summary>Largest cluster whose records are each explained against every other when no scored link explains them.</summary>
    private const int MaxExplainedClusterSize = 200;

    public static LinkageResult Link(IReadOnlyList<LinkRecord> records, LinkageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new LinkageOptions();
        if (options.Threshold is <= 0 or >= 1 || options.ReviewThreshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Thresholds are probabilities strictly between 0 and 1.");
        }

        int n = records.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        for (int i = 0; i < n; i++)
        {
            if (!index.TryAdd(records[i].RecordId, i))
            {
                throw new ArgumentException($"Record id '{records[i].RecordId}' appears more than once.", nameof(records));
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        var progress = options.Progress;
        var clock = Stopwatch.StartNew();

        // 1. Standardise.
        progress?.Report(new LinkageProgress("standardise", 0));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var standard = new StandardRecord[n];
        Parallel.For(0, n, parallel, i => standard[i] = StandardRecord.From(records[i], today));
        SetFrequencies(standard);
        var standardise = clock.Elapsed;

        // 2. Block.
        progress?.Report(new LinkageProgress("block", 0));
        clock.Restart();
        var pairs = BlockingRules.CandidatePairs(standard, null, out _);
        var blocking = clock.Elapsed;

        // 3. Compare every candidate pair, then train on the agreement patterns.
        clock.Restart();
        progress?.Report(new LinkageProgress("compare", 0));
        var patterns = new int[pairs.Count];
        Parallel.For(0, pairs.Count, parallel, k =>
        {
            long pair = pairs[k];
            patterns[k] = Comparisons.Compare(standard[(int)(pair >> 32)], standard[(int)(pair & 0xFFFFFFFF)]);
        });
        var compare = clock.Elapsed;

        clock.Restart();
        progress?.Report(new LinkageProgress("train", 0));
        var counts = new Dictionary<int, long>();
        foreach (int p in patterns)
        {
            counts[p] = counts.GetValueOrDefault(p) + 1;
        }

        var model = FellegiSunter.Train(standard, counts, pairs.Count, options.Seed);
        var training = clock.Elapsed;

        // 4. Score, keeping the pairs that may join or go to review.
        clock.Restart();
        progress?.Report(new LinkageProgress("score", 0));
        double keepFrom = Math.Min(options.Threshold, options.ReviewThreshold);
        double keepWeight = Math.Log2(keepFrom / (1 - keepFrom));
        var weights = new double[pairs.Count];
        Parallel.For(0, pairs.Count, parallel, k =>
        {
            long pair = pairs[k];
            weights[k] = model.Score(patterns[k], standard[(int)(pair >> 32)], standard[(int)(pair & 0xFFFFFFFF)]);
        });
        var edges = new List<int>();
        for (int k = 0; k < pairs.Count; k++)
        {
            if (weights[k] >= keepWeight)
            {
                edges.Add(k);
            }
        }

        // Strongest first; ties in a fixed order so every run on the same input gives the same people.
        edges.Sort((x, y) => weights[y].CompareTo(weights[x]) is var c && c != 0 ? c : pairs[x].CompareTo(pairs[y]));
        var scoring = compare + clock.Elapsed;

        // 5. Cluster.
        clock.Restart();
        progress?.Report(new LinkageProgress("cluster", 0));
        var result = Cluster(records, standard, index, options, model, pairs, patterns, weights, edges);
        var clustering = clock.Elapsed;
        progress?.Report(new LinkageProgress("cluster", 1));

        return new LinkageResult(
            records,
            result.ClusterOf,
            result.Existing,
            result.Why,
            result.Review,
            model.Describe(),
            new LinkageTimings(standardise, blocking, training, scoring, clustering, pairs.Count, model.Iterations));
    }

    /// <summary>Relative frequency of each given name, family name and postcode in this run, for term-frequency adjustment.</summary>
    private static void SetFrequencies(StandardRecord[] standard)
    {
        var given = new Dictionary<string, int>(StringComparer.Ordinal);
        var family = new Dictionary<string, int>(StringComparer.Ordinal);
        var postcode = new Dictionary<string, int>(StringComparer.Ordinal);
        int givenTotal = 0, familyTotal = 0, postcodeTotal = 0;
        foreach (var s in standard)
        {
            if (s.GivenFirst is { } g)
            {
                given[g] = given.GetValueOrDefault(g) + 1;
                givenTotal++;
            }

            if (s.FamilyCompact is { } f)
            {
                family[f] = family.GetValueOrDefault(f) + 1;
                familyTotal++;
            }

            if (s.Postcode is { } p)
            {
                postcode[p.Full] = postcode.GetValueOrDefault(p.Full) + 1;
                postcodeTotal++;
            }
        }

        foreach (var s in standard)
        {
            s.GivenFrequency = s.GivenFirst is { } g ? (double)given[g] / givenTotal : 0;
            s.FamilyFrequency = s.FamilyCompact is { } f ? (double)family[f] / familyTotal : 0;
            s.PostcodeFrequency = s.Postcode is { } p ? (double)postcode[p.Full] / postcodeTotal : 0;
        }
    }

    private sealed record Clusters(int[] ClusterOf, string?[] Existing, ScoredPair?[] Why, List<ScoredPair> Review);

    private static Clusters Cluster(
        IReadOnlyList<LinkRecord> records,
        StandardRecord[] standard,
        Dictionary<string, int> index,
        LinkageOptions options,
        FellegiSunter model,
        List<long> pairs,
        int[] patterns,
        double[] weights,
        List<int> edges)
    {
        int n = records.Count;
        var existing = new string?[n];
        if (options.ExistingPeople is { } people)
        {
            foreach (var (recordId, person) in people)
            {
                if (index.TryGetValue(recordId, out int i))
                {
                    existing[i] = person;
                }
            }
        }

        var provisional = new string?[n];
        foreach (var (recordId, person) in options.ProvisionalPeople ?? new Dictionary<string, string>())
        {
            if (index.TryGetValue(recordId, out int i) && existing[i] is null)
            {
                provisional[i] = person;
            }
        }

        var cannotLink = new HashSet<long>();
        var decided = new HashSet<long>();
        var mustLink = new List<(int, int)>();
        foreach (var decision in options.Decisions ?? [])
        {
            if (index.TryGetValue(decision.RecordIdA, out int a) && index.TryGetValue(decision.RecordIdB, out int b) && a != b)
            {
                decided.Add(ConstrainedClustering.PairKey(a, b));
                if (decision.IsMatch)
                {
                    mustLink.Add((a, b));
                }
                else
                {
                    cannotLink.Add(ConstrainedClustering.PairKey(a, b));
                }
            }
        }

        var nhs = standard.Select(s => s.NhsNumberValid ? s.Identifier : null).ToArray();
        double Probability(int a, int b) => FellegiSunter.Probability(model.Score(Comparisons.Compare(standard[a], standard[b]), standard[a], standard[b]));
        var clusters = new ConstrainedClustering(nhs, existing, provisional, cannotLink, Probability);

        foreach (var (a, b) in mustLink)
        {
            clusters.TryJoin(a, b, checkAgreement: false);
        }

        double linkWeight = Math.Log2(options.Threshold / (1 - options.Threshold));
        foreach (int k in edges)
        {
            if (weights[k] < linkWeight)
            {
                continue;
            }

            int a = (int)(pairs[k] >> 32), b = (int)(pairs[k] & 0xFFFFFFFF);
            if (clusters.Find(a) == clusters.Find(b))
            {
                continue;
            }

            // Two records with one birth date whose given names disagree outright, and no shared NHS number, are held
            // back for a person to look at: that is what twins look like, and the other fields of twins agree.
            bool givenNamesDiffer = Comparisons.LevelOf(patterns[k], Comparisons.GivenName) == Comparisons.Levels[Comparisons.GivenName].Length - 1;
            bool sameBirthDate = Comparisons.LevelOf(patterns[k], Comparisons.DateOfBirth) == Comparisons.Exact;
            bool sameNhsNumber = Comparisons.LevelOf(patterns[k], Comparisons.NhsNumber) == Comparisons.Exact;
            if ((givenNamesDiffer && sameBirthDate && !sameNhsNumber)
                || clusters.TryJoin(a, b) is not null)
            {
                continue; // left apart; the pair reaches the review queue below
            }
        }

        // Number clusters in order of first appearance; carry each cluster's existing person.
        var clusterOf = new int[n];
        var numberOfRoot = new Dictionary<int, int>();
        var existingOfCluster = new List<string?>();
        var membersOfCluster = new List<List<int>>();
        for (int i = 0; i < n; i++)
        {
            int root = clusters.Find(i);
            if (!numberOfRoot.TryGetValue(root, out int c))
            {
                c = existingOfCluster.Count;
                numberOfRoot[root] = c;
                existingOfCluster.Add(clusters.ExistingOf(root));
                membersOfCluster.Add([]);
            }

            clusterOf[i] = c;
            membersOfCluster[c].Add(i);
        }

        // Why each record is in its cluster: its strongest scored link to another record of the cluster.
        var why = new ScoredPair?[n];
        var bestWeight = new double[n];
        Array.Fill(bestWeight, double.NegativeInfinity);
        foreach (int k in edges)
        {
            int a = (int)(pairs[k] >> 32), b = (int)(pairs[k] & 0xFFFFFFFF);
            if (clusterOf[a] != clusterOf[b])
            {
                continue;
            }

            // Edges come strongest first, so a record's first edge inside its cluster is its best: explain it once for both ends.
            bool forA = weights[k] > bestWeight[a], forB = weights[k] > bestWeight[b];
            if (forA || forB)
            {
                var explained = Explain(model, standard, a, b, patterns[k], weights[k]);
                if (forA)
                {
                    bestWeight[a] = weights[k];
                    why[a] = explained;
                }

                if (forB)
                {
                    bestWeight[b] = weights[k];
                    why[b] = explained;
                }
            }
        }

        foreach (var members in membersOfCluster)
        {
            if (members.Count < 2 || members.Count > MaxExplainedClusterSize)
            {
                continue;
            }

            foreach (int x in members)
            {
                if (why[x] is not null)
                {
                    continue;
                }

                foreach (int y in members)
                {
                    if (y == x)
                    {
                        continue;
                    }

                    int pattern = Comparisons.Compare(standard[x], standard[y]);
                    double w = model.Score(pattern, standard[x], standard[y]);
                    if (w > bestWeight[x])
                    {
                        bestWeight[x] = w;
                        why[x] = Explain(model, standard, Math.Min(x, y), Math.Max(x, y), pattern, w);
                    }
                }
            }
        }

        // The review queue: the best undecided pair between each two clusters that scored from the review threshold up.
        double reviewWeight = Math.Log2(options.ReviewThreshold / (1 - options.ReviewThreshold));
        var review = new List<ScoredPair>();
        var seen = new HashSet<long>();
        foreach (int k in edges)
        {
            int a = (int)(pairs[k] >> 32), b = (int)(pairs[k] & 0xFFFFFFFF);
            if (weights[k] < reviewWeight || clusterOf[a] == clusterOf[b] || decided.Contains(pairs[k]))
            {
                continue;
            }

            if (seen.Add(ConstrainedClustering.PairKey(clusterOf[a], clusterOf[b])))
            {
                review.Add(Explain(model, standard, a, b, patterns[k], weights[k]));
            }
        }

        return new Clusters(clusterOf, [.. existingOfCluster], why, review);
    }

    private static ScoredPair Explain(FellegiSunter model, StandardRecord[] standard, int a, int b, int pattern, double weight)
    {
        var contributions = new FieldContribution[Comparisons.FieldCount];
        for (int f = 0; f < Comparisons.FieldCount; f++)
        {
            int level = Comparisons.LevelOf(pattern, f);
            double adjustment = model.FrequencyAdjustment(pattern, standard[a], standard[b], f);
            // Most contributions are the level's weight alone: share one instance per level (a million explanations
            // would otherwise hold nine million small objects).
            contributions[f] = adjustment == 0 ? model.Contribution(f, level)
                : new FieldContribution(Comparisons.Fields[f], Comparisons.Levels[f][level], model.LevelWeight(f, level) + adjustment);
        }

        return new ScoredPair(a, b, weight, FellegiSunter.Probability(weight), model.PriorWeight, contributions);
    }
}
