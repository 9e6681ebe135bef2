using System.Globalization;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>Attaches a note of evidence (consultation, data, research) to an assessment not yet signed off. Replay
/// breakdowns are attached by the replay itself (<see cref="RaiseEqiaFromReplay"/>).</summary>
public sealed class AddEqiaEvidence(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<EqiaEvidence> AddAsync(StaffActor actor, int eqiaId, int expectedVersion, string? title, string? body, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        if ((EqiaRules.Text(title, "evidence-title", "a title for the evidence", EqiaRules.MaxEvidenceTitle)
            ?? EqiaRules.Text(body, "evidence-body", "the evidence", EqiaRules.MaxLong)) is { } refusal)
        {
            throw refusal;
        }

        var eqia = await EqiaRules.LoadAsync(db, eqiaId, expectedVersion, cancellationToken);
        if (eqia.Status == EqiaStatus.SignedOff)
        {
            throw new GovernanceChangeException($"{eqia.Reference} is signed off: evidence is added before the decision.", "status");
        }

        var evidence = new EqiaEvidence
        {
            EqiaId = eqia.Id,
            Kind = EqiaEvidenceKind.Note,
            Title = title!.Trim(),
            Body = body!.Trim(),
            AddedAtUtc = clock.GetUtcNow().UtcDateTime,
            AddedBy = actor.AuditName,
        };
        db.EqiaEvidence.Add(evidence);
        audit.Add(actor.AuditName, GovernanceAuditAction.EqiaEvidenceAdded, detail: string.Create(CultureInfo.InvariantCulture,
            $"eqia={eqia.Reference}; kind={evidence.Kind}; title={evidence.Title}"));
        await EqiaRules.SaveChangeAsync(db, eqia, cancellationToken);
        return evidence;
    }
}
