using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Staff;
using OnePlace.Testing;
using OnePlace.Web.Tests;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A district nursing team manager finds the North's people living with severe frailty, with two or more emergency
/// admissions and no care plan, and makes them the team's MDT list, in a real browser (Debian's Chromium, headless)
/// against the real application and a real analytical store. Each page is checked with axe-core for WCAG failures.
/// </summary>
public sealed class CaseFindingJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";
    private const string Manager = "manager.north@partnership.test";

    // As the other journeys: a cold server's first page can be slow while other test projects run beside it.
    private const float Patience = 120_000;

    [Fact]
    public async Task Team_manager_counts_a_cohort_and_makes_it_the_team_s_mdt_list_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        var (borough, margaret) = TestBoroughs.CaseFinding();
        await using var store = await TestStore.CreateAsync();
        using var analytics = new TestAnalytics();
        await using (var db = store.Open())
        {
            await borough.SeedAsync(db);
            await analytics.RefreshAsync(db);
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting(analytics.Setting.Key, analytics.Setting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await AddManagerAsync(factory.Services);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(Patience);
        page.SetDefaultNavigationTimeout(Patience);
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        // Sign in and open case finding from the header.
        await page.GotoAsync(baseUrl + "/");
        await page.GetByLabel("Email address").FillAsync(Manager);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Case finding" }).First.ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/cohorts");
        Assert.Equal("Case finding", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "cohort builder");

        // The cohort: severe frailty, two or more emergency admissions, no care plan, in the North.
        await page.GetByLabel("Locality").SelectOptionAsync(new SelectOptionValue { Label = "North" });
        await page.GetByLabel("Severe frailty").CheckAsync();
        await page.GetByLabel("Minimum emergency admissions in the last 12 months (optional)").FillAsync("2");
        await page.GetByLabel("No shared care plan").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Count people" }).ClickAsync();
        await page.Locator("#cohort-count").WaitForAsync();
        Assert.Equal("1 to 7", await page.Locator("#cohort-count .oneplace-count").InnerTextAsync());
        Assert.DoesNotContain("Oakes", await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        await Accessibility.AssertAccessibleAsync(page, "cohort count");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "case-finding-1-count.png"), FullPage = true });

        // Make it the team's MDT list.
        await page.GetByRole(AriaRole.Button, new() { Name = "Make MDT list" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/mdt/lists/[0-9a-f-]{36}\\?made=1$"));
        Assert.Equal("MDT list: District Nursing North", await page.Locator("h1").InnerTextAsync());
        var rows = page.Locator("#case-finding-list tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Equal(margaret.Id.ToString(), await rows.First.GetAttributeAsync("data-person"));
        await Accessibility.AssertAccessibleAsync(page, "case-finding MDT list");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "case-finding-2-list.png"), FullPage = true });

        // The person's record is one link away.
        await page.GetByRole(AriaRole.Link, new() { Name = "OAKES, Margaret" }).ClickAsync();
        await page.WaitForURLAsync($"{baseUrl}/people/{margaret.Id}?reason=direct-care");
        Assert.Contains("OAKES, Margaret", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static async Task AddManagerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = Manager, Email = Manager, EmailConfirmed = true, DisplayName = "Morgan Manager", TeamCode = "DN-N" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.TeamManager)).Succeeded);
    }
}
