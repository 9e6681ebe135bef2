using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Programmes;

namespace OnePlace.Web.Features.Governance.Programme;

public static class ProgrammeRegistration
{
    /// <summary>The transformation programme (PRODUCT.md F3): phases, milestones and benefits read from the outcomes framework.</summary>
    public static IServiceCollection AddProgramme(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<ProgrammeReading>();
        services.AddScoped<SetUpProgramme>();
        services.AddScoped<AddMilestone>();
        services.AddScoped<UpdateMilestone>();
        services.AddScoped<AddBenefit>();
        return services;
    }
}
