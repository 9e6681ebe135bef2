using OnePlace.Linkage.Evaluation;

namespace OnePlace.Linkage.Tests.Evaluation;

public sealed class ClusterAccuracyTests
{
    private const int Precision = 12;

    [Fact]
    public void Perfect_clustering_scores_one_everywhere()
    {
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([0, 0, 1, 2, 2, 2], ["a", "a", "b", "c", "c", "c"]);

        Assert.Equal(1.0, accuracy.PairwisePrecision);
        Assert.Equal(1.0, accuracy.PairwiseRecall);
        Assert.Equal(1.0, accuracy.PairwiseF1);
        Assert.Equal(1.0, accuracy.BCubedPrecision, Precision);
        Assert.Equal(1.0, accuracy.BCubedRecall, Precision);
        Assert.Equal(1.0, accuracy.BCubedF1, Precision);
        Assert.Equal(4, accuracy.TruePairs);
        Assert.Equal(4, accuracy.PredictedPairs);
        Assert.Equal(4, accuracy.TruePositivePairs);
        Assert.Equal(3, accuracy.PredictedClusters);
        Assert.Equal(3, accuracy.Entities);
        Assert.Equal(6, accuracy.Records);
        Assert.False(accuracy.CrossSourceOnly);
    }

    [Fact]
    public void Cluster_labels_need_not_match_entity_labels_or_be_dense()
    {
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([17, 17, -3, 400, 400, 400], ["a", "a", "b", "c", "c", "c"]);

        Assert.Equal(1.0, accuracy.PairwiseF1);
        Assert.Equal(1.0, accuracy.BCubedF1, Precision);
    }

    [Fact]
    public void Leaving_every_record_alone_has_full_precision_and_no_pairwise_recall()
    {
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([0, 1, 2, 3, 4, 5], ["a", "a", "b", "c", "c", "c"]);

        Assert.Equal(0, accuracy.PredictedPairs);
        Assert.Equal(1.0, accuracy.PairwisePrecision);
        Assert.Equal(0.0, accuracy.PairwiseRecall);
        Assert.Equal(0.0, accuracy.PairwiseF1);
        // B-cubed recall: a-records 1/2 each, the b-record 1, c-records 1/3 each: (1 + 1 + 1) / 6.
        Assert.Equal(1.0, accuracy.BCubedPrecision, Precision);
        Assert.Equal(0.5, accuracy.BCubedRecall, Precision);
        Assert.Equal(4, accuracy.FalseNegativePairs);
    }

    [Fact]
    public void Merging_everything_has_full_recall_and_precision_of_true_pairs_over_all_pairs()
    {
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([0, 0, 0, 0, 0, 0], ["a", "a", "b", "c", "c", "c"]);

        Assert.Equal(15, accuracy.PredictedPairs);
        Assert.Equal(4, accuracy.TruePositivePairs);
        Assert.Equal(11, accuracy.FalsePositivePairs);
        Assert.Equal(4.0 / 15, accuracy.PairwisePrecision, Precision);
        Assert.Equal(1.0, accuracy.PairwiseRecall);
        // B-cubed precision: a-records 2/6 each, the b-record 1/6, c-records 3/6 each: (4 + 1 + 9) / 6 / 6 = 7/18.
        Assert.Equal(7.0 / 18, accuracy.BCubedPrecision, Precision);
        Assert.Equal(1.0, accuracy.BCubedRecall, Precision);
        Assert.Equal(1, accuracy.PredictedClusters);
    }

    [Fact]
    public void One_misplaced_record_costs_pairs_on_both_sides()
    {
        // Clusters {0,1,2} and {3,4}; entities a = {0,1}, b = {2,3,4}. Cells: (0,a) 2, (0,b) 1, (1,b) 2.
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([0, 0, 0, 1, 1], ["a", "a", "b", "b", "b"]);

        Assert.Equal(4, accuracy.TruePairs);
        Assert.Equal(4, accuracy.PredictedPairs);
        Assert.Equal(2, accuracy.TruePositivePairs);
        Assert.Equal(0.5, accuracy.PairwisePrecision, Precision);
        Assert.Equal(0.5, accuracy.PairwiseRecall, Precision);
        Assert.Equal(0.5, accuracy.PairwiseF1, Precision);
        // Precision per record: 2/3, 2/3, 1/3, 1, 1 → 11/15. Recall per record: 1, 1, 1/3, 2/3, 2/3 → 11/15.
        Assert.Equal(11.0 / 15, accuracy.BCubedPrecision, Precision);
        Assert.Equal(11.0 / 15, accuracy.BCubedRecall, Precision);
        Assert.Equal(11.0 / 15, accuracy.BCubedF1, Precision);
    }

