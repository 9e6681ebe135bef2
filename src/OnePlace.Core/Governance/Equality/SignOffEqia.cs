using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>
/// A board member's decision on an assessment awaiting sign-off, in the four outcomes of the Equality and Human
/// Rights Commission's guidance (<see cref="EqiaDecision"/>). To continue despite an adverse impact, or to stop, needs
/// the rationale written down: that is the record the public sector equality duty is judged on.
/// </summary>
public sealed class SignOffEqia(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<EqualityImpactAssessment> SignOffAsync(
        StaffActor actor, int eqiaId, int expectedVersion, EqiaDecision decision, string? rationale, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSignOff(actor);
        GovernanceChangeException? refusal =
            !Enum.IsDefined(decision) ? new("Choose the decision.", "decision")
            : decision is EqiaDecision.Continue or EqiaDecision.Stop
                ? EqiaRules.Text(rationale, "rationale", "the rationale for the decision", EqiaRules.MaxLong)
            : (rationale?.Trim().Length ?? 0) > EqiaRules.MaxLong ? new($"Keep the rationale to {EqiaRules.MaxLong} characters.", "rationale") : null;
        if (refusal is not null)
        {
            throw refusal;
        }

        var eqia = await EqiaRules.LoadAsync(db, eqiaId, expectedVersion, cancellationToken);
        if (eqia.Status != EqiaStatus.AwaitingSignOff)
        {
            throw new GovernanceChangeException($"{eqia.Reference} is {EqiaRules.Words(eqia.Status)}: only an assessment awaiting sign-off is signed off.", "status");
        }

        eqia.Status = EqiaStatus.SignedOff;
        eqia.Decision = decision;
        eqia.DecisionRationale = string.IsNullOrWhiteSpace(rationale) ? null : rationale.Trim();
        eqia.SignedOffBy = actor.AuditName;
        eqia.SignedOffAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(actor.AuditName, GovernanceAuditAction.EqiaSignedOff, detail: $"eqia={eqia.Reference}; decision={decision}");
        await EqiaRules.SaveChangeAsync(db, eqia, cancellationToken);
        return eqia;
    }
}
