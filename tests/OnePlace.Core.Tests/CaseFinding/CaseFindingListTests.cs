using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.Geography;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.CaseFinding;

/// <summary>
/// Case-finding lists made MDT lists (SQLite, or PostgreSQL when the suite runs against it): who may make, open and
/// close them, the legitimate relationships they give their team, and one audit row per person touched.
/// </summary>
public sealed class CaseFindingListTests
{
    private static readonly StaffActor NorthNurse = new("n", "nurse.north@partnership.test", [StaffRoles.Practitioner], "DN-N");
    private static readonly StaffActor NorthManager = new("m", "manager.north@partnership.test", [StaffRoles.TeamManager], "DN-N");
    private static readonly StaffActor SouthNurse = new("s", "nurse.south@partnership.test", [StaffRoles.Practitioner], "DN-S");
    private static readonly StaffActor UcrNurse = new("u", "nurse.ucr@partnership.test", [StaffRoles.Practitioner], "UCR-ALL");

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The North: Ada, Bill and Cara living; Dora merged into Ada; Ed died since the analytical store's refresh.</summary>
    private sealed record North(OnePlaceDb Db, FixedClock Clock, Guid Ada, Guid Bill, Guid Cara, Guid Dora, Guid Ed)
    {
        public MakeCaseFindingList Make => new(Db, new AuditWriter(Db, Clock), Clock);

        public CaseFindingReading Reading => new(Db, new AuditWriter(Db, Clock), Clock);

        public CloseCaseFindingList Close => new(Db, new AuditWriter(Db, Clock), Clock);

        public CaseFindingRequest Request(string team = "DN-N", string locality = "N", params Guid[] people) => new(
            team, locality, "locality N; frailty severe; 2 or more emergency admissions in 12 months; no shared care plan", new DateOnly(2026, 10, 31),
            [.. (people.Length == 0 ? [Cara, Ada, Dora, Ed, Bill] : people).Select((id, i) => new CaseFindingCandidate(id, "severe", 14 + i, 2, 8, "Long course of decline", null))]);
    }

    private static async Task<North> SeedAsync(TestStore store)
    {
        var db = store.Open();
        db.Localities.AddRange(new Locality { Code = "N", Name = "North" }, new Locality { Code = "S", Name = "South" });
        db.Services.AddRange(
            new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" },
            new Service { Code = "DN", Name = "District Nursing", Partner = Partner.Community, Kind = "district_nursing" });
        db.Teams.AddRange(
            new Team { Code = "UCR-ALL", Name = "Urgent Community Response (borough)", ServiceCode = "UCR" },
            new Team { Code = "DN-N", Name = "District Nursing North", ServiceCode = "DN", LocalityCode = "N" },
            new Team { Code = "DN-S", Name = "District Nursing South", ServiceCode = "DN", LocalityCode = "S" });
        Person Someone(string given, int nhs) => new()
        {
            Id = Guid.NewGuid(),
            NhsNumber = TestNhsNumbers.Number(nhs),
            GivenName = given,
            FamilyName = "Oakes",
            DateOfBirth = new DateOnly(1936, 5, 1),
            LocalityCode = "N",
            CreatedAtUtc = Now.UtcDateTime,
        };
        var (ada, bill, cara, dora, ed) = (Someone("Ada", 1), Someone("Bill", 2), Someone("Cara", 3), Someone("Dora", 4), Someone("Ed", 5));
        dora.MergedIntoId = ada.Id;
        ed.DateOfDeath = new DateOnly(2026, 11, 20);
        db.People.AddRange(ada, bill, cara, dora, ed);
        await db.SaveChangesAsync();
        return new North(db, new FixedClock(Now), ada.Id, bill.Id, cara.Id, dora.Id, ed.Id);
    }

    [Fact]
    public async Task A_team_manager_makes_the_list_and_each_member_gets_a_relationship_with_the_team_and_an_audit_row()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;

        var made = await north.Make.MakeAsync(NorthManager, north.Request());

