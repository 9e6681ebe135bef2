using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Features.SignIn;

/// <summary>
/// Sign-in through the partnership's identity provider (OpenID Connect: Entra ID, NHS CIS2, a council IdP), switched on
/// by configuration: <c>Authentication:Oidc:Authority</c> and <c>ClientId</c>, with <c>ClientSecret</c> from the
/// environment or user secrets, never from a file in the repository. Authorization code flow with PKCE (ASVS 5.0
/// 10.2.1); state and nonce (10.5.1) are checked by the handler. The provider's user becomes the existing member of staff
/// with the same email address, with that account's own roles: nobody is created, and no role comes from the provider.
/// A disabled or locked account is refused. Local accounts stay available beside it.
/// </summary>
public static class StaffOidcRegistration
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string Section = "Authentication:Oidc";
    public const string ChallengePath = "/sign-in/oidc";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[Section + ":Authority"]) && !string.IsNullOrWhiteSpace(configuration[Section + ":ClientId"]);

    public static IServiceCollection AddStaffOidc(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return services;
        }

        var section = configuration.GetSection(Section);
        services.AddAuthentication().AddOpenIdConnect(Scheme, section["DisplayName"] ?? "Partnership sign-in", o =>
        {
            o.Authority = section["Authority"];
            o.ClientId = section["ClientId"];
            o.ClientSecret = section["ClientSecret"];
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.Scope.Add("profile");
            o.CallbackPath = "/sign-in/oidc-callback";
            o.SignedOutCallbackPath = "/sign-in/oidc-signed-out";
            // Loopback-only metadata is allowed for the test host's own provider; anything else must be HTTPS.
            o.RequireHttpsMetadata = !(Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
            o.SignInScheme = IdentityConstants.ApplicationScheme;
            o.Events.OnTicketReceived = MapToStaffAsync;
        });
        return services;
    }

    /// <summary><c>GET /sign-in/oidc?returnUrl=/...</c> starts sign-in at the identity provider.</summary>
    public static IEndpointRouteBuilder MapStaffOidc(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (IsConfigured(configuration))
        {
            endpoints.MapGet(ChallengePath, (string? returnUrl) => TypedResults.Challenge(
                    new AuthenticationProperties { RedirectUri = StaffSignInRegistration.IsLocalPath(returnUrl) ? returnUrl : "/" }, [Scheme]))
                .AllowAnonymous();
        }

        return endpoints;
    }

    private static async Task MapToStaffAsync(TicketReceivedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var signIn = services.GetRequiredService<SignInManager<StaffUser>>();
        var audit = services.GetRequiredService<AuditWriter>();
        string? email = context.Principal?.FindFirst("email")?.Value;
        // Only an address the provider vouches for: an unverified one could be anybody's.
        bool verified = !string.Equals(context.Principal?.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase);
        var user = email is not null && verified ? await users.FindByEmailAsync(email) : null;
        if (user is null || await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            await audit.WriteAsync(email ?? "(no email from the identity provider)", AuditAction.SignInFailed,
                "reason=" + (user is null ? "oidc_no_matching_staff_account" : "oidc_account_disabled_or_locked"));
            context.Response.Redirect(StaffSignInRegistration.SignInPath + "?external=refused");
            context.HandleResponse();
            return;
        }

        // The session is the staff account's own (its roles, team and security stamp), so disabling the account or
        // resetting its stamp ends it as it ends any other.
        context.Principal = await signIn.CreateUserPrincipalAsync(user);
        await audit.WriteAsync(user.Email!, AuditAction.SignIn, "via=oidc");
    }
}
