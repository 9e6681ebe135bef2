namespace OnePlace.Core.Referrals;

/// <summary>What can be done to a referral. Each is one event in the referral's history.</summary>
public enum ReferralAction
{
    /// <summary>Sent to a team (by routing, or by an SPA coordinator's hand).</summary>
    Route,

    /// <summary>The team takes it on.</summary>
    Accept,

    /// <summary>The team returns it to the SPA queue with a reason.</summary>
    Reject,

    /// <summary>The team gives it to one of its practitioners.</summary>
    Allocate,

    /// <summary>A practitioner has seen the person: the response clock stops.</summary>
    RecordFirstContact,

    /// <summary>The holding team offers it to another team.</summary>
    OfferHandover,

    /// <summary>The other team accepts the hand-over and now holds it.</summary>
    AcceptHandover,

    /// <summary>The other team refuses the hand-over; it stays where it was.</summary>
    RefuseHandover,

    /// <summary>The clock pauses (e.g. the person has been admitted to hospital).</summary>
    Pause,

    Resume,

    /// <summary>Care ends with an outcome.</summary>
    Close,

    /// <summary>The SPA decides no partnership service should take it.</summary>
    Decline,

    /// <summary>The referrer withdraws it, or it was entered in error.</summary>
    Cancel,
}

/// <summary>
/// The referral's life as a state machine: which action is allowed in which status, and where it leads. Kept pure
/// so that property tests can walk every reachable path (no illegal transition, no clock running backwards).
/// The statuses map onto the FHIR Task statuses BaRS uses (received, accepted, in-progress, on-hold, completed,
/// rejected, cancelled) in the FHIR adapter.
/// </summary>
public static class ReferralStateMachine
{
    /// <summary>
    /// The status after <paramref name="action"/>, or null when the action is not allowed now.
    /// </summary>
    /// <param name="status">The referral's status.</param>
    /// <param name="paused">Whether its clock is paused.</param>
    /// <param name="firstContactMade">Whether first contact has been recorded (a hand-over lands back in care).</param>
    /// <param name="action">What is being done.</param>
    public static string? Next(string status, bool paused, bool firstContactMade, ReferralAction action)
    {
        string afterHandover = firstContactMade ? ReferralStatus.InCare : ReferralStatus.Accepted;
        return (action, status) switch
        {
            (ReferralAction.Route, ReferralStatus.SpaQueue) => ReferralStatus.AwaitingAcceptance,
            (ReferralAction.Accept, ReferralStatus.AwaitingAcceptance) => ReferralStatus.Accepted,
            (ReferralAction.Reject, ReferralStatus.AwaitingAcceptance) => ReferralStatus.SpaQueue,
            (ReferralAction.Decline, ReferralStatus.SpaQueue) => ReferralStatus.Declined,
            (ReferralAction.Allocate, ReferralStatus.Accepted or ReferralStatus.InCare) => status,
            (ReferralAction.RecordFirstContact, ReferralStatus.Accepted) when !firstContactMade => ReferralStatus.InCare,
            (ReferralAction.OfferHandover, ReferralStatus.Accepted or ReferralStatus.InCare) => ReferralStatus.HandoverOffered,
            (ReferralAction.AcceptHandover, ReferralStatus.HandoverOffered) => afterHandover,
            (ReferralAction.RefuseHandover, ReferralStatus.HandoverOffered) => afterHandover,
            (ReferralAction.Pause, _) when ReferralStatus.IsOpen(status) && !paused && !firstContactMade => status,
            (ReferralAction.Resume, _) when ReferralStatus.IsOpen(status) && paused => status,
            (ReferralAction.Close, ReferralStatus.Accepted or ReferralStatus.InCare) => ReferralStatus.Closed,
            (ReferralAction.Cancel, _) when ReferralStatus.IsOpen(status) => ReferralStatus.Cancelled,
            _ => null,
        };
    }

    /// <summary>The actions allowed now, in the order a page offers them.</summary>
    public static IReadOnlyList<ReferralAction> Allowed(string status, bool paused, bool firstContactMade) =>
        Enum.GetValues<ReferralAction>().Where(a => Next(status, paused, firstContactMade, a) is not null).ToList();
}
