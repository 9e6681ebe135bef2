using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Core.CaseFinding;

/// <summary>
/// Closes a case-finding list once its MDT has worked through it: the relationships it gave the team end (a person
/// the team took on since holds a relationship of their own, from the referral), one audit row per member, in one
/// transaction. A legitimate relationship lasts only as long as its purpose (Caldicott Principle 4: access on a
/// strict need-to-know basis).
/// </summary>
public sealed class CloseCaseFindingList(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <summary>Whether <paramref name="actor"/> may close <paramref name="list"/>: those who may make lists, of its team.</summary>
    public static bool MayClose(StaffActor actor, CaseFindingList list) =>
        MakeCaseFindingList.MayMakeLists(actor) && actor.TeamCode == list.TeamCode;

    /// <summary>Returns null when there is no such list.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is not a practitioner or team manager of the list's team (audited).</exception>
    /// <exception cref="CaseFindingException">The list is already closed, or no reason was given; nothing was changed.</exception>
    public async Task<CaseFindingList?> CloseAsync(StaffActor actor, Guid listId, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = await db.CaseFindingLists.SingleOrDefaultAsync(l => l.Id == listId, cancellationToken);
        if (list is null)
        {
            return null;
        }

        if (!MayClose(actor, list))
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.DirectCare,
                $"attempted=case-finding.close; case_finding_list={list.Id}; team={list.TeamCode}; roles={string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException("Only practitioners and team managers of the list's team may close it.");
        }

        if (!list.IsOpen)
        {
            throw new CaseFindingException(CaseFindingProblem.AlreadyClosed, "The list is already closed.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500)
        {
            throw new CaseFindingException(CaseFindingProblem.ReasonRequired, "Give the reason for closing the list, at most 500 characters.", "reason");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        list.ClosedAtUtc = now;
        list.ClosedBy = actor.AuditName;
        list.CloseReason = reason.Trim();
        foreach (var relationship in await db.CareRelationships.Where(c => c.CaseFindingListId == listId && c.EndedAtUtc == null).ToListAsync(cancellationToken))
        {
            relationship.EndedAtUtc = now;
            audit.Add(actor.AuditName, CaseFindingAuditAction.Closed, relationship.PersonId, AccessReason.DirectCare,
                $"case_finding_list={list.Id}; team={list.TeamCode}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return list;
    }
}
