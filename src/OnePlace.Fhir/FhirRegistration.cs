using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
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

        // A FHIR client that is not signed in gets 401 (or 403), never the sign-in page's redirect, and no HTML error
        // page in place of an empty body.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var toSignIn = options.Events.OnRedirectToLogin;
            var toDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToLogin = context => IsFhir(context.Request) ? Refuse(context.HttpContext, StatusCodes.Status401Unauthorized) : toSignIn(context);
            options.Events.OnRedirectToAccessDenied = context => IsFhir(context.Request) ? Refuse(context.HttpContext, StatusCodes.Status403Forbidden) : toDenied(context);
        });
        return services;
    }

    private static bool IsFhir(HttpRequest request) => request.Path.StartsWithSegments(FhirEndpoints.BasePath);

    private static Task Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        // Another scheme (a bearer token) may add its own challenge header after this one, so no body is written here;
        // the status code pages are turned off instead.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        return Task.CompletedTask;
    }
}
