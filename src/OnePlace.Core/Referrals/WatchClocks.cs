using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>
/// The breach watch (PRODUCT.md B4): finds running clocks whose due time has passed before first contact, marks each
/// referral breached, and escalates it to the holding team's managers (or, in the SPA queue, to the SPA coordinators):
/// an event each, which the managers' worklists show at the top. Run every minute by the host.
/// </summary>
public sealed class WatchClocks(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const string Actor = "system:clock-watch";

    /// <summary>Marks and escalates every newly breached referral; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var due = await db.Referrals
            .Where(r => r.DueAtUtc != null && r.DueAtUtc <= now && r.BreachedAtUtc == null && r.ClockStoppedAtUtc == null && r.ClockPausedAtUtc == null)
            .OrderBy(r => r.DueAtUtc).Take(500).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var managers = await (from u in db.Users
                              join ur in db.UserRoles on u.Id equals ur.UserId
                              join role in db.Roles on ur.RoleId equals role.Id
                              where role.Name == StaffRoles.TeamManager || role.Name == StaffRoles.SpaCoordinator
                              select new { u.UserName, u.TeamCode, Role = role.Name }).ToListAsync(cancellationToken);
        int marked = 0;
        foreach (var referral in due)
        {
            if (!referral.Clock.IsBreached(now, calendar))
            {
                // The stored due time is stale (e.g. a bank holiday was added): refresh it and look again next time.
                referral.DueAtUtc = referral.Clock.DueAtUtc(now, calendar);
                continue;
            }

            var to = referral.TeamCode is null
                ? managers.Where(m => m.Role == StaffRoles.SpaCoordinator).Select(m => m.UserName)
                : managers.Where(m => m.Role == StaffRoles.TeamManager && (m.TeamCode == referral.TeamCode || m.TeamCode == null)).Select(m => m.UserName);
            string recipients = string.Join(',', to.Distinct().Order(StringComparer.Ordinal));
            referral.BreachedAtUtc = referral.DueAtUtc;
            referral.EscalatedAtUtc = now;
            referral.Version++;
            referral.UpdatedAtUtc = now;
            db.ReferralEvents.Add(new ReferralEvent
            {
                ReferralId = referral.Id,
                OccurredAtUtc = now,
                Kind = ReferralEventKind.ClockBreached,
                FromStatus = referral.Status,
                ToStatus = referral.Status,
                TeamCode = referral.TeamCode,
                Actor = Actor,
                Detail = $"due={referral.DueAtUtc:O}; urgency={referral.Urgency}",
                Version = referral.Version,
            });
            db.ReferralEvents.Add(new ReferralEvent
            {
                ReferralId = referral.Id,
                OccurredAtUtc = now,
                Kind = ReferralEventKind.Escalated,
                FromStatus = referral.Status,
                ToStatus = referral.Status,
                TeamCode = referral.TeamCode,
                Actor = Actor,
                Detail = $"to={(recipients == "" ? "(no manager registered)" : recipients)}",
                Version = referral.Version,
            });
            audit.Add(Actor, ReferralAuditAction.Change, referral.PersonId, AccessReason.DirectCare, $"referral={referral.Reference}; action=escalated");
            marked++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A member of staff changed one of these referrals meanwhile; the next run sees it afresh.
            db.ChangeTracker.Clear();
            return 0;
        }

        return marked;
    }
}
