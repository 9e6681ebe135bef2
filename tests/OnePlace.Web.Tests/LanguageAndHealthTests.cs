using System.Net;
using System.Xml.Linq;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed class LanguageAndHealthTests
{
    [Fact]
    public async Task Choosing_Welsh_renders_the_pages_in_Welsh()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var browser = app.Browser();

        var choice = await browser.GetAsync("/language/cy-GB?returnUrl=%2Fsign-in");
        var signIn = await browser.GetPageAsync("/sign-in");

        Assert.Equal(HttpStatusCode.Redirect, choice.StatusCode);
        Assert.Equal("/sign-in", choice.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"cy-GB\">", signIn, StringComparison.Ordinal);
        Assert.Contains("<h1>Mewngofnodi i OnePlace</h1>", signIn, StringComparison.Ordinal);
        Assert.Contains(">English</a>", signIn, StringComparison.Ordinal);

        await TestReferrals.CareForAsync(app, margaret); // her record opens to the team that accepted her referral
        var email = await app.AddTeamStaffAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);
        await browser.SignInAsync(email, OnePlaceApp.Password);
        var person = await browser.GetPageAsync($"/people/{margaret.Id}?reason=direct-care");
        Assert.Contains("Rhif GIG", person, StringComparison.Ordinal);
        Assert.Contains("Dyddiad geni", person, StringComparison.Ordinal);
        Assert.Contains("12 Ebrill 1938", person, StringComparison.Ordinal);
        Assert.Contains("Gofal cymdeithasol oedolion", person, StringComparison.Ordinal);
        Assert.Contains("Allgofnodi", person, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_is_the_default_with_a_link_to_Welsh()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var html = await browser.GetPageAsync("/sign-in");

        Assert.Contains("<html lang=\"en-GB\">", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"cy-GB\" hreflang=\"cy-GB\">Cymraeg</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Language_choice_does_not_redirect_away_from_the_site()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.GetAsync("/language/cy-GB?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Every_English_string_has_a_Welsh_translation()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Resources");
        var english = Strings(Path.Combine(folder, "SharedResource.resx"));
        var welsh = Strings(Path.Combine(folder, "SharedResource.cy.resx"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), welsh.Keys.Order());
        Assert.All(welsh, w => Assert.False(string.IsNullOrWhiteSpace(w.Value), $"{w.Key} has no Welsh"));
        // Placeholders must survive translation.
        Assert.All(english, e => Assert.Equal(
            System.Text.RegularExpressions.Regex.Matches(e.Value, @"\{\d\}").Select(m => m.Value).Order(),
            System.Text.RegularExpressions.Regex.Matches(welsh[e.Key], @"\{\d\}").Select(m => m.Value).Order()));
    }

    [Fact]
    public async Task Health_endpoint_answers_healthy_without_sign_in()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var response = await browser.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_page_gets_the_not_found_page()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var response = await browser.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_paths_answer_with_status_codes_not_sign_in_pages()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var anonymous = app.Browser();
        using var signedIn = await app.SignedInAsync(StaffRoles.Practitioner);

        var refused = await anonymous.GetAsync("/api/nothing-here");
        var missing = await signedIn.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static Dictionary<string, string> Strings(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
}
