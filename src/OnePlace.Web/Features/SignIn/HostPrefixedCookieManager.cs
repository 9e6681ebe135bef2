using Microsoft.AspNetCore.Authentication.Cookies;

namespace OnePlace.Web.Features.SignIn;

/// <summary>
/// Names a cookie with the <c>__Host-</c> prefix when the request came over HTTPS (RFC 6265bis §4.1.3.2; ASVS 5.0
/// 3.3.3): a browser then only accepts it Secure, for path "/", from this host alone, so no sibling subdomain can set
/// or overwrite it. Over plain HTTP (the loopback test host and local development only, see
/// <see cref="StaffSignInRegistration"/>) browsers refuse a prefixed cookie, so there it keeps its plain name.
/// </summary>
internal sealed class HostPrefixedCookieManager : ICookieManager
{
    public const string Prefix = "__Host-";

    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) => inner.DeleteCookie(context, Name(context, key), options);

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