    [Fact]
    public void BCubed_reproduces_the_worked_example_of_Bagga_and_Baldwin()
    {
        // Bagga and Baldwin 1998, "Algorithms for scoring coreference chains", worked example: truth {1..5}, {6,7},
        // {8,9,A,B,C}. Both wrong answers below lose one link (MUC scores them the same, P 90% R 100%), but B-cubed
        // with equal weights gives the first precision 16/21 (76%) and the second 7/12 (58%): merging two big chains
        // is worse than merging a big and a small one.
        string[] truth = ["e1", "e1", "e1", "e1", "e1", "e2", "e2", "e3", "e3", "e3", "e3", "e3"];

        ClusterAccuracy smallIntoBig = ClusterAccuracy.Measure([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1], truth);
        ClusterAccuracy bigIntoBig = ClusterAccuracy.Measure([0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0], truth);

        Assert.Equal(16.0 / 21, smallIntoBig.BCubedPrecision, Precision);
        Assert.Equal(1.0, smallIntoBig.BCubedRecall, Precision);
        Assert.Equal(7.0 / 12, bigIntoBig.BCubedPrecision, Precision);
        Assert.Equal(1.0, bigIntoBig.BCubedRecall, Precision);
        // Pairwise: 21 true pairs; the first predicts 10 + 21 = 31 pairs, the second 45 + 1 = 46.
        Assert.Equal(21.0 / 31, smallIntoBig.PairwisePrecision, Precision);
        Assert.Equal(21.0 / 46, bigIntoBig.PairwisePrecision, Precision);
    }

    [Fact]
    public void Cross_source_option_counts_only_pairs_from_different_sources()
    {
        // Link-only, FEBRL4-style: file A holds a1 (x) and a2 (y), file B holds b1 (x) and b2 (y). Predicted clusters
        // {a1, a2, b1} and {b2}: the cross-source pairs predicted are a1–b1 (right) and a2–b1 (wrong); a1–a2 lies within
        // file A and is not counted.
        int[] predicted = [0, 0, 0, 1];
        string[] truth = ["x", "y", "x", "y"];
        string[] source = ["A", "A", "B", "B"];

        ClusterAccuracy crossSource = ClusterAccuracy.Measure(predicted, truth, source);
        ClusterAccuracy allPairs = ClusterAccuracy.Measure(predicted, truth);

        Assert.True(crossSource.CrossSourceOnly);
        Assert.Equal(2, crossSource.TruePairs);
        Assert.Equal(2, crossSource.PredictedPairs);
        Assert.Equal(1, crossSource.TruePositivePairs);
        Assert.Equal(0.5, crossSource.PairwisePrecision, Precision);
        Assert.Equal(0.5, crossSource.PairwiseRecall, Precision);
        Assert.Equal(3, allPairs.PredictedPairs);
        Assert.Equal(1.0 / 3, allPairs.PairwisePrecision, Precision);
        // B-cubed over each record and the other file's records: precision a1 2/2, a2 1/2, b1 2/3, b2 1/1 → 19/24;
        // recall a1 2/2, a2 1/2, b1 2/2, b2 1/2 → 3/4.
        Assert.Equal(19.0 / 24, crossSource.BCubedPrecision, Precision);
        Assert.Equal(0.75, crossSource.BCubedRecall, Precision);
    }

    [Fact]
    public void Cross_source_option_ignores_a_wrong_merge_within_one_source()
    {
        // a1 and a2 (different people, both in file A) merged; b1 and b2 left alone: no cross-source pair is claimed.
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([0, 0, 1, 2], ["x", "y", "x", "y"], ["A", "A", "B", "B"]);

        Assert.Equal(0, accuracy.PredictedPairs);
        Assert.Equal(1.0, accuracy.PairwisePrecision);
        Assert.Equal(0.0, accuracy.PairwiseRecall);
        Assert.Equal(1.0, accuracy.BCubedPrecision, Precision);
        Assert.Equal(0.5, accuracy.BCubedRecall, Precision);
    }

    [Fact]
    public void Cross_source_scores_match_plain_scores_when_every_record_has_its_own_source()
    {
        int[] predicted = [0, 0, 0, 1, 1];
        string[] truth = ["a", "a", "b", "b", "b"];

        ClusterAccuracy plain = ClusterAccuracy.Measure(predicted, truth);
        ClusterAccuracy crossSource = ClusterAccuracy.Measure(predicted, truth, ["s1", "s2", "s3", "s4", "s5"]);

        Assert.Equal(plain.TruePairs, crossSource.TruePairs);
        Assert.Equal(plain.PredictedPairs, crossSource.PredictedPairs);
        Assert.Equal(plain.TruePositivePairs, crossSource.TruePositivePairs);
        Assert.Equal(plain.BCubedPrecision, crossSource.BCubedPrecision, Precision);
        Assert.Equal(plain.BCubedRecall, crossSource.BCubedRecall, Precision);
    }

    [Fact]
    public void Pair_counts_beyond_the_range_of_an_int_are_exact()
    {
        const int records = 100_000;
        int[] predicted = new int[records];
        string[] truth = Enumerable.Repeat("one person", records).ToArray();

        ClusterAccuracy accuracy = ClusterAccuracy.Measure(predicted, truth);

        Assert.Equal(4_999_950_000L, accuracy.TruePairs);
        Assert.Equal(4_999_950_000L, accuracy.TruePositivePairs);
    }

    [Fact]
    public void No_records_scores_one_everywhere()
    {
        ClusterAccuracy accuracy = ClusterAccuracy.Measure([], []);

        Assert.Equal(1.0, accuracy.PairwiseF1);
        Assert.Equal(1.0, accuracy.BCubedF1);
        Assert.Equal(0, accuracy.Records);
    }

    [Fact]
    public void Lists_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClusterAccuracy.Measure([0, 1], ["a"]));
        Assert.Throws<ArgumentException>(() => ClusterAccuracy.Measure([0, 1], ["a", "b"], ["A"]));
    }
}
