using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Risks;

/// <summary>Closes a risk that has passed or been brought within appetite, with the reason. A closed risk stays on the
/// register with its history, is never due for review and is not changed again.</summary>
public sealed class CloseRisk(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<Risk> CloseAsync(StaffActor actor, int riskId, int version, string reason, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        string why = RiskRules.Text(reason, RiskRules.MaxReason, "close-reason", "Give the reason for closing the risk");
        var history = new RiskHistory(db, audit, clock);
        var risk = await history.OpenRiskAsync(riskId, version, cancellationToken);
        risk.Status = RiskStatus.Closed;
        await history.SaveAsync(actor, risk, GovernanceAuditAction.RiskClosed, $"Closed. Reason: {why}", cancellationToken);
        return risk;
    }
}
