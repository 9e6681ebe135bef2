using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>
/// Records a new risk on the partnership's register (PRODUCT.md F1) with the next reference (R-001, R-002, …), its three
/// scores on the NHS 5×5 matrix and its first review due <see cref="Risk.ReviewEveryDays"/> from today. The risk as
/// recorded is its first revision; the programme office keeps the register (<see cref="GovernanceAccess"/>).
/// </summary>
public sealed class RecordRisk(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <exception cref="GovernanceAccessDeniedException">The actor may not change the register; nothing was written.</exception>
    /// <exception cref="GovernanceChangeException">A field breaks a rule (<see cref="RiskRules"/>); nothing was written.</exception>
    public async Task<Risk> RecordAsync(StaffActor actor, RiskDetails details, RiskScore inherent, RiskScore current, RiskScore target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        GovernanceAccess.CheckChange(actor);
        RiskRules.Check(details);
        RiskRules.Score(inherent, "inherent");
        RiskRules.CheckScores(current, target);

        var history = new RiskHistory(db, audit, clock);
        var references = await db.Risks.Select(r => r.Reference).ToListAsync(cancellationToken);
        int next = references.Select(Number).DefaultIfEmpty(0).Max() + 1;
        var risk = new Risk
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"R-{next:000}"),
            Title = details.Title.Trim(),
            Cause = details.Cause.Trim(),
            Event = details.Event.Trim(),
            Effect = details.Effect.Trim(),
            Category = details.Category,
            Owner = details.Owner.Trim(),
            Controls = (details.Controls ?? "").Trim(),
            InherentLikelihood = inherent.Likelihood,
            InherentImpact = inherent.Impact,
            CurrentLikelihood = current.Likelihood,
            CurrentImpact = current.Impact,
            TargetLikelihood = target.Likelihood,
            TargetImpact = target.Impact,
            Status = RiskStatus.Open,
            ReviewEveryDays = details.ReviewEveryDays,
            NextReviewDue = history.Today.AddDays(details.ReviewEveryDays),
            CreatedAtUtc = history.Now,
            CreatedBy = actor.AuditName,
            Version = 1,
        };
        db.Risks.Add(risk);
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskRecorded, string.Create(CultureInfo.InvariantCulture,
            $"Recorded \"{risk.Title}\", owner {risk.Owner}; inherent {inherent}, current {current}, target {target}; reviewed every {risk.ReviewEveryDays} days."), cancellationToken);
        return risk;
    }

    /// <summary>The number of a reference R-007 (7); 0 for one not in that form.</summary>
    private static int Number(string reference) =>
        reference.StartsWith("R-", StringComparison.Ordinal) && int.TryParse(reference.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;
}
