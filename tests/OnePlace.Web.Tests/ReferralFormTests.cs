using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Web.Features.Referrals;

using OnePlace.Testing;

namespace OnePlace.Web.Tests;

public sealed class ReferralFormTests
{
    private const string FormPath = "/referrals/new";
    private const string FormName = "referral";

    /// <summary>A referral form filled in as a GP would for Margaret Oakes after a fall at home, with any fields changed.</summary>
    private static Dictionary<string, string> FallAtHome(SmallBorough.PersonPlan margaret, params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.NhsNumber"] = margaret.NhsNumber,
            ["Input.GivenName"] = "Margaret",
            ["Input.FamilyName"] = "Oakes",
            ["Input.DobDay"] = "12",
            ["Input.DobMonth"] = "4",
            ["Input.DobYear"] = "1938",
            ["Input.Sex"] = "F",
            ["Input.Postcode"] = "WS1 1AA",
            ["Input.Address"] = "4 Pleck Road, Walsall",
            ["Input.Phone"] = "01922 000000",
            ["Input.Setting"] = CareSetting.Home,
            ["Input.Need"] = ReferralNeed.Fall,
            ["Input.Details"] = "Found on the floor this morning, unhurt but unable to get up alone.",
            ["Input.ReferrerName"] = "Dr A Patel",
            ["Input.ReferrerOrganisation"] = "Pleck Health Centre",
            ["Input.ReferrerContact"] = "01922 111111",
            ["Input.Consent"] = ReferralForm.Agreed,
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return fields;
    }

