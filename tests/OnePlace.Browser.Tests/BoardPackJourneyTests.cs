using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Analytics.Indicators;
using OnePlace.Core.Staff;
using OnePlace.Synthetic.Demo;
using OnePlace.Testing;
using OnePlace.Web.Tests;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A board member opens governance from the header in a real browser (Debian's Chromium, headless), reads the board
/// pack on a real framework run with the demo partnership's pooled funds and a register, assessments and a programme,
/// chooses another month with the period form, and finds the PDF and workbook links; each page checked with axe-core.
/// </summary>
public sealed class BoardPackJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_board_member_reads_governance_and_the_board_pack_and_chooses_a_month_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        var outcomes = new OutcomesStore();
        await outcomes.InitializeAsync();
        await using var _ = outcomes;
        await using var store = await TestStore.CreateAsync();
        var snapshot = OutcomesSnapshot.Load(outcomes.Path);
        var latest = snapshot.Trend.Max(p => p.Period);
        await using (var db = store.Open())
        {
            await DemoPooledFunds.EnsureAsync(db, TimeProvider.System);
        }

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
            web.UseSetting(outcomes.Setting.Key, outcomes.Setting.Value);
            web.UseSetting("Governance:Partnership", "Walsall Together");
        });
        factory.UseKestrel(0);
        factory.StartServer();
        await using (var db = store.Open())
        {
            await GovernanceFixture.AddAsync(db, snapshot, new DateOnly(latest.Year, latest.Month, 1));
        }

        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        await AddBoardMemberAsync(factory.Services);

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
        await page.GetByLabel("Email address").FillAsync("board@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Governance", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/governance");
        Assert.Equal("12", await page.Locator("[data-count='open-risks']").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "governance");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "board-pack-1-governance.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Board pack", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/governance/board-pack");
        Assert.Contains(latest.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#board-pack-period").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("tr[data-source^='/outcomes/indicators/']").CountAsync() == snapshot.Indicators.Count);
        await Accessibility.AssertAccessibleAsync(page, "board pack");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "board-pack-2-latest.png"), FullPage = true });

        await page.GetByLabel("Reporting month").SelectOptionAsync("2019-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the pack for this month" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/governance/board-pack?period=2019-10");
        Assert.Contains("£33,687,750", await page.Locator("table").Filter(new() { HasText = "Walsall Together Section 75 pooled fund, 2019/20" }).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("/governance/board-pack.pdf?period=2019-10", await page.Locator("#board-pack-pdf").GetAttributeAsync("href"));
        Assert.Equal("/governance/board-pack.xlsx?period=2019-10", await page.Locator("#board-pack-xlsx").GetAttributeAsync("href"));
        await Accessibility.AssertAccessibleAsync(page, "board pack for October 2019");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "board-pack-3-october-2019.png"), FullPage = true });
    }

    private static async Task AddBoardMemberAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "board@partnership.test", Email = "board@partnership.test", EmailConfirmed = true, DisplayName = "Bea Board" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.BoardMember)).Succeeded);
    }
}
