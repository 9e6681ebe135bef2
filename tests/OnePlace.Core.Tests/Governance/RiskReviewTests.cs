using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Risks;

namespace OnePlace.Core.Tests.Governance;

/// <summary>When a risk is up for review: its review date, a special-cause signal of concern or a missed target on a
/// linked indicator since its last review, never when closed.</summary>
public sealed class RiskReviewTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTime RunAt = new(2026, 2, 20, 6, 0, 0, DateTimeKind.Utc);

    private static Risk RiskReviewedOn(DateTime? reviewed, DateOnly nextDue) => new()
    {
        Reference = "R-001",
        Title = "t",
        Cause = "c",
        Event = "e",
        Effect = "f",
        Owner = "o",
        CreatedBy = "p",
        CurrentLikelihood = 3,
        CurrentImpact = 3,
        InherentLikelihood = 3,
        InherentImpact = 3,
        TargetLikelihood = 2,
        TargetImpact = 2,
        NextReviewDue = nextDue,
        LastReviewedAtUtc = reviewed,
    };

    private static Dictionary<string, IndicatorReading> Reading(string id, string rag, string? variation, string? assurance = null) => new()
    {
        [id] = new IndicatorReading(id, "Title", "%", "HigherIsBetter", RunAt, rag, variation, assurance, 71.0, new DateOnly(2026, 1, 31), 80.0),
    };

    [Fact]
    public void The_review_date_reached_puts_a_risk_up_for_review()
    {
        Assert.Equal([new RiskReviewDue(RiskReviewReason.ReviewDateReached, null)], RiskReview.DueReasons(RiskReviewedOn(null, Today), [], Reading("x", "Green", "CommonCause"), Today));
        Assert.Empty(RiskReview.DueReasons(RiskReviewedOn(null, Today.AddDays(1)), [], Reading("x", "Green", "CommonCause"), Today));
    }

    [Fact]
    public void A_special_cause_concern_or_missed_target_on_a_linked_indicator_puts_it_up_until_a_review_after_the_run()
    {
        var before = RiskReviewedOn(RunAt.AddDays(-3), Today.AddDays(20));

        Assert.Equal([new RiskReviewDue(RiskReviewReason.SpecialCauseSignal, "ucr")], RiskReview.DueReasons(before, ["ucr"], Reading("ucr", "Amber", "SpecialCauseConcern"), Today));
        Assert.Equal([new RiskReviewDue(RiskReviewReason.TargetMissed, "ucr")], RiskReview.DueReasons(before, ["ucr"], Reading("ucr", "Red", "CommonCause"), Today));
        Assert.Equal([new RiskReviewDue(RiskReviewReason.TargetMissed, "ucr")], RiskReview.DueReasons(before, ["ucr"], Reading("ucr", "Amber", null, "ConsistentFail"), Today));
        Assert.Empty(RiskReview.DueReasons(before, ["ucr"], Reading("ucr", "Green", "SpecialCauseImprovement"), Today));
        // Not linked: no reason.
        Assert.Empty(RiskReview.DueReasons(before, ["other"], Reading("ucr", "Red", "SpecialCauseConcern"), Today));

        var after = RiskReviewedOn(RunAt.AddHours(1), Today.AddDays(20));
        Assert.Empty(RiskReview.DueReasons(after, ["ucr"], Reading("ucr", "Red", "SpecialCauseConcern"), Today));
    }

    [Fact]
    public void A_closed_risk_is_never_due()
    {
        var risk = RiskReviewedOn(null, Today.AddDays(-30));
        risk.Status = RiskStatus.Closed;

        Assert.Empty(RiskReview.DueReasons(risk, ["ucr"], Reading("ucr", "Red", "SpecialCauseConcern"), Today));
    }

    [Theory]
    [InlineData(3, RiskBand.Low)]
    [InlineData(4, RiskBand.Moderate)]
    [InlineData(6, RiskBand.Moderate)]
    [InlineData(8, RiskBand.High)]
    [InlineData(12, RiskBand.High)]
    [InlineData(15, RiskBand.Extreme)]
    [InlineData(25, RiskBand.Extreme)]
    public void Scores_fall_in_the_nhs_bands(int score, RiskBand band) => Assert.Equal(band, RiskReview.BandOf(score));
}
