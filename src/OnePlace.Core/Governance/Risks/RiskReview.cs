namespace OnePlace.Core.Governance.Risks;

/// <summary>Why a risk is up for review.</summary>
public enum RiskReviewReason
{
    /// <summary>Its review date has come.</summary>
    ReviewDateReached,

    /// <summary>A linked indicator's latest month shows special-cause variation of concern (Making Data Count).</summary>
    SpecialCauseSignal,

    /// <summary>A linked indicator misses its target (RAG red, or assurance that the process will consistently fail).</summary>
    TargetMissed,
}

/// <param name="IndicatorId">The linked indicator that raised it; null for the review date.</param>
public sealed record RiskReviewDue(RiskReviewReason Reason, string? IndicatorId);

/// <summary>
/// Whether a risk is up for review, and why: its review date has come, or a key risk indicator linked to it has signalled
/// since the owner last reviewed it. A signal is answered by a review after the framework run that showed it; while the
/// signal persists, each new run asks again, so a risk watched by a failing indicator is re-scored every run.
/// </summary>
public static class RiskReview
{
    public static IReadOnlyList<RiskReviewDue> DueReasons(
        Risk risk, IEnumerable<string> linkedIndicatorIds, IReadOnlyDictionary<string, IndicatorReading> readings, DateOnly today)
    {
        if (risk.Status == RiskStatus.Closed)
        {
            return [];
        }

        var reasons = new List<RiskReviewDue>();
        if (risk.NextReviewDue <= today)
        {
            reasons.Add(new RiskReviewDue(RiskReviewReason.ReviewDateReached, null));
        }

        foreach (string id in linkedIndicatorIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!readings.TryGetValue(id, out var reading) || (risk.LastReviewedAtUtc is { } reviewed && reviewed >= reading.RunAtUtc))
            {
                continue;
            }

            if (reading.HasConcerningSignal)
            {
                reasons.Add(new RiskReviewDue(RiskReviewReason.SpecialCauseSignal, id));
            }

            if (reading.MissesTarget)
            {
                reasons.Add(new RiskReviewDue(RiskReviewReason.TargetMissed, id));
            }
        }

        return reasons;
    }

    /// <summary>The NHS 5×5 matrix's bands of a score (likelihood × impact): 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme
    /// (NPSA, "A risk matrix for risk managers", 2008).</summary>
    public static RiskBand BandOf(int score) => score switch
    {
        <= 3 => RiskBand.Low,
        <= 6 => RiskBand.Moderate,
        <= 12 => RiskBand.High,
        _ => RiskBand.Extreme,
    };
}

public enum RiskBand
{
    Low,
    Moderate,
    High,
    Extreme,
}
