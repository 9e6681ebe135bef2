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

namespace OnePlace.Browser.Tests;

/// <summary>
/// The programme office reads the demo partnership's risk register in a real browser (Debian's Chromium, headless): the
/// register with its heat maps, a risk with its history, then records the owner's review (first without a note,
/// refused on the field); each page checked with axe-core.
/// </summary>
public sealed class RiskRegisterJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_programme_office_reads_the_register_and_records_a_review_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        await using var store = await TestStore.CreateAsync();
        await using (var db = store.Open())
        {
            var indicators = IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder)).Select(i => i.Id).ToList();
            Assert.True(await DemoRiskRegister.EnsureAsync(db, TimeProvider.System, indicators));
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
        await AddProgrammeOfficeAsync(factory.Services);

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
        await page.GetByLabel("Email address").FillAsync("programme@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GotoAsync(baseUrl + "/governance/risks");
        await page.Locator("#risks").WaitForAsync();
        Assert.Equal(8, await page.Locator("#risks tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("svg[data-heat-map]").CountAsync());
        Assert.Equal("1", await page.Locator("#heat-current-table [data-cell='5x4']").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "risk register");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "risks-1-register.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "R-003" }).ClickAsync();
        await page.Locator("#history-table").WaitForAsync();
        Assert.Contains("Urgent community response two-hour standard", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("ucr-seen-within-2-hours", await page.Locator("#indicator-table").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "risk page");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "risks-2-risk.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("Note what the review found", await page.Locator("#review-note-error").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "risk review refused");

        await page.GetByLabel("What the review found").FillAsync("Reviewed at the urgent care board: the evening shift starts next month.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
        await page.Locator("#changed").WaitForAsync();
        Assert.Contains("The review is recorded.", await page.Locator("#changed").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Reviewed, scores kept", await page.Locator("#history-table").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "risk reviewed");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "risks-3-reviewed.png"), FullPage = true });
    }

    private static async Task AddProgrammeOfficeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "programme@partnership.test", Email = "programme@partnership.test", EmailConfirmed = true, DisplayName = "Pat Programme" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.ProgrammeOffice)).Succeeded);
    }
}
