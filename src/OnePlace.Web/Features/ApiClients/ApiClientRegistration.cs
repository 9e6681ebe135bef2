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
/// </summary>
public static class ApiClientRegistration
{
    public const string BearerScheme = "ClientBearer";
    public const string ReferralApiPolicy = "referral-api";
    public const string TokenPath = "/api/token";

    public static IServiceCollection AddApiClients(this IServiceCollection services)
    {
        services.AddAuthentication().AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1));
        services.AddAuthorizationBuilder().AddPolicy(ReferralApiPolicy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, BearerScheme)
            .RequireAuthenticatedUser());
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
                    ], BearerScheme);
                return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: BearerScheme);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithTags("Authentication")
            .WithSummary("Exchange a client id and secret for a bearer token (OAuth 2.0 client credentials)");
        return endpoints;
    }
}

/// <summary>An OAuth 2.0 error response (RFC 6749 §5.2).</summary>
public sealed record TokenError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);
