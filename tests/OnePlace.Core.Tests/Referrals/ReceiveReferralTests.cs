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

public sealed class ReceiveReferralTests
{
    private static readonly StaffActor Coordinator = new("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);

    // Monday 23 November 2026, 10:00 UK time (GMT).
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Two localities with one postcode each, a borough-wide urgent response team, locality therapy teams.</summary>
    private static async Task SeedAsync(OnePlaceDb db, int therapyCapacity = 10)
    {
        db.Localities.AddRange(new Locality { Code = "N", Name = "North" }, new Locality { Code = "S", Name = "South" });
        db.SmallAreas.AddRange(
            new SmallArea { Code = "A1", LocalityCode = "N", ImdDecile = 1 },
            new SmallArea { Code = "A2", LocalityCode = "S", ImdDecile = 10 });
        db.Postcodes.AddRange(new PostcodeArea { Postcode = "WS1 1AA", SmallAreaCode = "A1" }, new PostcodeArea { Postcode = "WS9 9ZZ", SmallAreaCode = "A2" });
        db.Services.AddRange(
            new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" },
            new Service { Code = "THR", Name = "Community Therapy", Partner = Partner.Community, Kind = "therapy" });
        db.Teams.AddRange(
            new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" },
            new Team { Code = "THR-N", Name = "Therapy North", ServiceCode = "THR", LocalityCode = "N", Capacity = therapyCapacity },
            new Team { Code = "THR-S", Name = "Therapy South", ServiceCode = "THR", LocalityCode = "S", Capacity = therapyCapacity });
        await db.SaveChangesAsync();
    }

    private static ReferralSubmission Referral(string need, string setting = CareSetting.Home, string postcode = "WS1 1AA", string? nhs = null,
        string given = "Ada", string family = "Lovelace", DateOnly? born = null, string? sender = null) =>
        new(new ReferredPerson(nhs, given, family, born ?? new DateOnly(1940, 12, 10), "F", postcode, null, null),
            "Dr A Patel", "Pleck Health Centre", null, need, setting, "Needs help today.", true, sender);

    private static ReceiveReferral Receive(OnePlaceDb db, FixedClock clock) =>
        new(db, new AuditWriter(db, clock), TriageRules.Locate(null), clock);

    [Fact]
    public async Task A_fall_is_routed_to_urgent_response_with_a_clock_due_in_two_hours()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db);
        var clock = new FixedClock(Monday);

        var receipt = await Receive(db, clock).ReceiveAsync(Coordinator, Referral(ReferralNeed.Fall), ReferralSource.WebForm);

