using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Features.Cohorts;

public static class CohortsRegistration
{
    /// <summary>The analytical store's setting, shared with the outcome dashboards (one file serves both).</summary>
    public const string StoreKey = Outcomes.OutcomesRegistration.StoreKey;

    /// <summary>
    /// The cohort builder (<c>/cohorts</c>, PRODUCT.md C3) and the case-finding MDT lists it makes
    /// (<c>/mdt/lists/{id}</c>, B5): the analytical store they count on, and the use cases that turn a cohort into
    /// identifiable people for a team's direct care.
    /// </summary>
    public static IServiceCollection AddCohorts(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddSingleton(new AnalyticsStore(configuration[StoreKey] is { Length: > 0 } path ? path : AnalyticsStore.DefaultPath));
        services.AddScoped<MakeCaseFindingList>();
        services.AddScoped<CaseFindingReading>();
        services.AddScoped<CloseCaseFindingList>();
        return services;
    }

    /// <summary>
    /// Who may build cohorts and see their counts (aggregates, with 1 to 7 withheld): analysts, and the practitioners
    /// and team managers who may make case-finding lists of them.
    /// </summary>
    public static bool MayBuildCohorts(StaffActor actor) => actor.May(Permission.BuildCohorts);
}
