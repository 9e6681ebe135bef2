using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Web.Tests;

public sealed partial class PersonIndexPagesTests
{
    [Fact]
    public async Task Person_page_lists_each_record_held_and_why_it_is_in_this_person()
    {
        var (borough, william, _) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await TestReferrals.CareForAsync(app, william);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);

        var html = await browser.GetPageAsync($"/people/{william.Id}?reason=direct-care");

        Assert.Contains("<th scope=\"col\" class=\"nhsuk-table__header\">Why it is in this record</th>", html, StringComparison.Ordinal);
        Assert.Matches("data-link=\"nhs_number\">\\s*<span[^>]*>[^<]*</span>\\s*<span>Same NHS number</span>", html);
        Assert.Contains("Details match (more than 99.9% probability) through GP practice record GP-00001", html, StringComparison.Ordinal);
        Assert.Contains("How this link was scored", html, StringComparison.Ordinal);
        var explanation = ExplanationRow().Matches(html).ToDictionary(m => m.Groups["field"].Value, m => (WebUtility.HtmlDecode(m.Groups["level"].Value), WebUtility.HtmlDecode(m.Groups["weight"].Value)));
        Assert.Equal(("A known short form or nickname", "+3.53"), explanation["given_name"]);
        Assert.Equal(("Same postcode sector", "\u22120.77"), explanation["postcode"]);
        Assert.Contains("HARTLEY, Bill", html, StringComparison.Ordinal); // the name as the council holds it
    }

    [Fact]
    public async Task A_steward_sees_each_uncertain_pair_side_by_side_with_its_explanation_and_every_person_shown_is_audited()
    {
        var (borough, william, wHartley) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.DataSteward);

        var html = await browser.GetPageAsync("/person-index/review");

        Assert.Contains("<h1>Review links</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Possible match: 75.4%", html, StringComparison.Ordinal);
        Assert.Contains("HARTLEY, William", html, StringComparison.Ordinal);
        Assert.Contains("HARTLEY, W", html, StringComparison.Ordinal);
        Assert.Contains("Initial only", html, StringComparison.Ordinal);
        Assert.Contains("Within a year", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Decision.Reason\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{william.Id}?reason=data-quality\"", html, StringComparison.Ordinal);

        await using var db = app.OpenStore();
        var listed = await db.AuditLog.Where(a => a.Action == AuditAction.ListPerson).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { william.Id, wHartley.Id }.Order(), listed.Select(a => a.PersonId!.Value).Order());
        Assert.All(listed, a => Assert.Equal((browser.Email, AccessReason.DataQuality), (a.Actor, a.Reason)));
    }

    [Theory]
    [InlineData("/person-index/review", "review-queue")]
    [InlineData("/person-index/merges", "merge-history")]
    public async Task Staff_who_are_not_data_stewards_are_refused_and_the_refusal_is_audited(string path, string attempted)
    {
        var (borough, _, _) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Only data stewards can do this", html, StringComparison.Ordinal);
        Assert.DoesNotContain("HARTLEY", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        var refused = Assert.Single(await db.AuditLog.Where(a => a.Action == AccessAuditAction.ViewDenied).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(browser.Email, refused.Actor);
        Assert.Contains($"attempted={attempted}", refused.Detail, StringComparison.Ordinal);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ListPerson, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_steward_who_decides_a_match_merges_the_two_people_and_finds_the_merge_in_the_history()
    {
        var (borough, william, wHartley) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.DataSteward);
        var pairId = await OpenPairAsync(app);

        var response = await browser.SubmitAsync("/person-index/review", $"decide-{pairId}", Decision(pairId, "match", "Voluntary service confirmed his date of birth"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/person-index/review?saved=match&merge=", LocalPath(response), StringComparison.Ordinal);
        var after = await browser.GetPageAsync(LocalPath(response));
        Assert.Contains("Saved: the same person.", after, StringComparison.Ordinal);
        Assert.Contains("There are no pairs to review.", after, StringComparison.Ordinal);

        await using (var db = app.OpenStore())
        {
            Assert.Equal(william.Id, (await db.People.SingleAsync(p => p.Id == wHartley.Id, TestContext.Current.CancellationToken)).MergedIntoId);
            Assert.True(await db.Events.AnyAsync(e => e.PersonId == william.Id && e.Partner == Partner.Voluntary, TestContext.Current.CancellationToken));
            Assert.True((await db.LinkDecisions.SingleAsync(TestContext.Current.CancellationToken)).IsMatch);
        }

        var history = await browser.GetPageAsync("/person-index/merges");
        Assert.Contains("Voluntary service confirmed his date of birth", history, StringComparison.Ordinal);
        Assert.Contains("from the review queue", history, StringComparison.Ordinal);
        Assert.Contains("Undo merge", history, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_without_a_reason_is_shown_as_an_error_next_to_the_pair_and_changes_nothing()
    {
        var (borough, _, _) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.DataSteward);
        var pairId = await OpenPairAsync(app);

        var response = await browser.SubmitAsync("/person-index/review", $"decide-{pairId}", Decision(pairId, "not-a-match", ""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#reason-{pairId}\">Enter why you decided this</a>", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"outcome-{pairId}-not-a-match\" name=\"Decision.Outcome\" type=\"radio\" value=\"not-a-match\" checked", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.LinkDecisions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.LinkReviewPairs.AnyAsync(p => p.Id == pairId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_practitioner_posting_a_decision_is_refused_and_nothing_changes()
    {
        var (borough, _, _) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var steward = await app.SignedInAsync(StaffRoles.DataSteward);
        var pairId = await OpenPairAsync(app);
        var form = await steward.GetPageAsync("/person-index/review");
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        // The practitioner cannot load the form, so they post one with a token of their own from another page.
        var response = await practitioner.PostWithTokenFromAsync("/people", "/person-index/review", $"decide-{pairId}", Decision(pairId, "match", "looks right"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("decide-", form, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.LinkDecisions.AnyAsync(TestContext.Current.CancellationToken));
        Assert.Contains("attempted=decide-link", (await db.AuditLog.SingleAsync(a => a.Action == AccessAuditAction.ViewDenied, TestContext.Current.CancellationToken)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undoing_a_merge_from_the_history_puts_both_people_back_and_is_audited()
    {
        var (borough, william, wHartley) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.DataSteward);
        var mergeId = await MergeAsync(app, william.Id, wHartley.Id);

        var response = await browser.SubmitAsync("/person-index/merges", $"undo-{mergeId}",
            new Dictionary<string, string> { ["Undo.MergeId"] = mergeId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Undo.Reason"] = "Different men" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var history = await browser.GetPageAsync(LocalPath(response));
        Assert.Contains("The merge has been undone", history, StringComparison.Ordinal);
        Assert.Contains("data-undone=\"true\"", history, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Null((await db.People.SingleAsync(p => p.Id == wHartley.Id, TestContext.Current.CancellationToken)).MergedIntoId);
        Assert.True(await db.Events.AnyAsync(e => e.PersonId == wHartley.Id && e.Partner == Partner.Voluntary, TestContext.Current.CancellationToken));
        var unmerged = await db.AuditLog.Where(a => a.Action == AuditAction.UnmergePeople).Select(a => a.PersonId!.Value).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { william.Id, wHartley.Id }.Order(), unmerged.Order());
        var listed = await db.AuditLog.Where(a => a.Action == AuditAction.ListPerson && a.Detail == "shown in the merge history")
            .Select(a => a.PersonId!.Value).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { william.Id, wHartley.Id }.Order(), listed.Order());
    }

    [Fact]
    public async Task Opening_a_merged_persons_page_leads_to_the_survivor()
    {
        var (borough, william, wHartley) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await MergeAsync(app, william.Id, wHartley.Id);
        await TestReferrals.CareForAsync(app, william);
        using var browser = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);

        var response = await browser.GetAsync($"/people/{wHartley.Id}?reason=direct-care");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/people/{william.Id}?reason=direct-care", LocalPath(response));
        var survivor = await browser.GetPageAsync($"/people/{william.Id}?reason=direct-care");
        Assert.Contains("Moved here when a data steward merged two people", survivor, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.ViewPerson && a.PersonId == wHartley.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Only_data_stewards_see_the_review_link_in_the_header()
    {
        var (borough, _, _) = TestBoroughs.PersonIndex();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var steward = await app.SignedInAsync(StaffRoles.DataSteward);
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        Assert.Contains("href=\"/person-index/review\"", await steward.GetPageAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/person-index/review\"", await practitioner.GetPageAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>Where a redirect leads, as a path on this site.</summary>
    private static string LocalPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private static Dictionary<string, string> Decision(long pairId, string outcome, string reason) => new()
    {
        ["Decision.PairId"] = pairId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Decision.Outcome"] = outcome,
        ["Decision.Reason"] = reason,
    };

    private static async Task<long> OpenPairAsync(OnePlaceApp app)
    {
        await using var db = app.OpenStore();
        return await db.LinkReviewPairs.Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Merges through the Core use case, as a data steward would from the review queue.</summary>
    private static async Task<long> MergeAsync(OnePlaceApp app, Guid survivor, Guid merged)
    {
        await using var db = app.OpenStore();
        var audit = new AuditWriter(db, TimeProvider.System);
        var steward = new StaffActor("steward", "arranged-steward@partnership.test", [StaffRoles.DataSteward]);
        var outcome = await new MergePeople(db, audit, TimeProvider.System).MergeAsync(steward, survivor, merged, "Arranged for the test");
        return outcome.MergeId;
    }

    [GeneratedRegex("<tr class=\"nhsuk-table__row\" data-field=\"(?<field>[a-z_]+)\">\\s*<td[^>]*>[^<]*</td>\\s*<td[^>]*>(?<level>[^<]*)</td>\\s*<td[^>]*>(?<weight>[^<]*)</td>")]
    private static partial Regex ExplanationRow();
}
