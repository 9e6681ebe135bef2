using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Equality;

namespace OnePlace.Web.Features.Governance.Equality;

public static class EqualityRegistration
{
    /// <summary>Equality impact assessments (PRODUCT.md F2): the list, starting one, assessing, evidence, sign-off, and
    /// the flag a triage replay raises (used by the rules page).</summary>
    public static IServiceCollection AddEqualityImpactAssessments(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<EqiaReading>();
        services.AddScoped<StartEqia>();
        services.AddScoped<AssessCharacteristic>();
        services.AddScoped<AddEqiaEvidence>();
        services.AddScoped<SubmitEqiaForSignOff>();
        services.AddScoped<SignOffEqia>();
        services.AddScoped<RaiseEqiaFromReplay>();
        return services;
    }
}
