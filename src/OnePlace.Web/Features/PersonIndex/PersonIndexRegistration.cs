using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.PersonIndex;

namespace OnePlace.Web.Features.PersonIndex;

public static class PersonIndexRegistration
{
    /// <summary>The data steward's side of the master person index: the review queue, merge and unmerge.</summary>
    public static IServiceCollection AddPersonIndex(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<PersonIndexAccess>();
        services.AddScoped<MergePeople>();
        services.AddScoped<UnmergePeople>();
        services.AddScoped<DecideReviewPair>();
        return services;
    }
}
