using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnePlace.Core.Store;

namespace OnePlace.Web.Features.Health;

public static class HealthRegistration
{
    public static IServiceCollection AddOnePlaceHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["db"]);
        return services;
    }

    /// <summary><c>/health</c> answers "Healthy" (200) or "Unhealthy" (503), with no sign-in, for load balancers.</summary>
    public static IEndpointRouteBuilder MapOnePlaceHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health").AllowAnonymous();
        return endpoints;
    }
}

/// <summary>
/// The operational store answers a query. (The same as AddDbContextCheck from
/// Microsoft.Extensions.Diagnostics.HealthChecks.EntityFrameworkCore, which is not among the central package versions.)
/// </summary>
internal sealed class StoreHealthCheck(OnePlaceDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "The operational store cannot be reached.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The operational store cannot be reached.", e);
        }
    }
}
