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
/// An analyst reads the outcome dashboards in a real browser (Debian's Chromium, headless) on a real framework run:
/// the overview, an indicator, a locality profile and the frailty page, each checked with axe-core.
/// </summary>
public sealed class OutcomesDashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task An_analyst_reads_the_overview_an_indicator_a_locality_profile_and_frailty_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        var outcomes = new OutcomesStore();
        await outcomes.InitializeAsync();
        await using var _ = outcomes;
        await using var store = await TestStore.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
            web.UseSetting(outcomes.Setting.Key, outcomes.Setting.Value);
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await AddAnalystAsync(factory.Services);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(120_000);
        page.SetDefaultNavigationTimeout(120_000);
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        await page.GotoAsync(baseUrl + "/");
        await page.GetByLabel("Email address").FillAsync("analyst@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Outcomes", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/outcomes");
        Assert.Equal("Outcomes framework", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(outcomes.Result.Indicators.Count, await page.Locator("tr[data-indicator]").CountAsync());
        await Accessibility.AssertAccessibleAsync(page, "framework overview");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outcomes-1-overview.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Emergency hospital admissions, all ages" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/outcomes/indicators/emergency-admissions-all-ages");
        Assert.True(await page.Locator("svg.oneplace-chart").CountAsync() >= 3, "The indicator page draws its trend, funnel and breakdowns.");
        await Accessibility.AssertAccessibleAsync(page, "indicator page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outcomes-2-indicator.png"), FullPage = true });

        await page.GotoAsync(baseUrl + "/outcomes");
        await page.Locator("a[href^='/outcomes/localities/']").First.ClickAsync();
        await page.Locator("#pyramid-table").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Accessibility.AssertAccessibleAsync(page, "locality profile");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outcomes-3-locality.png"), FullPage = true });

        await page.GotoAsync(baseUrl + "/outcomes/frailty");
        await page.Locator("#frailty-table").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "frailty page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "outcomes-4-frailty.png"), FullPage = true });
    }

    private static async Task AddAnalystAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "analyst@partnership.test", Email = "analyst@partnership.test", EmailConfirmed = true, DisplayName = "Alex Analyst" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.Analyst)).Succeeded);
    }
}
