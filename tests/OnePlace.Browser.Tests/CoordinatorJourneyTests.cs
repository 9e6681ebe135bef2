using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Testing;
using OnePlace.Web.Tests;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A SPA coordinator's journey in a real browser (Debian's Chromium, headless) against the real application on a
/// loopback port: sign in, find a person, open their record. Each page is checked with axe-core for WCAG failures.
/// </summary>
public sealed class CoordinatorJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Coordinator_signs_in_finds_a_person_and_opens_their_record_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        var (borough, margaret) = TestBoroughs.Standard();
        await using var store = await TestStore.CreateAsync();
        await using (var db = store.Open())
        {
            await borough.SeedAsync(db);
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await AddCoordinatorAsync(factory.Services);
        await ReferAsync(factory.Services, margaret);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });

        // The suite runs test projects side by side on two cores; the first page of a cold server can then take longer
        // than Playwright's 30 s default. A bounded, generous wait keeps the journey a test of behaviour, not speed.
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        // Sign in.
        await page.GotoAsync(baseUrl + "/");
        Assert.Contains("/sign-in", page.Url, StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "sign-in page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "1-sign-in.png"), FullPage = true });
        await page.GetByLabel("Email address").FillAsync("coordinator@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        Assert.Equal("The borough at a glance", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "home page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "2-home.png"), FullPage = true });

        // Find a person.
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a person" }).First.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Oakes");
        await page.GetByLabel("Day").FillAsync("12");
        await page.GetByLabel("Month").FillAsync("4");
        await page.GetByLabel("Year").FillAsync("1938");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("#results").WaitForAsync();
        Assert.Equal("1 person found", await page.Locator("#results").InnerTextAsync());
        Assert.DoesNotContain("Oakes", page.Url, StringComparison.OrdinalIgnoreCase);
        await Accessibility.AssertAccessibleAsync(page, "search results");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "3-search-results.png"), FullPage = true });

        // Open the record.
        await page.GetByRole(AriaRole.Link, new() { Name = "OAKES, Margaret" }).ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/people/{margaret.Id}?reason=direct-care");
        Assert.Contains("OAKES, Margaret", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        var partners = await page.Locator("#timeline-events tbody tr").EvaluateAllAsync<string[]>("rows => [...new Set(rows.map(r => r.dataset.partner))]");
        Assert.True(partners.Length >= 3, "The timeline shows events from fewer than three partners.");
        await Accessibility.AssertAccessibleAsync(page, "person page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "4-person.png"), FullPage = true });

        // The same record in Welsh.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cymraeg" }).ClickAsync();
        await page.Locator("html[lang='cy-GB']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("Manylion personol", await page.Locator("#details").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "person page in Welsh");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "5-person-welsh.png"), FullPage = true });
    }

    /// <summary>A fall referral for Margaret through the SPA's own use case: while it is open the SPA answers for its clock,
    /// which is the coordinator's basis for opening her record (docs/adr/0020).</summary>
    private static async Task ReferAsync(IServiceProvider services, SmallBorough.PersonPlan person)
    {
        await using var scope = services.CreateAsyncScope();
        var submission = new ReferralSubmission(
            new ReferredPerson(person.NhsNumberOrNull, person.Given, person.Family, person.DateOfBirth, person.Sex, person.Postcode, null, null),
            "Dr A Patel", SmallBorough.PracticeName, "01922 000000", ReferralNeed.Fall, CareSetting.Home,
            "Found on the floor this morning, unhurt but unable to get up alone.", PersonConsented: true);
        var coordinator = new StaffActor("spa", "spa.coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
        var received = await scope.ServiceProvider.GetRequiredService<ReceiveReferral>().ReceiveAsync(coordinator, submission, ReferralSource.WebForm);
        Assert.True(received.Created, "The journey's referral was not created.");
    }

    private static async Task AddCoordinatorAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "coordinator@partnership.test", Email = "coordinator@partnership.test", EmailConfirmed = true, DisplayName = "Sam Coordinator" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.SpaCoordinator)).Succeeded);
    }
}
