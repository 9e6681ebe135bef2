using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;

namespace OnePlace.Web.Features.Referrals;

public static class ReferralsRegistration
{
    /// <summary>
    /// The Single Point of Access: intake, changes, reading, the triage rules folder (<c>Rules:Folder</c>, else the
    /// nearest <c>rules/triage</c>), the breach watch, and the OpenAPI description of the JSON door.
    /// </summary>
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddSingleton(TriageRules.Locate(configuration["Rules:Folder"]));
        services.AddScoped<ReceiveReferral>();
        services.AddScoped<ChangeReferral>();
        services.AddScoped<ReferralReading>();
        services.AddScoped<WatchClocks>();
        services.AddScoped<EditDirectory>();
        services.AddHostedService<ClockWatchService>();
        services.AddOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReferralApi();
        endpoints.MapOpenApi().AllowAnonymous();
        return endpoints;
    }
}

/// <summary>Runs the breach watch every minute (PRODUCT.md B4); a failed run is logged and the next one tries again.</summary>
internal sealed partial class ClockWatchService(IServiceScopeFactory scopes, ILogger<ClockWatchService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                int breached = await scope.ServiceProvider.GetRequiredService<WatchClocks>().RunAsync(stoppingToken);
                if (breached > 0)
                {
                    Escalated(breached);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                WatchFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock watch: {Count} referrals breached and escalated")]
    private partial void Escalated(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Clock watch failed; it runs again in a minute")]
    private partial void WatchFailed(Exception e);
}
