using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Privacy;

/// <summary>The privacy officer's reading of the audit log: one rule, filters, keyset pages, and every reading audited.</summary>
public sealed class AuditReviewTests
{
    private static readonly StaffActor Officer = new("po-1", "privacy@partnership.test", [StaffRoles.PrivacyOfficer]);
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private static ReviewAuditLog Review(OnePlaceDb db) => new(db, new AuditWriter(db, new FixedClock(Now)));

    private static Task<List<AuditEntry>> RowsByAsync(OnePlaceDb db, string actor) =>
        db.AuditLog.AsNoTracking().Where(a => a.Actor == actor).OrderBy(a => a.Id).ToListAsync();

    [Theory]
    [InlineData(StaffRoles.PrivacyOfficer, true)]
    [InlineData(StaffRoles.Administrator, false)]
    [InlineData(StaffRoles.DataSteward, false)]
    [InlineData(StaffRoles.Practitioner, false)]
    [InlineData(StaffRoles.ReferralClient, false)]
    public void Only_a_privacy_officer_may_review_the_audit_log(string role, bool may) =>
        Assert.Equal(may, AuditReview.MayReview(new StaffActor("x", "x", [role])));

    [Fact]
    public async Task Anyone_else_is_refused_every_reading_and_each_refusal_is_audited_with_nothing_shown()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);
        var nurse = new StaffActor("n", AuditScenario.Nurse, [StaffRoles.Practitioner]);

        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Review(db).SearchAsync(nurse, new AuditLogFilter()));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Review(db).ExportAsync(nurse, new AuditLogFilter(), "csv"));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Review(db).FindByNhsNumberAsync(nurse, AuditScenario.AdaNhsNumber));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() => Review(db).VerifyChainAsync(nurse));
        await Assert.ThrowsAsync<PersonAccessDeniedException>(() =>
            new ReadPersonAccesses(db, new AuditWriter(db, new FixedClock(Now))).ReadAsync(nurse, scenario.Ada, "view"));

        var refusals = (await RowsByAsync(db, AuditScenario.Nurse)).Skip(5).ToList();
        Assert.Equal(["audit-search", "audit-export", "person-lookup", "audit-verify", "access-history"],
            refusals.Select(r => r.Detail!.Split(';')[0]["attempted=".Length..]));
        Assert.All(refusals, r => Assert.Equal((AccessAuditAction.ViewDenied, AccessReason.AuditReview), (r.Action, r.Reason)));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("audit.")));
    }

    [Fact]
    public async Task Rows_come_newest_first_in_keyset_pages_with_who_the_actor_is_and_every_page_is_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);

        var first = await Review(db).SearchAsync(Officer, new AuditLogFilter(), pageSize: 5);
        var second = await Review(db).SearchAsync(Officer, new AuditLogFilter(), first.NextBefore, pageSize: 5);
        var third = await Review(db).SearchAsync(Officer, new AuditLogFilter(), second.NextBefore, pageSize: 5);

        var ids = first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.Id).ToList();
        Assert.Equal(AuditScenario.Rows, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Null(third.NextBefore);
        var view = first.Rows.Concat(second.Rows).Single(r => r.Action == AuditAction.ViewPerson);
        Assert.Equal(("Nora Nurse", "Northside Community Trust", StaffRoles.Practitioner), (view.Who!.DisplayName, view.Who.Organisation, Assert.Single(view.Who.Roles)));
        var byClient = second.Rows.Concat(third.Rows).Single(r => r.Action == ReferralAuditAction.Create);
        Assert.Equal(("Riverside GP system", "Riverside Surgery", true), (byClient.Who!.DisplayName, byClient.Who.Organisation, byClient.Who.IsClientSystem));
        Assert.Null(third.Rows.Single(r => r.Action == AuditAction.Import).Who);

        // Each page: one row for the search, and one per person whose rows it showed.
        var review = await RowsByAsync(db, Officer.AuditName);
        Assert.Equal(["purpose=view; fields=; rows=5", "purpose=view; fields=; rows=5", "purpose=view; fields=; rows=2"],
            review.Where(r => r.Action == AuditReviewAction.Searched).Select(r => r.Detail));
        var shown = first.Rows.Select(r => r.PersonId).Concat(second.Rows.Select(r => r.PersonId)).Concat(third.Rows.Select(r => r.PersonId));
        Assert.Equal(
            new[] { first.Rows, second.Rows, third.Rows }.Sum(page => page.Select(r => r.PersonId).OfType<Guid>().Distinct().Count()),
            review.Count(r => r.Action == AuditReviewAction.PersonReviewed));
        Assert.Equal(shown.OfType<Guid>().Distinct().Order(), review.Where(r => r.PersonId is not null).Select(r => r.PersonId!.Value).Distinct().Order());
        Assert.Contains(scenario.Ben, shown);
        Assert.All(review, r => Assert.Equal(AccessReason.AuditReview, r.Reason));
    }

    [Fact]
    public async Task Filters_by_member_of_staff_person_action_reason_and_days_and_the_audit_row_names_the_filters_not_their_values()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);

        var bensRows = await Review(db).SearchAsync(Officer, new AuditLogFilter(PersonId: scenario.Ben));
        var byNurse = await Review(db).SearchAsync(Officer, new AuditLogFilter(Actor: AuditScenario.Nurse));
        var views = await Review(db).SearchAsync(Officer, new AuditLogFilter(Action: AuditAction.ViewPerson));
        var triage = await Review(db).SearchAsync(Officer, new AuditLogFilter(Reason: AccessReason.ReferralTriage));
        var days = await Review(db).SearchAsync(Officer, new AuditLogFilter(From: new DateOnly(2026, 1, 7), To: new DateOnly(2026, 1, 8)));

        Assert.Equal(5, byNurse.Rows.Count);
        Assert.All(byNurse.Rows, r => Assert.Equal(AuditScenario.Nurse, r.Actor));
        Assert.Equal([AccessAuditAction.ViewDenied, ReferralAuditAction.View], bensRows.Rows.Select(r => r.Action));
        Assert.Equal("NEVIS, Ben", bensRows.PersonName);
        Assert.Equal(scenario.Ada, Assert.Single(views.Rows).PersonId);
        Assert.Equal(ReferralAuditAction.Create, Assert.Single(triage.Rows).Action);
        Assert.Equal([ReferralAuditAction.View, ReferralAuditAction.Change, ReferralAuditAction.Create], days.Rows.Select(r => r.Action));

        var searches = (await RowsByAsync(db, Officer.AuditName)).Where(r => r.Action == AuditReviewAction.Searched).Select(r => r.Detail).ToList();
        Assert.Equal(["purpose=view; fields=person; rows=2", "purpose=view; fields=actor; rows=5", "purpose=view; fields=action; rows=1",
            "purpose=view; fields=reason; rows=1", "purpose=view; fields=from,to; rows=3"], searches);
        Assert.DoesNotContain(searches, d => d!.Contains(AuditScenario.Nurse, StringComparison.Ordinal) || d.Contains(scenario.Ben.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resolving_an_NHS_number_is_a_read_of_the_person_and_is_audited_and_a_bad_number_is_refused_without_a_lookup()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);

        var found = await Review(db).FindByNhsNumberAsync(Officer, AuditScenario.AdaNhsNumber[..3] + " " + AuditScenario.AdaNhsNumber[3..]);
        var nobody = await Review(db).FindByNhsNumberAsync(Officer, TestNhsNumbers.Number(43));
        var bad = await Review(db).FindByNhsNumberAsync(Officer, "12345");

        Assert.Equal([scenario.Ada], found.People);
        Assert.Empty(nobody.People);
        Assert.NotNull(bad.Problem);
        var lookups = await RowsByAsync(db, Officer.AuditName);
        Assert.Equal([(AuditReviewAction.PersonLookedUp, (Guid?)scenario.Ada), (AuditReviewAction.PersonLookedUp, null)], lookups.Select(r => (r.Action, r.PersonId)));
        Assert.DoesNotContain(lookups, r => r.Detail!.Contains(AuditScenario.AdaNhsNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Who_has_looked_at_a_record_leaves_out_the_records_arriving_groups_by_who_and_keeps_unknown_actions()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);

        var history = await new ReadPersonAccesses(db, new AuditWriter(db, new FixedClock(Now))).ReadAsync(Officer, scenario.Ada, "view");

        Assert.NotNull(history);
        Assert.Equal(("Ada", "Lovelace", AuditScenario.AdaNhsNumber), (history.GivenName, history.FamilyName, history.NhsNumber));
        Assert.Equal([AuditScenario.Coordinator, ApiClientRegistry(), AuditScenario.Nurse], history.ByWho.Select(g => g.Actor));
        Assert.Equal(["person.some_future_action", "person.break_glass", ReferralAuditAction.Change], history.ByWho[0].Accesses.Select(a => a.Action));
        Assert.Equal([AuditAction.ViewPerson, AuditAction.ListPerson], history.ByWho[2].Accesses.Select(a => a.Action));
        Assert.Equal("Sam Coordinator", history.ByWho[0].Who!.DisplayName);
        Assert.Equal(6, history.Total);
        var read = Assert.Single(await RowsByAsync(db, Officer.AuditName));
        Assert.Equal((AuditReviewAction.AccessHistory, (Guid?)scenario.Ada, "purpose=view; accesses=6; by=3"), (read.Action, read.PersonId, read.Detail));
        Assert.Null(await new ReadPersonAccesses(db, new AuditWriter(db, new FixedClock(Now))).ReadAsync(Officer, Guid.NewGuid(), "view"));

        static string ApiClientRegistry() => OnePlace.Core.ApiClients.ApiClientRegistry.ActorName(AuditScenario.ClientId);
    }

    [Fact]
    public async Task An_export_holds_every_matching_row_oldest_first_and_audits_each_person_in_it()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        var scenario = await AuditScenario.SeedAsync(db);

        var rows = await Review(db).ExportAsync(Officer, new AuditLogFilter(From: new DateOnly(2026, 1, 6)), "csv");

        Assert.Equal(AuditScenario.Rows - 2, rows.Count);
        Assert.Equal(rows.Select(r => r.Id).Order(), rows.Select(r => r.Id));
        var review = await RowsByAsync(db, Officer.AuditName);
        Assert.Equal("purpose=export:csv; fields=from; rows=10", Assert.Single(review, r => r.Action == AuditReviewAction.Searched).Detail);
        Assert.Equal(new[] { scenario.Ada, scenario.Ben }.Order(),
            review.Where(r => r.Action == AuditReviewAction.PersonReviewed).Select(r => r.PersonId!.Value).Order());
    }

    [Fact]
    public async Task Checking_the_chain_on_request_reports_the_head_and_is_itself_audited()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await AuditScenario.SeedAsync(db);

        var report = await Review(db).VerifyChainAsync(Officer);

        Assert.True(report.IsIntact);
        Assert.Equal(AuditScenario.Rows, report.RowsChecked);
        var row = Assert.Single(await RowsByAsync(db, Officer.AuditName));
        Assert.Equal($"rows_checked={AuditScenario.Rows}; head={report.HeadId}; intact=true", row.Detail);
        Assert.True((await new VerifyAuditChain(db).RunAsync()).IsIntact);
    }
}
