namespace OnePlace.Web.Features.Security;

/// <summary>
/// Response headers on every response, pages and API alike (ASVS 5.0 3.4; OWASP Secure Headers Project). The pages are
/// static server-rendered Razor components: their scripts and stylesheets are files from this site (NHS.UK frontend,
/// /js/enable.js, /js/init.mjs), with no inline script, no inline style attribute and no Blazor circuit, so the policy
/// allows 'self' alone. Icons are SVG files or inline SVG markup; QR codes are inline SVG. NHS.UK frontend's stylesheet
/// asks for the Frutiger web font from assets.nhs.uk; font-src 'self' keeps that request (and what it tells a third
/// party about who is using OnePlace) from leaving, and the stylesheet falls back to Arial.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=(), browsing-topics=()";

    public static IServiceCollection AddOnePlaceSecurityHeaders(this IServiceCollection services)
    {
        // HSTS for a year, subdomains included (ASVS 3.4.1); UseHsts never sends it for localhost or plain HTTP.
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    public static WebApplication UseOnePlaceSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;      // 3.4.3, 3.4.6
                headers.XContentTypeOptions = "nosniff";                    // 3.4.4
                headers["Referrer-Policy"] = "no-referrer";                 // 3.4.5: no page address (with its ids) leaks
                headers.XFrameOptions = "DENY";                             // older browsers' frame-ancestors
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";      // 3.4.8
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                // Pages and API answers may show person data: never kept by a browser or a shared cache. Static files
                // (stylesheets, scripts, icons) are public and keep the caching the static file handler gives them.
                if (!IsStaticFile(context))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static bool IsStaticFile(HttpContext context) =>
        context.GetEndpoint() is null && context.Response.StatusCode is >= 200 and < 400 && Path.HasExtension(context.Request.Path.Value)
        && (context.Request.Path.StartsWithSegments("/lib") || context.Request.Path.StartsWithSegments("/css")
            || context.Request.Path.StartsWithSegments("/js") || context.Request.Path.StartsWithSegments("/assets"));
}
