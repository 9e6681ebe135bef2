using OnePlace.Core.Referrals.Clocks;

namespace OnePlace.Core.Referrals;

/// <summary>
/// A referral to the partnership's Single Point of Access (PRODUCT.md B1–B5): who it is for, who sent it and why, how
/// triage judged it, which team holds it, where it is in its life (<see cref="ReferralStatus"/>) and its clock.
/// Every change goes through <see cref="ReferralStateMachine"/>, bumps <see cref="Version"/> (optimistic concurrency:
/// a change made against an older version is refused, so no update is lost) and adds a <see cref="ReferralEvent"/>.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; set; }

    /// <summary>The short reference staff say on the phone, e.g. "SPA-2026-000123".</summary>
    public required string Reference { get; set; }

    /// <summary>Which door it came in by: <see cref="ReferralSource"/>.</summary>
    public required string Source { get; set; }

    /// <summary>The sender's own identifier (a FHIR ServiceRequest identifier, an API client's id): a repeat of the
    /// same sender and identifier returns the referral already made instead of making a second.</summary>
    public string? SenderIdentifier { get; set; }

    /// <summary>The registered API client or the member of staff who filed it.</summary>
    public required string SubmittedBy { get; set; }

    public string? CorrelationId { get; set; }

    public Guid PersonId { get; set; }

    /// <summary>How the referral found its person: <see cref="ReferralPersonMatch"/>.</summary>
    public required string PersonMatch { get; set; }

    /// <summary>The source record holding the person's details as the referrer gave them (partner "spa").</summary>
    public long SourceRecordId { get; set; }

    public required string ReferrerName { get; set; }
    public required string ReferrerOrganisation { get; set; }
    public string? ReferrerContact { get; set; }

    /// <summary>The presenting need, one of <see cref="ReferralNeed.All"/>.</summary>
    public required string Need { get; set; }

    /// <summary>Where the person is now: <see cref="CareSetting"/>.</summary>
    public required string Setting { get; set; }

    /// <summary>The referrer's account of the situation, in their words.</summary>
    public required string Details { get; set; }

    public bool PersonConsented { get; set; }

    /// <summary>Age in whole years on the day the referral arrived (triage input, kept for replay).</summary>
    public int? AgeAtReferral { get; set; }

    /// <summary>The person's locality and small-area deprivation decile when the referral arrived (routing input,
    /// kept for replay breakdowns).</summary>
    public string? LocalityCode { get; set; }

    public int? ImdDecile { get; set; }

    // Triage
    public required string Urgency { get; set; }
    public string? ServiceCode { get; set; }
    public required string TriageVersion { get; set; }
    public required string TriageRule { get; set; }
    public required string TriageReason { get; set; }

    // Where it is
    public required string Status { get; set; }

    /// <summary>The team holding the referral; null while it waits in the SPA queue.</summary>
    public string? TeamCode { get; set; }

    /// <summary>Why routing left it in the SPA queue, or why the last team returned it.</summary>
    public string? QueueReason { get; set; }

    /// <summary>The team a hand-over has been offered to, until it accepts or refuses.</summary>
    public string? HandoverTeamCode { get; set; }

    /// <summary>The practitioner (staff user name) the team allocated it to.</summary>
    public string? Practitioner { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
    public DateTime? FirstContactAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }

    /// <summary>How it ended: <see cref="ReferralOutcome"/> when closed; the reason when declined or cancelled.</summary>
    public string? Outcome { get; set; }

    public string? OutcomeNote { get; set; }

    // Clock (Clocks/ReferralClock): counted from arrival, paused while e.g. the person is in hospital, stopped at first contact.
    public DateTime ClockStartedAtUtc { get; set; }
    public DateTime? ClockStoppedAtUtc { get; set; }
    public DateTime? ClockPausedAtUtc { get; set; }
    public string? PauseReason { get; set; }
    public double ClockPausedSeconds { get; set; }

    /// <summary>When the clock would run out if it ran on; null while paused or stopped. Kept so that worklists sort
    /// and the breach watch finds due referrals with one indexed read.</summary>
    public DateTime? DueAtUtc { get; set; }

    /// <summary>When the clock ran out before first contact (set by the breach watch or at first contact).</summary>
    public DateTime? BreachedAtUtc { get; set; }

    /// <summary>When the breach was escalated to the team's managers.</summary>
    public DateTime? EscalatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token: the ETag of the API and the hidden field of every form.</summary>
    public int Version { get; set; }

    public ReferralClock Clock => new(ClockDefinition.For(Urgency), ClockStartedAtUtc, ClockStoppedAtUtc, ClockPausedAtUtc, ClockPausedSeconds);

    /// <summary>Writes a clock's state back (after a pause, resume or stop) and refreshes the due time.</summary>
    public void SetClock(ReferralClock clock, DateTime nowUtc, BusinessCalendar calendar)
    {
        ClockStartedAtUtc = clock.StartedAtUtc;
        ClockStoppedAtUtc = clock.StoppedAtUtc;
        ClockPausedAtUtc = clock.PausedAtUtc;
        ClockPausedSeconds = clock.PausedSeconds;
        DueAtUtc = clock.DueAtUtc(nowUtc, calendar);
    }

    public bool IsOpen => ReferralStatus.IsOpen(Status);
}

/// <summary>The three doors of the Single Point of Access (PRODUCT.md B1).</summary>
public static class ReferralSource
{
    public const string WebForm = "form";
    public const string Api = "api";
    public const string Fhir = "fhir";
}

/// <summary>How a referral was matched to the person index.</summary>
public static class ReferralPersonMatch
{
    /// <summary>A valid NHS number already in the index.</summary>
    public const string NhsNumber = "nhs_number";

    /// <summary>A valid NHS number new to the index: a new person, as the import would make.</summary>
    public const string NewNhsNumber = "new_nhs_number";

    /// <summary>No NHS number, but exactly one person with the same family name, given name, birth date and postcode.</summary>
    public const string Demographics = "demographics";

    /// <summary>No safe match: a provisional person made from the referral, for a data steward to resolve.</summary>
    public const string Provisional = "provisional";
}

/// <summary>Where the person is when referred. A person in hospital has the clock paused until discharge.</summary>
public static class CareSetting
{
    public const string Home = "home";
    public const string CareHome = "care_home";
    public const string Hospital = "hospital";
    public static readonly IReadOnlyList<string> All = [Home, CareHome, Hospital];
    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}

/// <summary>How an episode of care ended, recorded at closure and fed back to the referrer (PRODUCT.md B5).</summary>
public static class ReferralOutcome
{
    public const string AtHome = "at_home";
    public const string Admitted = "admitted";
    public const string CareHome = "care_home";
    public const string Died = "died";
    public const string DeclinedByPerson = "declined_by_person";
    public const string ReferredOn = "referred_on";
    public static readonly IReadOnlyList<string> All = [AtHome, Admitted, CareHome, Died, DeclinedByPerson, ReferredOn];
    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
