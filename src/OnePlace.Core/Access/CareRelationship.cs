namespace OnePlace.Core.Access;

/// <summary>
/// A legitimate relationship between a person and a team or practitioner caring for them (the NHS legitimate
/// relationship model): made when a team accepts a referral and when it allocates a practitioner, ended when the
/// episode of care ends or the referral is handed over. Exactly one of <see cref="TeamCode"/> and
/// <see cref="StaffUserName"/> is set.
/// </summary>
public sealed class CareRelationship
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public string? TeamCode { get; set; }
    public string? StaffUserName { get; set; }
    public Guid ReferralId { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
}
