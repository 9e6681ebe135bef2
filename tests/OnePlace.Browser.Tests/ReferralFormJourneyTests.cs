using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Testing;
using OnePlace.Web.Tests;

namespace OnePlace.Browser.Tests;

/// <summary>
/// A SPA coordinator makes a referral in a real browser (Debian's Chromium, headless) against the real application on
/// a loopback port: the form sent empty shows the error summary and moves focus to it; sent filled in, it leads to
/// the confirmation with the reference. Each page is checked with axe-core for WCAG failures.
/// </summary>
public sealed partial class ReferralFormJourneyTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Password = "correct horse battery staple";

    // The suite runs test projects side by side; a cold server's first page can then take longer than Playwright's
    // defaults. A bounded, generous wait keeps the journey a test of behaviour, not speed.
    private const float Patience = 120_000;

    [Fact]
    public async Task Coordinator_sends_the_form_empty_sees_the_focused_error_summary_then_sends_a_fall_and_gets_the_reference_on_accessible_pages()
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
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        // Sign in and open the form from the header.
        await page.GotoAsync(baseUrl + "/");
        await page.GetByLabel("Email address").FillAsync("coordinator@partnership.test");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Make a referral" }).First.ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/referrals/new");
        Assert.Equal("Make a referral", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertAccessibleAsync(page, "referral form");

        // Sent empty: the error summary, focused, with a link to each question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        var summary = page.Locator(".nhsuk-error-summary");
        await summary.WaitForAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync(new() { Timeout = Patience });
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        var links = await summary.Locator("a").AllInnerTextsAsync();
        Assert.Contains("Enter the person's given name", links);
        Assert.Contains("Select the main reason for the referral", links);
        Assert.Contains("Confirm the person agrees to the referral, or that it is in their best interests", links);
        await Accessibility.AssertAccessibleAsync(page, "referral form with errors");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "referral-1-errors.png"), FullPage = true });

        await summary.GetByRole(AriaRole.Link, new() { Name = "Enter the person's given name" }).ClickAsync();
        await Assertions.Expect(page.Locator("#given-name")).ToBeFocusedAsync(new() { Timeout = Patience });

        // Filled in: a fall at home for a person in the borough.
        await page.GetByLabel("NHS number (optional)").FillAsync(margaret.NhsNumber);
        await page.GetByLabel("Given name").FillAsync("Margaret");
        await page.GetByLabel("Family name").FillAsync("Oakes");
        await page.GetByLabel("Day").FillAsync("12");
        await page.GetByLabel("Month").FillAsync("4");
        await page.GetByLabel("Year").FillAsync("1938");
        await page.GetByLabel("Female").CheckAsync();
        await page.GetByLabel("Postcode", new() { Exact = true }).FillAsync("WS1 1AA");
        await page.GetByLabel("At home").CheckAsync();
        await page.GetByLabel("What is the main need?").SelectOptionAsync(new SelectOptionValue { Label = "Fall without serious injury" });
        await page.GetByLabel("What is happening?").FillAsync("Found on the floor this morning, unhurt but unable to get up alone.");
        await page.GetByLabel("Your name").FillAsync("Sam Coordinator");
        await page.GetByLabel("Your organisation").FillAsync("Single Point of Access");
        await page.GetByRole(AriaRole.Checkbox).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();

        // The confirmation, named by the referral's id only.
        await page.WaitForURLAsync(ReceivedPath());
        Assert.DoesNotContain(margaret.NhsNumber, page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("Oakes", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Referral sent", await page.Locator("h1").InnerTextAsync());
        var reference = await page.Locator("#referral-reference").InnerTextAsync();
        await using (var db = store.Open())
        {
            var referral = await db.Referrals.SingleAsync();
            Assert.Equal(referral.Reference, reference);
            Assert.Equal(("UCR-ALL", ReferralStatus.AwaitingAcceptance), (referral.TeamCode, referral.Status));
        }

        Assert.Contains("Urgent: a response within 2 hours", await page.Locator("#referral-summary").InnerTextAsync(), StringComparison.Ordinal);
        await Accessibility.AssertAccessibleAsync(page, "referral confirmation");
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "referral-2-received.png"), FullPage = true });
        Assert.Empty(scriptErrors);
    }

    [GeneratedRegex(@"/referrals/[0-9a-f-]{36}/received$")]
    private static partial Regex ReceivedPath();

    private static async Task AddCoordinatorAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "coordinator@partnership.test", Email = "coordinator@partnership.test", EmailConfirmed = true, DisplayName = "Sam Coordinator" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, StaffRoles.SpaCoordinator)).Succeeded);
    }
}
