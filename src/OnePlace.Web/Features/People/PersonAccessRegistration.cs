using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;

namespace OnePlace.Web.Features.People;

public static class PersonAccessRegistration
{
    public static IServiceCollection AddPersonRecordAccess(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<PersonRecordAccess>();
        return services;
    }
}
