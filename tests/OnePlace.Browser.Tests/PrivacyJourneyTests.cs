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
/// A privacy officer, in a real browser (Debian's Chromium, headless), follows the Privacy link, filters the audit log by
/// an NHS number, checks the chain, opens who has looked at a record and its letter, and uploads the opt-out list, first
/// with a mistake and then corrected; each page checked with axe-core.
/// </summary>
public sealed class PrivacyJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_privacy_officer_reviews_the_audit_log_answers_who_has_looked_and_uploads_the_opt_out_list_on_accessible_pages()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing. The browser tests drive Debian's Chromium and never download one: run scripts/test.sh, which installs it, or `apt-get install chromium`.");

        await using var store = await TestStore.CreateAsync();
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
        AuditScenario scenario;
        await using (var db = store.Open())
        {
            scenario = await AuditScenario.SeedAsync(db);
        }

        await AddPrivacyOfficerAsync(factory.Services);
        var folder = Directory.CreateTempSubdirectory("oneplace-opt-outs-").FullName;
        string bad = Path.Combine(folder, "opt-outs-draft.dat");
        string good = Path.Combine(folder, "opt-outs.dat");
        await File.WriteAllTextAsync(bad, $"{TestNhsNumbers.Number(1)},\n12345,\n");
        await File.WriteAllTextAsync(good, $"{TestNhsNumbers.Number(1)},\n{TestNhsNumbers.Number(2)},\n");

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
        await page.GetByLabel("Email address").FillAsync("privacy@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/privacy");
        await Accessibility.AssertAccessibleAsync(page, "privacy page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log", Exact = true }).ClickAsync();
        await page.Locator("#audit-table").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "audit log");
        await page.GetByLabel("NHS number").FillAsync(AuditScenario.AdaNhsNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show rows" }).ClickAsync();
        await page.Locator("#audit-person").WaitForAsync();
        Assert.DoesNotContain(AuditScenario.AdaNhsNumber, page.Url, StringComparison.Ordinal);
        Assert.Contains($"person={scenario.Ada}", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the chain now" }).ClickAsync();
        await page.Locator("#chain-intact").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "audit log filtered by a person, with the chain checked");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "privacy-1-audit-log.png"), FullPage = true });

        await page.GotoAsync(baseUrl + $"/privacy/people/{scenario.Ada}/accesses");
        await page.Locator(".oneplace-accesses").First.WaitForAsync();
        Assert.Equal(3, await page.Locator(".oneplace-accesses").CountAsync() - 1); // the scenario's three, and this officer's lookup
        await Accessibility.AssertAccessibleAsync(page, "who has looked at a record");
        await page.GetByRole(AriaRole.Link, new() { Name = "Letter for a subject access request (printable)" }).ClickAsync();
        await page.Locator("#accesses-letter").WaitForAsync();
        await Accessibility.AssertAccessibleAsync(page, "subject access letter");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".nhsuk-header").IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "privacy-2-letter.png"), FullPage = true });

        await page.GotoAsync(baseUrl + "/privacy/opt-outs");
        await Accessibility.AssertAccessibleAsync(page, "opt-out list");
        string yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("The list", new() { Exact = true }).SetInputFilesAsync(bad);
        await page.GetByLabel("The day the list was checked with the service").FillAsync(yesterday);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the list" }).ClickAsync();
        await page.Locator("#import-errors").WaitForAsync();
        Assert.Contains("is not a valid NHS number", await page.Locator("#import-errors").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "refused opt-out list");

        await page.GetByLabel("The list", new() { Exact = true }).SetInputFilesAsync(good);
        await page.GetByLabel("The day the list was checked with the service").FillAsync(yesterday);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import the list" }).ClickAsync();
        await page.Locator("#imported").WaitForAsync();
        Assert.Contains("The list now holds 2 NHS numbers", await page.Locator("#imported").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "opt-out list after an import");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "privacy-3-opt-outs.png"), FullPage = true });
        Directory.Delete(folder, recursive: true);
    }

    private static async Task AddPrivacyOfficerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "privacy@partnership.test", Email = "privacy@partnership.test", EmailConfirmed = true, DisplayName = "Pat Privacy" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.PrivacyOfficer)).Succeeded);
    }
}
