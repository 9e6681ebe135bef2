using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Referrals;
using OnePlace.Core.Store;

namespace OnePlace.Core.Access;

/// <summary>
/// A legitimate relationship between a person and a team or practitioner caring for them (the NHS legitimate
/// relationship model). Exactly one of <see cref="TeamCode"/> and <see cref="StaffUserName"/> is set, and exactly one
/// basis: a referral (made when a team accepts it and when it allocates a practitioner; ended when the episode of care
/// ends or the referral is handed over) or a case-finding list (made when a team makes the list its MDT list; ended
/// when the list is closed; docs/adr/0014). Whatever the basis, the access check asks the same question of one table.
/// </summary>
public sealed class CareRelationship
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public string? TeamCode { get; set; }
    public string? StaffUserName { get; set; }

    /// <summary>The referral the relationship comes from; null when it comes from a case-finding list.</summary>
    public Guid? ReferralId { get; set; }

    /// <summary>The case-finding list the relationship comes from; null when it comes from a referral.</summary>
    public Guid? CaseFindingListId { get; set; }

    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
}

/// <summary>What gives a member of staff the right to see a person's record now.</summary>
public enum AccessBasisKind
{
    /// <summary>Their team accepted a referral of the person (an open <see cref="CareRelationship"/>).</summary>
    TeamReferral,

    /// <summary>The person was allocated to them (an open <see cref="CareRelationship"/> of their own).</summary>
    Allocation,

    /// <summary>The person is on their team's case-finding MDT list (docs/adr/0014).</summary>
    CaseFindingList,

    /// <summary>An SPA coordinator, and the person has an open referral: the SPA answers for its clock until it closes.</summary>
    SpaTriage,

    /// <summary>A referral of the person is offered to their team, which must read it to accept or refuse it.</summary>
    ReferralOfferedToTeam,

    /// <summary>A data steward opening the record for data quality (identity and linked records).</summary>
    DataQuality,

    /// <summary>They broke the glass: access for a limited time, on their stated reason, reviewed by the privacy officer.</summary>
    BreakGlass,
}

/// <summary>One reason the actor may see the record, as the person page's "why can I see this record" panel names it.</summary>
public sealed record AccessBasis(
    AccessBasisKind Kind,
    DateTime SinceUtc,
    string? ReferralReference = null,
    string? TeamCode = null,
    Guid? CaseFindingListId = null,
    DateTime? UntilUtc = null,
    string? BreakGlassReason = null)
{
    /// <summary>The basis as the audit log records it.</summary>
    public string AuditText => Kind switch
    {
        AccessBasisKind.TeamReferral or AccessBasisKind.Allocation or AccessBasisKind.ReferralOfferedToTeam or AccessBasisKind.SpaTriage
            => $"{Kind}:{ReferralReference}",
        AccessBasisKind.CaseFindingList => $"{Kind}:{CaseFindingListId}",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// The relationships the access check honours, whatever their basis: the one place that answers "may this member of
/// staff see this person now?" for the person page, referrals, worklists and lists (PRODUCT.md G1; the NHS legitimate
/// relationship and emergency-access model; OWASP ASVS 5.0 V8.2.2, data-specific access).
/// </summary>
public static class LegitimateRelationships
{
    /// <summary>The open relationships of <paramref name="actor"/>: their own, and their team's.</summary>
    public static IQueryable<CareRelationship> OpenFor(OnePlaceDb db, StaffActor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        string? team = actor.TeamCode;
        string user = actor.UserName;
        return db.CareRelationships.Where(c => c.EndedAtUtc == null && ((team != null && c.TeamCode == team) || c.StaffUserName == user));
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may see the work of <paramref name="teamCode"/> (its worklist, its tasks): the
    /// team's own practitioners and managers, and SPA coordinators, who answer for every open referral's clock.
    /// </summary>
    public static bool MayReadTeamWork(StaffActor actor, string teamCode)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.May(Permission.TriageReferrals) || (actor.May(Permission.ActOnTeamReferrals) && actor.TeamCode == teamCode);
    }

    /// <summary>
    /// Every basis on which <paramref name="actor"/> may see <paramref name="personId"/>'s record at
    /// <paramref name="nowUtc"/> for <paramref name="reason"/>; empty when there is none and the record must be refused.
    /// </summary>
    public static async Task<IReadOnlyList<AccessBasis>> BasesForAsync(
        OnePlaceDb db, StaffActor actor, Guid personId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var bases = new List<AccessBasis>();
        if (actor.May(Permission.OpenPersonRecord))
        {
            var relationships = await (from c in OpenFor(db, actor).AsNoTracking()
                                       where c.PersonId == personId
                                       join r in db.Referrals.AsNoTracking() on c.ReferralId equals r.Id into referral
                                       from r in referral.DefaultIfEmpty()
                                       select new { c.StaffUserName, c.TeamCode, c.CaseFindingListId, c.StartedAtUtc, Reference = r == null ? null : r.Reference })
                .ToListAsync(cancellationToken);
            bases.AddRange(relationships.Select(c =>
                c.CaseFindingListId is { } list ? new AccessBasis(AccessBasisKind.CaseFindingList, c.StartedAtUtc, TeamCode: c.TeamCode, CaseFindingListId: list)
                : c.StaffUserName is not null ? new AccessBasis(AccessBasisKind.Allocation, c.StartedAtUtc, c.Reference)
                : new AccessBasis(AccessBasisKind.TeamReferral, c.StartedAtUtc, c.Reference, c.TeamCode)));

            if (actor.May(Permission.TriageReferrals))
            {
                var open = await db.Referrals.AsNoTracking()
                    .Where(r => r.PersonId == personId && ReferralStatus.Open.Contains(r.Status))
                    .Select(r => new { r.Reference, r.ReceivedAtUtc }).ToListAsync(cancellationToken);
                bases.AddRange(open.Select(r => new AccessBasis(AccessBasisKind.SpaTriage, r.ReceivedAtUtc, r.Reference)));
            }

            if (actor.May(Permission.ActOnTeamReferrals) && actor.TeamCode is { } team)
            {
                var offered = await db.Referrals.AsNoTracking()
                    .Where(r => r.PersonId == personId
                                && ((r.TeamCode == team && r.Status == ReferralStatus.AwaitingAcceptance)
                                    || (r.HandoverTeamCode == team && r.Status == ReferralStatus.HandoverOffered)))
                    .Select(r => new { r.Reference, r.ReceivedAtUtc }).ToListAsync(cancellationToken);
                bases.AddRange(offered.Select(r => new AccessBasis(AccessBasisKind.ReferralOfferedToTeam, r.ReceivedAtUtc, r.Reference, team)));
            }
        }

        if (actor.May(Permission.OpenPersonRecordForDataQuality) && reason == AccessReason.DataQuality)
        {
            bases.Add(new AccessBasis(AccessBasisKind.DataQuality, nowUtc));
        }

        if (actor.May(Permission.BreakGlass))
        {
            string user = actor.UserName;
            var grants = await db.BreakGlassGrants.AsNoTracking()
                .Where(g => g.Actor == user && g.PersonId == personId && g.ExpiresAtUtc > nowUtc)
                .OrderByDescending(g => g.ExpiresAtUtc)
                .Select(g => new { g.GrantedAtUtc, g.ExpiresAtUtc, g.Reason }).ToListAsync(cancellationToken);
            bases.AddRange(grants.Select(g => new AccessBasis(AccessBasisKind.BreakGlass, g.GrantedAtUtc, UntilUtc: g.ExpiresAtUtc, BreakGlassReason: g.Reason)));
        }

        return bases;
    }
}
