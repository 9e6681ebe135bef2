using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>
/// The owner's review of a risk: a note of what was looked at, and new scores if the position has moved. The next review
/// falls <see cref="Risk.ReviewEveryDays"/> from today, and a signal on a linked indicator from a framework run before
/// now is answered (<see cref="RiskReview.DueReasons"/>).
/// </summary>
public sealed class ReviewRisk(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <param name="rescore">The new current and target scores, or null to keep them.</param>
    public async Task<Risk> ReviewAsync(StaffActor actor, int riskId, int version, string note, (RiskScore Current, RiskScore Target)? rescore = null, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        string what = RiskRules.Text(note, RiskRules.MaxReason, "note", "Note what the review found");
        if (rescore is { } scores)
        {
            RiskRules.CheckScores(scores.Current, scores.Target);
        }

        var history = new RiskHistory(db, audit, clock);
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        string? rescored = rescore is { } s ? ChangeRisk.Rescore(risk, s.Current, s.Target) : null;
        risk.LastReviewedAtUtc = history.Now;
        risk.LastReviewedBy = actor.AuditName;
        risk.NextReviewDue = history.Today.AddDays(risk.ReviewEveryDays);
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskReviewed,
            $"Reviewed{(rescored is null ? ", scores kept" : $" and re-scored: {rescored}")}; next review {risk.NextReviewDue:yyyy-MM-dd}. Note: {what}", cancellationToken);
        return risk;
    }
}
