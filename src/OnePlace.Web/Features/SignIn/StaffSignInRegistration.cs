using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OnePlace.Core.Access;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Web.Features.SignIn;

public static class StaffSignInRegistration
{
    public const string SignInPath = "/sign-in";
    public const string SignOutPath = "/sign-out";

    /// <summary>How many wrong passwords in a row lock an account, and for how long.</summary>
    public const int MaxFailedAttempts = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The claim holding when the member of staff signed in (Unix seconds), for the absolute timeout.</summary>
    public const string SignedInAtClaim = "oneplace:signed_in_at";

    /// <summary>
    /// Local staff accounts with ASP.NET Core Identity in the operational store, a sign-in cookie, and a fallback
    /// policy so that every page needs a signed-in user unless it says otherwise ([AllowAnonymous]).
    /// </summary>
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services
            .AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NCSC password guidance; ASVS 5.0 6.2.1, 6.2.5); the common-password,
                // personal-word and maximum-length rules are StaffPasswordValidator's.
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // Wrong passwords and wrong authenticator or recovery codes count alike (SignInManager counts both).
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<OnePlaceDb>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StaffPasswordValidator>()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();

        var session = configuration.GetSection(SessionSettings.Section).Get<SessionSettings>() ?? new SessionSettings();
        services.Configure<SessionSettings>(configuration.GetSection(SessionSettings.Section));
        services.AddSingleton(new MfaRequirement(configuration[MfaRequirement.Setting]));

        // Secure cookies everywhere except plain-HTTP loopback hosts: the test host and local development run over
        // http://127.0.0.1, where a browser drops a Secure cookie and sign-in could not work at all. Anywhere else a
        // cookie is never sent over plain HTTP (ASVS 5.0 3.3.1), whatever the request came in on.
        var securePolicy = environment.IsDevelopment() || environment.IsEnvironment("Testing")
            ? CookieSecurePolicy.SameAsRequest
            : CookieSecurePolicy.Always;
        // Strict keeps the cookie off every request another site starts (ASVS 3.3.2). An identity provider's callback
        // is such a request, and the redirect after it would arrive without the cookie, so with OpenID Connect
        // configured the cookie is Lax: still never sent on another site's POST, image or frame.
        var sameSite = StaffOidcRegistration.IsConfigured(configuration) ? SameSiteMode.Lax : SameSiteMode.Strict;

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = sameSite;
            o.CookieManager = new HostPrefixedCookieManager();
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = "/error/403";
            // Idle timeout: each request in the second half of the window renews it (ASVS 7.3.1).
            o.ExpireTimeSpan = session.IdleTimeout;
            o.SlidingExpiration = true;
            // An API caller gets a status code, not a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            o.Events.OnSigningIn = context =>
            {
                StampSignInTime(context);
                return Task.CompletedTask;
            };
            var checkStamp = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async context =>
            {
                if (IsPastAbsoluteTimeout(context))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await checkStamp(context);
            };
        });

        // The cookie that carries a member of staff between their password and their authenticator code.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = CookieName + ".TwoFactor";
            o.Cookie.Path = "/";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = sameSite;
            o.CookieManager = new HostPrefixedCookieManager();
        });
        services.Configure<AntiforgeryOptions>(o =>
        {
            o.Cookie.Name = CookieName + ".Antiforgery";
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });

        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = session.StampCheckInterval;
            // A session renewed after a stamp check keeps the time it signed in, so the absolute timeout still holds.
            o.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(SignedInAtClaim) is { } at && context.NewPrincipal?.Identity is ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == SignedInAtClaim))
                {
                    identity.AddClaim(new Claim(SignedInAtClaim, at.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.TryAddScoped<AuditWriter>();
        services.TryAddScoped<ChangeStaffAccountStatus>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>The sign-in cookie's name; over HTTPS it carries the <c>__Host-</c> prefix (<see cref="HostPrefixedCookieManager"/>).</summary>
    public const string CookieName = "OnePlace.Staff";

    /// <summary>NCSC: at least 12 characters for accounts without a second factor; ASVS 5.0 6.2.1 asks for 8, recommends 15.</summary>
    public const int MinimumPasswordLength = 12;

    private static void StampSignInTime(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity || identity.HasClaim(c => c.Type == SignedInAtClaim))
        {
            return;
        }

        // Refreshing the cookie of someone already signed in (after setting up an authenticator, say) is not a new sign-in.
        var current = context.HttpContext.User;
        string? at = current.FindFirstValue(ClaimTypes.NameIdentifier) == identity.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ? current.FindFirstValue(SignedInAtClaim)
            : null;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        identity.AddClaim(new Claim(SignedInAtClaim, at ?? clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
    }

    private static bool IsPastAbsoluteTimeout(CookieValidatePrincipalContext context)
    {
        var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<SessionSettings>>().Value;
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        // A cookie without the claim predates it: treat it as expired rather than as endless.
        return context.Principal?.FindFirstValue(SignedInAtClaim) is not { } text
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            || clock.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(seconds) + settings.AbsoluteTimeout;
    }

    /// <summary>Sign-out is a POST with an antiforgery token, so that no link or image can sign a user out.</summary>
    public static IEndpointRouteBuilder MapStaffSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignOutPath, async Task<Results<RedirectHttpResult, ContentHttpResult>> (HttpContext context, SignInManager<StaffUser> signIn) =>
            {
                // The antiforgery middleware only records its verdict; an endpoint without form binding must act on it.
                if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                {
                    // A body of its own, so that the status code pages do not re-run this POST against a page.
                    return TypedResults.Text("The sign-out form had expired. Go back, reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
                }

                await signIn.SignOutAsync();
                return TypedResults.LocalRedirect(SignInPath + "?signedOut=true");
            })
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    /// <summary>The signed-in user as Core's access check sees them.</summary>
    public static StaffActor ToStaffActor(this ClaimsPrincipal user) => StaffActor.FromClaims(user);

    /// <summary>Only local paths are followed after sign-in, so the sign-in page cannot be used to send people elsewhere.</summary>
    public static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        // API and FHIR callers get the status code, not the sign-in page, and no HTML error page in place of the empty
        // body (a bearer scheme may still add its own challenge header).
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/fhir"))
        {
            context.Response.StatusCode = status;
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }
}
