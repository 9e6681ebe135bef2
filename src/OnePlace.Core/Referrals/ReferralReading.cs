using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.CarePlans;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Store;

namespace OnePlace.Core.Referrals;

/// <summary>A line of a worklist: enough to choose what to do next, sorted by clock.</summary>
public sealed record WorklistRow(
    Guid Id, string Reference, Guid PersonId, string? GivenName, string? FamilyName, int? Age, string Need, string Urgency, string Status,
    string? TeamCode, string? Practitioner, string? HandoverTeamCode, DateTime ReceivedAtUtc, DateTime? DueAtUtc, TimeSpan Remaining,
    bool Paused, bool Stopped, bool AtRisk, bool Breached, bool Escalated, string? QueueReason, int Version);

public sealed record Worklist(IReadOnlyList<WorklistRow> Rows, int Total, int Breached, int AtRisk);

/// <summary>A referral opened in full: itself, its person's name, its history, its episodes and care plan.</summary>
public sealed record ReferralView(
    Referral Referral, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? NhsNumber,
    IReadOnlyList<ReferralEvent> History, IReadOnlyList<EpisodeOfCare> Episodes, CarePlan? CarePlan,
    IReadOnlyList<CareGoal> Goals, IReadOnlyList<CareTask> Tasks, TimeSpan Elapsed, TimeSpan Remaining, bool AtRisk, bool Breached);

