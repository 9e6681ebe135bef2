using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Store;

namespace OnePlace.Core.CaseFinding;

/// <summary>A person on a case-finding MDT list, as its page shows them: who they are and why they were found.</summary>
public sealed record CaseFindingPerson(
    Guid PersonId, int Position, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, int? Age, string? NhsNumber,
    string Frailty, int EfiDeficits, int EmergencyAdmissions12Months, int Segment, string SegmentName, double? Risk12Months);

/// <summary>
/// A case-finding list opened: the list, the page of people shown, how many the viewer may see in all, and how many
/// are not shown to them because they are not of the owning team and hold no relationship with those people.
/// </summary>
public sealed record CaseFindingListView(
    CaseFindingList List, string TeamName, string LocalityName, IReadOnlyList<CaseFindingPerson> People, int Total, int NotShown, bool OwnTeam);

/// <summary>A case-finding list without its people, for a team's list of lists (no person data).</summary>
public sealed record CaseFindingListSummary(
    Guid Id, string Criteria, string LocalityCode, string TeamCode, DateOnly MeasuresAsOf, string CreatedBy, DateTime CreatedAtUtc, int Members, bool Open);

/// <summary>
/// Reading case-finding lists. Staff in a direct-care role of the owning team see every member of an open list; other
/// direct-care staff see only the members they or their team hold an open legitimate relationship with (a referral,
/// or another list), and are refused when there are none; everyone else is refused. Refusals are audited; one audit
/// row per person shown is saved before the page is handed back. A closed list shows its criteria, not its people:
/// the relationships it gave have ended.
/// </summary>
public sealed class CaseFindingReading(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Returns null when there is no such list (nothing is audited: no person was touched).</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may see no one on the list (audited).</exception>
    public async Task<CaseFindingListView?> OpenAsync(StaffActor actor, Guid listId, int page = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = await db.CaseFindingLists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            return null;
        }

        bool directCare = actor.May(Permission.OpenPersonRecord) && !actor.IsClientSystem;
        bool ownTeam = directCare && actor.TeamCode == list.TeamCode;
        IQueryable<CaseFindingMember> members = db.CaseFindingMembers.AsNoTracking().Where(m => m.ListId == listId);
        if (!list.IsOpen)
        {
            members = members.Where(_ => false);
        }
        else if (!ownTeam)
        {
            var related = LegitimateRelationships.OpenFor(db, actor).Select(c => c.PersonId);
            members = members.Where(m => related.Contains(m.PersonId));
        }

        int total = directCare ? await members.CountAsync(cancellationToken) : 0;
        if (!ownTeam && total == 0)
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.DirectCare,
                $"attempted=case-finding.view; case_finding_list={list.Id}; team={list.TeamCode}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException("Only staff of the list's team, or with a legitimate relationship with someone on it, may open a case-finding list.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await (from m in members
                          join p in db.People.AsNoTracking() on m.PersonId equals p.Id
                          orderby m.Position
                          select new { m, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber })
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var people = rows.Select(x => new CaseFindingPerson(
            x.m.PersonId, x.m.Position, x.GivenName, x.FamilyName, x.DateOfBirth,
            x.DateOfBirth is { } born ? ReceiveReferral.AgeOn(born, today) : null, x.NhsNumber,
            x.m.Frailty, x.m.EfiDeficits, x.m.EmergencyAdmissions12Months, x.m.Segment, x.m.SegmentName, x.m.Risk12Months)).ToList();

        foreach (var person in people)
        {
            audit.Add(actor.AuditName, CaseFindingAuditAction.Listed, person.PersonId, AccessReason.DirectCare,
                $"case_finding_list={list.Id}; team={list.TeamCode}");
        }

        await db.SaveChangesAsync(cancellationToken);
        var teamName = await db.Teams.AsNoTracking().Where(t => t.Code == list.TeamCode).Select(t => t.Name).SingleAsync(cancellationToken);
        var localityName = await db.Localities.AsNoTracking().Where(l => l.Code == list.LocalityCode).Select(l => l.Name).SingleAsync(cancellationToken);
        return new CaseFindingListView(list, teamName, localityName, people, total, ownTeam ? 0 : list.Members - total, ownTeam);
    }

    /// <summary>The case-finding lists of the actor's team, newest first; no person data, so nothing is audited.</summary>
    public async Task<IReadOnlyList<CaseFindingListSummary>> TeamListsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.TeamCode is not { } team || !actor.May(Permission.OpenPersonRecord))
        {
            return [];
        }

        var lists = await db.CaseFindingLists.AsNoTracking().Where(l => l.TeamCode == team).ToListAsync(cancellationToken);
        return [.. lists.OrderByDescending(l => l.CreatedAtUtc).Select(l => new CaseFindingListSummary(
            l.Id, l.Criteria, l.LocalityCode, l.TeamCode, l.MeasuresAsOf, l.CreatedBy, l.CreatedAtUtc, l.Members, l.IsOpen))];
    }
}
