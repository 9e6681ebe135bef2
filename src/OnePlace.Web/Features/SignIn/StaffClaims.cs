using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Features.SignIn;

/// <summary>Claims OnePlace adds to the sign-in cookie beyond Identity's own (name, id, roles).</summary>
public static class StaffClaims
{
    public const string DisplayName = "oneplace:display_name";

    /// <summary>Present while the member of staff must set up an authenticator app before doing anything else.</summary>
    public const string MfaSetupRequired = "oneplace:mfa_setup_required";
}

/// <summary>Puts the member of staff's display name in the cookie, so the header can greet them without a query.</summary>
internal sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    MfaRequirement mfa) : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        }

        if (!string.IsNullOrWhiteSpace(user.TeamCode))
        {
            identity.AddClaim(new Claim(Core.Access.StaffActor.TeamClaim, user.TeamCode));
        }

        if (!user.TwoFactorEnabled && mfa.AppliesTo(await UserManager.GetRolesAsync(user)))
        {
            identity.AddClaim(new Claim(StaffClaims.MfaSetupRequired, "true"));
        }

        return identity;
    }
}
