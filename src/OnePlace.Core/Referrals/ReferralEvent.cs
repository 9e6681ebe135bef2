namespace OnePlace.Core.Referrals;

/// <summary>
/// One change in a referral's life, kept forever: the referral's history on its page, and the event stream the
/// analytics reads (time to triage, to acceptance, to first contact; hand-overs; breaches).
/// </summary>
public sealed class ReferralEvent
{
    public long Id { get; set; }
    public Guid ReferralId { get; set; }
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>What happened: <see cref="ReferralEventKind"/>.</summary>
    public required string Kind { get; set; }

    public string? FromStatus { get; set; }
    public required string ToStatus { get; set; }

    /// <summary>The team holding the referral after the change.</summary>
    public string? TeamCode { get; set; }

    public required string Actor { get; set; }

    /// <summary>The reason, outcome, practitioner or team named by the change.</summary>
    public string? Detail { get; set; }

    /// <summary>The referral's version after the change.</summary>
    public int Version { get; set; }
}

public static class ReferralEventKind
{
    public const string Received = "received";
    public const string Triaged = "triaged";
    public const string Queued = "queued";
    public const string ClockBreached = "clock_breached";
    public const string Escalated = "escalated";

    /// <summary>The event kind of a state machine action, e.g. <c>first_contact</c>.</summary>
    public static string Of(ReferralAction action) => action switch
    {
        ReferralAction.Route => "routed",
        ReferralAction.Accept => "accepted",
        ReferralAction.Reject => "rejected",
        ReferralAction.Allocate => "allocated",
        ReferralAction.RecordFirstContact => "first_contact",
        ReferralAction.OfferHandover => "handover_offered",
        ReferralAction.AcceptHandover => "handover_accepted",
        ReferralAction.RefuseHandover => "handover_refused",
        ReferralAction.Pause => "paused",
        ReferralAction.Resume => "resumed",
        ReferralAction.Close => "closed",
        ReferralAction.Decline => "declined",
        ReferralAction.Cancel => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
