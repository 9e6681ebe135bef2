using System.Globalization;
using Microsoft.AspNetCore.Localization;
using OnePlace.Web.Features.SignIn;

namespace OnePlace.Web.Features.Language;

/// <summary>English and Welsh (Welsh Language Standards: a service in Wales offers both). The user's choice is kept in a cookie.</summary>
public static class LanguageRegistration
{
    public const string English = "en-GB";
    public const string Welsh = "cy-GB";

    public static readonly IReadOnlyList<string> Supported = [English, Welsh];

    public static IServiceCollection AddOnePlaceLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(English);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static IApplicationBuilder UseOnePlaceLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary><c>GET /language/{culture}?returnUrl=/path</c>: remembers the choice for a year and goes back.</summary>
    public static IEndpointRouteBuilder MapLanguageChoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/language/{culture}", (HttpContext context, string culture, string? returnUrl) =>
            {
                if (!Supported.Contains(culture))
                {
                    return Results.NotFound();
                }

                context.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
                return Results.LocalRedirect(StaffSignInRegistration.IsLocalPath(returnUrl) ? returnUrl! : "/");
            })
            .AllowAnonymous();
        return endpoints;
    }

    /// <summary>The other language's culture, for the header link.</summary>
    public static string Other => CultureInfo.CurrentUICulture.Name == Welsh ? English : Welsh;
}
