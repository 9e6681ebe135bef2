using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.CarePlans;
using OnePlace.Core.Services;

namespace OnePlace.Web.Features.Worklists;

public static class WorklistsRegistration
{
    /// <summary>
    /// Team worklists, the SPA queue, the referral page, care plans and team task lists, the MDT list and the 2-hour
    /// standard (PRODUCT.md B3–B5). The pages are Razor components; this registers the use cases they call.
    /// </summary>
    public static IServiceCollection AddWorklists(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<TeamDirectory>();
        services.AddScoped<ChangeCarePlan>();
        services.AddScoped<TeamTasks>();
        services.AddScoped<MdtList>();
        return services;
    }
}
