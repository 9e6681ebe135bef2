using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>
/// Records the assessment for one characteristic while the assessment is a draft: the likely impact, the evidence it
/// rests on and the mitigation. An impact is always stated with its evidence (the public sector equality duty asks for
/// "due regard" shown on the record, Equality Act 2010, s.149). A negative impact needs a mitigation; where nothing
/// can reduce it, the mitigation says so and why (for example "None possible: the service closes at 8pm because …"),
/// which is the justification a decision to continue despite the impact then rests on.
/// </summary>
public sealed class AssessCharacteristic(OnePlaceDb db, AuditWriter audit)
{
    public async Task<EqualityImpactAssessment> AssessAsync(
        StaffActor actor, int eqiaId, int expectedVersion, Characteristic characteristic, EqiaImpact impact, string? evidence, string? mitigation,
        CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        GovernanceChangeException? refusal =
            !Enum.IsDefined(characteristic) ? new("Choose a characteristic.", "characteristic")
            : impact is not (EqiaImpact.Positive or EqiaImpact.Neutral or EqiaImpact.Negative) ? new("Choose the likely impact: positive, neutral or negative.", "impact")
            : EqiaRules.Text(evidence, "evidence", "the evidence the impact rests on", EqiaRules.MaxLong)
            ?? (impact == EqiaImpact.Negative
                ? EqiaRules.Text(mitigation, "mitigation", "the mitigation of a negative impact, or why none is possible", EqiaRules.MaxLong)
                : (mitigation?.Trim().Length ?? 0) > EqiaRules.MaxLong ? new($"Keep the mitigation to {EqiaRules.MaxLong} characters.", "mitigation") : null);
        if (refusal is not null)
        {
            throw refusal;
        }

        var eqia = await EqiaRules.LoadAsync(db, eqiaId, expectedVersion, cancellationToken);
        EqiaRules.CheckDraft(eqia, "characteristics are assessed");
        var row = await db.EqiaCharacteristics.SingleAsync(c => c.EqiaId == eqiaId && c.Characteristic == characteristic, cancellationToken);
        row.Impact = impact;
        row.Evidence = evidence!.Trim();
        row.Mitigation = mitigation?.Trim() ?? "";
        audit.Add(actor.AuditName, GovernanceAuditAction.EqiaChanged, detail: string.Create(CultureInfo.InvariantCulture,
            $"eqia={eqia.Reference}; characteristic={characteristic}; impact={impact}"));
        await EqiaRules.SaveChangeAsync(db, eqia, cancellationToken);
        return eqia;
    }
}
