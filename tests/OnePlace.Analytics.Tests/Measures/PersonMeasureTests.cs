using OnePlace.Analytics.Measures;

namespace OnePlace.Analytics.Tests.Measures;

/// <summary>eFI categories at the paper's cut-points and Cambridge Multimorbidity Scores of published combinations
/// (B_pophealth_stats §2.1 and §2.3 reference cases).</summary>
public sealed class PersonMeasureTests
{
    [Theory]
    [InlineData(0, FrailtyCategory.Fit)]
    [InlineData(4, FrailtyCategory.Fit)]
    [InlineData(5, FrailtyCategory.Mild)]
    [InlineData(8, FrailtyCategory.Mild)]
    [InlineData(9, FrailtyCategory.Moderate)]
    [InlineData(12, FrailtyCategory.Moderate)]
    [InlineData(13, FrailtyCategory.Severe)]
    [InlineData(36, FrailtyCategory.Severe)]
    public void Frailty_categories_follow_the_paper_s_cut_points_by_count(int deficits, FrailtyCategory expected)
    {
        Assert.Equal(expected, FrailtyIndex.Category(deficits));
        // The same category by the paper's score cut-points: fit ≤ 0.12 < mild ≤ 0.24 < moderate ≤ 0.36 < severe.
        double score = FrailtyIndex.Score(deficits);
        var byScore = score <= 0.12 ? FrailtyCategory.Fit : score <= 0.24 ? FrailtyCategory.Mild : score <= 0.36 ? FrailtyCategory.Moderate : FrailtyCategory.Severe;
        Assert.Equal(expected, byScore);
    }

    [Fact]
    public void Frailty_scores_are_deficits_over_thirty_six()
    {
        Assert.Equal(0.1111, FrailtyIndex.Score(4), 4);
        Assert.Equal(0.3611, FrailtyIndex.Score(13), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => FrailtyIndex.Score(37));
    }

    [Fact]
    public void Multimorbidity_scores_add_the_general_outcome_weights()
    {
        Assert.Equal(1.32, CambridgeMultimorbidityScore.Score(["hypertension", "diabetes", "coronary_heart_disease"]));
        Assert.Equal(6.48, CambridgeMultimorbidityScore.Score(["dementia", "heart_failure", "copd", "atrial_fibrillation"]));
        Assert.Equal(20, CambridgeMultimorbidityScore.GeneralOutcomeWeights.Count);
    }

    [Fact]
    public void Condition_codes_map_onto_the_score_s_conditions_and_others_count_nothing()
    {
        Assert.Equal(1.32, CambridgeMultimorbidityScore.ScoreOfCodes(["EFI17", "EFI07", "EFI19", "EFI10", "OBE"]));
        Assert.Equal(0, CambridgeMultimorbidityScore.ScoreOfCodes([]));
        Assert.Throws<ArgumentException>(() => CambridgeMultimorbidityScore.Score(["gout"]));
    }
}
