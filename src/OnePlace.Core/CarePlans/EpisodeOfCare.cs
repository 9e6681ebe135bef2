namespace OnePlace.Core.CarePlans;

/// <summary>
/// A team's period of care for a person, opened when it accepts a referral and ended at closure or hand-over
/// (FHIR EpisodeOfCare). The shared care plan hangs off it.
/// </summary>
public sealed class EpisodeOfCare
{
    public Guid Id { get; set; }
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public required string TeamCode { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Why it ended: a referral outcome, or "handed_over".</summary>
    public string? EndReason { get; set; }
}

/// <summary>
/// The shared care plan of an episode (PRODUCT.md B5): goals agreed with the person and tasks that any partner's team
/// can be given. One per episode; a hand-over carries it to the next team's episode.
/// </summary>
public sealed class CarePlan
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ReferralId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }
}

public sealed class CareGoal
{
    public long Id { get; set; }
    public Guid CarePlanId { get; set; }
    public required string Description { get; set; }

    /// <summary>proposed, active, achieved, not_achieved (FHIR Goal lifecycle and achievement, simplified).</summary>
    public required string Status { get; set; }

    public DateOnly? TargetDate { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>A task in a care plan, given to a team of any partner (the gap users of other systems report: tasks
/// cannot cross organisations). Status follows FHIR Task: requested, accepted, completed, cancelled.</summary>
public sealed class CareTask
{
    public long Id { get; set; }
    public Guid CarePlanId { get; set; }
    public required string Description { get; set; }
    public required string AssignedTeamCode { get; set; }
    public DateOnly? DueDate { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
    public string? CompletedBy { get; set; }
    public int Version { get; set; }
}

public static class CareGoalStatus
{
    public const string Active = "active";
    public const string Achieved = "achieved";
    public const string NotAchieved = "not_achieved";
    public static readonly IReadOnlyList<string> All = [Active, Achieved, NotAchieved];
}

public static class CareTaskStatus
{
    public const string Requested = "requested";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Requested, Completed, Cancelled];
}
