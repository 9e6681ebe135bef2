namespace OnePlace.Analytics.Risk;

/// <summary>One band of predicted risk: how many people, how many were expected to have the outcome and how many did.</summary>
public sealed record CalibrationBand(int Band, int People, double MeanPredicted, double Observed);

/// <summary>How well predicted risks separate and match what happened.</summary>
public static class ModelPerformance
{
    /// <summary>
    /// The area under the ROC curve: the probability that a person who had the outcome was given a higher risk than
    /// one who did not, ties counting a half (the Mann–Whitney U statistic over the product of the group sizes).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, or one group is empty.</exception>
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcomes)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (predicted.Count != outcomes.Count)
        {
            throw new ArgumentException("One outcome per prediction.", nameof(outcomes));
        }

        long positives = outcomes.Count(o => o);
        long negatives = outcomes.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("The AUC needs people with and without the outcome.", nameof(outcomes));
        }

        // Rank-sum with mid-ranks for ties.
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        double rankSum = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && predicted[order[end + 1]] == predicted[order[start]])
            {
                end++;
            }

            double midRank = ((start + end) / 2.0) + 1;
            for (int k = start; k <= end; k++)
            {
                if (outcomes[order[k]])
                {
                    rankSum += midRank;
                }
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Calibration by bands of equal size (tenths by default) of predicted risk, lowest first.</summary>
    public static IReadOnlyList<CalibrationBand> Calibration(IReadOnlyList<double> predicted, IReadOnlyList<bool> outcomes, int bands = 10)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        var result = new List<CalibrationBand>(bands);
        for (int b = 0; b < bands; b++)
        {
            int from = (int)((long)order.Length * b / bands);
            int to = (int)((long)order.Length * (b + 1) / bands);
            if (to <= from)
            {
                continue;
            }

            var members = order[from..to];
            result.Add(new CalibrationBand(b + 1, members.Length, members.Average(i => predicted[i]), members.Count(i => outcomes[i]) / (double)members.Length));
        }

        return result;
    }
}
