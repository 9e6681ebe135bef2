namespace OnePlace.Linkage.Evaluation;

/// <summary>
/// How well a clustering of records into people agrees with the truth, by two standard measures computed from one
/// contingency table of (predicted cluster × true entity), never by enumerating pairs:
/// <list type="bullet">
/// <item><b>Pairwise</b> precision, recall and F1 over the pairs of records placed together (Menestrina, Whang and
/// Garcia-Molina 2010, "Evaluating entity resolution results", PVLDB 3(1)): true positive pairs TP = Σ C(nᵢⱼ, 2)
/// over the cells, predicted pairs = Σ C(|cluster|, 2), true pairs = Σ C(|entity|, 2). Large entities weigh
/// quadratically.</item>
/// <item><b>B-cubed</b> precision, recall and F1 (Bagga and Baldwin 1998, "Algorithms for scoring coreference
/// chains"): for each record r, precision(r) = |C(r) ∩ E(r)| / |C(r)| and recall(r) = |C(r) ∩ E(r)| / |E(r)|, where
/// C(r) is r's predicted cluster and E(r) its true entity (both include r); the scores are the means over records.
/// Every record weighs the same, so B-cubed is kinder than pairwise to errors in large entities.</item>
/// </list>
/// For a link-only task (e.g. FEBRL4 file A against file B), pass the source of each record: a pair then counts only
/// when its two records come from different sources, and B-cubed looks, for each record, at itself and the records
/// of other sources only.
/// </summary>
/// <param name="Records">Records evaluated.</param>
/// <param name="PredictedClusters">Distinct predicted cluster labels.</param>
/// <param name="Entities">Distinct true entities.</param>
/// <param name="TruePairs">Pairs of records of the same entity (cross-source only, when sources were given).</param>
/// <param name="PredictedPairs">Pairs of records placed in the same cluster (cross-source only, when sources were given).</param>
/// <param name="TruePositivePairs">Pairs both predicted together and truly the same entity.</param>
/// <param name="BCubedPrecision">Mean over records of the share of the record's cluster that is its entity.</param>
/// <param name="BCubedRecall">Mean over records of the share of the record's entity that is in its cluster.</param>
/// <param name="CrossSourceOnly">Whether only pairs across sources were counted.</param>
public sealed record ClusterAccuracy(
    int Records,
    int PredictedClusters,
    int Entities,
    long TruePairs,
    long PredictedPairs,
    long TruePositivePairs,
    double BCubedPrecision,
    double BCubedRecall,
    bool CrossSourceOnly)
{
    /// <summary>TP / predicted pairs; 1 when no pair was predicted (nothing was claimed, so nothing is wrong).</summary>
    public double PairwisePrecision => PredictedPairs == 0 ? 1.0 : (double)TruePositivePairs / PredictedPairs;

    /// <summary>TP / true pairs; 1 when there are no true pairs (nothing could be missed).</summary>
    public double PairwiseRecall => TruePairs == 0 ? 1.0 : (double)TruePositivePairs / TruePairs;

    /// <summary>Harmonic mean of pairwise precision and recall.</summary>
    public double PairwiseF1 => HarmonicMean(PairwisePrecision, PairwiseRecall);

    /// <summary>Harmonic mean of B-cubed precision and recall.</summary>
    public double BCubedF1 => HarmonicMean(BCubedPrecision, BCubedRecall);

    /// <summary>False positive pairs: predicted together but of different entities.</summary>
    public long FalsePositivePairs => PredictedPairs - TruePositivePairs;

    /// <summary>False negative pairs: of the same entity but not predicted together.</summary>
    public long FalseNegativePairs => TruePairs - TruePositivePairs;

    /// <summary>Scores a clustering against the truth.</summary>
    /// <param name="predictedCluster">The predicted cluster label of each record.</param>
    /// <param name="trueEntity">The true entity of each record, in the same order.</param>
    /// <param name="sourceOfRecord">
    /// The source of each record, in the same order, to count only pairs across sources (link-only tasks); null to
    /// count every pair (deduplication).
    /// </param>
    /// <exception cref="ArgumentException">The lists differ in length, or a label is null.</exception>
    public static ClusterAccuracy Measure(
        IReadOnlyList<int> predictedCluster,
        IReadOnlyList<string> trueEntity,
        IReadOnlyList<string>? sourceOfRecord = null)
    {
        ArgumentNullException.ThrowIfNull(predictedCluster);
        ArgumentNullException.ThrowIfNull(trueEntity);
        int n = predictedCluster.Count;
        if (trueEntity.Count != n)
        {
            throw new ArgumentException(
                $"There are {n} predicted labels but {trueEntity.Count} true labels; give one of each per record.", nameof(trueEntity));
        }

        if (sourceOfRecord is not null && sourceOfRecord.Count != n)
        {
            throw new ArgumentException(
                $"There are {n} records but {sourceOfRecord.Count} sources; give one source per record.", nameof(sourceOfRecord));
        }

        // Dense ids for every label and for every non-empty cell of the contingency table, so that all counting is
        // over arrays and keys made of two ints.
        int[] cluster = DenseIds(predictedCluster, EqualityComparer<int>.Default, out int clusterCount);
        int[] entity = DenseIds(trueEntity, StringComparer.Ordinal, out int entityCount, nameof(trueEntity));
        var cellOfRecord = new long[n];
        for (int r = 0; r < n; r++)
        {
            cellOfRecord[r] = Key(cluster[r], entity[r]);
        }

        int[] cell = DenseIds(cellOfRecord, EqualityComparer<long>.Default, out int cellCount);
        long[] clusterSize = Sizes(cluster, clusterCount);
        long[] entitySize = Sizes(entity, entityCount);
        long[] cellSize = Sizes(cell, cellCount);

        long truePairs = SumOfPairs(entitySize);
        long predictedPairs = SumOfPairs(clusterSize);
        long truePositives = SumOfPairs(cellSize);

        if (sourceOfRecord is null)
        {
            // B-cubed (Bagga and Baldwin 1998): every record of cell (i, j) has precision nᵢⱼ / |Cᵢ| and recall
            // nᵢⱼ / |Eⱼ|; the scores are the means over records.
            double precisionSum = 0, recallSum = 0;
            for (int r = 0; r < n; r++)
            {
                precisionSum += (double)cellSize[cell[r]] / clusterSize[cluster[r]];
                recallSum += (double)cellSize[cell[r]] / entitySize[entity[r]];
            }

            return new ClusterAccuracy(
                n, clusterCount, entityCount, truePairs, predictedPairs, truePositives,
                n == 0 ? 1.0 : precisionSum / n,
                n == 0 ? 1.0 : recallSum / n,
                CrossSourceOnly: false);
        }

        // Cross-source only: pairs within one source are taken away from every total, counted the same way from
        // the (cluster, source), (entity, source) and (cell, source) tables.
        int[] source = DenseIds(sourceOfRecord, StringComparer.Ordinal, out _, nameof(sourceOfRecord));
        long[] clusterInSource = SizesWithin(cluster, source, out long[] clusterSourceSize);
        long[] entityInSource = SizesWithin(entity, source, out long[] entitySourceSize);
        long[] cellInSource = SizesWithin(cell, source, out long[] cellSourceSize);
        truePairs -= SumOfPairs(entitySourceSize);
        predictedPairs -= SumOfPairs(clusterSourceSize);
        truePositives -= SumOfPairs(cellSourceSize);

        // B-cubed over cross-source pairs: for record r of source s the comparable records are r itself and the
        // records of the other sources, so precision(r) = (1 + nᵢⱼ − nᵢⱼₛ) / (1 + |Cᵢ| − |Cᵢ ∩ s|) and
        // recall(r) = (1 + nᵢⱼ − nᵢⱼₛ) / (1 + |Eⱼ| − |Eⱼ ∩ s|). A record with no comparable partner scores 1.
        double crossPrecisionSum = 0, crossRecallSum = 0;
        for (int r = 0; r < n; r++)
        {
            double together = 1 + cellSize[cell[r]] - cellInSource[r];
            crossPrecisionSum += together / (1 + clusterSize[cluster[r]] - clusterInSource[r]);
            crossRecallSum += together / (1 + entitySize[entity[r]] - entityInSource[r]);
        }

        return new ClusterAccuracy(
            n, clusterCount, entityCount, truePairs, predictedPairs, truePositives,
            n == 0 ? 1.0 : crossPrecisionSum / n,
            n == 0 ? 1.0 : crossRecallSum / n,
            CrossSourceOnly: true);
    }

    private static int[] DenseIds<T>(IReadOnlyList<T> labels, IEqualityComparer<T> comparer, out int distinct, string? parameter = null)
        where T : notnull
    {
        var ids = new Dictionary<T, int>(comparer);
        var dense = new int[labels.Count];
        for (int r = 0; r < labels.Count; r++)
        {
            T label = labels[r] ?? throw new ArgumentException($"Record {r} has no label.", parameter);
            if (!ids.TryGetValue(label, out int id))
            {
                id = ids.Count;
                ids[label] = id;
            }

            dense[r] = id;
        }

        distinct = ids.Count;
        return dense;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private static long[] Sizes(int[] group, int groups)
    {
        var sizes = new long[groups];
        foreach (int g in group)
        {
            sizes[g]++;
        }

        return sizes;
    }

    /// <summary>
    /// For each record, how many records share both its group and its source; also the size of every non-empty
    /// (group, source) block.
    /// </summary>
    private static long[] SizesWithin(int[] group, int[] source, out long[] blockSizes)
    {
        var key = new long[group.Length];
        for (int r = 0; r < group.Length; r++)
        {
            key[r] = Key(group[r], source[r]);
        }

        int[] block = DenseIds(key, EqualityComparer<long>.Default, out int blocks);
        blockSizes = Sizes(block, blocks);
        var perRecord = new long[group.Length];
        for (int r = 0; r < group.Length; r++)
        {
            perRecord[r] = blockSizes[block[r]];
        }

        return perRecord;
    }

    private static long SumOfPairs(long[] sizes)
    {
        long pairs = 0;
        foreach (long size in sizes)
        {
            pairs += size * (size - 1) / 2;
        }

        return pairs;
    }

    private static double HarmonicMean(double a, double b) => a + b == 0 ? 0.0 : 2 * a * b / (a + b);
}
