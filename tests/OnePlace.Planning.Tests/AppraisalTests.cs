using OnePlace.Planning.Appraisal;

namespace OnePlace.Planning.Tests;

/// <summary>Options appraisal: weighted totals, ranking and how the ranking moves with the weights.</summary>
public sealed class AppraisalTests
{
    private static OptionsAppraisal TwoOptions() => new("test", "Test",
        [new Criterion("cost", "Cost", 50), new Criterion("quality", "Quality", 50)],
        [
            new AppraisalOption("cheap", "Cheap", new Dictionary<string, double> { ["cost"] = 5, ["quality"] = 1 }),
            new AppraisalOption("good", "Good", new Dictionary<string, double> { ["cost"] = 2, ["quality"] = 5 }),
        ]);

    [Fact]
    public void Options_are_ranked_by_their_weighted_totals()
    {
        var ranking = AppraisalResult.Rank(TwoOptions());

        Assert.Equal(["good", "cheap"], ranking.Select(r => r.Option));
        Assert.Equal(3.5, ranking[0].Total, 12);
        Assert.Equal(3.0, ranking[1].Total, 12);
        Assert.Equal([1, 2], ranking.Select(r => r.Rank));
    }

    [Fact]
    public void The_leader_changes_exactly_where_two_options_totals_cross_as_a_weight_moves()
    {
        var sensitivity = AppraisalResult.Sensitivity(TwoOptions());

        // Cost weight x, quality 100 − x: cheap = (5x + (100 − x))/100, good = (2x + 5(100 − x))/100; equal at x = 400/7.
        var cost = sensitivity.Single(s => s.Criterion == "cost");
        var change = Assert.Single(cost.LeaderChanges);
        Assert.Equal(400.0 / 7, change.Weight, 9);
        Assert.Equal(("good", "cheap"), (change.From, change.To));
        Assert.Equal([0.0, 25, 50, 75, 100], cost.Steps.Select(s => s.Weight));
        Assert.Equal("cheap", cost.Steps[^1].Ranking[0].Option);
    }

    [Fact]
    public void The_powys_example_ranks_its_options_and_names_the_weights_that_change_the_leader()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appraisals", "powys-integration-2015.yaml");

        var appraisal = AppraisalFile.Load(file);
        var ranking = AppraisalResult.Rank(appraisal);
        var sensitivity = AppraisalResult.Sensitivity(appraisal);

        Assert.Equal(4, ranking.Count);
        Assert.Equal("pooled-budgets", ranking[0].Option);
        Assert.Equal(5, sensitivity.Count);
        Assert.Contains(sensitivity, s => s.LeaderChanges.Count > 0);
        foreach (var change in sensitivity.SelectMany(s => s.LeaderChanges.Select(c => (s, c))))
        {
            // Just past the named weight the new leader leads.
            var weights = AppraisalResult.Reweighted(appraisal, appraisal.Criteria.Single(x => x.Id == change.s.Criterion), change.c.Weight + 1e-6, 100);
            Assert.Equal(change.c.To, AppraisalResult.Rank(appraisal, weights)[0].Option);
        }
    }

    [Fact]
    public void An_appraisal_file_with_missing_scores_or_scores_off_the_scale_is_refused_naming_each()
    {
        var yaml = """
            id: bad
            criteria: [{ id: cost, weight: 1 }, { id: quality, weight: 1 }]
            options:
              - { id: a, scores: { cost: 3 } }
              - { id: b, scores: { cost: 9, quality: 2, speed: 1 } }
            """;

        var e = Assert.Throws<AppraisalFileException>(() => AppraisalFile.Parse(yaml, "bad.yaml"));

        Assert.Contains("bad.yaml: the option a has no score for the criterion quality.", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml: the option b scores 9 on cost, outside the scale 0 to 5.", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml: the option b scores 'speed', which is not a criterion.", e.Message, StringComparison.Ordinal);
    }
}
