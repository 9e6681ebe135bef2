using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;

namespace OnePlace.Web.Features.People;

public static class PersonAccessRegistration
{
    /// <summary>How long a break-glass grant lasts, in hours (12 unless configured).</summary>
    public const string BreakGlassHoursKey = "OnePlace:BreakGlassHours";

    public static IServiceCollection AddPersonRecordAccess(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<PersonRecordAccess>();
        services.AddSingleton(provider => provider.GetRequiredService<IConfiguration>()[BreakGlassHoursKey] is { Length: > 0 } hours
            ? new BreakGlassPolicy(TimeSpan.FromHours(double.Parse(hours, CultureInfo.InvariantCulture)))
            : BreakGlassPolicy.Default);
        services.AddScoped<BreakGlass>();
        return services;
    }
}
