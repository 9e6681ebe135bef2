using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>Sends a draft for a board member's decision once every characteristic has been assessed: an assessment
/// with a characteristic left out has not shown due regard to it.</summary>
public sealed class SubmitEqiaForSignOff(OnePlaceDb db, AuditWriter audit)
{
    public async Task<EqualityImpactAssessment> SubmitAsync(StaffActor actor, int eqiaId, int expectedVersion, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        var eqia = await EqiaRules.LoadAsync(db, eqiaId, expectedVersion, cancellationToken);
        EqiaRules.CheckDraft(eqia, "it is submitted for sign-off");
        var left = await db.EqiaCharacteristics.AsNoTracking().Where(c => c.EqiaId == eqiaId && c.Impact == EqiaImpact.NotYetAssessed)
            .Select(c => c.Characteristic).ToListAsync(cancellationToken);
        if (left.Count > 0)
        {
            throw new GovernanceChangeException(
                $"Assess every characteristic before submitting: {string.Join(", ", left.Order())} not yet assessed.", "characteristics");
        }

        eqia.Status = EqiaStatus.AwaitingSignOff;
        audit.Add(actor.AuditName, GovernanceAuditAction.EqiaChanged, detail: $"eqia={eqia.Reference}; submitted for sign-off");
        await EqiaRules.SaveChangeAsync(db, eqia, cancellationToken);
        return eqia;
    }
}
