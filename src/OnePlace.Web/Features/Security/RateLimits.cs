using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace OnePlace.Web.Features.Security;

/// <summary>Request limits (configuration section <c>Security:RateLimits</c>).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "Security:RateLimits";

    /// <summary>Requests a signed-in member of staff, a client system or an address may make in <see cref="Window"/>.</summary>
    public int RequestsPerWindow { get; set; } = 600;

    /// <summary>Sign-in attempts (password or code) and token requests from one address in <see cref="Window"/>.</summary>
    public int SignInAttemptsPerWindow { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Limits on requests (ASP.NET Core's rate limiter; ASVS 5.0 2.4.1, 6.3.1): every request counts against its caller
/// (the signed-in member of staff, the client system of a bearer token, or else the address it came from), and sign-in
/// attempts and token requests count again against a much smaller allowance per address, beside the account lockout
/// which protects each account. A refused request gets 429 with Retry-After.
/// </summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    public static IServiceCollection AddOnePlaceRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                Caller(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.RequestsPerWindow, Window = settings.Window, QueueLimit = 0 }));
            o.AddPolicy(SignInPolicy, context => !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("not-an-attempt")
                : RateLimitPartition.GetFixedWindowLimiter("address:" + Address(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInAttemptsPerWindow, Window = settings.Window, QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>After authentication, so that a signed-in user is one partition wherever they are. Sign-in and token
    /// requests count towards the stricter limit only when they are attempts (POSTs): loading the sign-in page is not a guess.</summary>
    public static IApplicationBuilder UseOnePlaceRateLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>The partition a request counts in.</summary>
    public static string Caller(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? "user:" + id
            : "address:" + Address(context);

    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
