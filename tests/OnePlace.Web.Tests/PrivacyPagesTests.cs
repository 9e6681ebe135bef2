using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>The privacy officer's pages: the audit viewer, who has looked at a record, and the opt-out list upload.</summary>
public sealed class PrivacyPagesTests
{
    private static async Task<(OnePlaceApp App, AuditScenario Scenario)> StartAsync()
    {
        var app = await OnePlaceApp.StartAsync();
        await using var db = app.OpenStore();
        return (app, await AuditScenario.SeedAsync(db));
    }

    private static string LocalPath(HttpResponseMessage response) =>
        response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;

    [Fact]
    public async Task A_privacy_officer_reads_the_log_newest_first_with_who_each_actor_is_and_the_reading_is_audited()
    {
        var (app, scenario) = await StartAsync();
        await using var _ = app;
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var html = await officer.GetPageAsync("/privacy/audit");

        Assert.Contains("<h1>Audit log</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy\"", html, StringComparison.Ordinal); // the header's Privacy link
        Assert.Contains("Nora Nurse (nurse@partnership.test)", html, StringComparison.Ordinal);
        Assert.Contains("Practitioner, Northside Community Trust", html, StringComparison.Ordinal);
        Assert.Contains("Riverside GP system (client:gp-system)", html, StringComparison.Ordinal);
        Assert.Contains("Opened the record in an emergency, without a care relationship (break-glass)", html, StringComparison.Ordinal);
        Assert.Contains("Other action (person.some_future_action)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Lovelace", html, StringComparison.OrdinalIgnoreCase); // names only where needed
        Assert.True(html.IndexOf("data-action=\"staff.sign_in\"", StringComparison.Ordinal) < html.IndexOf("data-action=\"import\"", StringComparison.Ordinal));

        await using var db = app.OpenStore();
        var read = await db.AuditLog.Where(a => a.Actor == officer.Email).ToListAsync(TestContext.Current.CancellationToken);
        // The scenario's rows and the officer's own sign-in.
        Assert.Equal($"purpose=view; fields=; rows={AuditScenario.Rows + 1}", Assert.Single(read, r => r.Action == AuditReviewAction.Searched).Detail);
        Assert.Equal(new[] { scenario.Ada, scenario.Ben }.Order(), read.Where(r => r.Action == AuditReviewAction.PersonReviewed).Select(r => r.PersonId!.Value).Order());
    }

