using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A finance lead opens the scenarios in a real browser (Debian's Chromium, headless): the library, the Walsall worked
/// example with its fan chart and gap bridge, a change in the editor, a change refused, and an options appraisal; each page checked with axe-core.
/// </summary>
public sealed class PlanningJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_finance_lead_reads_a_scenario_and_changes_it_in_the_editor_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        await using var store = await TestStore.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
            web.UseSetting("Planning:Scenarios", Path.Combine(AppContext.BaseDirectory, "scenarios"));
            web.UseSetting("Planning:Appraisals", Path.Combine(AppContext.BaseDirectory, "appraisals"));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await AddFinanceLeadAsync(factory.Services);

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
        await page.GetByLabel("Email address").FillAsync("planner@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Scenarios", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/planning");
        // The borough's file needs the analytical store, which this host has not got: it is listed with the reason.
        Assert.Contains("no analytical store", await page.Locator("[data-scenario-file='borough-shift-to-community']").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "scenario library");

        await page.GetByRole(AriaRole.Link, new() { Name = "Walsall Together business case 2019, system gap to 2022/23" }).ClickAsync();
        await page.Locator("#bridge-table").WaitForAsync();
        Assert.Equal(2, await page.Locator("svg.oneplace-chart").CountAsync());
        await Accessibility.AssertAccessibleAsync(page, "scenario page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "planning-1-scenario.png"), FullPage = true });

        string before = await page.Locator("[data-scenario='walsall-together'] [data-measure='gap-mean']").InnerTextAsync();
        await page.Locator("[id='frailty-admission-avoidance.low']").FillAsync("20");
        await page.Locator("[id='frailty-admission-avoidance.high']").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recalculate" }).ClickAsync();
        await page.Locator("#scenario-edited").WaitForAsync();
        Assert.NotEqual(before, await page.Locator("[data-scenario='walsall-together'] [data-measure='gap-mean']").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "scenario page after a change");

        await page.Locator("[id='frailty-admission-avoidance.low']").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recalculate" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("the low end cannot be above the high end", await page.Locator(".nhsuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "scenario page with a refused change");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "planning-2-refused.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Demand and financial scenarios" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Powys 2015, how to integrate health and social care" }).ClickAsync();
        await page.Locator("#sensitivity-table").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "options appraisal");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "planning-3-appraisal.png"), FullPage = true });
    }

    private static async Task AddFinanceLeadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "planner@partnership.test", Email = "planner@partnership.test", EmailConfirmed = true, DisplayName = "Pat Planner" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.FinanceLead)).Succeeded);
    }
}
