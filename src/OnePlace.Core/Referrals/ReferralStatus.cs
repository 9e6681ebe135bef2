namespace OnePlace.Core.Referrals;

/// <summary>
/// Where a referral is in its life. A pause (the person in hospital) is not a status: it stops the clock whatever
/// the status, and the FHIR Task shows it as on-hold.
/// </summary>
public static class ReferralStatus
{
    /// <summary>In the SPA coordinators' queue: not yet routed, no team could take it, or a team returned it.</summary>
    public const string SpaQueue = "spa_queue";

    /// <summary>Routed to a team that has not yet accepted it.</summary>
    public const string AwaitingAcceptance = "awaiting_acceptance";

    /// <summary>Accepted by the team; an episode of care is open.</summary>
    public const string Accepted = "accepted";

    /// <summary>First contact made: the response clock has stopped and care is under way.</summary>
    public const string InCare = "in_care";

    /// <summary>The holding team has offered it to another team, which must accept.</summary>
    public const string HandoverOffered = "handover_offered";

    /// <summary>Ended with an outcome.</summary>
    public const string Closed = "closed";

    /// <summary>The SPA decided no partnership service should take it (e.g. not eligible; signposted elsewhere).</summary>
    public const string Declined = "declined";

    /// <summary>Withdrawn by the referrer, or entered in error.</summary>
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [SpaQueue, AwaitingAcceptance, Accepted, InCare, HandoverOffered, Closed, Declined, Cancelled];

    public static readonly IReadOnlyList<string> Open = [SpaQueue, AwaitingAcceptance, Accepted, InCare, HandoverOffered];

    /// <summary>Statuses in which a team holds the referral and it counts against the team's capacity.</summary>
    public static readonly IReadOnlyList<string> WithTeam = [AwaitingAcceptance, Accepted, InCare, HandoverOffered];

    public static bool IsOpen(string status) => Open.Contains(status);
}
