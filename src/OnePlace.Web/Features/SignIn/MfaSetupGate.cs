namespace OnePlace.Web.Features.SignIn;

/// <summary>
/// Keeps a member of staff who must use a second factor (<see cref="MfaRequirement"/>) and has not set one up on the
/// authenticator set-up page: every other page sends them there, and the API answers 403, until they have.
/// </summary>
public static class MfaSetupGate
{
    public static IApplicationBuilder UseMfaSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(c => c.Type == StaffClaims.MfaSetupRequired)
            && !path.StartsWithSegments(AuthenticatorPaths.Setup)
            && !path.StartsWithSegments(StaffSignInRegistration.SignOutPath)
            && !path.StartsWithSegments(StaffSignInRegistration.SignInPath)
            && !path.StartsWithSegments("/health")
            && !path.StartsWithSegments("/error"))
        {
            if (path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir"))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            else
            {
                context.Response.Redirect(AuthenticatorPaths.Setup);
            }

            return;
        }

        await next(context);
    });
}

public static class AuthenticatorPaths
{
    public const string Setup = "/account/authenticator";
    public const string Code = "/sign-in/code";
}
