using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Fhir.Referrals;

namespace OnePlace.Fhir;

public static class FhirRegistration
{
    /// <summary>
    /// The FHIR door's services, and the Single Point of Access use cases it calls when the host has not registered
    /// them already (the triage rules folder: <c>Rules:Folder</c>, else the nearest <c>rules/triage</c>).
    /// </summary>
    public static IServiceCollection AddFhirReferrals(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.TryAddSingleton(provider => TriageRules.Locate(provider.GetRequiredService<IConfiguration>()["Rules:Folder"]));
        services.TryAddScoped<ReceiveReferral>();
        services.TryAddScoped<ReferralReading>();
        services.AddScoped<FhirReferrals>();
        services.TryAddScoped<ReviewAuditLog>();
        return services;
    }
}
