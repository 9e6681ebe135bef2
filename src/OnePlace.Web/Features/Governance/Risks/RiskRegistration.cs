using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Risks;

namespace OnePlace.Web.Features.Governance.Risks;

public static class RiskRegistration
{
    /// <summary>The partnership's risk register (PRODUCT.md F1): the register with its heat map and reminders, a new
    /// risk, each risk with its history, and the changes the programme office makes to it.</summary>
    public static IServiceCollection AddRiskRegister(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<RiskRegister>();
        services.AddScoped<RecordRisk>();
        services.AddScoped<ChangeRisk>();
        services.AddScoped<ReviewRisk>();
        services.AddScoped<CloseRisk>();
        return services;
    }
}
