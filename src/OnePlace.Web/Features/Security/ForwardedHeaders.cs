using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OnePlace.Web.Features.Security;

/// <summary>
/// Running behind a reverse proxy that ends TLS (nginx, a cloud load balancer), as a partnership deployment usually does.
/// The host then sees plain HTTP from the proxy: without the proxy's <c>X-Forwarded-Proto</c> a request is not HTTPS,
/// so the Secure-only session and antiforgery cookies are refused and every form fails; without <c>X-Forwarded-For</c>
/// every user shares the proxy's address in the rate limits. The headers are believed only from the proxies the
/// deployment names (<c>Security:ForwardedHeaders:KnownProxies</c>, addresses, and <c>KnownNetworks</c>, CIDR ranges),
/// and from loopback as ASP.NET Core does by default, so that a client cannot claim HTTPS or another address for itself
/// (ASVS 5.0 V4.1.3: headers set by an intermediary are not trusted from the end user).
/// </summary>
public static class ForwardedHeadersRegistration
{
    public const string Section = "Security:ForwardedHeaders";

    public static IServiceCollection AddOnePlaceForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        // Read and checked at start, so that a mistyped proxy stops the host with its name rather than failing a request.
        var proxies = (configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [])
            .Select(p => IPAddress.TryParse(p.Trim(), out var address) ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies holds '{p}', which is not an IP address.")).ToList();
        var networks = (configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [])
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks holds '{n}', which is not a CIDR range such as 10.0.0.0/8.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>First in the pipeline, so that every later step (HSTS, cookies, antiforgery, rate limits) sees the
    /// client's scheme and address.</summary>
    public static WebApplication UseOnePlaceForwardedHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
