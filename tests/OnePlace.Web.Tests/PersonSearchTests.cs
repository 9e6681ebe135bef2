using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed class PersonSearchTests
{
    [Fact]
    public async Task Search_by_name_and_date_of_birth_finds_the_person()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.SearchAsync(new Dictionary<string, string>
        {
            ["Input.Name"] = "margaret oak",
            ["Input.DobDay"] = "12",
            ["Input.DobMonth"] = "4",
            ["Input.DobYear"] = "1938",
        });

        Assert.Contains("1 person found", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/people/{margaret.Id}?reason=direct-care\"", html, StringComparison.Ordinal);
        Assert.Contains("OAKES, Margaret", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKLEY", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_name_alone_finds_everyone_it_fits()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var html = await browser.SearchAsync(new Dictionary<string, string> { ["Input.Name"] = "MARGARET" });

        Assert.Contains("2 people found", html, StringComparison.Ordinal);
        Assert.Contains("OAKES, Margaret", html, StringComparison.Ordinal);
        Assert.Contains("OAKLEY, Margaret", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_a_person_by_the_name_one_partner_holds()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.SearchAsync(new Dictionary<string, string> { ["Input.Name"] = "john smithe" });

        Assert.Contains("1 person found", html, StringComparison.Ordinal);
        Assert.Contains("SMITH, John", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_by_NHS_number_with_spaces_and_by_postcode_district_finds_the_person()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        var spaced = $"{margaret.NhsNumber[..3]} {margaret.NhsNumber[3..6]} {margaret.NhsNumber[6..]}";

        var byNumber = await browser.SearchAsync(new Dictionary<string, string> { ["Input.NhsNumber"] = spaced });
        var byPostcode = await browser.SearchAsync(new Dictionary<string, string> { ["Input.Postcode"] = "ws9" });

        Assert.Contains("1 person found", byNumber, StringComparison.Ordinal);
        Assert.Contains(spaced, byNumber, StringComparison.Ordinal);
        Assert.Contains("1 person found", byPostcode, StringComparison.Ordinal);
        Assert.Contains("OAKLEY, Margaret", byPostcode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_writes_one_audit_row_naming_the_fields_but_not_the_values_and_one_per_person_shown()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        await browser.SearchAsync(new Dictionary<string, string>
        {
            ["Input.NhsNumber"] = margaret.NhsNumber,
            ["Input.Name"] = "Oakes",
            ["Input.Reason"] = AccessReason.ReferralTriage,
        });

        await using var db = app.OpenStore();
        var rows = await db.AuditLog.Where(a => a.Action != AuditAction.SignIn).OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, rows.Count);
        var search = rows[0];
        Assert.Equal(AuditAction.SearchPeople, search.Action);
        Assert.Equal(browser.Email, search.Actor);
        Assert.Equal(AccessReason.ReferralTriage, search.Reason);
        Assert.Null(search.PersonId);
        Assert.Equal("fields=nhs_number,name; matches=1; shown=1", search.Detail);
        Assert.DoesNotContain(margaret.NhsNumber, search.Detail!, StringComparison.Ordinal);
        Assert.DoesNotContain("Oakes", search.Detail!, StringComparison.OrdinalIgnoreCase);

        var listed = rows[1];
        Assert.Equal(AuditAction.ListPerson, listed.Action);
        Assert.Equal(browser.Email, listed.Actor);
        Assert.Equal(AccessReason.ReferralTriage, listed.Reason);
        var margaretId = await db.SourceRecords.Where(r => r.NhsNumber == margaret.NhsNumber).Select(r => r.PersonId).FirstAsync(TestContext.Current.CancellationToken);
        Assert.Equal(margaretId, listed.PersonId);
    }

    [Fact]
    public async Task Search_results_are_the_post_response_so_no_name_or_NHS_number_reaches_a_URL()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await browser.SubmitAsync("/people", "person-search", new Dictionary<string, string> { ["Input.NhsNumber"] = margaret.NhsNumber });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("/people", response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Empty(response.RequestMessage.RequestUri.Query);
    }

    [Fact]
    public async Task An_NHS_number_that_fails_its_check_digit_is_refused_with_the_field_named()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        var wrongCheckDigit = margaret.NhsNumber[..9] + (char)('0' + ((margaret.NhsNumber[9] - '0' + 1) % 10));

        var html = await browser.SearchAsync(new Dictionary<string, string> { ["Input.NhsNumber"] = wrongCheckDigit });

        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#nhs-number\">Enter a valid NHS number", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.SearchPeople, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_empty_search_asks_for_something_to_search_by()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var html = await browser.SearchAsync(new Dictionary<string, string>());

        Assert.Contains("Enter an NHS number, a name, a date of birth or a postcode", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_without_the_antiforgery_token_is_refused()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await browser.Client.PostAsync(new Uri("/people", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string> { ["_handler"] = "person-search", ["Input.Name"] = "Oakes" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Analyst_cannot_search_and_the_attempt_is_audited_as_refused()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Analyst);

        var page = await browser.GetAsync("/people");
        var posted = await browser.SubmitAsync("/people", "person-search", new Dictionary<string, string> { ["Input.Name"] = "Oakes" });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("You cannot open people&#x27;s records", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditAction.SearchPeople, TestContext.Current.CancellationToken));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Actor == browser.Email, TestContext.Current.CancellationToken));
    }
}