        var r = receipt.Referral;
        Assert.True(receipt.Created);
        Assert.Equal((ReferralStatus.AwaitingAcceptance, "UCR-ALL", Urgency.Crisis2Hour, "R01"), (r.Status, r.TeamCode, r.Urgency, r.TriageRule));
        Assert.Equal(Monday.UtcDateTime.AddHours(2), r.DueAtUtc);
        Assert.Equal(("N", 1, 85), (r.LocalityCode, r.ImdDecile, r.AgeAtReferral));
        Assert.Equal(ReferralPersonMatch.Provisional, r.PersonMatch);
        Assert.Matches("^SPA-[0-9A-Z]{4}-[0-9A-Z]{4}$", r.Reference);
    }

    [Fact]
    public async Task A_person_in_hospital_has_their_clock_paused_until_discharge()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db);
        var clock = new FixedClock(Monday);

        var r = (await Receive(db, clock).ReceiveAsync(Coordinator, Referral(ReferralNeed.Fall, CareSetting.Hospital), ReferralSource.Api)).Referral;

        Assert.NotNull(r.ClockPausedAtUtc);
        Assert.Null(r.DueAtUtc);
        Assert.Contains(await db.ReferralEvents.Where(e => e.ReferralId == r.Id).Select(e => e.Kind).ToListAsync(), k => k == "paused");
    }

    [Fact]
    public async Task A_full_locality_team_leaves_the_referral_in_the_spa_queue_with_the_reason()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db, therapyCapacity: 1);
        var clock = new FixedClock(Monday);
        var receive = Receive(db, clock);

        var first = (await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Mobility, given: "One"), ReferralSource.Api)).Referral;
        var second = (await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Mobility, given: "Two"), ReferralSource.Api)).Referral;
        var south = (await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Mobility, given: "Three", postcode: "WS9 9ZZ"), ReferralSource.Api)).Referral;

        Assert.Equal("THR-N", first.TeamCode);
        Assert.Equal((ReferralStatus.SpaQueue, (string?)null), (second.Status, second.TeamCode));
        Assert.Contains("at capacity", second.QueueReason, StringComparison.Ordinal);
        Assert.Equal("THR-S", south.TeamCode);
    }

    [Fact]
    public async Task A_known_nhs_number_finds_the_person_and_no_nhs_number_with_an_exact_match_finds_them_too()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db);
        var known = new Person { Id = Guid.NewGuid(), NhsNumber = "9990000018", GivenName = "Ada", FamilyName = "Lovelace", DateOfBirth = new DateOnly(1940, 12, 10), Postcode = "WS1 1AA" };
        db.People.Add(known);
        await db.SaveChangesAsync();
        var receive = Receive(db, new FixedClock(Monday));

        var byNumber = (await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Fall, nhs: "999 000 0018"), ReferralSource.Api)).Referral;
        var byDetails = (await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Fall, given: "ADA"), ReferralSource.Api)).Referral;

        Assert.Equal((known.Id, ReferralPersonMatch.NhsNumber), (byNumber.PersonId, byNumber.PersonMatch));
        Assert.Equal((known.Id, ReferralPersonMatch.Demographics), (byDetails.PersonId, byDetails.PersonMatch));
        Assert.Equal(1, await db.People.CountAsync());
        Assert.Equal(2, await db.SourceRecords.CountAsync(s => s.Partner == Partner.Spa && s.PersonId == known.Id));
    }

    [Fact]
    public async Task A_refused_referral_stores_nothing_and_a_role_that_may_not_refer_is_refused_and_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db);
        var receive = Receive(db, new FixedClock(Monday));

        var invalid = await Assert.ThrowsAsync<ReferralValidationException>(() =>
            receive.ReceiveAsync(Coordinator, Referral("toothache", postcode: "nowhere", nhs: "1234567890"), ReferralSource.Api));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() =>
            receive.ReceiveAsync(new StaffActor("a", "analyst@partnership.test", [StaffRoles.Analyst]), Referral(ReferralNeed.Fall), ReferralSource.Api));

        Assert.Equal(["person.nhsNumber", "person.postcode", "need"], invalid.Problems.Select(p => p.Field));
        Assert.Equal(0, await db.Referrals.CountAsync());
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == "analyst@partnership.test"));
    }

    [Fact]
    public async Task Replaying_a_candidate_table_shows_which_groups_it_would_triage_differently()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await SeedAsync(db, therapyCapacity: 100);
        var receive = Receive(db, new FixedClock(Monday));
        // v2 sees people of 85 and over with mobility needs within 2 days; v1 routinely.
        await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Mobility, given: "Old", born: new DateOnly(1930, 1, 1)), ReferralSource.Api);
        await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Mobility, given: "Young", born: new DateOnly(1970, 1, 1), postcode: "WS9 9ZZ"), ReferralSource.Api);
        await receive.ReceiveAsync(Coordinator, Referral(ReferralNeed.Fall, given: "Fall", born: new DateOnly(1930, 1, 1)), ReferralSource.Api);

        var report = await TriageReplay.RunAsync(db, TriageRules.Locate(null), "v2", last: 100);

        Assert.Equal(("v1", "v2", 3, 1, 1, 0), (report.LiveVersion, report.CandidateVersion, report.Referrals, report.Changed, report.MoreUrgent, report.LessUrgent));
        var difference = Assert.Single(report.Differences);
        Assert.Equal((Urgency.Routine, Urgency.TwoDay, "R17", "R17a"), (difference.LiveUrgency, difference.CandidateUrgency, difference.LiveRule, difference.CandidateRule));
        Assert.Equal(1, report.Groups.Single(g => g.Dimension == "age band" && g.Group == "85+").MoreUrgent);
        Assert.Equal(0, report.Groups.Single(g => g.Dimension == "age band" && g.Group == "18-64").Changed);
        Assert.Equal(1, report.Groups.Single(g => g.Dimension == "deprivation quintile" && g.Group == "Q1").Changed);
        Assert.Equal(0, report.Groups.Single(g => g.Dimension == "deprivation quintile" && g.Group == "Q5").Changed);
    }
}