    [Theory]
    [InlineData("/privacy/audit")]
    [InlineData("/privacy/people")]
    [InlineData("/privacy/audit/export.csv")]
    public async Task Staff_who_are_not_privacy_officers_are_refused_and_see_no_Privacy_link(string path)
    {
        var (app, scenario) = await StartAsync();
        await using var _ = app;
        using var nurse = await app.SignedInAsync(StaffRoles.Practitioner);

        var response = await nurse.GetAsync(path);
        var refusedAccesses = await nurse.GetAsync($"/privacy/people/{scenario.Ada}/accesses");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedAccesses.StatusCode);
        Assert.DoesNotContain("Lovelace", await refusedAccesses.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/privacy\"", await nurse.GetPageAsync("/"), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("audit."), TestContext.Current.CancellationToken));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Actor == nurse.Email && a.Action == AccessAuditAction.ViewDenied && a.PersonId == scenario.Ada, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Filtering_by_NHS_number_resolves_it_in_a_post_keeps_it_out_of_the_address_and_audits_the_lookup()
    {
        var (app, scenario) = await StartAsync();
        await using var _ = app;
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var response = await officer.SubmitAsync("/privacy/audit", "audit-filter", new Dictionary<string, string>
        {
            ["Filter.NhsNumber"] = AuditScenario.AdaNhsNumber,
            ["Filter.Action"] = "person.view",
            ["Filter.From"] = "2026-01-01",
            ["Filter.To"] = "2026-01-31",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        string location = LocalPath(response);
        Assert.Equal($"/privacy/audit?person={scenario.Ada}&action=person.view&from=2026-01-01&to=2026-01-31", location);
        var html = await officer.GetPageAsync(location);
        Assert.Contains("Showing the rows about LOVELACE, Ada.", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-audit-id="));
        await using var db = app.OpenStore();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Actor == officer.Email && a.Action == AuditReviewAction.PersonLookedUp && a.PersonId == scenario.Ada, TestContext.Current.CancellationToken));
        Assert.False(await db.AuditLog.AnyAsync(a => a.Detail != null && a.Detail.Contains(AuditScenario.AdaNhsNumber), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_bad_filter_is_shown_on_its_field_with_a_400_and_no_lookup_is_made()
    {
        var (app, _) = await StartAsync();
        await using var _a = app;
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var response = await officer.SubmitAsync("/privacy/audit", "audit-filter", new Dictionary<string, string>
        {
            ["Filter.PersonId"] = "not-an-id",
            ["Filter.From"] = "2026-01-31",
            ["Filter.To"] = "2026-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The end date must be the same as or after the start date", html, StringComparison.Ordinal);
        Assert.Contains("Enter a OnePlace person id, as shown in the log", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditReviewAction.PersonLookedUp, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Checking_the_chain_shows_the_rows_checked_and_the_head()
    {
        var (app, _) = await StartAsync();
        await using var _a = app;
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var response = await officer.SubmitAsync("/privacy/audit", "verify-chain", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Matches("The chain is intact: [0-9]+ rows checked.", html);
        Assert.Matches("<code class=\"oneplace-hash\">[0-9]+:[0-9a-f]{64}</code>", html);
        await using var db = app.OpenStore();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AuditReviewAction.ChainVerified && a.Actor == officer.Email, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_CSV_holds_every_filtered_row_with_the_actor_joined_and_formula_like_cells_escaped()
    {
        var (app, _) = await StartAsync();
        await using var _a = app;
        await using (var db = app.OpenStore())
        {
            await new AuditWriter(db, TimeProvider.System).WriteAsync("=HYPERLINK(\"x\")", "staff.sign_in_failed");
        }

        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var csv = await officer.Client.GetStringAsync(new Uri("/privacy/audit/export.csv?from=2026-01-06&to=2026-01-06", UriKind.Relative), TestContext.Current.CancellationToken);
        var all = await officer.Client.GetStringAsync(new Uri("/privacy/audit/export.csv?action=staff.sign_in_failed", UriKind.Relative), TestContext.Current.CancellationToken);

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,occurred_at_utc,actor,actor_name,actor_roles,actor_organisation,action,action_words,person_id,reason,detail", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.Contains(",nurse@partnership.test,Nora Nurse,Practitioner,Northside Community Trust,person.view,Opened the record,", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", all, StringComparison.Ordinal);
        await using var check = app.OpenStore();
        Assert.Equal(2, await check.AuditLog.CountAsync(a => a.Action == AuditReviewAction.Searched && a.Detail!.StartsWith("purpose=export:csv"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Who_has_looked_at_a_record_is_found_by_NHS_number_in_a_post_and_shown_grouped_as_a_page_a_letter_and_a_CSV()
    {
        var (app, scenario) = await StartAsync();
        await using var _a = app;
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);

        var found = await officer.SubmitAsync("/privacy/people", "find-person", new Dictionary<string, string> { ["Find.NhsNumber"] = AuditScenario.AdaNhsNumber });
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/privacy/people/{scenario.Ada}/accesses", LocalPath(found));
        var page = await officer.GetPageAsync(LocalPath(found));
        var letter = await officer.GetPageAsync($"/privacy/people/{scenario.Ada}/accesses/letter");
        var csv = await officer.Client.GetStringAsync(new Uri($"/privacy/people/{scenario.Ada}/accesses.csv", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Contains("LOVELACE, Ada", page, StringComparison.Ordinal);
        // The scenario's six, and the officer's own lookup by NHS number: looking is itself an access, and is listed.
        Assert.Contains("7 accesses by 4 people or systems", page, StringComparison.Ordinal);
        Assert.Contains("Looked the person up by NHS number (audit review)", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Sam Coordinator", StringComparison.Ordinal) < page.IndexOf("Riverside GP system", StringComparison.Ordinal));
        Assert.True(page.IndexOf("Riverside GP system", StringComparison.Ordinal) < page.IndexOf("Nora Nurse", StringComparison.Ordinal));
        Assert.DoesNotContain("data-action=\"import\"", page, StringComparison.Ordinal);
        Assert.Contains("Opened the record in an emergency", page, StringComparison.Ordinal);
        Assert.Contains("class=\"oneplace-letter\"", letter, StringComparison.Ordinal);
        Assert.Contains("Dear LOVELACE, Ada,", letter, StringComparison.Ordinal);
        Assert.Contains("Client system, Riverside Surgery", letter, StringComparison.Ordinal);
        Assert.StartsWith("when_utc,who,role,organisation,what,why,action_code", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(",Sam Coordinator (spa@partnership.test),SPA coordinator,Borough Council,", csv, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(["csv", "letter", "view"], (await db.AuditLog.Where(a => a.Action == AuditReviewAction.AccessHistory && a.PersonId == scenario.Ada)
            .Select(a => a.Detail!).ToListAsync(TestContext.Current.CancellationToken)).Select(d => d.Split(';')[0]["purpose=".Length..]).Order());
    }

    [Fact]
    public async Task A_privacy_officer_uploads_the_opt_out_list_and_sees_its_size_then_a_bad_file_is_refused_line_by_line_with_nothing_changed()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var officer = await app.SignedInAsync(StaffRoles.PrivacyOfficer);
        string one = TestNhsNumbers.Number(1), two = TestNhsNumbers.Number(2);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var before = await officer.GetPageAsync("/privacy/opt-outs");
        var imported = await officer.UploadAsync("/privacy/opt-outs", "opt-outs", "file", "opt-outs.dat", $"{one},\n{two},\n", new Dictionary<string, string> { ["checkedOn"] = yesterday });
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var after = await officer.GetPageAsync(LocalPath(imported));
        var refused = await officer.UploadAsync("/privacy/opt-outs", "opt-outs", "file", "bad.dat", $"{one},\n12345,\n{one},\n", new Dictionary<string, string> { ["checkedOn"] = yesterday });
        var noDate = await officer.UploadAsync("/privacy/opt-outs", "opt-outs", "file", "opt-outs.dat", $"{one}\n");

        Assert.Contains("No list has been imported yet", before, StringComparison.Ordinal);
        Assert.Contains("The list now holds 2 NHS numbers (it held 0).", after, StringComparison.Ordinal);
        Assert.Contains("opt-outs.dat", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The list was not imported: 2 problems. Nothing was changed.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("repeats the NHS number on line 1", refusedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(one, refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("Enter the day the list was checked", await noDate.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(2, await db.NationalDataOptOuts.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.NationalDataOptOutChecks.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_staff_without_the_role_cannot_upload()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var steward = await app.SignedInAsync(StaffRoles.DataSteward);
        using var nurse = await app.SignedInAsync(StaffRoles.Practitioner);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var huge = string.Concat(Enumerable.Repeat(TestNhsNumbers.Number(1) + ",\n", 800_000));

        var tooBig = await steward.UploadAsync("/privacy/opt-outs", "opt-outs", "file", "huge.dat", huge, new Dictionary<string, string> { ["checkedOn"] = yesterday });
        var refused = await nurse.GetAsync("/privacy/opt-outs");

        Assert.True(tooBig.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using var db = app.OpenStore();
        Assert.Equal(0, await db.NationalDataOptOuts.CountAsync(TestContext.Current.CancellationToken));
    }
}
