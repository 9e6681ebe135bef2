using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OnePlace.Spa.Bench;

/// <summary>HTTP clients for the running host: a client system with a bearer token, and a signed-in member of staff.</summary>
internal static partial class Host
{
    public static HttpClient Client(string url) =>
        new(new SocketsHttpHandler
        {
            // Open loop: as many connections as requests in flight, kept for the whole run.
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A client holding a bearer token from <c>POST /api/token</c> (OAuth 2.0 client credentials).</summary>
    public static async Task<HttpClient> ClientSystemAsync(string url, Credentials credentials)
    {
        var client = Client(url);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        });
        using var response = await client.PostAsync(new Uri("/api/token", UriKind.Relative), form);
        string text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /api/token answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>
    /// Signs in through the /sign-in form with its antiforgery token, as a browser would; the cookie stays in the client.
    /// The host runs as in production, where its cookies are Secure; here it is reached over plain HTTP on loopback as a
    /// TLS-ending proxy on the same machine would reach it, so the client says so (<c>X-Forwarded-Proto: https</c>,
    /// believed from loopback) and keeps the cookies as for the HTTPS address the proxy would serve.
    /// </summary>
    public static async Task<HttpClient> StaffAsync(string url, Credentials credentials)
    {
        var client = new HttpClient(new BehindProxy(new Uri(new Uri(url).GetLeftPart(UriPartial.Authority).Replace("http://", "https://", StringComparison.Ordinal)))
        {
            InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) },
        })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };
        string page = await client.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = credentials.Email,
            ["Input.Password"] = credentials.Password,
        });
        using var response = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}, not a redirect: the account or the form has changed.");
        }

        return client;
    }

    /// <summary>What a TLS-ending proxy adds, and a browser's cookie jar for the HTTPS address it serves.</summary>
    private sealed class BehindProxy(Uri served) : DelegatingHandler
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            string cookie = _cookies.GetCookieHeader(served);
            if (cookie.Length > 0)
            {
                request.Headers.Add("Cookie", cookie);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (string value in set)
                {
                    _cookies.SetCookies(served, value);
                }
            }

            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
