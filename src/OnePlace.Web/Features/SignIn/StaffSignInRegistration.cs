using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>
    /// Local staff accounts with ASP.NET Core Identity in the operational store, a sign-in cookie, and a fallback
    /// policy so that every page needs a signed-in user unless it says otherwise ([AllowAnonymous]).
    /// </summary>
    public static IServiceCollection AddStaffSignIn(this IServiceCollection services)
    {
        services
            .AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NCSC password guidance).
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
            })
            .AddEntityFrameworkStores<OnePlaceDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "OnePlace.Staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = "/error/403";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // An API caller gets a status code, not a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.TryAddScoped<AuditWriter>();
        services.AddCascadingAuthenticationState();
        return services;
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
