using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Geography;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Referrals;

public sealed class ReferralLifeTests
{
    private static readonly StaffActor Coordinator = new("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
    private static readonly StaffActor UcrNurse = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "UCR-ALL");
    private static readonly StaffActor TherapistNorth = new("t", "therapist@partnership.test", [StaffRoles.Practitioner], "THR-N");

    // Monday 23 November 2026, 10:00 UK time (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private sealed record Spa(OnePlaceDb Db, FixedClock Clock, ReceiveReferral Receive, ChangeReferral Change, WatchClocks Watch);

    private static async Task<Spa> OpenAsync(TestStore store)
    {
        var db = store.Open();
        db.Localities.Add(new Locality { Code = "N", Name = "North" });
        db.SmallAreas.Add(new SmallArea { Code = "A1", LocalityCode = "N", ImdDecile = 3 });
        db.Postcodes.Add(new PostcodeArea { Postcode = "WS1 1AA", SmallAreaCode = "A1" });
        db.Services.AddRange(
            new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" },
            new Service { Code = "THR", Name = "Community Therapy", Partner = Partner.Community, Kind = "therapy" });
        db.Teams.AddRange(new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" }, new Team { Code = "THR-N", Name = "Therapy North", ServiceCode = "THR", LocalityCode = "N" });
        db.Users.Add(new StaffUser { UserName = "nurse@partnership.test", Email = "nurse@partnership.test", TeamCode = "UCR-ALL" });
        await db.SaveChangesAsync();
        var clock = new FixedClock(Monday);
        var audit = new AuditWriter(db, clock);
        return new Spa(db, clock, new ReceiveReferral(db, audit, TriageRules.Locate(null), clock), new ChangeReferral(db, audit, clock), new WatchClocks(db, audit, clock));
    }

    private static ReferralSubmission Fall() =>
        new(new ReferredPerson(null, "Ada", "Lovelace", new DateOnly(1940, 12, 10), "F", "WS1 1AA", null, null),
            "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "On the floor, unhurt.", true);

    [Fact]
    public async Task A_referral_seen_in_ninety_minutes_meets_the_two_hour_standard_and_its_outcome_is_kept()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var r = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;

        spa.Clock.Advance(TimeSpan.FromMinutes(10));
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 1, new ReferralChange(ReferralAction.Accept));
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 2, new ReferralChange(ReferralAction.Allocate, Practitioner: "nurse@partnership.test"));
        spa.Clock.Advance(TimeSpan.FromMinutes(80));
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 3, new ReferralChange(ReferralAction.RecordFirstContact));
        spa.Clock.Advance(TimeSpan.FromDays(3));
        var closed = await spa.Change.ApplyAsync(UcrNurse, r.Id, 4, new ReferralChange(ReferralAction.Close, Outcome: ReferralOutcome.AtHome));

        Assert.Equal((ReferralStatus.Closed, ReferralOutcome.AtHome, 5), (closed!.Status, closed.Outcome, closed.Version));
        Assert.Equal(TimeSpan.FromMinutes(90), closed.Clock.Elapsed(spa.Clock.GetUtcNow().UtcDateTime, BusinessCalendar.EnglandAndWales));
        Assert.Null(closed.BreachedAtUtc);
        Assert.Equal(0, await db.CareRelationships.CountAsync(c => c.EndedAtUtc == null));
        Assert.Equal(2, await db.CareRelationships.CountAsync());
        Assert.Equal(ReferralOutcome.AtHome, (await db.Episodes.SingleAsync()).EndReason);
        var standard = await ResponseStandardResult.MeasureAsync(db, Monday.UtcDateTime.AddDays(-1), Monday.UtcDateTime.AddDays(1), spa.Clock);
        Assert.Equal((1, 1, 0, 0, 1.0), (standard.Counted, standard.InTime, standard.Late, standard.Unseen, standard.Share!.Value));
    }

    [Fact]
    public async Task Time_in_hospital_is_not_counted_against_the_clock()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var r = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;

        spa.Clock.Advance(TimeSpan.FromMinutes(30));
        await spa.Change.ApplyAsync(Coordinator, r.Id, 1, new ReferralChange(ReferralAction.Pause, Reason: "Admitted to hospital"));
        spa.Clock.Advance(TimeSpan.FromDays(2));
        var resumed = await spa.Change.ApplyAsync(Coordinator, r.Id, 2, new ReferralChange(ReferralAction.Resume, Reason: "Discharged home"));
        spa.Clock.Advance(TimeSpan.FromMinutes(45));

        var now = spa.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(TimeSpan.FromMinutes(75), resumed!.Clock.Elapsed(now, BusinessCalendar.EnglandAndWales));
        Assert.Equal(now.AddMinutes(45), resumed.DueAtUtc);
        Assert.Equal(0, await spa.Watch.RunAsync());
    }

    [Fact]
    public async Task A_clock_that_runs_out_is_flagged_and_escalated_to_the_team_s_managers_once()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var r = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;

        spa.Clock.Advance(TimeSpan.FromMinutes(121));
        int first = await spa.Watch.RunAsync();
        int second = await spa.Watch.RunAsync();

        Assert.Equal((1, 0), (first, second));
        var breached = await db.Referrals.AsNoTracking().SingleAsync();
        Assert.Equal(Monday.UtcDateTime.AddHours(2), breached.BreachedAtUtc);
        Assert.Equal(2, breached.Version);
        Assert.Equal(["clock_breached", "escalated"], await db.ReferralEvents.Where(e => e.ReferralId == r.Id && e.Actor == WatchClocks.Actor).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task A_change_against_an_old_version_is_refused_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var r = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 1, new ReferralChange(ReferralAction.Accept));

        var conflict = await Assert.ThrowsAsync<ReferralConflictException>(() =>
            spa.Change.ApplyAsync(Coordinator, r.Id, 1, new ReferralChange(ReferralAction.Cancel, Reason: "Duplicate")));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(ReferralStatus.Accepted, await db.Referrals.Select(x => x.Status).SingleAsync());
    }

    [Fact]
    public async Task A_team_acts_only_on_its_own_referrals_and_a_hand_over_must_be_accepted_by_the_receiving_team()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var r = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => spa.Change.ApplyAsync(TherapistNorth, r.Id, 1, new ReferralChange(ReferralAction.Accept)));
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 1, new ReferralChange(ReferralAction.Accept));
        await spa.Change.ApplyAsync(UcrNurse, r.Id, 2, new ReferralChange(ReferralAction.OfferHandover, TeamCode: "THR-N", Reason: "Needs therapy, not urgent care"));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => spa.Change.ApplyAsync(UcrNurse, r.Id, 3, new ReferralChange(ReferralAction.AcceptHandover)));
        var handedOver = await spa.Change.ApplyAsync(TherapistNorth, r.Id, 3, new ReferralChange(ReferralAction.AcceptHandover));

        Assert.Equal((ReferralStatus.Accepted, "THR-N", (string?)null), (handedOver!.Status, handedOver.TeamCode, handedOver.HandoverTeamCode));
        Assert.Equal(["UCR-ALL", "THR-N"], await db.Episodes.OrderBy(e => e.StartedAtUtc).ThenBy(e => e.EndedAtUtc == null).Select(e => e.TeamCode).ToListAsync());
        Assert.Equal("THR-N", await db.CareRelationships.Where(c => c.EndedAtUtc == null).Select(c => c.TeamCode).SingleAsync());
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AccessAuditAction.ViewDenied));
    }
    [Fact]
    public async Task A_worklist_counts_as_at_risk_exactly_the_running_clocks_with_less_than_a_quarter_of_their_target_left()
    {
        await using var store = await TestStore.CreateAsync();
        var spa = await OpenAsync(store);
        await using var db = spa.Db;
        var calendar = BusinessCalendar.EnglandAndWales;
        // Thursday 24 December 2026, 09:00 UK time: a routine clock's last quarter (2.5 working days) reaches over
        // Christmas Day, the weekend and the substitute Boxing Day holiday on Monday 28 December.
        var now = new DateTime(2026, 12, 24, 9, 0, 0, DateTimeKind.Utc);
        var starts = new List<(string Urgency, TimeSpan Ago)>();
        starts.AddRange(Enumerable.Range(0, 15).Select(i => (Urgency.Crisis2Hour, TimeSpan.FromMinutes(10 * i + 3))));
        starts.AddRange(Enumerable.Range(0, 14).Select(i => (Urgency.TwoDay, TimeSpan.FromHours(4 * i + 1))));
        starts.AddRange(Enumerable.Range(0, 30).Select(i => (Urgency.Routine, TimeSpan.FromHours(13 * i + 2))));
        foreach (var (urgency, ago) in starts)
        {
            var received = (await spa.Receive.ReceiveAsync(Coordinator, Fall(), ReferralSource.Api)).Referral;
            var referral = await db.Referrals.SingleAsync(r => r.Id == received.Id);
            referral.Urgency = urgency;
            referral.SetClock(ReferralClock.Start(urgency, now - ago), now, calendar);
        }

        await db.SaveChangesAsync();
        var all = await db.Referrals.AsNoTracking().Where(r => r.TeamCode == "UCR-ALL").ToListAsync();
        var expected = all.Where(r => r.BreachedAtUtc == null && r.DueAtUtc >= now && r.Clock.IsAtRisk(now, calendar))
            .GroupBy(r => r.Urgency).ToDictionary(g => g.Key, g => g.Count());

        var reading = new ReferralReading(db, new AuditWriter(db, new FixedClock(now)), new FixedClock(now));
        var worklist = await reading.WorklistAsync(UcrNurse, "UCR-ALL");

        Assert.Equal(starts.Count, worklist.Total);
        Assert.All(Urgency.All, u => Assert.True(expected.GetValueOrDefault(u) > 0, $"no {u} clock is at risk, so the test shows nothing"));
        Assert.Equal(expected.Values.Sum(), worklist.AtRisk);
    }
}
