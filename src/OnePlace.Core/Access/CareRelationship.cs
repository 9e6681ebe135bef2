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

/// <summary>The relationships the access check honours, whatever their basis.</summary>
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
}
