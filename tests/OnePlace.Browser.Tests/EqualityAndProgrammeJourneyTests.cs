using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;
using OnePlace.Synthetic.Demo;
using OnePlace.Testing;

namespace OnePlace.Browser.Tests;

/// <summary>
/// The programme office reads the demo partnership's equality impact assessments and programme in a real browser
/// (Debian's Chromium, headless): the list, a draft assessment (assessing a characteristic with a negative impact and
/// no mitigation, refused on the field, then with one), and the programme; each page checked with axe-core.
/// </summary>
public sealed class EqualityAndProgrammeJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task The_programme_office_reads_and_assesses_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        await using var store = await TestStore.CreateAsync();
        await using (var db = store.Open())
        {
            // The framework's latest values, as the demo's outcomes run would give them (illustrative).
            var latest = new Dictionary<string, double?>
            {
                ["emergency-admissions-65"] = 24_000,
                ["care-home-admissions-65"] = 600,
                ["still-at-home-91-days"] = 82,
                ["ucr-seen-within-2-hours"] = 74,
            };
            Assert.True(await DemoProgramme.EnsureAsync(db, TimeProvider.System, TriageRules.Locate(null), latest));
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
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = "programme@partnership.test", Email = "programme@partnership.test", EmailConfirmed = true, DisplayName = "Pat Programme" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, StaffRoles.ProgrammeOffice)).Succeeded);
        }

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

        await page.GotoAsync(baseUrl + "/governance/equality");
        await page.Locator("#eqias").WaitForAsync();
        Assert.Equal(2, await page.Locator("#eqias tbody tr").CountAsync());
        await Accessibility.AssertAccessibleAsync(page, "list of equality impact assessments");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "equality-1-list.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "EQIA-002" }).ClickAsync();
        await page.Locator("#eqia-characteristics").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "a draft assessment");

        await page.Locator("#assess-characteristic").SelectOptionAsync("Carers");
        await page.GetByLabel("Negative").CheckAsync();
        await page.Locator("#assess-evidence").FillAsync("Carers drive people to the day centre when transport is not booked.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the assessment" }).ClickAsync();
        await page.Locator(".nhsuk-error-summary").WaitForAsync();
        Assert.Contains("A negative impact needs its mitigation", await page.Locator("#assess-mitigation-error").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "an assessment refused on its mitigation");

        await page.Locator("#assess-mitigation").FillAsync("Day centre staff book transport with carers at each visit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the assessment" }).ClickAsync();
        await page.Locator("#changed").WaitForAsync();
        Assert.Contains("Day centre staff book transport with carers", await page.Locator("#eqia-characteristics").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "equality-2-assessment.png"), FullPage = true });

        await page.GotoAsync(baseUrl + "/governance/programme");
        await page.Locator("ol.nhsuk-list--number").First.WaitForAsync();
        Assert.Equal(8, await page.Locator("table[id$='-milestones'] tbody tr").CountAsync());
        Assert.Equal(4, await page.Locator("table[id$='-benefits'] tbody tr").CountAsync());
        await Accessibility.AssertAccessibleAsync(page, "the programme");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "programme-1.png"), FullPage = true });
    }
}
