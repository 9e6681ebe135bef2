using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Programmes;

/// <summary>A programme with its phases in order, their milestones by due date, and its benefits.</summary>
public sealed record ProgrammeView(Programme Programme, IReadOnlyList<ProgrammePhase> Phases, IReadOnlyList<Milestone> Milestones, IReadOnlyList<Benefit> Benefits)
{
    /// <summary>The phase <paramref name="today"/> falls in, if any.</summary>
    public ProgrammePhase? CurrentPhase(DateOnly today) => Phases.FirstOrDefault(p => p.Start <= today && today <= p.End);

    public static bool IsOverdue(Milestone milestone, DateOnly today) => milestone.Status != MilestoneStatus.Complete && milestone.DueDate < today;
}

/// <summary>The programmes as governance reads them: aggregates only, for those who may see governance.</summary>
public sealed class ProgrammeReading(OnePlaceDb db)
{
    public async Task<IReadOnlyList<ProgrammeView>> AllAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        var programmes = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var phases = await db.ProgrammePhases.AsNoTracking().ToListAsync(cancellationToken);
        var milestones = await db.Milestones.AsNoTracking().ToListAsync(cancellationToken);
        var benefits = await db.Benefits.AsNoTracking().OrderBy(b => b.Id).ToListAsync(cancellationToken);
        return [.. programmes.Select(p =>
        {
            var own = phases.Where(f => f.ProgrammeId == p.Id).OrderBy(f => f.Order).ToList();
            var ids = own.Select(f => f.Id).ToHashSet();
            return new ProgrammeView(
                p, own,
                [.. milestones.Where(m => ids.Contains(m.PhaseId)).OrderBy(m => m.DueDate).ThenBy(m => m.Id)],
                [.. benefits.Where(b => b.ProgrammeId == p.Id)]);
        })];
    }
}