        Assert.Equal((1, 1, 3), (made.LeftOffMerged, made.LeftOffDied, made.List.Members));
        var members = await db.CaseFindingMembers.Where(m => m.ListId == made.List.Id).OrderBy(m => m.Position).ToListAsync();
        Assert.Equal([north.Cara, north.Ada, north.Bill], members.Select(m => m.PersonId));
        Assert.Equal(("severe", 14, 2, "Long course of decline"), (members[0].Frailty, members[0].EfiDeficits, members[0].EmergencyAdmissions12Months, members[0].SegmentName));
        var relationships = await db.CareRelationships.Where(c => c.CaseFindingListId == made.List.Id).ToListAsync();
        Assert.Equal(new[] { north.Ada, north.Bill, north.Cara }.Order(), relationships.Select(r => r.PersonId).Order());
        Assert.All(relationships, r => Assert.Equal(("DN-N", (Guid?)null, (string?)null, (DateTime?)null, Now.UtcDateTime), (r.TeamCode, r.ReferralId, r.StaffUserName, r.EndedAtUtc, r.StartedAtUtc)));
        var added = await db.AuditLog.Where(a => a.Action == CaseFindingAuditAction.Added).ToListAsync();
        Assert.Equal(new[] { north.Ada, north.Bill, north.Cara }.Order(), added.Select(a => a.PersonId!.Value).Order());
        Assert.All(added, a => Assert.Equal((NorthManager.AuditName, AccessReason.DirectCare), (a.Actor, a.Reason)));
        Assert.All(added, a => Assert.Contains($"case_finding_list={made.List.Id}; team=DN-N", a.Detail, StringComparison.Ordinal));
        var saved = await db.CaseFindingLists.AsNoTracking().SingleAsync();
        Assert.Equal(("N", "DN-N", NorthManager.AuditName, new DateOnly(2026, 10, 31), true), (saved.LocalityCode, saved.TeamCode, saved.CreatedBy, saved.MeasuresAsOf, saved.IsOpen));
        Assert.StartsWith("locality N; frailty severe", saved.Criteria, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?> RolesThatMayNotMakeLists => new()
    {
        { StaffRoles.SpaCoordinator, null },
        { StaffRoles.Analyst, "DN-N" },
        { StaffRoles.Administrator, "DN-N" },
        { StaffRoles.DataSteward, "DN-N" },
        { StaffRoles.Practitioner, null },
    };

    [Theory]
    [MemberData(nameof(RolesThatMayNotMakeLists))]
    public async Task Staff_who_do_not_care_for_a_team_s_caseload_are_refused_and_the_refusal_is_audited(string role, string? team)
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var actor = new StaffActor("x", $"{role.ToLowerInvariant()}@partnership.test", [role], team);

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Make.MakeAsync(actor, north.Request()));