/// <summary>
/// Reading referrals: the one way to open a referral or a worklist. Each read is checked (the permission, then a basis:
/// SPA coordinators see open referrals, a team its own referrals and those offered to it, anyone else a legitimate
/// relationship with the person or break-glass; a client system sees only what it sent) and audited, one row per person
/// shown, in the same transaction as the read's audit (ARCHITECTURE.md security baseline).
/// </summary>
public sealed class ReferralReading(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const int PageSize = 50;

    public static bool MayReadReferrals(StaffActor actor) => actor.May(Permission.TriageReferrals) || actor.May(Permission.ActOnTeamReferrals);

    /// <exception cref="PersonAccessDeniedException">The actor may not read this referral.</exception>
    public async Task<ReferralView?> OpenAsync(StaffActor actor, Guid referralId, CancellationToken cancellationToken = default)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        // Whoever sent the referral (a member of staff through the form, or a client system) reads back what they sent.
        bool sender = (actor.May(Permission.SendReferralsAsClientSystem) || actor.May(Permission.MakeReferrals)) && referral.SubmittedBy == actor.AuditName;
        if (!sender && !MayReadReferrals(actor))
        {
            await RefuseAsync(actor, referral.PersonId, "referral.view", PersonAccessRefusal.NoPermission, cancellationToken);
        }

        // The team that holds or held the referral reads it; anyone else needs a basis for the person.
        bool ownTeam = actor.May(Permission.ActOnTeamReferrals) && actor.TeamCode is { } team
                       && (referral.TeamCode == team || referral.HandoverTeamCode == team);
        if (!sender && !ownTeam
            && (await LegitimateRelationships.BasesForAsync(db, actor, referral.PersonId, AccessReason.DirectCare, clock.GetUtcNow().UtcDateTime, cancellationToken)).Count == 0)
        {
            await RefuseAsync(actor, referral.PersonId, "referral.view", PersonAccessRefusal.NoRelationship, cancellationToken);
        }

        var person = await db.People.AsNoTracking().Where(p => p.Id == referral.PersonId)
            .Select(p => new { p.GivenName, p.FamilyName, p.DateOfBirth, p.NhsNumber }).SingleAsync(cancellationToken);
        var history = await db.ReferralEvents.AsNoTracking().Where(e => e.ReferralId == referralId).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.ReferralId == referralId).OrderBy(e => e.StartedAtUtc).ToListAsync(cancellationToken);
        var plan = await db.CarePlans.AsNoTracking().SingleOrDefaultAsync(p => p.ReferralId == referralId, cancellationToken);
        var goals = plan is null ? [] : await db.CareGoals.AsNoTracking().Where(g => g.CarePlanId == plan.Id).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var tasks = plan is null ? [] : await db.CareTasks.AsNoTracking().Where(t => t.CarePlanId == plan.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken);

        audit.Add(actor.AuditName, ReferralAuditAction.View, referral.PersonId, AccessReason.DirectCare, $"referral={referral.Reference}");
        await db.SaveChangesAsync(cancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = BusinessCalendar.EnglandAndWales;
        var c = referral.Clock;
        return new ReferralView(referral, person.GivenName, person.FamilyName, person.DateOfBirth, person.NhsNumber, history, episodes, plan, goals, tasks,
            c.Elapsed(now, calendar), c.Remaining(now, calendar), c.IsAtRisk(now, calendar), c.IsBreached(now, calendar) || referral.BreachedAtUtc is not null);
    }

    /// <summary>A team's open referrals (or, with <paramref name="teamCode"/> null, the SPA queue), most urgent clock
    /// first: due time ascending, paused and stopped clocks after running ones. Hand-overs offered to the team are
    /// included, since the team must accept or refuse them.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not read referrals.</exception>
    public async Task<Worklist> WorklistAsync(StaffActor actor, string? teamCode, int page = 1, string? practitioner = null, CancellationToken cancellationToken = default)
    {
        // The SPA queue is the coordinators'; a team's worklist is its own staff's (and the coordinators', who answer for
        // every open clock). Nobody reads another team's caseload.
        if (teamCode is null ? !actor.May(Permission.TriageReferrals) : !LegitimateRelationships.MayReadTeamWork(actor, teamCode))
        {
            await RefuseAsync(actor, null, "referral.worklist", MayReadReferrals(actor) ? PersonAccessRefusal.NoRelationship : PersonAccessRefusal.NoPermission, cancellationToken);
        }

        IQueryable<Referral> open = teamCode is null
            ? db.Referrals.Where(r => r.Status == ReferralStatus.SpaQueue)
            : db.Referrals.Where(r => (r.TeamCode == teamCode && (r.Status == ReferralStatus.AwaitingAcceptance || r.Status == ReferralStatus.Accepted
                                         || r.Status == ReferralStatus.InCare || r.Status == ReferralStatus.HandoverOffered))
                                     || (r.HandoverTeamCode == teamCode && r.Status == ReferralStatus.HandoverOffered));
        if (practitioner is not null)
        {
            open = open.Where(r => r.Practitioner == practitioner);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        int total = await open.CountAsync(cancellationToken);
        int breached = await open.CountAsync(r => r.BreachedAtUtc != null || (r.DueAtUtc != null && r.DueAtUtc < now), cancellationToken);

        // Sort the team's referrals on their keys alone and fetch only the page's rows with their people: sorting whole
        // rows joined to the person index made a team of 10,000 open referrals slow to list (docs/benchmarks/spa.md).
        var pageIds = await open.OrderBy(r => r.DueAtUtc == null).ThenBy(r => r.DueAtUtc).ThenBy(r => r.ReceivedAtUtc)
            .Select(r => r.Id)
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var found = await (from r in db.Referrals.AsNoTracking()
                           where pageIds.Contains(r.Id)
                           join p in db.People.AsNoTracking() on r.PersonId equals p.Id
                           select new { r, p.GivenName, p.FamilyName })
            .ToDictionaryAsync(x => x.r.Id, cancellationToken);
        var rows = pageIds.Where(found.ContainsKey).Select(id => found[id]).ToList();

        var calendar = BusinessCalendar.EnglandAndWales;
        var list = rows.Select(x =>
        {
            var r = x.r;
            var c = r.Clock;
            return new WorklistRow(r.Id, r.Reference, r.PersonId, x.GivenName, x.FamilyName, r.AgeAtReferral, r.Need, r.Urgency, r.Status, r.TeamCode,
                r.Practitioner, r.HandoverTeamCode, r.ReceivedAtUtc, r.DueAtUtc, c.Remaining(now, calendar), r.ClockPausedAtUtc is not null,
                r.ClockStoppedAtUtc is not null, c.IsAtRisk(now, calendar), r.BreachedAtUtc is not null || c.IsBreached(now, calendar),
                r.EscalatedAtUtc is not null, r.QueueReason, r.Version);
        }).ToList();

        foreach (var row in list)
        {
            audit.Add(actor.AuditName, ReferralAuditAction.Listed, row.PersonId, AccessReason.DirectCare,
                $"worklist={teamCode ?? "spa"}; referral={row.Reference}");
        }

        await db.SaveChangesAsync(cancellationToken);

        // At risk is less than a quarter of the target left (ReferralClock.IsAtRisk). A running clock's stored due time
        // is where its counted time reaches the target (Referral.SetClock; the breach watch relies on it too), so only a
        // clock due within a quarter of its target in counted time from now can be at risk: the store returns those and
        // each is judged exactly here. Judging every running clock of a 10,000-referral team took most of the page's
        // time (docs/benchmarks/spa.md).
        var crisisBefore = AtRiskHorizon(Urgency.Crisis2Hour, now, calendar);
        var twoDayBefore = AtRiskHorizon(Urgency.TwoDay, now, calendar);
        var routineBefore = AtRiskHorizon(Urgency.Routine, now, calendar);
        var nearlyDue = await open.AsNoTracking()
            .Where(r => r.DueAtUtc != null && r.DueAtUtc >= now && r.BreachedAtUtc == null
                        && ((r.Urgency == Urgency.Crisis2Hour && r.DueAtUtc <= crisisBefore)
                            || (r.Urgency == Urgency.TwoDay && r.DueAtUtc <= twoDayBefore)
                            || (r.Urgency == Urgency.Routine && r.DueAtUtc <= routineBefore)))
            .Select(r => new { r.Urgency, r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds }).ToListAsync(cancellationToken);
        int atRisk = nearlyDue.Count(r => new ReferralClock(ClockDefinition.For(r.Urgency), r.ClockStartedAtUtc, r.ClockStoppedAtUtc, r.ClockPausedAtUtc, r.ClockPausedSeconds)
            .IsAtRisk(now, calendar));
        return new Worklist(list, total, breached, atRisk);
    }

    /// <summary>The latest due time at which a running clock of <paramref name="urgency"/> can be at risk at
    /// <paramref name="nowUtc"/>: a quarter of its target in counted time ahead, and a minute more so that an instant's
    /// rounding never leaves one out (the exact test follows).</summary>
    private static DateTime AtRiskHorizon(string urgency, DateTime nowUtc, BusinessCalendar calendar)
    {
        var definition = ClockDefinition.For(urgency);
        return calendar.AddCountedTicks(ClockTime.AsUtc(nowUtc), definition.Target.Ticks / 4, definition.WorkingDaysOnly).AddMinutes(1);
    }

    private async Task RefuseAsync(StaffActor actor, Guid? personId, string attempted, PersonAccessRefusal refusal, CancellationToken cancellationToken)
    {
        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, personId, AccessReason.DirectCare, $"attempted={attempted}; refusal={refusal}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException(
            refusal == PersonAccessRefusal.NoPermission ? "Your role does not allow you to read referrals." : "You have no legitimate relationship with this person.",
            refusal, personId is not null && refusal == PersonAccessRefusal.NoRelationship && actor.May(Permission.BreakGlass));
    }
}
