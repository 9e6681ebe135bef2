using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Equality;

/// <summary>An assessment in full: its characteristics in the order of <see cref="Characteristic"/> and its evidence, oldest first.</summary>
public sealed record EqiaView(EqualityImpactAssessment Eqia, IReadOnlyList<EqiaCharacteristicAssessment> Characteristics, IReadOnlyList<EqiaEvidence> Evidence)
{
    public bool AllAssessed => Characteristics.All(c => c.Impact != EqiaImpact.NotYetAssessed);
}

/// <summary>The equality impact assessments as governance reads them, for those who may see governance.</summary>
public sealed class EqiaReading(OnePlaceDb db)
{
    /// <summary>Every assessment: open ones first by due date, then the signed off, latest first.</summary>
    public async Task<IReadOnlyList<EqualityImpactAssessment>> AllAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var all = await db.EqualityImpactAssessments.AsNoTracking().ToListAsync(cancellationToken);
        var open = all.Where(a => a.Status != EqiaStatus.SignedOff).OrderBy(a => a.DueBy).ThenBy(a => a.Id);
        var decided = all.Where(a => a.Status == EqiaStatus.SignedOff).OrderByDescending(a => a.SignedOffAtUtc).ThenByDescending(a => a.Id);
        return [.. open, .. decided];
    }

    public async Task<EqiaView?> OneAsync(StaffActor actor, int id, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var eqia = await db.EqualityImpactAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (eqia is null)
        {
            return null;
        }

        var characteristics = await db.EqiaCharacteristics.AsNoTracking().Where(c => c.EqiaId == id).ToListAsync(cancellationToken);
        var evidence = await db.EqiaEvidence.AsNoTracking().Where(e => e.EqiaId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return new EqiaView(eqia, [.. characteristics.OrderBy(c => c.Characteristic)], evidence);
    }
}
