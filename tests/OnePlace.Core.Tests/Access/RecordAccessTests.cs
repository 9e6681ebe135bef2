using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Access;

/// <summary>
/// The legitimate-relationship check at the data layer: a record opens only on a basis (a relationship made by the
/// real use cases, the SPA's open referral, data quality for a steward, or break-glass), and every refusal and every
/// break-glass is audited in the same transaction. Runs on SQLite and PostgreSQL.
/// </summary>
public sealed class RecordAccessTests
{
    private const string Nhs = "9990000018";
    private static readonly StaffActor UcrNurse = new("n", "nurse@partnership.test", [StaffRoles.Practitioner], "UCR-ALL");
    private static readonly StaffActor OtherNurse = new("o", "other.nurse@partnership.test", [StaffRoles.Practitioner], "THR-N");
    private static readonly StaffActor Coordinator = new("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
    private static readonly StaffActor Steward = new("s", "steward@partnership.test", [StaffRoles.DataSteward]);
    private static readonly StaffActor Admin = new("a", "admin@partnership.test", [StaffRoles.Administrator]);
    private static readonly StaffActor Privacy = new("p", "privacy@partnership.test", [StaffRoles.PrivacyOfficer]);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private sealed record World(OnePlaceDb Db, FixedClock Clock, Guid PersonId, PersonRecordAccess Access, BreakGlass Glass) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Db.DisposeAsync();
    }