    [Fact]
    public async Task A_fall_at_home_sent_on_the_form_waits_on_the_urgent_response_worklist_and_the_confirmation_shows_its_reference()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await browser.SubmitAsync(FormPath, FormName, FallAtHome(margaret));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync();
        Assert.Equal($"/referrals/{referral.Id}/received", LocalPath(response));
        Assert.DoesNotContain(margaret.NhsNumber, LocalPath(response), StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.AwaitingAcceptance, referral.Status);
        Assert.Equal("UCR-ALL", referral.TeamCode);
        Assert.Equal("crisis_2h", referral.Urgency);
        Assert.Equal(referral.ReceivedAtUtc.AddHours(2), referral.DueAtUtc);
        Assert.Equal(ReferralSource.WebForm, referral.Source);
        Assert.Equal((margaret.Id, ReferralPersonMatch.NhsNumber), (referral.PersonId, referral.PersonMatch));
        Assert.Equal(browser.Email, referral.SubmittedBy);
        Assert.Equal(("Dr A Patel", "Pleck Health Centre", "01922 111111"), (referral.ReferrerName, referral.ReferrerOrganisation, referral.ReferrerContact));
        Assert.True(referral.PersonConsented);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var worklist = await scope.ServiceProvider.GetRequiredService<ReferralReading>()
                .WorklistAsync(ReferralActors.ManagerOf("UCR-ALL"), "UCR-ALL");
            Assert.Equal(referral.Reference, Assert.Single(worklist.Rows).Reference);
        }

        var confirmation = Decoded(await browser.GetPageAsync(LocalPath(response)));
        var dueInUk = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(referral.DueAtUtc!.Value, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var english = CultureInfo.GetCultureInfo("en-GB");
        Assert.Contains("<h1 class=\"nhsuk-panel__title\">Referral sent</h1>", confirmation, StringComparison.Ordinal);
        Assert.Contains($"<strong id=\"referral-reference\">{referral.Reference}</strong>", confirmation, StringComparison.Ordinal);
        Assert.Contains("Urgent: a response within 2 hours", confirmation, StringComparison.Ordinal);
        Assert.Contains("Urgent Community Response (borough)", confirmation, StringComparison.Ordinal);
        Assert.Contains($"By {dueInUk.ToString("HH:mm", english)} on {dueInUk.ToString("dddd d MMMM yyyy", english)} (UK time)", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hospital_discharge_for_someone_in_the_south_goes_to_the_south_reablement_team_with_a_two_day_clock()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        // Margaret Oakley of WS9 (the south), without her NHS number: found by name, date of birth and postcode.
        var response = await browser.SubmitAsync(FormPath, FormName, new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Margaret",
            ["Input.FamilyName"] = "Oakley",
            ["Input.DobDay"] = "30",
            ["Input.DobMonth"] = "09",
            ["Input.DobYear"] = "1951",
            ["Input.Postcode"] = "ws9 9zz",
            ["Input.Setting"] = CareSetting.Home,
            ["Input.Need"] = ReferralNeed.HospitalDischarge,
            ["Input.Details"] = "Home yesterday after a knee replacement; needs help to regain independence.",
            ["Input.ReferrerName"] = "Ward 4 discharge team",
            ["Input.ReferrerOrganisation"] = "Walsall Manor Hospital",
            ["Input.Consent"] = ReferralForm.Agreed,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync();
        Assert.Equal(("REA-S", ReferralStatus.AwaitingAcceptance, "two_day"), (referral.TeamCode, referral.Status, referral.Urgency));
        Assert.Equal(referral.ReceivedAtUtc.AddDays(2), referral.DueAtUtc);
        Assert.Equal(ReferralPersonMatch.Demographics, referral.PersonMatch);
        var confirmation = Decoded(await browser.GetPageAsync(LocalPath(response)));
        Assert.Contains("Reablement South", confirmation, StringComparison.Ordinal);
        Assert.Contains("Within 2 days", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_routing_cannot_place_waits_in_the_SPA_queue_and_the_confirmation_says_why()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        // A child: the partnership's services are for adults, so triage leaves the choice to a coordinator.
        var response = await browser.SubmitAsync(FormPath, FormName, FallAtHome(margaret,
            ("Input.NhsNumber", ""), ("Input.GivenName", "Amy"), ("Input.DobYear", "2016")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync();
        Assert.Equal((ReferralStatus.SpaQueue, null), (referral.Status, referral.TeamCode));
        var confirmation = Decoded(await browser.GetPageAsync(LocalPath(response)));
        Assert.Contains(referral.Reference, confirmation, StringComparison.Ordinal);
        Assert.Contains("SPA queue", confirmation, StringComparison.Ordinal);
        Assert.Contains(referral.QueueReason!, confirmation, StringComparison.Ordinal);
        Assert.Contains("An SPA coordinator will choose the right team", confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_answer_in_the_error_summary_beside_its_field_and_stores_nothing()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await browser.SubmitAsync(FormPath, FormName, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("<title>Error: Make a referral – OnePlace</title>", html, StringComparison.Ordinal);
        Assert.Matches("<div role=\"alert\">\\s*<h2 class=\"nhsuk-error-summary__heading\">There is a problem</h2>", html);
        (string Id, string Message)[] expected =
        [
            ("given-name", "Enter the person's given name"),
            ("family-name", "Enter the person's family name"),
            ("dob-day", "Enter the person's date of birth"),
            ("postcode", "Enter the person's postcode"),
            ("setting", "Select where the person is now"),
            ("need", "Select the main reason for the referral"),
            ("details", "Enter what is happening and what help is needed"),
            ("referrer-name", "Enter your name"),
            ("referrer-organisation", "Enter your organisation"),
            ("consent", "Confirm the person agrees to the referral, or that it is in their best interests"),
        ];
        var summaryLinks = Regex.Matches(html, "<li><a href=\"#([a-z-]+)\">([^<]+)</a></li>")
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();
        Assert.Equal(expected, summaryLinks);
        foreach (var (id, message) in expected)
        {
            Assert.Contains($"<span class=\"nhsuk-error-message\" id=\"{id}-error\">", html, StringComparison.Ordinal);
            Assert.Matches($"<span class=\"nhsuk-error-message\" id=\"{id}-error\">\\s*<span class=\"nhsuk-u-visually-hidden\">Error:</span> {Regex.Escape(message)}", html);
        }

        Assert.Equal(expected.Length, Regex.Count(html, "nhsuk-form-group--error"));
        await using var db = app.OpenStore();
        Assert.False(await db.Referrals.AnyAsync());
        Assert.False(await db.SourceRecords.AnyAsync(r => r.Partner == "spa"));
    }

    [Theory]
    [InlineData("31", "2", "1938", "dob-day", "Date of birth must be a real date")]
    [InlineData("twelve", "4", "1938", "dob-day", "Date of birth must be a real date")]
    [InlineData("12", "4", "", "dob-year", "Date of birth must include a day, month and year")]
    [InlineData("", "4", "1938", "dob-day", "Date of birth must include a day, month and year")]
    [InlineData("12", "4", "38", "dob-year", "Year must include 4 numbers")]
    [InlineData("12", "4", "2090", "dob-day", "Date of birth must be today or in the past")]
    public async Task A_date_of_birth_that_is_not_a_usable_date_is_refused_with_why_and_what_was_typed_is_kept(
        string day, string month, string year, string linkedBox, string message)
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await browser.SubmitAsync(FormPath, FormName, FallAtHome(margaret, ("Input.DobDay", day), ("Input.DobMonth", month), ("Input.DobYear", year)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<li><a href=\"#{linkedBox}\">{message}</a></li>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<li><a href="));
        Assert.Contains($"id=\"{linkedBox}-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"dob-day\" name=\"Input.DobDay\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" value=\"{day}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Oakes\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{margaret.NhsNumber}\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"fall\" selected", html, StringComparison.Ordinal);
        Assert.Contains("value=\"home\" checked", html, StringComparison.Ordinal);
        Assert.Contains("Found on the floor this morning", html, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.Referrals.AnyAsync());
    }

    [Fact]
    public async Task A_wrong_NHS_number_is_refused_in_the_words_of_find_a_person()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var shortNumber = Decoded(await (await browser.SubmitAsync(FormPath, FormName, FallAtHome(margaret, ("Input.NhsNumber", "12345")))).Content.ReadAsStringAsync());
        var badCheckDigit = Decoded(await (await browser.SubmitAsync(FormPath, FormName, FallAtHome(margaret, ("Input.NhsNumber", "1234567890")))).Content.ReadAsStringAsync());

        Assert.Contains("<li><a href=\"#nhs-number\">NHS number must be 10 digits</a></li>", shortNumber, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#nhs-number\">Enter a valid NHS number: this one fails its check digit</a></li>", badCheckDigit, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.False(await db.Referrals.AnyAsync());
    }

    [Fact]
    public async Task A_role_that_may_not_refer_is_refused_the_form_and_a_post_of_it()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var form = await analyst.GetAsync(FormPath);
        // The analyst cannot load the form, so they post one with a token from a page they may load.
        var posted = await analyst.PostWithTokenFromAsync("/", FormPath, FormName, FallAtHome(margaret));

        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        var html = Decoded(await form.Content.ReadAsStringAsync());
        Assert.Contains("<h1>You cannot make referrals</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.GivenName\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        await using var db = app.OpenStore();
        Assert.False(await db.Referrals.AnyAsync());
        var refused = await db.AuditLog.SingleAsync(a => a.Action == AccessAuditAction.ViewDenied);
        Assert.Equal((analyst.Email, "attempted=refer"), (refused.Actor, refused.Detail));
    }

    [Fact]
    public async Task The_header_offers_Make_a_referral_to_staff_who_may_refer_and_not_to_others()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var coordinator = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var coordinatorHome = await coordinator.GetPageAsync("/");
        var analystHome = await analyst.GetPageAsync("/");
        var onTheForm = await coordinator.GetPageAsync(FormPath);

        Assert.Contains("href=\"/referrals/new\">Make a referral</a>", coordinatorHome, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/referrals/new\"", analystHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/referrals/new\" aria-current=\"page\">Make a referral</a>", onTheForm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Welsh_the_form_and_its_error_messages_are_in_Welsh()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = await app.SignedInAsync(StaffRoles.SpaCoordinator);
        await browser.GetAsync("/language/cy-GB?returnUrl=%2F");

        var html = Decoded(await (await browser.SubmitAsync(FormPath, FormName, new Dictionary<string, string>())).Content.ReadAsStringAsync());

        Assert.Contains("<h1>Gwneud atgyfeiriad</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#given-name\">Rhowch enw cyntaf y person</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#consent\">Cadarnhewch fod y person yn cytuno", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Enter the person's", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_the_core_can_find_in_a_form_has_words_of_its_own_in_English_and_Welsh()
    {
        var today = new DateOnly(2026, 3, 2);
        var person = new ReferredPerson(null, "Margaret", "Oakes", new DateOnly(1938, 4, 12), "F", "WS1 1AA", null, null);
        var good = new ReferralSubmission(person, "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "Fell", true);
        Assert.Empty(good.Problems(today));
        ReferralSubmission[] bad =
        [
            good with { Person = new ReferredPerson(null, "", "", null, null, null, null, null), ReferrerName = "", ReferrerOrganisation = "", Need = "", Setting = "", Details = "", PersonConsented = false },
            good with { Person = person with { NhsNumber = "123", GivenName = new string('a', 101), FamilyName = new string('b', 101), DateOfBirth = today.AddDays(1), Sex = "X", Postcode = "NOT A POSTCODE" } },
            good with { Person = person with { NhsNumber = "1234567890", DateOfBirth = new DateOnly(1899, 12, 31) }, ReferrerName = new string('c', 201), ReferrerOrganisation = new string('d', 201), Details = new string('e', ReferralSubmission.DetailsMaxLength + 1) },
        ];
        var folder = Path.Combine(AppContext.BaseDirectory, "Resources");
        var english = Keys(Path.Combine(folder, "SharedResource.resx"));
        var welsh = Keys(Path.Combine(folder, "SharedResource.cy.resx"));

        var problems = bad.SelectMany(s => s.Problems(today)).ToList();

        Assert.Equal(21, problems.Count);
        Assert.All(problems, p =>
        {
            var key = ReferralFormText.MessageKeyOf(p)?.Key;
            Assert.True(key is not null, $"No words of the form's own for {p.Field}: {p.Message}");
            Assert.True(english.Contains(key) && welsh.Contains(key), $"{key} is missing from the interface strings");
            Assert.NotEqual("referral-form", ReferralFormText.InputIdOf(p.Field));
        });
    }

    /// <summary>Where a redirect leads, as a path on this site.</summary>
    private static string LocalPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;

    private static HashSet<string> Keys(string path) =>
        [.. XDocument.Load(path).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];

    /// <summary>The page as a reader sees its text: Blazor writes an apostrophe as a character reference.</summary>
    private static string Decoded(string html) => WebUtility.HtmlDecode(html);
}
