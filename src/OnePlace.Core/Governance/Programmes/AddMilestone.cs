using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Programmes;

/// <summary>Adds a milestone to a phase: what is delivered, who delivers it and by when. It starts not started.</summary>
public sealed class AddMilestone(OnePlaceDb db, AuditWriter audit)
{
    public async Task<Milestone> AddAsync(StaffActor actor, int phaseId, string? title, string? owner, DateOnly dueDate, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        if ((ProgrammeRules.Text(title, "milestone-title", "the milestone", ProgrammeRules.MaxTitle)
            ?? ProgrammeRules.Text(owner, "milestone-owner", "who owns the milestone", ProgrammeRules.MaxName)) is { } refusal)
        {
            throw refusal;
        }

        var phase = await db.ProgrammePhases.AsNoTracking().SingleOrDefaultAsync(p => p.Id == phaseId, cancellationToken)
            ?? throw new GovernanceChangeException("Choose a phase of the programme.", "milestone-phase");
        var milestone = new Milestone { PhaseId = phase.Id, Title = title!.Trim(), Owner = owner!.Trim(), DueDate = dueDate, Status = MilestoneStatus.NotStarted };
        db.Milestones.Add(milestone);
        audit.Add(actor.AuditName, GovernanceAuditAction.ProgrammeChanged, detail: string.Create(CultureInfo.InvariantCulture,
            $"programme={phase.ProgrammeId}; milestone added; phase={phase.Name}; title={milestone.Title}; owner={milestone.Owner}; due={dueDate:yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
        return milestone;
    }
}
