using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Synthetic.Demo;

namespace OnePlace.Web.Features.Startup;

public static class StoreStartupRegistration
{
    /// <summary>
    /// Prepares the store before the server accepts requests: migrations always; in demo mode also the synthetic
    /// borough and the demo accounts. Demo mode is refused in the Production environment.
    /// </summary>
    public static WebApplicationBuilder AddStoreStartup(this WebApplicationBuilder builder)
    {
        var demo = DemoSettings.From(builder.Configuration);
        if (demo.Enabled && builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{DemoSettings.DemoModeKey} is true in the Production environment. Demo mode creates accounts with a shared " +
                "password and loads synthetic people; turn it off, or run with ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (demo.Enabled && string.IsNullOrWhiteSpace(demo.Password))
        {
            // No password is kept in the repository: unless one is configured, each start makes a new one,
            // gives it to the demo accounts and prints it.
            demo.Password = DemoSettings.NewPassword();
        }

        builder.Services.AddSingleton(demo);
        builder.Services.AddHostedService<StoreStartup>();
        return builder;
    }
}

/// <summary>
/// Runs in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host awaits before any hosted service —
/// including the web server — starts, so that no request ever meets an unmigrated store or a half-loaded demo.
/// </summary>
internal sealed partial class StoreStartup(
    IServiceProvider services,
    DemoSettings demo,
    IServer server,
    IHostEnvironment environment,
    ILogger<StoreStartup> logger) : IHostedLifecycleService
{
    /// <summary>The team each demo account was given at this start, to print beside it.</summary>
    private readonly Dictionary<string, string> _demoTeams = new(StringComparer.Ordinal);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnePlaceDb>();
        var store = StoreSettings.From(scope.ServiceProvider.GetRequiredService<IConfiguration>());
        LogStore(store.Describe());

        if (demo.Enabled)
        {
            var progress = new SynchronousProgress(LogDemoProgress);
            var result = await DemoBorough.EnsureLoadedAsync(db, demo.BoroughOptions, progress, cancellationToken);
            if (result.LoadedNow)
            {
                LogDemoLoaded(result.People, result.Elapsed.TotalSeconds);
            }
            else
            {
                LogDemoPresent(result.People);
            }
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await EnsureRolesAsync(scope.ServiceProvider);
        if (demo.Enabled)
        {
            if (await Outcomes.DemoOutcomes.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<Outcomes.OutcomesSource>(), cancellationToken))
            {
                LogDemoProgress("analytical store refreshed and the outcomes framework run");
            }

            if (await DemoPooledFunds.EnsureAsync(db, TimeProvider.System, cancellationToken))
            {
                LogDemoProgress("pooled fund agreements added (illustrative figures)");
            }

            var readings = Governance.IndicatorReadings.From(scope.ServiceProvider.GetRequiredService<Outcomes.OutcomesSource>().Current);
            if (await DemoProgramme.EnsureAsync(db, TimeProvider.System, scope.ServiceProvider.GetRequiredService<Core.Referrals.Triage.TriageRules>(),
                readings.ToDictionary(r => r.Key, r => r.Value.Latest, StringComparer.Ordinal), cancellationToken))
            {
                LogDemoProgress("programme and equality impact assessments added (illustrative)");
            }

            var indicators = readings.Keys.ToList();
            if (await DemoRiskRegister.EnsureAsync(db, TimeProvider.System, indicators, cancellationToken))
            {
                LogDemoProgress("risk register added (illustrative risks)");
            }

            await EnsureDemoAccountsAsync(scope.ServiceProvider);
            _demoClientSecret = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>()
                .RenewSecretAsync("system:demo", DemoClientId, "Demo GP system", "Demo GP practice", cancellationToken);
        }
    }

    /// <summary>The client system demo mode registers, so that the referral API and FHIR door can be tried at once.</summary>
    public const string DemoClientId = "demo-gp-system";

    private string? _demoClientSecret;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("OnePlace is running" + (addresses.Count > 0 ? " at " + string.Join(", ", addresses) : "") + $" ({environment.EnvironmentName}).");
        if (demo.Enabled)
        {
            text.AppendLine("DEMO MODE: every person is synthetic. Sign in with any of these accounts:");
            foreach (var account in DemoAccounts.All)
            {
                string team = _demoTeams.GetValueOrDefault(account.Email) is { } code ? "team " + code : "";
                text.AppendLine($"  {account.Email,-30} {account.Role,-16} {team,-14} password: {demo.Password}");
            }

            string site = addresses.FirstOrDefault() ?? "http://localhost:5000";
            text.AppendLine($"A client system is registered for the referral API ({DemoClientId}). Get a bearer token with:");
            text.AppendLine($"  curl -s -X POST {site}/api/token -d grant_type=client_credentials -d client_id={DemoClientId} -d client_secret={_demoClientSecret}");
            text.AppendLine($"then send referrals with the header 'Authorization: Bearer <accessToken>' to {site}/api/referrals or {site}/fhir (API description: {site}/openapi/v1.json).");
        }
        else
        {
            text.AppendLine("No staff accounts are created outside demo mode; administrators disable, enable and reset existing accounts on /admin/staff; creating accounts outside demo mode is not built yet.");
        }

        // Printed, not logged: these are instructions for the person who started the demo.
        Console.WriteLine(text.ToString());
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task EnsureRolesAsync(IServiceProvider provider)
    {
        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }
    }

    private async Task EnsureDemoAccountsAsync(IServiceProvider provider)
    {
        var users = provider.GetRequiredService<UserManager<StaffUser>>();
        var directory = new TeamDirectory(provider.GetRequiredService<OnePlaceDb>());
        foreach (var account in DemoAccounts.All)
        {
            // The team is the demo borough's own (e.g. UCR-ALL), so that the account's worklist is that team's.
            string? team = account.TeamServiceKind is { } kind ? await directory.BoroughWideTeamAsync(kind) : null;
            if (team is not null)
            {
                _demoTeams[account.Email] = team;
            }

            if (await users.FindByNameAsync(account.Email) is { } existing)
            {
                // The printed password must work: set it again, since it may be new on this start.
                Check(await users.RemovePasswordAsync(existing), account.Email);
                Check(await users.AddPasswordAsync(existing, demo.Password!), account.Email);
                if (existing.TeamCode != team)
                {
                    existing.TeamCode = team;
                    Check(await users.UpdateAsync(existing), account.Email);
                }

                continue;
            }

            var user = new StaffUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                Organisation = account.Organisation,
                TeamCode = team,
            };
            Check(await users.CreateAsync(user, demo.Password!), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            LogDemoAccount(account.Email, account.Role);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operational store: {Store}")]
    private partial void LogStore(string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo borough: {Message}")]
    private partial void LogDemoProgress(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo borough loaded: {People} people in {Seconds:F1} s")]
    private partial void LogDemoLoaded(int people, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo borough already loaded: {People} people")]
    private partial void LogDemoPresent(int people);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created demo account {Account} ({Role})")]
    private partial void LogDemoAccount(string account, string role);

    /// <summary>Reports on the calling thread, so that progress lines appear in order while the load runs.</summary>
    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
