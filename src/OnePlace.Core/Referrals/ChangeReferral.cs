using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.CarePlans;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>
/// One change to a referral: the action, and what it names (the team for a route or hand-over, the practitioner for
/// an allocation, the reason for a rejection, pause, decline or cancellation, the outcome at closure, when first
/// contact was made).
/// </summary>
public sealed record ReferralChange(
    ReferralAction Action,
    string? TeamCode = null,
    string? Practitioner = null,
    string? Reason = null,
    string? Outcome = null,
    DateTime? OccurredAtUtc = null);

/// <summary>The change is not allowed now (wrong status, missing reason, unknown team); nothing was changed.</summary>
public sealed class ReferralChangeException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>Someone else changed the referral since it was read; nothing was changed (optimistic concurrency).</summary>
public sealed class ReferralConflictException(int expected, int current)
    : Exception($"The referral has changed since you read it (you had version {expected}; it is now {current}). Read it again and redo your change.")
{
    public int CurrentVersion { get; } = current;
}

/// <summary>
/// Applies a change to a referral (PRODUCT.md B3–B5): checks the actor may make it, that the state machine allows it
/// and that the caller saw the current version; moves the clock (pause, resume, stop at first contact or at the end);
/// opens and ends the episode of care and the legitimate relationships it carries; writes the event and the audit
/// row; all in one transaction. A change against an older version is refused whole, so no update is ever lost.
/// </summary>
public sealed class ChangeReferral(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <exception cref="PersonAccessDeniedException">The actor may not make this change to this referral.</exception>
    /// <exception cref="ReferralChangeException">The change is not allowed now, or names something unknown.</exception>
    /// <exception cref="ReferralConflictException">The referral has moved on from <paramref name="expectedVersion"/>.</exception>
    public async Task<Referral?> ApplyAsync(StaffActor actor, Guid referralId, int expectedVersion, ReferralChange change, CancellationToken cancellationToken = default)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        if (!MayApply(actor, referral, change.Action))
        {
            audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, referral.PersonId, AccessReason.DirectCare,
                $"attempted=referral.{ReferralEventKind.Of(change.Action)}; referral={referral.Reference}");
            await db.SaveChangesAsync(cancellationToken);
            throw new PersonAccessDeniedException();
        }

        if (referral.Version != expectedVersion)
        {
            throw new ReferralConflictException(expectedVersion, referral.Version);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        string from = referral.Status;
        string next = ReferralStateMachine.Next(referral.Status, referral.ClockPausedAtUtc is not null, referral.FirstContactAtUtc is not null, change.Action)
            ?? throw new ReferralChangeException($"A referral that is {Describe(referral)} cannot be {Past(change.Action)}.");
        string? detail = await ApplyAsync(actor, referral, change, next, now, calendar, cancellationToken);

        referral.Status = next;
        referral.UpdatedAtUtc = now;
        referral.Version = expectedVersion + 1;
        // EF checks the version it read against the row when saving (IsConcurrencyToken): a change saved in between
        // by someone else makes this save fail rather than overwrite it.
        db.Entry(referral).Property(r => r.Version).OriginalValue = expectedVersion;
        db.ReferralEvents.Add(new ReferralEvent
        {
            ReferralId = referral.Id,
            OccurredAtUtc = now,
            Kind = ReferralEventKind.Of(change.Action),
            FromStatus = from,
            ToStatus = next,
            TeamCode = referral.TeamCode,
            Actor = actor.AuditName,
            Detail = detail,
            Version = referral.Version,
        });
        audit.Add(actor.AuditName, ReferralAuditAction.Change, referral.PersonId, AccessReason.DirectCare,
            $"referral={referral.Reference}; action={ReferralEventKind.Of(change.Action)}; {from}->{next}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            int current = await db.Referrals.AsNoTracking().Where(r => r.Id == referralId).Select(r => r.Version).SingleAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw new ReferralConflictException(expectedVersion, current);
        }

        return referral;
    }

    /// <summary>
    /// Who may do what: SPA coordinators run the queue (route, decline, cancel, pause, resume); a team's practitioners
    /// and managers act on the referrals their team holds (a hand-over is accepted or refused by the receiving team);
    /// a client system may only cancel what it sent. Administrators run the service, not care (least privilege).
    /// </summary>
    public static bool MayApply(StaffActor actor, Referral referral, ReferralAction action)
    {
        if (actor.IsClientSystem)
        {
            return action == ReferralAction.Cancel && referral.SubmittedBy == actor.AuditName;
        }

        bool coordinator = actor.May(Permission.TriageReferrals);
        if (action is ReferralAction.Route or ReferralAction.Decline or ReferralAction.Cancel)
        {
            return coordinator;
        }

        if (coordinator && action is ReferralAction.Pause or ReferralAction.Resume)
        {
            return true;
        }

        if (!actor.May(Permission.ActOnTeamReferrals))
        {
            return false;
        }

        // A member of staff in no team holds no team's referrals (ASVS 5.0 8.2.2: the check is on this referral, not the role).
        string? holdingTeam = action is ReferralAction.AcceptHandover or ReferralAction.RefuseHandover ? referral.HandoverTeamCode : referral.TeamCode;
        return actor.TeamCode is not null && actor.TeamCode == holdingTeam;
    }

    private async Task<string?> ApplyAsync(StaffActor actor, Referral referral, ReferralChange change, string next, DateTime now, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        string? reason = string.IsNullOrWhiteSpace(change.Reason) ? null : change.Reason.Trim();
        string RequireReason(string what) => reason ?? throw new ReferralChangeException($"Give a reason {what}.", "reason");
        switch (change.Action)
        {
            case ReferralAction.Route:
                var team = await RequireTeamAsync(change.TeamCode, cancellationToken);
                referral.TeamCode = team;
                referral.QueueReason = null;
                return $"team={team}; by=hand";
            case ReferralAction.Reject:
                string rejected = RequireReason("for returning the referral to the SPA");
                string fromTeam = referral.TeamCode!;
                referral.TeamCode = null;
                referral.QueueReason = $"Returned by {fromTeam}: {rejected}";
                return $"team={fromTeam}; reason={rejected}";
            case ReferralAction.Accept:
                OpenEpisode(referral, referral.TeamCode!, now);
                return $"team={referral.TeamCode}";
            case ReferralAction.Allocate:
                string practitioner = string.IsNullOrWhiteSpace(change.Practitioner)
                    ? throw new ReferralChangeException("Choose the practitioner to allocate it to.", "practitioner")
                    : change.Practitioner.Trim();
                if (!await db.Users.AnyAsync(u => u.UserName == practitioner, cancellationToken))
                {
                    throw new ReferralChangeException($"There is no member of staff called '{practitioner}'.", "practitioner");
                }

                await EndRelationshipsAsync(referral, staffOnly: true, now, cancellationToken);
                referral.Practitioner = practitioner;
                db.CareRelationships.Add(new CareRelationship { PersonId = referral.PersonId, StaffUserName = practitioner, ReferralId = referral.Id, StartedAtUtc = now });
                return $"practitioner={practitioner}";
            case ReferralAction.RecordFirstContact:
                var seen = change.OccurredAtUtc ?? now;
                if (seen > now || seen < referral.ReceivedAtUtc)
                {
                    throw new ReferralChangeException("First contact must be between the referral's arrival and now.", "occurredAt");
                }

                referral.FirstContactAtUtc = seen;
                var stopped = referral.Clock.Stop(seen, calendar);
                referral.SetClock(stopped, now, calendar);
                if (stopped.IsBreached(seen, calendar))
                {
                    referral.BreachedAtUtc ??= seen;
                }

                return $"at={seen:O}";
            case ReferralAction.OfferHandover:
                var to = await RequireTeamAsync(change.TeamCode, cancellationToken);
                if (to == referral.TeamCode)
                {
                    throw new ReferralChangeException("Choose a team other than the one holding the referral.", "teamCode");
                }

                referral.HandoverTeamCode = to;
                return $"to={to}; reason={reason ?? "-"}";
            case ReferralAction.AcceptHandover:
                string previous = referral.TeamCode!;
                await EndEpisodeAsync(referral, "handed_over", now, cancellationToken);
                await EndRelationshipsAsync(referral, staffOnly: false, now, cancellationToken);
                referral.TeamCode = referral.HandoverTeamCode;
                referral.HandoverTeamCode = null;
                referral.Practitioner = null;
                OpenEpisode(referral, referral.TeamCode!, now);
                return $"from={previous}; to={referral.TeamCode}";
            case ReferralAction.RefuseHandover:
                string refusedBy = referral.HandoverTeamCode!;
                referral.HandoverTeamCode = null;
                return $"by={refusedBy}; reason={RequireReason("for refusing the hand-over")}";
            case ReferralAction.Pause:
                referral.PauseReason = RequireReason("for pausing the clock");
                referral.SetClock(referral.Clock.Pause(now), now, calendar);
                return reason;
            case ReferralAction.Resume:
                referral.PauseReason = null;
                referral.SetClock(referral.Clock.Resume(now, calendar), now, calendar);
                return reason;
            case ReferralAction.Close:
                if (!ReferralOutcome.IsKnown(change.Outcome))
                {
                    throw new ReferralChangeException("Choose the outcome of the episode of care.", "outcome");
                }

                Finish(referral, change.Outcome!, reason, now, calendar);
                await EndEpisodeAsync(referral, change.Outcome!, now, cancellationToken);
                await EndRelationshipsAsync(referral, staffOnly: false, now, cancellationToken);
                return $"outcome={change.Outcome}";
            case ReferralAction.Decline:
            case ReferralAction.Cancel:
                string why = RequireReason(change.Action == ReferralAction.Decline ? "for declining the referral" : "for cancelling the referral");
                Finish(referral, null, why, now, calendar);
                await EndEpisodeAsync(referral, change.Action == ReferralAction.Decline ? "declined" : "cancelled", now, cancellationToken);
                await EndRelationshipsAsync(referral, staffOnly: false, now, cancellationToken);
                referral.TeamCode = change.Action == ReferralAction.Decline ? null : referral.TeamCode;
                referral.HandoverTeamCode = null;
                return $"reason={why}";
            default:
                throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    private static void Finish(Referral referral, string? outcome, string? note, DateTime now, BusinessCalendar calendar)
    {
        referral.Outcome = outcome;
        referral.OutcomeNote = note;
        referral.ClosedAtUtc = now;
        if (referral.ClockStoppedAtUtc is null)
        {
            var stopped = referral.Clock.Stop(now, calendar);
            referral.SetClock(stopped, now, calendar);
        }
    }

    private void OpenEpisode(Referral referral, string team, DateTime now)
    {
        db.Episodes.Add(new EpisodeOfCare { Id = Guid.NewGuid(), ReferralId = referral.Id, PersonId = referral.PersonId, TeamCode = team, StartedAtUtc = now });
        db.CareRelationships.Add(new CareRelationship { PersonId = referral.PersonId, TeamCode = team, ReferralId = referral.Id, StartedAtUtc = now });
    }

    private async Task EndEpisodeAsync(Referral referral, string why, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var episode in await db.Episodes.Where(e => e.ReferralId == referral.Id && e.EndedAtUtc == null).ToListAsync(cancellationToken))
        {
            episode.EndedAtUtc = now;
            episode.EndReason = why;
        }
    }

    private async Task EndRelationshipsAsync(Referral referral, bool staffOnly, DateTime now, CancellationToken cancellationToken)
    {
        var open = db.CareRelationships.Where(c => c.ReferralId == referral.Id && c.EndedAtUtc == null);
        if (staffOnly)
        {
            open = open.Where(c => c.StaffUserName != null);
        }

        foreach (var relationship in await open.ToListAsync(cancellationToken))
        {
            relationship.EndedAtUtc = now;
        }
    }

    private async Task<string> RequireTeamAsync(string? teamCode, CancellationToken cancellationToken) =>
        !string.IsNullOrWhiteSpace(teamCode) && await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken)
            ? teamCode
            : throw new ReferralChangeException("Choose a team from the directory.", "teamCode");

    private static string Describe(Referral referral) =>
        referral.Status.Replace('_', ' ') + (referral.ClockPausedAtUtc is not null ? " (clock paused)" : "");

    private static string Past(ReferralAction action) => ReferralEventKind.Of(action).Replace('_', ' ') switch
    {
        "first contact" => "given a first contact",
        var kind => kind,
    };
}
