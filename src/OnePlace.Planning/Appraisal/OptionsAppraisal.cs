namespace OnePlace.Planning.Appraisal;

/// <summary>A criterion of an options appraisal and its weight (any positive scale; weights are used as shares of
/// their total).</summary>
public sealed record Criterion(string Id, string Name, double Weight);

/// <summary>An option and its score on each criterion.</summary>
public sealed record AppraisalOption(string Id, string Name, IReadOnlyDictionary<string, double> Scores);

/// <summary>An options appraisal: options scored against weighted criteria (PRODUCT.md E3; HM Treasury Green Book
/// multi-criteria analysis).</summary>
public sealed record OptionsAppraisal(string Id, string Title, IReadOnlyList<Criterion> Criteria, IReadOnlyList<AppraisalOption> Options)
{
    public string? Source { get; init; }
}

/// <summary>An option's weighted total and its rank (1 = first).</summary>
public sealed record RankedOption(string Option, double Total, int Rank);

/// <summary>The ranking at one weight of a criterion, the others rescaled.</summary>
public sealed record RankingAtWeight(double Weight, IReadOnlyList<RankedOption> Ranking);

/// <summary>A weight of a criterion at which the leading option changes.</summary>
public sealed record LeaderChange(double Weight, string From, string To);

/// <summary>How the ranking moves as one criterion's weight goes from 0 to double, the others rescaled in proportion
/// so the weights keep their total.</summary>
public sealed record CriterionSensitivity(string Criterion, double Weight, IReadOnlyList<RankingAtWeight> Steps, IReadOnlyList<LeaderChange> LeaderChanges);

/// <summary>
/// Weighted totals, ranking and sensitivity of an options appraisal. A total is Σ weight × score ÷ Σ weight. When one
/// criterion's weight becomes x and the others are rescaled to keep the total weight W, every option's total is a
/// straight line in x; the leader changes only where two lines cross, so the crossing points are found exactly
/// rather than by stepping.
/// </summary>
public static class AppraisalResult
{
    public static IReadOnlyList<RankedOption> Rank(OptionsAppraisal appraisal) => Rank(appraisal, appraisal.Criteria.ToDictionary(c => c.Id, c => c.Weight));

    public static IReadOnlyList<RankedOption> Rank(OptionsAppraisal appraisal, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(appraisal);
        ArgumentNullException.ThrowIfNull(weights);
        double total = weights.Values.Sum();
        var totals = appraisal.Options
            .Select(o => (o.Id, Total: total > 0 ? appraisal.Criteria.Sum(c => weights[c.Id] * o.Scores[c.Id]) / total : 0))
            .OrderByDescending(o => o.Total).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        var ranked = new List<RankedOption>();
        for (int i = 0; i < totals.Count; i++)
        {
            // Equal totals share a rank.
            int rank = i > 0 && Math.Abs(totals[i].Total - totals[i - 1].Total) < 1e-12 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new RankedOption(totals[i].Id, totals[i].Total, rank));
        }

        return ranked;
    }

    /// <summary>For each criterion: the ranking at 0, ½, 1, 1½ and 2 times its weight (capped at the total weight)
    /// and every weight in that range at which the leader changes.</summary>
    public static IReadOnlyList<CriterionSensitivity> Sensitivity(OptionsAppraisal appraisal)
    {
        ArgumentNullException.ThrowIfNull(appraisal);
        double sum = appraisal.Criteria.Sum(c => c.Weight);
        var result = new List<CriterionSensitivity>();
        foreach (var criterion in appraisal.Criteria)
        {
            double top = Math.Min(2 * criterion.Weight, sum);
            var steps = new[] { 0, 0.5, 1, 1.5, 2 }.Select(f => Math.Min(f * criterion.Weight, top)).Distinct()
                .Select(x => new RankingAtWeight(x, Rank(appraisal, Reweighted(appraisal, criterion, x, sum)))).ToList();

            // Each option's total as a line a + b·x in the criterion's weight x.
            double rest = sum - criterion.Weight;
            var lines = appraisal.Options.ToDictionary(o => o.Id, o =>
            {
                double others = rest > 0 ? appraisal.Criteria.Where(c => c.Id != criterion.Id).Sum(c => c.Weight * o.Scores[c.Id]) / rest : 0;
                return (Intercept: others, Slope: (o.Scores[criterion.Id] - others) / sum);
            });
            var crossings = new SortedSet<double>();
            foreach (var a in lines)
            {
                foreach (var b in lines.Where(b => string.CompareOrdinal(b.Key, a.Key) > 0))
                {
                    double slope = a.Value.Slope - b.Value.Slope;
                    if (Math.Abs(slope) > 1e-15)
                    {
                        double x = (b.Value.Intercept - a.Value.Intercept) / slope;
                        if (x > 0 && x < top)
                        {
                            crossings.Add(x);
                        }
                    }
                }
            }

            var changes = new List<LeaderChange>();
            string leader = Leader(0);
            foreach (double x in crossings)
            {
                string after = Leader(Math.Min(top, x + 1e-9 * Math.Max(1, sum)));
                if (after != leader)
                {
                    changes.Add(new LeaderChange(x, leader, after));
                    leader = after;
                }
            }

            result.Add(new CriterionSensitivity(criterion.Id, criterion.Weight, steps, changes));

            string Leader(double x) => Rank(appraisal, Reweighted(appraisal, criterion, x, sum))[0].Option;
        }

        return result;
    }

    /// <summary>Weights with one criterion's set to x and the others rescaled to keep the total.</summary>
    public static Dictionary<string, double> Reweighted(OptionsAppraisal appraisal, Criterion criterion, double x, double sum)
    {
        ArgumentNullException.ThrowIfNull(appraisal);
        ArgumentNullException.ThrowIfNull(criterion);
        double rest = sum - criterion.Weight;
        return appraisal.Criteria.ToDictionary(c => c.Id, c => c.Id == criterion.Id ? x : rest > 0 ? c.Weight * (sum - x) / rest : 0);
    }
}