    /// <summary>Ada, known to her GP with an ordinary contact, an HIV admission and a GUM clinic attendance.</summary>
    private static async Task<World> WorldAsync(TestStore store)
    {
        var db = store.Open();
        using var folder = new ExtractFolderBuilder().WithGeography()
            .WithPerson(Partner.Gp, "GP1", Nhs)
            .WithPerson(Partner.Hospital, "H1", Nhs)
            .WithEvent(Partner.Gp, "E1", "GP1", "gp_contact", "2025-01-02", code: "F2F", cost: "42.00")
            .WithEvent(Partner.Hospital, "E2", "H1", "emergency_admission", "2025-02-01", end: "2025-02-04", code: "B20", destination: "19", cost: "2000.00")
            .WithEvent(Partner.Hospital, "E3", "H1", "outpatient_attendance", "2025-03-01", code: "360", cost: "150.00");
        var imported = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        db.Services.AddRange(
            new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" },
            new Service { Code = "THR", Name = "Community Therapy", Partner = Partner.Community, Kind = "therapy" });
        db.Teams.AddRange(new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" }, new Team { Code = "THR-N", Name = "Therapy North", ServiceCode = "THR", LocalityCode = "N" });
        db.Users.Add(new StaffUser { UserName = UcrNurse.UserName, Email = UcrNurse.UserName, TeamCode = "UCR-ALL" });
        await db.SaveChangesAsync();
        var person = await db.People.Where(p => p.NhsNumber == Nhs).Select(p => p.Id).SingleAsync();
        var clock = new FixedClock(Monday);
        var audit = new AuditWriter(db, clock);
        return new World(db, clock, person, new PersonRecordAccess(db, audit, clock), new BreakGlass(db, audit, clock, BreakGlassPolicy.Default));
    }

    /// <summary>A fall referral for Ada through the real door: triage routes it to UCR-ALL, awaiting acceptance.</summary>
    private static async Task<Referral> ReferAsync(World w)
    {
        var receipt = await new ReceiveReferral(w.Db, new AuditWriter(w.Db, w.Clock), TriageRules.Locate(null), w.Clock).ReceiveAsync(Coordinator,
            new ReferralSubmission(new ReferredPerson(Nhs, "Ada", "Lovelace", new DateOnly(1940, 12, 10), "F", "WS1 1AA", null, null),
                "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "On the floor, unhurt.", true),
            ReferralSource.Api);
        Assert.Equal((w.PersonId, "UCR-ALL"), (receipt.Referral.PersonId, receipt.Referral.TeamCode));
        return receipt.Referral;
    }

    private static Task<Referral?> ChangeAsync(World w, StaffActor actor, Referral r, int version, ReferralChange change) =>
        new ChangeReferral(w.Db, new AuditWriter(w.Db, w.Clock), w.Clock).ApplyAsync(actor, r.Id, version, change);

    [Fact]
    public async Task A_practitioner_without_a_relationship_is_refused_the_record_and_the_refusal_is_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);

        var refused = await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare));

        Assert.Equal((PersonAccessRefusal.NoRelationship, true), (refused.Refusal, refused.MayBreakGlass));
        var row = Assert.Single(await w.Db.AuditLog.Where(a => a.Actor == UcrNurse.AuditName).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((AccessAuditAction.ViewDenied, w.PersonId), (row.Action, row.PersonId));
    }

    [Fact]
    public async Task Accepting_a_referral_opens_the_record_to_the_team_and_says_why_and_closing_it_ends_that()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);
        var referral = await ReferAsync(w);

        var offered = await w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare);
        Assert.Equal([AccessBasisKind.ReferralOfferedToTeam], offered!.Bases.Select(b => b.Kind));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(OtherNurse, w.PersonId, AccessReason.DirectCare));

        await ChangeAsync(w, UcrNurse, referral, 1, new ReferralChange(ReferralAction.Accept));
        var accepted = await w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare);
        var basis = Assert.Single(accepted!.Bases);
        Assert.Equal((AccessBasisKind.TeamReferral, referral.Reference, "UCR-ALL"), (basis.Kind, basis.ReferralReference, basis.TeamCode));
        var view = Assert.Single(await w.Db.AuditLog.Where(a => a.Action == AuditAction.ViewPerson && a.Actor == UcrNurse.AuditName)
            .OrderByDescending(a => a.Id).Take(1).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains($"basis=TeamReferral:{referral.Reference}", view.Detail, StringComparison.Ordinal);

        await ChangeAsync(w, UcrNurse, referral, 2, new ReferralChange(ReferralAction.Allocate, Practitioner: UcrNurse.UserName));
        await ChangeAsync(w, UcrNurse, referral, 3, new ReferralChange(ReferralAction.RecordFirstContact));
        await ChangeAsync(w, UcrNurse, referral, 4, new ReferralChange(ReferralAction.Close, Outcome: ReferralOutcome.AtHome));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare));
    }

    [Fact]
    public async Task The_spa_sees_people_with_open_referrals_only()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(Coordinator, w.PersonId, AccessReason.ReferralTriage));

        var referral = await ReferAsync(w);

        var story = await w.Access.OpenAsync(Coordinator, w.PersonId, AccessReason.ReferralTriage);
        Assert.Equal((AccessBasisKind.SpaTriage, referral.Reference), (story!.Bases[0].Kind, story.Bases[0].ReferralReference));
    }

    [Fact]
    public async Task Stewards_open_records_for_data_quality_only_and_administrators_not_at_all()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);

        var story = await w.Access.OpenAsync(Steward, w.PersonId, AccessReason.DataQuality);
        Assert.Equal(AccessBasisKind.DataQuality, Assert.Single(story!.Bases).Kind);
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(Steward, w.PersonId, AccessReason.DirectCare));
        var admin = await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(Admin, w.PersonId, AccessReason.DirectCare));
        Assert.Equal((PersonAccessRefusal.NoPermission, false), (admin.Refusal, admin.MayBreakGlass));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.SearchAsync(Admin, new PersonSearchQuery(Name: "Lovelace"), AccessReason.DirectCare));
        Assert.Equal(3, await w.Db.AuditLog.CountAsync(a => a.Action == AccessAuditAction.ViewDenied, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Sensitive_entries_are_withheld_unless_the_role_allows_them_and_the_count_says_so()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);
        await ReferAsync(w);

        var coordinators = await w.Access.OpenAsync(Coordinator, w.PersonId, AccessReason.ReferralTriage);
        var stewards = await w.Access.OpenAsync(Steward, w.PersonId, AccessReason.DataQuality);
        var nurses = await w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare);

        Assert.Equal((1, 2), (coordinators!.TimelineTotal, coordinators.Withheld));
        Assert.Equal(["gp_contact"], coordinators.Timeline.Select(e => e.EventType));
        Assert.Equal((1, 2), (stewards!.TimelineTotal, stewards.Withheld));
        Assert.Equal((3, 0), (nurses!.TimelineTotal, nurses.Withheld));
    }

    [Fact]
    public async Task Break_glass_needs_a_listed_reason_and_a_justification_and_changes_nothing_without_them()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);

        var noReason = await Assert.ThrowsAsync<BreakGlassException>(() => w.Glass.GrantAsync(UcrNurse, w.PersonId, "curiosity", "I need to see this record urgently now."));
        var tooShort = await Assert.ThrowsAsync<BreakGlassException>(() => w.Glass.GrantAsync(UcrNurse, w.PersonId, BreakGlassReason.UrgentCare, "  need it  "));
        var analyst = new StaffActor("x", "analyst@partnership.test", [StaffRoles.Analyst]);
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Glass.GrantAsync(analyst, w.PersonId, BreakGlassReason.UrgentCare, "I need to see this record urgently now."));

        Assert.Equal(("reason", "justification"), (noReason.Field, tooShort.Field));
        Assert.Equal(0, await w.Db.BreakGlassGrants.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await w.Db.AuditLog.AnyAsync(a => a.Action == BreakGlass.AuditActionName, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Break_glass_opens_one_record_to_one_person_for_twelve_hours_audited_and_reviewed_by_the_privacy_officer()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);

        var grant = await w.Glass.GrantAsync(UcrNurse, w.PersonId, BreakGlassReason.UrgentCare, "Called out at night; the team's referral is not on the system yet.");

        Assert.Equal(Monday.UtcDateTime.AddHours(12), grant!.ExpiresAtUtc);
        var audited = Assert.Single(await w.Db.AuditLog.Where(a => a.Action == BreakGlass.AuditActionName).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((UcrNurse.AuditName, w.PersonId), (audited.Actor, audited.PersonId));
        var story = await w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare);
        var basis = Assert.Single(story!.Bases);
        Assert.Equal((AccessBasisKind.BreakGlass, BreakGlassReason.UrgentCare, grant.ExpiresAtUtc), (basis.Kind, basis.BreakGlassReason, basis.UntilUtc));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(OtherNurse, w.PersonId, AccessReason.DirectCare));

        w.Clock.Advance(TimeSpan.FromHours(12));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Access.OpenAsync(UcrNurse, w.PersonId, AccessReason.DirectCare));

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => w.Glass.AlertsAsync(UcrNurse));
        var alerts = await w.Glass.AlertsAsync(Privacy);
        Assert.Equal((1, grant.Id), (alerts.Unreviewed, Assert.Single(alerts.Grants).Id));
        await Assert.ThrowsAsync<BreakGlassException>(() => w.Glass.ReviewAsync(Privacy, grant.Id, BreakGlassOutcome.ReferredForInvestigation, " "));
        var reviewed = await w.Glass.ReviewAsync(Privacy, grant.Id, BreakGlassOutcome.Justified, null);
        Assert.Equal((Privacy.AuditName, BreakGlassOutcome.Justified), (reviewed!.ReviewedBy, reviewed.ReviewOutcome));
        Assert.Equal(0, await w.Glass.UnreviewedCountAsync(TestContext.Current.CancellationToken));
        Assert.True(await w.Db.AuditLog.AnyAsync(a => a.Action == BreakGlass.ReviewAuditAction && a.PersonId == w.PersonId && a.Actor == Privacy.AuditName,
            TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BreakGlassException>(() => w.Glass.ReviewAsync(Privacy, grant.Id, BreakGlassOutcome.Justified, null));
    }

    [Fact]
    public async Task A_team_worklist_is_its_own_staff_s_and_the_spa_queue_the_coordinators()
    {
        await using var store = await TestStore.CreateAsync();
        await using var w = await WorldAsync(store);
        await ReferAsync(w);
        var reading = new ReferralReading(w.Db, new AuditWriter(w.Db, w.Clock), w.Clock);

        Assert.Single((await reading.WorklistAsync(UcrNurse, "UCR-ALL")).Rows);
        Assert.Single((await reading.WorklistAsync(Coordinator, "UCR-ALL")).Rows);
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => reading.WorklistAsync(OtherNurse, "UCR-ALL"));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => reading.WorklistAsync(UcrNurse, null));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => reading.WorklistAsync(Admin, "UCR-ALL"));
    }
}
