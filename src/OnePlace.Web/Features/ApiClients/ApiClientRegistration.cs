using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Features.ApiClients;

/// <summary>
/// Bearer tokens for registered client systems (PRODUCT.md B1): OAuth 2.0 client credentials (RFC 6749 §4.4) at
/// <c>POST /api/token</c>, answered with ASP.NET Core's bearer token (protected by Data Protection, one hour). The
/// JSON API and FHIR endpoints accept either such a token or a signed-in member of staff.
/// Each token names its audiences (<c>aud</c>, RFC 7519 §4.1.3): the JSON API (<see cref="ApiAudience"/>) and the FHIR
/// endpoints (<see cref="FhirAudience"/>), or one of them when the client asks for it with <c>audience</c> (or RFC 8707's
/// <c>resource</c>). Each group of endpoints refuses a token not meant for it (ASVS 5.0 9.2.3).
/// </summary>
public static class ApiClientRegistration
{
    public const string BearerScheme = "ClientBearer";
    public const string ReferralApiPolicy = "referral-api";
    public const string TokenPath = "/api/token";
    public const string FhirApiPolicy = "fhir-api";
    public const string AudienceClaim = "aud";
    public const string ApiAudience = "oneplace-api";
    public const string FhirAudience = "oneplace-fhir";

    private static readonly string[] Audiences = [ApiAudience, FhirAudience];

    public static IServiceCollection AddApiClients(this IServiceCollection services)
    {
        services.AddAuthentication().AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddAuthorizationBuilder()
            .AddPolicy(ReferralApiPolicy, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => IsForAudience(c.User, ApiAudience)))
            .AddPolicy(FhirApiPolicy, p => p
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(c => IsForAudience(c.User, FhirAudience)));
        services.AddScoped<ApiClientRegistry>();
        return services;
    }

    public static IEndpointRouteBuilder MapApiTokens(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokenPath, async Task<Results<SignInHttpResult, JsonHttpResult<TokenError>>> (HttpRequest request, ApiClientRegistry registry) =>
            {
                if (!request.HasFormContentType)
                {
                    return TypedResults.Json(new TokenError("invalid_request", "Send grant_type, client_id and client_secret as a form (application/x-www-form-urlencoded)."), statusCode: StatusCodes.Status400BadRequest);
                }

                var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
                if (form["grant_type"] != "client_credentials")
                {
                    return TypedResults.Json(new TokenError("unsupported_grant_type", "Only grant_type=client_credentials is supported."), statusCode: StatusCodes.Status400BadRequest);
                }

                var asked = form["audience"].Concat(form["resource"]).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!).Distinct(StringComparer.Ordinal).ToList();
                if (asked.Any(a => !Audiences.Contains(a, StringComparer.Ordinal)))
                {
                    // RFC 8707 §2: a resource this server does not serve.
                    return TypedResults.Json(new TokenError("invalid_target", $"The audience must be one of: {string.Join(", ", Audiences)}."), statusCode: StatusCodes.Status400BadRequest);
                }

                var client = await registry.AuthenticateAsync(form["client_id"], form["client_secret"], request.HttpContext.RequestAborted);
                if (client is null)
                {
                    return TypedResults.Json(new TokenError("invalid_client", "The client id or secret is wrong, or the client is revoked."), statusCode: StatusCodes.Status401Unauthorized);
                }

                string name = ApiClientRegistry.ActorName(client.ClientId);
                var identity = new ClaimsIdentity(
                    [
                        new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, StaffRoles.ReferralClient),
                        new Claim("oneplace:organisation", client.Organisation),
                        .. (asked.Count == 0 ? [.. Audiences] : asked).Select(a => new Claim(AudienceClaim, a)),
                    ], BearerScheme);
                return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerScheme);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(Security.RateLimits.SignInPolicy)
            .WithTags("Authentication")
            .WithSummary("Exchange a client id and secret for a bearer token (OAuth 2.0 client credentials)");
        return endpoints;
    }

    /// <summary>A member of staff's cookie is for this site's own pages and API alike; a client's bearer token must
    /// name the audience.</summary>
    private static bool IsForAudience(ClaimsPrincipal user, string audience) =>
        user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != BearerScheme)
        || user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == BearerScheme && i.HasClaim(AudienceClaim, audience));
}

/// <summary>An OAuth 2.0 error response (RFC 6749 §5.2).</summary>
public sealed record TokenError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
