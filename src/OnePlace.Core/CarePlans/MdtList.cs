using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Store;

namespace OnePlace.Core.CarePlans;

/// <summary>Who a multidisciplinary team meeting's list keeps.</summary>
public enum MdtFocus
{
    /// <summary>Everyone with an open referral in the locality.</summary>
    Everyone,

    /// <summary>People aged 75 or over: the age from which frailty is usually screened for (NHS England, Ageing well).</summary>
    Aged75OrOver,

    /// <summary>People with a referral whose clock has breached or is at risk of breaching.</summary>
    ClockBreachedOrAtRisk,

    /// <summary>Either of the two above: the usual agenda of an MDT.</summary>
    Aged75OrOverOrClockConcern,
}

/// <summary>One open referral of a person on the MDT list, with its clock.</summary>
public sealed record MdtReferral(
    Guid Id, string Reference, string Need, string Urgency, string Status, string? TeamCode, string? Practitioner,
    DateTime ReceivedAtUtc, TimeSpan Remaining, bool Paused, bool Stopped, bool AtRisk, bool Breached);

/// <summary>A person to discuss, with their open referrals, most urgent clock first.</summary>
public sealed record MdtPerson(
    Guid PersonId, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, int? Age, string? NhsNumber,
    IReadOnlyList<MdtReferral> Referrals)
{
    public bool Breached => Referrals.Any(r => r.Breached);

    public bool AtRisk => Referrals.Any(r => r.AtRisk);
}

public sealed record MdtListResult(string LocalityCode, MdtFocus Focus, IReadOnlyList<MdtPerson> People, int Total);

/// <summary>
/// The list for a locality's multidisciplinary team meeting (PRODUCT.md B5): the people with open referrals in the
/// locality (where they lived when referred), optionally only those aged 75 or over or those with a breached or
/// at-risk clock, people with a breached clock first, then at risk, then by the soonest due. Direct-care roles only;
/// one audit row per person shown, saved before the list is handed back.
/// </summary>
public sealed class MdtList(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>The age from which a person is on the list of the <see cref="MdtFocus.Aged75OrOver"/> focus.</summary>
    public const int OlderAge = 75;

    /// <exception cref="PersonAccessDeniedException">The actor neither runs the SPA nor works in a team serving the locality (audited).</exception>
    public async Task<MdtListResult> ListAsync(StaffActor actor, string localityCode, MdtFocus focus = MdtFocus.Everyone, int page = 1, CancellationToken cancellationToken = default)
    {
        // The locality's MDT is for the SPA, which answers for every open clock, and for the teams that serve the
        // locality (its own teams and the borough-wide ones); a team elsewhere has no relationship with these people.
        bool serves = actor.May(Permission.ActOnTeamReferrals) && actor.TeamCode is { } team
                      && await db.Teams.AsNoTracking().AnyAsync(t => t.Code == team && (t.LocalityCode == null || t.LocalityCode == localityCode), cancellationToken);
        if (!actor.May(Permission.TriageReferrals) && !serves)
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, null, AccessReason.DirectCare, $"attempted=mdt; locality={localityCode}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, calendar.TimeZone));
        // Open referrals of a locality are at most a few thousand even in a large borough: read them once and judge
        // each clock here, since at risk depends on the clock's counted time.
        var open = await (from r in db.Referrals.AsNoTracking()
                          where r.LocalityCode == localityCode && ReferralStatus.Open.Contains(r.Status)
                          join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                          select new { r, p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber })
            .ToListAsync(cancellationToken);

        var people = open.GroupBy(x => x.r.PersonId).Select(g =>
        {
            var first = g.First();
            int? age = first.DateOfBirth is { } born ? ReceiveReferral.AgeOn(born, today) : g.Max(x => x.r.AgeAtReferral);
            var referrals = g.Select(x =>
            {
                var r = x.r;
                var c = r.Clock;
                return new MdtReferral(r.Id, r.Reference, r.Need, r.Urgency, r.Status, r.TeamCode, r.Practitioner, r.ReceivedAtUtc,
                    c.Remaining(now, calendar), r.ClockPausedAtUtc is not null, r.ClockStoppedAtUtc is not null, c.IsAtRisk(now, calendar),
                    r.BreachedAtUtc is not null || c.IsBreached(now, calendar));
            }).OrderBy(r => r.Stopped || r.Paused).ThenBy(r => r.Remaining).ToList();
            return new MdtPerson(g.Key, first.GivenName, first.FamilyName, first.DateOfBirth, age, first.NhsNumber, referrals);
        });

        bool Older(MdtPerson p) => p.Age >= OlderAge;
        bool Concern(MdtPerson p) => p.Breached || p.AtRisk;
        var kept = people.Where(p => focus switch
        {
            MdtFocus.Aged75OrOver => Older(p),
            MdtFocus.ClockBreachedOrAtRisk => Concern(p),
            MdtFocus.Aged75OrOverOrClockConcern => Older(p) || Concern(p),
            _ => true,
        }).OrderByDescending(p => p.Breached).ThenByDescending(p => p.AtRisk)
            .ThenBy(p => p.Referrals.Where(r => !r.Stopped && !r.Paused).Select(r => (TimeSpan?)r.Remaining).Min() ?? TimeSpan.MaxValue)
            .ThenBy(p => p.FamilyName, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.GivenName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.PersonId)
            .ToList();

        var shown = kept.Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).ToList();
        foreach (var person in shown)
        {
            audit.Add(actor.AuditName, ReferralAuditAction.Listed, person.PersonId, AccessReason.DirectCare,
                $"mdt={localityCode}; focus={focus}; referrals={string.Join(',', person.Referrals.Select(r => r.Reference))}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new MdtListResult(localityCode, focus, shown, kept.Count);
    }
}
