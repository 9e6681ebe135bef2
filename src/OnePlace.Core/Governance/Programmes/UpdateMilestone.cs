using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.Governance.Programmes;

/// <summary>
/// Reports how a milestone stands, as a programme board's highlight report does: its RAG status, the day it was
/// completed (a completed milestone has one, on or before today; any other status has none) and a note.
/// </summary>
public sealed class UpdateMilestone(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public async Task<Milestone> UpdateAsync(
        StaffActor actor, int milestoneId, MilestoneStatus status, DateOnly? completedOn, string? note, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckChange(actor);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        GovernanceChangeException? refusal =
            !Enum.IsDefined(status) ? new("Choose the milestone's status.", "milestone-status")
            : status == MilestoneStatus.Complete && completedOn is null ? new("Enter the day the milestone was completed.", "milestone-completed")
            : status != MilestoneStatus.Complete && completedOn is not null ? new("Only a complete milestone has a completion date.", "milestone-completed")
            : completedOn > today ? new("A milestone cannot be completed after today.", "milestone-completed")
            : (note?.Trim().Length ?? 0) > ProgrammeRules.MaxNote ? new($"Keep the note to {ProgrammeRules.MaxNote} characters.", "milestone-note")
            : null;
        if (refusal is not null)
        {
            throw refusal;
        }

        var milestone = await db.Milestones.SingleOrDefaultAsync(m => m.Id == milestoneId, cancellationToken)
            ?? throw new GovernanceChangeException("Choose a milestone of the programme.", "milestone");
        var programmeId = await db.ProgrammePhases.Where(p => p.Id == milestone.PhaseId).Select(p => p.ProgrammeId).SingleAsync(cancellationToken);
        var was = milestone.Status;
        milestone.Status = status;
        milestone.CompletedOn = completedOn;
        milestone.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        audit.Add(actor.AuditName, GovernanceAuditAction.ProgrammeChanged, detail: string.Create(CultureInfo.InvariantCulture,
            $"programme={programmeId}; milestone updated; milestone={milestone.Id}; title={milestone.Title}; status={was}->{status}{(completedOn is { } c ? $"; completed={c:yyyy-MM-dd}" : "")}"));
        await db.SaveChangesAsync(cancellationToken);
        return milestone;
    }
}
