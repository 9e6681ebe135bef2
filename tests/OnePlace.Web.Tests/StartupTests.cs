using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_up_migrates_an_empty_store_and_creates_roles_but_no_accounts()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
        });
        _ = factory.Server;

        await using var db = store.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(StaffRoles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync(TestContext.Current.CancellationToken)).Order());
        Assert.Empty(await db.Users.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Demo_mode_is_refused_in_the_Production_environment()
    {
        await using var store = await TestStore.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "true");
            web.UseSetting("OnePlace:Demo:Password", "a demo password");
        });

        var error = Assert.Throws<InvalidOperationException>(() => factory.Server);
        Assert.Contains("Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_mode_loads_a_small_borough_creates_the_demo_accounts_and_runs_the_outcomes_framework()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var analytics = Directory.CreateTempSubdirectory("oneplace-demo-analytics-").FullName;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "true");
            web.UseSetting("OnePlace:Demo:People", "300");
            web.UseSetting("OnePlace:Demo:Password", "a demo password for tests");
            web.UseSetting("Analytics:Store", Path.Combine(analytics, "analytics.duckdb"));
        });
        _ = factory.Server;
        using var browser = new StaffBrowser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));

        var signIn = await browser.SignInAsync("coordinator@oneplace.demo", "a demo password for tests");
        var home = await browser.GetPageAsync("/");
        var outcomes = await browser.GetPageAsync("/outcomes");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("Every person in this demonstration is synthetic", home, StringComparison.Ordinal);
        await using var db = store.Open();
        Assert.InRange(await db.People.CountAsync(TestContext.Current.CancellationToken), 250, 350);
        Assert.Equal(Features.Startup.DemoAccounts.All.Count, await db.Users.CountAsync(TestContext.Current.CancellationToken));
        // The practitioner and the team manager work in the demo borough's urgent community response team: their worklist.
        var teams = await db.Users.Where(u => u.TeamCode != null).OrderBy(u => u.UserName).Select(u => new { u.UserName, u.TeamCode }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([("manager@oneplace.demo", "UCR-ALL"), ("practitioner@oneplace.demo", "UCR-ALL")], teams.Select(t => (t.UserName!, t.TeamCode!)));
        Assert.True(await db.ApiClients.AnyAsync(c => c.ClientId == OnePlace.Web.Features.Startup.StoreStartup.DemoClientId, TestContext.Current.CancellationToken));
        Assert.True(await db.Teams.AnyAsync(t => t.ServiceCode == "UCR" && t.Capacity > 0, TestContext.Current.CancellationToken));
        // The demo risk register, linked to the framework's indicators that watch its risks.
        Assert.Equal(8, await db.Risks.CountAsync(TestContext.Current.CancellationToken));
        Assert.True(await db.RiskIndicatorLinks.AnyAsync(l => l.IndicatorId == "ucr-seen-within-2-hours", TestContext.Current.CancellationToken));
        // The default framework ran on the demo borough, and the dashboard shows every indicator.
        int indicators = OnePlace.Analytics.Indicators.IndicatorCatalogue.Load(Path.Combine(AppContext.BaseDirectory, "indicators")).Count;
        Assert.Equal(indicators, System.Text.RegularExpressions.Regex.Count(outcomes, "data-indicator="));
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == OnePlace.Analytics.Store.RefreshAnalytics.AuditAction, TestContext.Current.CancellationToken));
        // The demo programme (its benefits on the indicators the run could show) and two equality impact assessments.
        Assert.Equal(1, await db.Programmes.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(8, await db.Milestones.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.EqualityImpactAssessments.CountAsync(TestContext.Current.CancellationToken));
    }
}
