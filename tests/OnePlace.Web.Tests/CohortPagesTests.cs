using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.People;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>
/// The cohort builder and the case-finding MDT lists it makes, on a real analytical store refreshed from the test's
/// borough: counts with small numbers withheld, a list made for a team, its people shown with one audit row each, and
/// refusals with 403 and an audit row.
/// </summary>
public sealed class CohortPagesTests
{
    /// <summary>Severe frailty, two or more emergency admissions in 12 months, no care plan, in the North.</summary>
    private const string SevereFrailtyNorth = "/cohorts?run=1&locality=N&frailty=severe&minAdmissions=2&carePlan=none";

    private sealed record CaseFindingApp(OnePlaceApp App, TestAnalytics Analytics, SmallBorough.PersonPlan Margaret) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            Analytics.Dispose();
        }
    }

    private static async Task<CaseFindingApp> StartAsync()
    {
        var (borough, margaret) = TestBoroughs.CaseFinding();
        var analytics = new TestAnalytics();
        var app = await OnePlaceApp.StartAsync(borough, analytics.Settings);
        await using (var db = app.OpenStore())
        {
            await analytics.RefreshAsync(db);
        }

        return new CaseFindingApp(app, analytics, margaret);
    }

    private static Dictionary<string, string> Team(string code) => new() { ["Team"] = code };

    [Fact]
    public async Task An_analyst_counts_a_cohort_with_a_small_number_withheld_and_is_offered_no_list()
    {
        await using var run = await StartAsync();
        using var analyst = await run.App.SignedInAsync(StaffRoles.Analyst);

        var small = await analyst.GetPageAsync(SevereFrailtyNorth);
        var everyone = await analyst.GetPageAsync("/cohorts?run=1");
        var noOne = await analyst.GetPageAsync("/cohorts?run=1&locality=S&carePlan=has");

        Assert.Contains("data-count=\"withheld\">1 to 7<", small, StringComparison.Ordinal);
        Assert.Contains("The exact number is withheld when it is 7 or fewer", small, StringComparison.Ordinal);
        Assert.Contains("Person measures at 30 June 2025, for 3 living people.", small, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", small, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"make-list\"", small, StringComparison.Ordinal);
        Assert.Contains("data-count=\"withheld\"", everyone, StringComparison.Ordinal);
        Assert.Contains("data-count=\"0\">0<", noOne, StringComparison.Ordinal);
        Assert.Contains("No one matches these criteria.", noOne, StringComparison.Ordinal);
        await using var db = run.App.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.PersonId != null && a.Actor == analyst.Email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_team_manager_makes_the_cohort_their_team_s_mdt_list_and_sees_its_people_with_links_to_their_records()
    {
        await using var run = await StartAsync();
        var margaret = run.Margaret;
        using var manager = await run.App.SignedInToTeamAsync(StaffRoles.TeamManager, "DN-N");

        var counted = await manager.GetPageAsync(SevereFrailtyNorth);
        Assert.Contains("id=\"make-list\"", counted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"DN-N\">District Nursing North</option>", counted, StringComparison.Ordinal);
        var made = await manager.SubmitAsync(SevereFrailtyNorth, "make-list", Team("DN-N"));

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var location = made.Headers.Location!.PathAndQuery;
        Assert.Matches("^/mdt/lists/[0-9a-f-]{36}\\?made=1$", location);
        var html = await manager.GetPageAsync(location);
        Assert.Contains("MDT list made. People on it: 1", html, StringComparison.Ordinal);
        Assert.Contains("<h1>MDT list: District Nursing North</h1>", html, StringComparison.Ordinal);
        Assert.Contains("locality N; frailty severe; 2 or more emergency admissions in 12 months; no shared care plan", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/people/{margaret.Id}?reason=direct-care\">OAKES, Margaret</a>", html, StringComparison.Ordinal);
        Assert.Contains(PersonDetails.FormatNhsNumber(margaret.NhsNumber)!, html, StringComparison.Ordinal);
        Assert.Contains("Severe frailty (13 deficits)", html, StringComparison.Ordinal);
        Assert.Contains("data-admissions=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("data-segment=\"8\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("MOSS", html, StringComparison.Ordinal);
        Assert.DoesNotContain("FINCH", html, StringComparison.Ordinal);

        await using var db = run.App.OpenStore();
        var list = await db.CaseFindingLists.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("DN-N", "N", manager.Email, TestAnalytics.AsOf), (list.TeamCode, list.LocalityCode, list.CreatedBy, list.MeasuresAsOf));
        var relationship = await db.CareRelationships.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((margaret.Id, "DN-N", list.Id, (Guid?)null), (relationship.PersonId, relationship.TeamCode, relationship.CaseFindingListId, relationship.ReferralId));
        Assert.Equal([margaret.Id], await db.AuditLog.Where(a => a.Action == CaseFindingAuditAction.Added).Select(a => a.PersonId!.Value).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal([margaret.Id], await db.AuditLog.Where(a => a.Action == CaseFindingAuditAction.Listed).Select(a => a.PersonId!.Value).ToListAsync(TestContext.Current.CancellationToken));

        // The cohort page now lists the team's list; closing the list ends the relationship and hides its people.
        Assert.Contains($"href=\"/mdt/lists/{list.Id}\"", await manager.GetPageAsync("/cohorts"), StringComparison.Ordinal);
        var closed = await manager.SubmitAsync($"/mdt/lists/{list.Id}", "close-list", new Dictionary<string, string> { ["Reason"] = "Discussed at the MDT" });
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        var after = await manager.GetPageAsync(closed.Headers.Location!.PathAndQuery);
        Assert.Contains("The list is closed", after, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", after, StringComparison.Ordinal);
        await using var later = run.App.OpenStore();
        Assert.NotNull((await later.CareRelationships.SingleAsync(TestContext.Current.CancellationToken)).EndedAtUtc);
    }

    [Fact]
    public async Task Staff_of_another_team_are_refused_the_list_with_403_and_the_refusal_is_audited()
    {
        await using var run = await StartAsync();
        using var manager = await run.App.SignedInToTeamAsync(StaffRoles.TeamManager, "DN-N");
        var location = (await manager.SubmitAsync(SevereFrailtyNorth, "make-list", Team("DN-N"))).Headers.Location!.PathAndQuery;
        using var southNurse = await run.App.SignedInToTeamAsync(StaffRoles.Practitioner, "DN-S");

        var response = await southNurse.GetAsync(location);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("You cannot open this MDT list", body, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", body, StringComparison.Ordinal);
        await using var db = run.App.OpenStore();
        var denied = await db.AuditLog.SingleAsync(a => a.Action == AccessAuditAction.ViewDenied, TestContext.Current.CancellationToken);
        Assert.Equal(southNurse.Email, denied.Actor);
        Assert.StartsWith("attempted=case-finding.view", denied.Detail, StringComparison.Ordinal);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == CaseFindingAuditAction.Listed && a.Actor == southNurse.Email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_practitioner_of_a_team_in_another_locality_is_offered_no_list_and_a_forged_request_is_refused()
    {
        await using var run = await StartAsync();
        using var southNurse = await run.App.SignedInToTeamAsync(StaffRoles.Practitioner, "DN-S");

        var counted = await southNurse.GetPageAsync(SevereFrailtyNorth);
        var forged = await southNurse.PostWithTokenFromAsync("/cohorts", SevereFrailtyNorth, "make-list", Team("DN-N"));

        Assert.Contains("Your team does not serve this locality", counted, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"make-list\"", counted, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        await using var db = run.App.OpenStore();
        Assert.Equal(0, await db.CaseFindingLists.CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == southNurse.Email
                                                    && a.Detail!.StartsWith("attempted=case-finding.make"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_coordinator_may_neither_build_cohorts_nor_make_lists_and_each_attempt_is_audited()
    {
        await using var run = await StartAsync();
        using var coordinator = await run.App.SignedInAsync(StaffRoles.SpaCoordinator);

        var page = await coordinator.GetAsync(SevereFrailtyNorth);
        var forged = await coordinator.PostWithTokenFromAsync("/people", SevereFrailtyNorth, "make-list", Team("DN-N"));
        var home = await coordinator.GetPageAsync("/");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (page.StatusCode, forged.StatusCode));
        Assert.DoesNotContain("href=\"/cohorts\"", home, StringComparison.Ordinal);
        await using var db = run.App.OpenStore();
        var denied = await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == coordinator.Email)
            .Select(a => a.Detail!).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, denied.Count);
        Assert.Contains(denied, d => d.StartsWith("attempted=cohorts", StringComparison.Ordinal));
        Assert.Contains(denied, d => d.StartsWith("attempted=case-finding.make", StringComparison.Ordinal));
        Assert.Equal(0, await db.CaseFindingLists.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Criteria_that_are_not_numbers_are_named_in_an_error_summary_and_nothing_is_counted()
    {
        await using var run = await StartAsync();
        using var practitioner = await run.App.SignedInToTeamAsync(StaffRoles.Practitioner, "DN-N");

        var html = await practitioner.GetPageAsync("/cohorts?run=1&minAge=old&minAdmissions=-1&locality=X");

        Assert.Contains("<a href=\"#locality\">Choose a locality from the list</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#minimum-age\">Enter the minimum age as a whole number from 0 to 120</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#minimum-admissions\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cohort-count\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"old\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_person_measures_the_page_says_what_to_run_and_the_header_offers_it_to_analysts_and_practitioners()
    {
        using var analytics = new TestAnalytics();
        await using var app = await OnePlaceApp.StartAsync(TestBoroughs.CaseFinding().Borough, analytics.Settings);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        var html = await analyst.GetPageAsync("/cohorts?run=1&locality=N");

        Assert.Contains("The analytical store has no person measures yet. Ask for oneplace analytics refresh to be run", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cohort-form\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/cohorts\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/cohorts\"", await practitioner.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.False(File.Exists(analytics.FilePath));
    }
}
