using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Staff;
using OnePlace.Synthetic.Demo;
using OnePlace.Testing;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A finance lead reads the demo partnership's pooled fund in a real browser (Debian's Chromium, headless), uploads a
/// file with a mistake in it and sees it refused line by line, then uploads it corrected, then changes a scheme's budget
/// on the change page (first with a mistake, refused on the field); each page checked with axe-core.
/// </summary>
public sealed class PooledFundJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_finance_lead_reads_the_ledger_and_uploads_actuals_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        await using var store = await TestStore.CreateAsync();
        await using (var db = store.Open())
        {
            await DemoPooledFunds.EnsureAsync(db, TimeProvider.System);
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
        await AddFinanceLeadAsync(factory.Services);
        var folder = Directory.CreateTempSubdirectory("oneplace-actuals-").FullName;
        string bad = Path.Combine(folder, "november-draft.csv");
        string good = Path.Combine(folder, "november.csv");
        await File.WriteAllTextAsync(bad, "scheme,partner,month,amount\nHOMECARE,E08000030,2019-11,1272000.00\nHOMECARE,E08000030,2019-11,1272000.00\n");
        await File.WriteAllTextAsync(good, "scheme,partner,month,amount\nHOMECARE,E08000030,2019-11,1272000.00\n");

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
        await page.GetByLabel("Email address").FillAsync("finance@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Pooled fund", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/pooled-fund");
        await Accessibility.AssertAccessibleAsync(page, "list of agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Walsall Together Section 75 pooled fund" }).ClickAsync();
        await page.Locator("#risk-share-table").WaitForAsync();
        Assert.Contains("£460,477.27", await page.Locator("#risk-E08000030").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("svg.oneplace-chart").CountAsync());
        await Accessibility.AssertAccessibleAsync(page, "agreement page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pooled-fund-1-agreement.png"), FullPage = true });

        await page.GetByLabel("Actuals file (CSV)").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import actuals" }).ClickAsync();
        await page.Locator("#import-errors").WaitForAsync();
        Assert.Contains("repeats line 2", await page.Locator("#import-errors").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "refused upload");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pooled-fund-2-refused.png"), FullPage = true });

        await page.GetByLabel("Actuals file (CSV)").SetInputFilesAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import actuals" }).ClickAsync();
        await page.Locator("#imported").WaitForAsync();
        Assert.Equal("November 2019", await page.Locator("#actuals-to").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "agreement page after an import");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change contributions, budgets, schemes or the risk share" }).ClickAsync();
        await page.Locator("#budget-form").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "change page");
        var budget = page.Locator("#budget-form");
        await budget.GetByLabel("Scheme").SelectOptionAsync("HOMECARE");
        await budget.GetByLabel("Budget").FillAsync("fifteen million");
        await budget.GetByRole(AriaRole.Button, new() { Name = "Save the budget" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("Enter the budget in pounds and pence", await page.Locator("#budget-amount-error").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "refused budget");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pooled-fund-3-refused-budget.png"), FullPage = true });

        await page.Locator("#budget-amount").FillAsync("15000000");
        await page.Locator("#budget-form").GetByRole(AriaRole.Button, new() { Name = "Save the budget" }).ClickAsync();
        await page.Locator("#changed").WaitForAsync();
        // Home care £15,000,000 for the year: seven months to date at £8,898,000 and November's £1,272,000, four months to come at £1,250,000.
        Assert.Contains("£15,000,000", await page.Locator("#scheme-HOMECARE").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("+£170,000", await page.Locator("#scheme-HOMECARE").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "agreement page after a budget change");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "pooled-fund-4-budget-changed.png"), FullPage = true });
        Directory.Delete(folder, recursive: true);
    }

    private static async Task AddFinanceLeadAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "finance@partnership.test", Email = "finance@partnership.test", EmailConfirmed = true, DisplayName = "Frankie Finance" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.FinanceLead)).Succeeded);
    }
}