        Assert.False(MakeCaseFindingList.MayMakeLists(actor));
        var denied = Assert.Single(await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).ToListAsync());
        Assert.Equal(actor.AuditName, denied.Actor);
        Assert.Contains("attempted=case-finding.make; team=DN-N; locality=N", denied.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await db.CaseFindingLists.CountAsync());
        Assert.Equal(0, await db.CareRelationships.CountAsync());
        Assert.False(await db.AuditLog.AnyAsync(a => a.PersonId != null));
    }

    [Fact]
    public async Task A_practitioner_makes_lists_only_for_their_own_team_and_a_locality_it_serves()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Make.MakeAsync(SouthNurse, north.Request(team: "DN-N")));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Make.MakeAsync(SouthNurse, north.Request(team: "DN-S", locality: "N")));
        // A borough-wide team serves every locality.
        var ucr = await north.Make.MakeAsync(UcrNurse, north.Request(team: "UCR-ALL", locality: "N"));

        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == SouthNurse.AuditName));
        Assert.Equal(("UCR-ALL", 3), (ucr.List.TeamCode, ucr.List.Members));
    }

    [Fact]
    public async Task A_request_that_cannot_be_a_list_is_refused_whole_and_nothing_is_saved()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;

        var onlyGone = await Assert.ThrowsAsync<CaseFindingException>(() => north.Make.MakeAsync(NorthNurse, north.Request(people: [north.Dora, north.Ed])));
        var tooMany = await Assert.ThrowsAsync<CaseFindingException>(() => north.Make.MakeAsync(NorthNurse,
            north.Request() with { Candidates = [.. Enumerable.Range(0, MakeCaseFindingList.MaximumMembers + 1).Select(_ => new CaseFindingCandidate(Guid.NewGuid(), "severe", 13, 2, 8, "x", null))] }));
        var noCriteria = await Assert.ThrowsAsync<CaseFindingException>(() => north.Make.MakeAsync(NorthNurse, north.Request() with { Criteria = " " }));
        var unknownLocality = await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Make.MakeAsync(NorthNurse, north.Request(locality: "X")));

        Assert.Equal(CaseFindingProblem.NoOneLeft, onlyGone.Problem);
        Assert.Equal(CaseFindingProblem.TooMany, tooMany.Problem);
        Assert.Contains("at most 250", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal((CaseFindingProblem.CriteriaRequired, "criteria"), (noCriteria.Problem, noCriteria.Field));
        Assert.NotNull(unknownLocality);
        Assert.Equal(0, await db.CaseFindingLists.CountAsync());
        Assert.Equal(0, await db.CareRelationships.CountAsync());
        Assert.Equal(0, await db.AuditLog.CountAsync(a => a.Action == CaseFindingAuditAction.Added));
    }

    [Fact]
    public async Task The_owning_team_sees_every_member_in_order_with_one_audit_row_each()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var made = await north.Make.MakeAsync(NorthManager, north.Request());

        var view = await north.Reading.OpenAsync(NorthNurse, made.List.Id);

        Assert.NotNull(view);
        Assert.Equal((3, 0, true, "District Nursing North", "North"), (view.Total, view.NotShown, view.OwnTeam, view.TeamName, view.LocalityName));
        Assert.Equal(["Cara", "Ada", "Bill"], view.People.Select(p => p.GivenName));
        var cara = view.People[0];
        Assert.Equal((1, 90, TestNhsNumbers.Number(3), "severe", 2), (cara.Position, cara.Age, cara.NhsNumber, cara.Frailty, cara.EmergencyAdmissions12Months));
        var listed = await db.AuditLog.Where(a => a.Action == CaseFindingAuditAction.Listed).ToListAsync();
        Assert.Equal(new[] { north.Ada, north.Bill, north.Cara }.Order(), listed.Select(a => a.PersonId!.Value).Order());
        Assert.All(listed, a => Assert.Equal(NorthNurse.AuditName, a.Actor));
        Assert.Null(await north.Reading.OpenAsync(NorthNurse, Guid.NewGuid()));
    }

    [Fact]
    public async Task Staff_of_another_team_see_only_the_people_they_hold_a_relationship_with_and_with_none_are_refused()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var made = await north.Make.MakeAsync(NorthManager, north.Request());

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Reading.OpenAsync(UcrNurse, made.List.Id));
        var denied = Assert.Single(await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).ToListAsync());
        Assert.Equal(UcrNurse.AuditName, denied.Actor);
        Assert.Contains($"attempted=case-finding.view; case_finding_list={made.List.Id}", denied.Detail, StringComparison.Ordinal);

        // Once the urgent response team has a relationship with Bill (its own list), it sees Bill, and only Bill, on the North's.
        await north.Make.MakeAsync(UcrNurse, north.Request(team: "UCR-ALL", people: [north.Bill]));
        var view = await north.Reading.OpenAsync(UcrNurse, made.List.Id);

        Assert.Equal((1, 2, false), (view!.Total, view.NotShown, view.OwnTeam));
        Assert.Equal([north.Bill], view.People.Select(p => p.PersonId));
        Assert.Equal([north.Bill], await db.AuditLog.Where(a => a.Action == CaseFindingAuditAction.Listed && a.Actor == UcrNurse.AuditName).Select(a => a.PersonId!.Value).ToListAsync());

        var analyst = new StaffActor("a", "analyst@partnership.test", [StaffRoles.Analyst], "DN-N");
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Reading.OpenAsync(analyst, made.List.Id));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == analyst.AuditName));
    }

    [Fact]
    public async Task Closing_a_list_ends_the_relationships_it_gave_and_its_people_are_shown_no_more()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var made = await north.Make.MakeAsync(NorthManager, north.Request());
        north.Clock.Advance(TimeSpan.FromDays(14));

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => north.Close.CloseAsync(SouthNurse, made.List.Id, "Done"));
        var noReason = await Assert.ThrowsAsync<CaseFindingException>(() => north.Close.CloseAsync(NorthNurse, made.List.Id, ""));
        Assert.Equal((CaseFindingProblem.ReasonRequired, "reason"), (noReason.Problem, noReason.Field));
        var closed = await north.Close.CloseAsync(NorthNurse, made.List.Id, "Discussed at the MDT of 8 December");

        Assert.Equal((false, NorthNurse.AuditName, "Discussed at the MDT of 8 December"), (closed!.IsOpen, closed.ClosedBy, closed.CloseReason));
        Assert.All(await db.CareRelationships.Where(c => c.CaseFindingListId == made.List.Id).ToListAsync(),
            r => Assert.Equal(Now.UtcDateTime.AddDays(14), r.EndedAtUtc));
        Assert.Equal(3, await db.AuditLog.CountAsync(a => a.Action == CaseFindingAuditAction.Closed && a.PersonId != null));
        var view = await north.Reading.OpenAsync(NorthManager, made.List.Id);
        Assert.Equal((0, false), (view!.People.Count, view.List.IsOpen));
        Assert.Equal(0, await db.AuditLog.CountAsync(a => a.Action == CaseFindingAuditAction.Listed));
        var again = await Assert.ThrowsAsync<CaseFindingException>(() => north.Close.CloseAsync(NorthManager, made.List.Id, "Again"));
        Assert.Equal(CaseFindingProblem.AlreadyClosed, again.Problem);
        Assert.Equal(0, await LegitimateRelationships.OpenFor(db, NorthNurse).CountAsync());
    }

    [Fact]
    public async Task The_team_s_lists_are_listed_newest_first_without_anyone_s_details()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var first = await north.Make.MakeAsync(NorthManager, north.Request());
        north.Clock.Advance(TimeSpan.FromHours(1));
        var second = await north.Make.MakeAsync(NorthNurse, north.Request(people: [north.Bill]));
        await north.Make.MakeAsync(UcrNurse, north.Request(team: "UCR-ALL"));
        int audited = await db.AuditLog.CountAsync();

        var lists = await north.Reading.TeamListsAsync(NorthNurse);

        Assert.Equal([second.List.Id, first.List.Id], lists.Select(l => l.Id));
        Assert.Equal((1, true, NorthNurse.AuditName), (lists[0].Members, lists[0].Open, lists[0].CreatedBy));
        Assert.Empty(await north.Reading.TeamListsAsync(new StaffActor("a", "analyst@partnership.test", [StaffRoles.Analyst], "DN-N")));
        Assert.Equal(audited, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task Every_relationship_has_exactly_one_basis_in_the_store_itself()
    {
        await using var store = await TestStore.CreateAsync();
        var north = await SeedAsync(store);
        await using var db = north.Db;
        var made = await north.Make.MakeAsync(NorthManager, north.Request());

        db.CareRelationships.Add(new CareRelationship { PersonId = north.Ada, TeamCode = "DN-S", StartedAtUtc = Now.UtcDateTime });

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var fresh = store.Open();
        Assert.Equal(3, await fresh.CareRelationships.CountAsync(c => c.CaseFindingListId == made.List.Id));
    }

    [Fact]
    public async Task A_store_made_before_case_finding_keeps_its_referral_relationships_when_migrated()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        await using var db = store.Open();
        var migrations = db.Database.GetMigrations().ToList();
        // The migration before case finding, however many migrations have been added since.
        int caseFinding = migrations.FindIndex(m => m.EndsWith("_CaseFindingLists", StringComparison.Ordinal));
        Assert.True(caseFinding > 0);
        await db.GetService<IMigrator>().MigrateAsync(migrations[caseFinding - 1]);
        db.Localities.Add(new Locality { Code = "N", Name = "North" });
        db.SmallAreas.Add(new SmallArea { Code = "A1", LocalityCode = "N", ImdDecile = 3 });
        db.Postcodes.Add(new PostcodeArea { Postcode = "WS1 1AA", SmallAreaCode = "A1" });
        db.Services.Add(new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" });
        db.Teams.Add(new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" });
        await db.SaveChangesAsync();
        // Today's audit rows carry the chain's hash, a column this older store does not have yet; this test is about the
        // relationships, so the referral's audit rows are left unwritten.
        db.ChangeTracker.Tracked += (_, tracked) =>
        {
            if (tracked.Entry.Entity is AuditEntry)
            {
                tracked.Entry.State = EntityState.Detached;
            }
        };
        var clock = new FixedClock(Now);
        var referral = (await new ReceiveReferral(db, new AuditWriter(db, clock), TriageRules.Locate(null), clock).ReceiveAsync(
            new StaffActor("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]),
            new ReferralSubmission(new ReferredPerson(null, "Ada", "Lovelace", new DateOnly(1940, 12, 10), "F", "WS1 1AA", null, null),
                "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "On the floor, unhurt.", true),
            ReferralSource.Api)).Referral;
        // As acceptance wrote it before relationships could come from a list (the columns the table then had).
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO care_relationships ("PersonId", "TeamCode", "ReferralId", "StartedAtUtc") SELECT "PersonId", 'UCR-ALL', "Id", "ReceivedAtUtc" FROM referrals
            """);

        await db.Database.MigrateAsync();

        await using var migrated = store.Open();
        var kept = await migrated.CareRelationships.SingleAsync();
        Assert.Equal((referral.Id, (Guid?)null, referral.PersonId, "UCR-ALL"), (kept.ReferralId, kept.CaseFindingListId, kept.PersonId, kept.TeamCode));
    }
}
