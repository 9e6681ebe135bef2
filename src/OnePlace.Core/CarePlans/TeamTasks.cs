using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Store;

namespace OnePlace.Core.CarePlans;

/// <summary>An open task given to a team, with the referral and person it is for.</summary>
public sealed record TeamTaskRow(
    long TaskId, string Description, DateOnly? DueDate, DateTime CreatedAtUtc, string CreatedBy, int Version,
    Guid ReferralId, string Reference, string? HoldingTeamCode, Guid PersonId, string? GivenName, string? FamilyName);

/// <summary>
/// A team's task list (PRODUCT.md B5): the open tasks given to the team in any care plan, whichever team holds the
/// referral (tasks cross organisations), soonest due first and those without a due date last. Direct-care roles
/// only; one audit row per person shown, saved before the list is handed back.
/// </summary>
public sealed class TeamTasks(OnePlaceDb db, AuditWriter audit)
{
    public const int Limit = 200;

    /// <exception cref="PersonAccessDeniedException">The actor is not of the team, nor an SPA coordinator (audited).</exception>
    public async Task<IReadOnlyList<TeamTaskRow>> ListAsync(StaffActor actor, string teamCode, CancellationToken cancellationToken = default)
    {
        if (!LegitimateRelationships.MayReadTeamWork(actor, teamCode))
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.DirectCare, $"attempted=care_plan.tasks; team={teamCode}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException();
        }

        var rows = await (from t in db.CareTasks.AsNoTracking()
                          where t.AssignedTeamCode == teamCode && t.Status == CareTaskStatus.Requested
                          join plan in db.CarePlans.AsNoTracking() on t.CarePlanId equals plan.Id
                          join r in db.Referrals.AsNoTracking() on plan.ReferralId equals r.Id
                          join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                          orderby t.DueDate == null, t.DueDate, t.CreatedAtUtc, t.Id
                          select new TeamTaskRow(t.Id, t.Description, t.DueDate, t.CreatedAtUtc, t.CreatedBy, t.Version,
                              r.Id, r.Reference, r.TeamCode, r.PersonId, p.GivenName, p.FamilyName))
            .Take(Limit).ToListAsync(cancellationToken);

        foreach (var person in rows.Select(r => r.PersonId).Distinct())
        {
            audit.Add(actor.AuditName, ReferralAuditAction.Listed, person, AccessReason.DirectCare, $"tasks={teamCode}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows;
    }
}
