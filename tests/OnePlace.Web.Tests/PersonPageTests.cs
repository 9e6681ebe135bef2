using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed partial class PersonPageTests
{
    [Fact]
    public async Task Person_page_shows_events_from_every_partner_that_knows_the_person()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.CareForAsync(app, margaret);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);

        var html = await browser.GetPageAsync($"/people/{margaret.Id}?reason=direct-care");

        var partnersInTimeline = TimelineRow().Matches(html).Select(m => m.Groups["partner"].Value).Distinct().ToList();
        Assert.True(partnersInTimeline.Count >= 3, $"Events from only {string.Join(", ", partnersInTimeline)}");
        Assert.Equal(Partner.All.Order(), partnersInTimeline.Order());
        foreach (var label in new[] { "GP practice", "Hospital", "Community health", "Adult social care", "Voluntary sector" })
        {
            Assert.Contains($">{label}</strong>", html, StringComparison.Ordinal);
        }

        Assert.Contains("Emergency admission", html, StringComparison.Ordinal);
        Assert.Contains("8 nights in hospital", html, StringComparison.Ordinal);
        Assert.Contains("Discharged to: Usual place of residence", html, StringComparison.Ordinal);
        Assert.Contains("10.5 hours a week", html, StringComparison.Ordinal);
        Assert.Contains("£3,950.00", html, StringComparison.Ordinal);
        Assert.Contains("Befriending", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_page_shows_the_details_and_the_timeline_newest_first()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.ReceiveAsync(app, margaret);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.GetPageAsync($"/people/{margaret.Id}?reason=direct-care");

        Assert.Contains("OAKES, Margaret", html, StringComparison.Ordinal);
        Assert.Contains($"{margaret.NhsNumber[..3]} {margaret.NhsNumber[3..6]} {margaret.NhsNumber[6..]}", html, StringComparison.Ordinal);
        Assert.Contains("12 April 1938", html, StringComparison.Ordinal);
        Assert.Contains("years old", html, StringComparison.Ordinal);
        Assert.Contains("Female", html, StringComparison.Ordinal);
        Assert.Contains("Pleck 1 (E01000001)", html, StringComparison.Ordinal);
        Assert.Contains("2 (1 is most deprived, 10 least)", html, StringComparison.Ordinal);
        Assert.Contains("North", html, StringComparison.Ordinal);
        Assert.Contains($"{SmallBorough.PracticeName} ({SmallBorough.PracticeCode})", html, StringComparison.Ordinal);
        Assert.Contains("White: British (A)", html, StringComparison.Ordinal);

        var types = TimelineRow().Matches(html).Select(m => m.Groups["type"].Value).ToList();
        Assert.Equal("vcs_contact", types[0]);
        Assert.Equal("gp_contact", types[^1]);
        Assert.Contains("All 8 events, newest first.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_person_writes_exactly_one_audit_row_naming_who_which_and_why()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.ReceiveAsync(app, margaret);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        var before = DateTime.UtcNow.AddSeconds(-1);

        await browser.GetPageAsync($"/people/{margaret.Id}?reason=safeguarding");

        await using var db = app.OpenStore();
        var row = Assert.Single(await db.AuditLog.Where(a => a.Action != AuditAction.SignIn && a.Actor == browser.Email).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(AuditAction.ViewPerson, row.Action);
        Assert.Equal(browser.Email, row.Actor);
        Assert.Equal(margaret.Id, row.PersonId);
        Assert.Equal(AccessReason.Safeguarding, row.Reason);
        Assert.InRange(row.OccurredAtUtc, before, DateTime.UtcNow.AddSeconds(1));
        Assert.DoesNotContain(margaret.NhsNumber, row.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_page_without_a_reason_asks_for_one_and_reads_nothing()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.GetPageAsync($"/people/{margaret.Id}");

        Assert.Contains("Why are you opening this record?", html, StringComparison.Ordinal);
        Assert.Contains("value=\"direct-care\" checked", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ViewPerson, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Analyst_gets_403_and_no_view_is_audited()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Analyst);

        var response = await browser.GetAsync($"/people/{margaret.Id}?reason=direct-care");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("You cannot open people&#x27;s records", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", html, StringComparison.Ordinal);
        Assert.DoesNotContain(margaret.NhsNumber[6..], html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ViewPerson, TestContext.Current.CancellationToken));
        var refused = Assert.Single(await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(margaret.Id, refused.PersonId);
    }

    [Theory]
    [InlineData(StaffRoles.FinanceLead)]
    [InlineData(StaffRoles.ProgrammeOffice)]
    public async Task Other_roles_without_direct_care_are_refused_too(string role)
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(role);

        var response = await browser.GetAsync($"/people/{margaret.Id}?reason=direct-care");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_long_timeline_shows_the_latest_fifty_with_a_link_to_show_all()
    {
        var borough = new SmallBorough();
        var busy = borough.Person("Arthur", "Busy", new DateOnly(1940, 6, 1))
            .KnownTo(Partner.Gp, [.. Enumerable.Range(0, 60).Select(i => SmallBorough.Event("gp_contact", new DateOnly(2024, 1, 1).AddDays(i * 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), code: "TEL"))]);
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.CareForAsync(app, busy);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);

        var first = await browser.GetPageAsync($"/people/{busy.Id}?reason=direct-care");
        var all = await browser.GetPageAsync($"/people/{busy.Id}?reason=direct-care&all=true");

        Assert.Equal(50, TimelineRow().Count(first));
        Assert.Contains("The latest 50 of 60 events", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{busy.Id}?reason=direct-care&amp;all=true#timeline\"", first, StringComparison.Ordinal);
        Assert.Equal(60, TimelineRow().Count(all));
    }

    [Fact]
    public async Task An_unknown_person_id_is_not_found_and_nothing_is_audited()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var response = await browser.GetAsync($"/people/{Guid.NewGuid()}?reason=direct-care");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ViewPerson, TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("data-partner=\"(?<partner>[a-z]+)\" data-event-type=\"(?<type>[a-z_]+)\"")]
    private static partial Regex TimelineRow();
}
