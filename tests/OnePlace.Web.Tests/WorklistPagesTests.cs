using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed partial class WorklistPagesTests
{
    [Fact]
    public async Task A_referral_received_appears_on_its_teams_worklist_with_the_time_left_on_its_clock()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL");

        // No team chosen: the worklist is the signed-in practitioner's own team's.
        var html = await browser.GetPageAsync("/worklists");

        Assert.Contains("<h1>Urgent Community Response (borough)</h1>", html, StringComparison.Ordinal);
        var row = Row(html, referral.Reference);
        Assert.Contains($"<a href=\"/referrals/{referral.Id}\">{referral.Reference}</a>", row, StringComparison.Ordinal);
        Assert.Contains("OAKES, Margaret", row, StringComparison.Ordinal);
        Assert.Contains("Fall", row, StringComparison.Ordinal);
        Assert.Contains("2-hour crisis response", row, StringComparison.Ordinal);
        Assert.Contains("Awaiting acceptance", row, StringComparison.Ordinal);
        Assert.Matches(@"Due in 1 h \d\d min", row);
        Assert.Contains("data-count=\"total\">1<", html, StringComparison.Ordinal);
        Assert.Contains("data-count=\"breached\">0<", html, StringComparison.Ordinal);

        await using var db = app.OpenStore();
        var listed = Assert.Single(await db.AuditLog.Where(a => a.Action == ReferralAuditAction.Listed).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal((browser.Email, margaret.Id), (listed.Actor, listed.PersonId));
    }

    [Fact]
    public async Task A_referral_past_its_two_hours_is_flagged_as_breached_in_words_and_by_a_tag_and_counted()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        await TestReferrals.AgeAsync(app, referral.Id, TimeSpan.FromMinutes(140));
        using var browser = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");

        var html = await browser.GetPageAsync("/worklists?team=UCR-ALL");

        var row = Row(html, referral.Reference);
        Assert.Matches(@"Breached (19|2\d) min ago", row);
        Assert.Contains("<strong class=\"nhsuk-tag nhsuk-tag--red oneplace-clock-tag\">Breached</strong>", row, StringComparison.Ordinal);
        Assert.Contains("data-breached=\"true\"", row, StringComparison.Ordinal);
        Assert.Contains("data-count=\"breached\">1<", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Escalated<", row, StringComparison.Ordinal);

        // Once the breach watch has escalated it to the team's managers, the row says so too.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<WatchClocks>().RunAsync(TestContext.Current.CancellationToken));
        }

        var escalated = Row(await browser.GetPageAsync("/worklists?team=UCR-ALL"), referral.Reference);
        Assert.Contains("<strong class=\"nhsuk-tag nhsuk-tag--purple oneplace-clock-tag\">Escalated</strong>", escalated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_for_someone_still_in_hospital_waits_with_its_clock_paused_until_the_team_restarts_it()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret, setting: CareSetting.Hospital);
        using var manager = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");

        var row = Row(await manager.GetPageAsync("/worklists"), referral.Reference);
        var page = await manager.GetPageAsync($"/referrals/{referral.Id}");

        Assert.Contains("data-clock=\"paused\">Paused</span>", row, StringComparison.Ordinal);
        Assert.Contains("In hospital: the clock starts at discharge", page, StringComparison.Ordinal);
        Assert.Contains("id=\"action-resume\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-pause\"", page, StringComparison.Ordinal);

        var resumed = await manager.SubmitAsync($"/referrals/{referral.Id}", "act-resume", ReferralPageTests.Change(1, "resume"));

        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Matches(@"Due in 1 h \d\d min", Row(await manager.GetPageAsync("/worklists"), referral.Reference));
    }

    [Fact]
    public async Task Worklists_speak_Welsh_to_those_who_choose_it()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL");
        await browser.GetAsync("/language/cy-GB?returnUrl=%2Fworklists");

        var html = await browser.GetPageAsync("/worklists");

        Assert.Contains("<span class=\"nhsuk-caption-l\">Rhestr waith y tîm</span>", html, StringComparison.Ordinal);
        var row = Row(html, referral.Reference);
        Assert.Contains("Cwymp", row, StringComparison.Ordinal);
        Assert.Contains("Yn aros i gael ei dderbyn", row, StringComparison.Ordinal);
        Assert.Matches(@"Yn ddyledus ymhen 1 awr \d\d mun", row);
    }

    [Fact]
    public async Task A_referral_with_less_than_a_quarter_of_its_clock_left_is_flagged_at_risk()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        await TestReferrals.AgeAsync(app, referral.Id, TimeSpan.FromMinutes(100));
        using var browser = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");

        var html = await browser.GetPageAsync("/worklists?team=UCR-ALL");

        var row = Row(html, referral.Reference);
        Assert.Matches(@"Due in 1\d min", row);
        Assert.Contains("<strong class=\"nhsuk-tag nhsuk-tag--orange oneplace-clock-tag\">At risk</strong>", row, StringComparison.Ordinal);
        Assert.Contains("data-count=\"at-risk\">1<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_a_direct_care_role_are_refused_the_worklists_and_the_refusal_is_audited()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.ReceiveAsync(app, margaret);
        using var browser = await app.SignedInAsync(StaffRoles.Analyst);

        var response = await browser.GetAsync("/worklists?team=UCR-ALL");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("OAKES", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == browser.Email, TestContext.Current.CancellationToken));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == ReferralAuditAction.Listed, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_header_offers_the_referral_pages_to_direct_care_staff_and_only_the_two_hour_standard_to_analysts()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var practitionerHome = await practitioner.GetPageAsync("/");
        var analystHome = await analyst.GetPageAsync("/");

        foreach (var link in new[] { "href=\"/worklists\"", "href=\"/spa-queue\"", "href=\"/mdt\"", "href=\"/referrals/performance\"" })
        {
            Assert.Contains(link, practitionerHome, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("href=\"/worklists\"", analystHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/referrals/performance\"", analystHome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_referral_returns_to_the_spa_queue_with_the_reason_shown_and_a_coordinator_routes_it_again()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        using var manager = await app.SignedInToTeamAsync(StaffRoles.TeamManager, "UCR-ALL");

        var rejected = await manager.SubmitAsync($"/referrals/{referral.Id}", "act-reject", ReferralPageTests.Change(referral.Version, "reject", ("Reason", "No capacity tonight: every car is out")));
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        using var coordinator = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        var queue = await coordinator.GetPageAsync("/spa-queue");
        Assert.Contains($"data-referral=\"{referral.Reference}\"", queue, StringComparison.Ordinal);
        Assert.Contains("Returned by UCR-ALL: No capacity tonight: every car is out", queue, StringComparison.Ordinal);

        var routed = await coordinator.SubmitAsync("/spa-queue", $"queue-route-{referral.Id:N}", new Dictionary<string, string>
        {
            ["Change.ReferralId"] = referral.Id.ToString(),
            ["Change.Version"] = "2",
            ["Change.Action"] = "route",
            ["Change.TeamCode"] = "REA-N",
        });

        Assert.Equal(HttpStatusCode.Redirect, routed.StatusCode);
        var after = await coordinator.GetPageAsync(LocalPath(routed));
        Assert.Contains($"{referral.Reference} has been sent to the team", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-referral=\"{referral.Reference}\"", after, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        var stored = await db.Referrals.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((ReferralStatus.AwaitingAcceptance, "REA-N", (string?)null), (stored.Status, stored.TeamCode, stored.QueueReason));
        Assert.Equal(["received", "triaged", "routed", "rejected", "routed"], await db.ReferralEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_coordinator_who_declines_without_a_reason_is_told_on_the_queue_and_nothing_changes()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        // A care home review for someone at home matches no triage rule: the SPA coordinator decides.
        var referral = await TestReferrals.ReceiveAsync(app, margaret, ReferralNeed.CareHomeReview);
        Assert.Equal(ReferralStatus.SpaQueue, referral.Status);
        using var coordinator = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await coordinator.SubmitAsync("/spa-queue", $"queue-decline-{referral.Id:N}", new Dictionary<string, string>
        {
            ["Change.ReferralId"] = referral.Id.ToString(),
            ["Change.Version"] = "1",
            ["Change.Action"] = "decline",
            ["Change.Reason"] = " ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"<li><a href=\"#decline-reason-{referral.Id:N}\">Enter why the referral is declined</a></li>", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(ReferralStatus.SpaQueue, (await db.Referrals.SingleAsync(TestContext.Current.CancellationToken)).Status);
    }

    [Fact]
    public async Task The_mdt_list_shows_the_people_with_open_referrals_in_a_locality_and_audits_each_one()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        var young = borough.Person("Sophie", "Lane", new DateOnly(1990, 6, 1));
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.ReceiveAsync(app, margaret);
        await TestReferrals.ReceiveAsync(app, young);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, "UCR-ALL");

        var everyone = await browser.GetPageAsync("/mdt?locality=N");
        var older = await browser.GetPageAsync("/mdt?locality=N&focus=Aged75OrOver");
        var concerns = await browser.GetPageAsync("/mdt?locality=N&focus=ClockBreachedOrAtRisk");
        var south = await browser.GetPageAsync("/mdt?locality=S");

        Assert.Contains($"data-person=\"{margaret.Id}\"", everyone, StringComparison.Ordinal);
        Assert.Contains("OAKES, Margaret", everyone, StringComparison.Ordinal);
        Assert.Contains("LANE, Sophie", everyone, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/referrals/{referral.Id}\">{referral.Reference}</a>", everyone, StringComparison.Ordinal);
        Assert.Contains("People in North: 2", everyone, StringComparison.Ordinal);
        Assert.Contains("OAKES, Margaret", older, StringComparison.Ordinal);
        Assert.DoesNotContain("LANE", older, StringComparison.Ordinal);
        // Fresh 2-hour referrals are neither breached nor at risk, and both live in the north.
        Assert.DoesNotContain("OAKES", concerns, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", south, StringComparison.Ordinal);

        await using var db = app.OpenStore();
        var listed = await db.AuditLog.Where(a => a.Action == ReferralAuditAction.Listed && a.Detail!.StartsWith("mdt=")).ToListAsync(TestContext.Current.CancellationToken);
        // Everyone shown, once per list shown: both on the first, Margaret alone on the second.
        Assert.Equal([margaret.Id, margaret.Id, young.Id], listed.Select(a => a.PersonId!.Value).OrderBy(id => id == young.Id));
        Assert.All(listed, a => Assert.Equal(browser.Email, a.Actor));
    }

    [Fact]
    public async Task The_two_hour_standard_page_shows_the_share_seen_in_time_with_its_interval_against_seventy_percent()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        var john = borough.Person("John", "Hardy", new DateOnly(1940, 2, 3), sex: "M");
        await using var app = await OnePlaceApp.StartAsync(borough);
        var seen = await TestReferrals.ReceiveAsync(app, margaret);
        await TestReferrals.ChangeAsync(app, seen, new ReferralChange(ReferralAction.Accept), new ReferralChange(ReferralAction.RecordFirstContact));
        var unseen = await TestReferrals.ReceiveAsync(app, john);
        await TestReferrals.AgeAsync(app, unseen.Id, TimeSpan.FromHours(3));
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var html = await analyst.GetPageAsync("/referrals/performance");

        var (lower, upper) = ResponseStandardResult.Wilson(1, 2, 1.959963984540054);
        var overall = RowOf(html, "data-team=\"overall\"");
        Assert.Equal("50.0%", Cell(overall, "share"));
        Assert.Contains($"{lower.ToString("0.0%", CultureInfo.GetCultureInfo("en-GB"))} – {upper.ToString("0.0%", CultureInfo.GetCultureInfo("en-GB"))}", overall, StringComparison.Ordinal);
        Assert.Equal(("1", "0", "1"), (Cell(overall, "in-time"), Cell(overall, "late"), Cell(overall, "unseen")));
        Assert.Contains(">Below</strong>", overall, StringComparison.Ordinal);
        Assert.Equal("50.0%", Cell(RowOf(html, "data-team=\"UCR-ALL\""), "share"));
        Assert.Contains("against the national threshold of 70.0%", html, StringComparison.Ordinal);
    }

    internal static string Row(string html, string reference)
    {
        var match = Regex.Match(html, $"<tr[^>]*data-referral=\"{Regex.Escape(reference)}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row for {reference}");
        return match.Value;
    }

    private static string RowOf(string html, string marker)
    {
        var match = Regex.Match(html, $"<tr[^>]*{Regex.Escape(marker)}.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row with {marker}");
        return match.Value;
    }

    /// <summary>What a cell of a responsive table shows, after the heading it repeats for narrow screens.</summary>
    private static string Cell(string row, string name)
    {
        var match = Regex.Match(row, $"data-cell=\"{name}\"><span[^>]*>[^<]*</span>([^<]*)</td>");
        Assert.True(match.Success, $"no {name} cell in {row}");
        return match.Groups[1].Value;
    }

    internal static string LocalPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
}
