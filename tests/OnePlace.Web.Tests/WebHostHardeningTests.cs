using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>The sign-in cookie, session timeouts, response headers, rate limits, OpenID Connect and bearer audiences.</summary>
public sealed class WebHostHardeningTests
{
    /// <summary>The system clock, moved on by the test: what the host's TimeProvider reads.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Over_plain_http_on_the_test_host_the_cookie_is_http_only_and_same_site_strict()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        using var browser = app.Browser();

        var cookie = SetCookie(await browser.SignInAsync(email, OnePlaceApp.Password), "OnePlace.Staff").ToLowerInvariant();

        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
    }

    /// <summary>The address the connection comes from, as a reverse proxy's or a client's would (the test server leaves it unset).</summary>
    private sealed class Peer(IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, rest) =>
            {
                context.Connection.RemoteIpAddress = address;
                return rest(context);
            });
            next(app);
        };
    }

    private static HttpClient FromPeer(OnePlaceApp app, IPAddress peer, Dictionary<string, string?>? settings = null)
    {
        var client = app.Factory.WithWebHostBuilder(b =>
        {
            b.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new Peer(peer)));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                b.UseSetting(key, value);
            }
        }).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://oneplace.partnership.test/"), AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.7");
        return client;
    }

    [Fact]
    public async Task Behind_a_tls_ending_proxy_it_names_the_forms_work_and_a_client_cannot_claim_https_for_itself()
    {
        await using var app = await OnePlaceApp.StartAsync(environment: "Production");

        // A proxy on the same machine (loopback, trusted by default) or one the deployment names forwards HTTPS.
        foreach (var (peer, settings) in new (IPAddress, Dictionary<string, string?>?)[]
        {
            (IPAddress.Loopback, null),
            (IPAddress.Parse("10.1.2.3"), new() { ["Security:ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16" }),
        })
        {
            using var proxied = FromPeer(app, peer, settings);
            var signIn = await proxied.GetAsync("/sign-in");
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
            Assert.StartsWith("max-age=31536000", signIn.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.Contains("secure", signIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains(".Antiforgery=", StringComparison.Ordinal)).ToLowerInvariant(), StringComparison.Ordinal);
        }

        // A client straight from the internet saying it came over HTTPS is not believed: no HSTS on plain HTTP.
        using var direct = FromPeer(app, IPAddress.Parse("203.0.113.9"));
        var health = await direct.GetAsync("/health");
        Assert.False(health.Headers.Contains("Strict-Transport-Security"));

        // A proxy address that is not an address stops the host with its name.
        var bad = Assert.ThrowsAny<Exception>(() => FromPeer(app, IPAddress.Loopback, new() { ["Security:ForwardedHeaders:KnownProxies:0"] = "proxy.internal" }));
        Assert.Contains("proxy.internal", bad.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_over_https_the_cookie_is_host_prefixed_and_secure_and_hsts_is_sent()
    {
        await using var app = await OnePlaceApp.StartAsync(environment: "Production");
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        using var browser = new StaffBrowser(app.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://oneplace.partnership.test/"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));

        var response = await browser.SignInAsync(email, OnePlaceApp.Password);
        var cookie = SetCookie(response, "__Host-OnePlace.Staff").ToLowerInvariant();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_and_tests_every_cookie_is_secure_whatever_the_request_came_over()
    {
        await using var app = await OnePlaceApp.StartAsync(environment: "Production");
        var cookies = app.Factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var antiforgery = app.Factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(IdentityConstants.ApplicationScheme).Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, cookies.Get(IdentityConstants.TwoFactorUserIdScheme).Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }

    [Fact]
    public async Task Resetting_a_password_ends_sessions_already_open()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:Session:StampCheckInterval"] = "00:00:00" });
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);
        var before = await browser.GetAsync("/");

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(browser.Email!))!;
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), "a brand new passphrase for work");
            Assert.True(reset.Succeeded);
        }

        var after = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_ends_after_the_idle_timeout_but_requests_within_it_keep_it_alive()
    {
        var clock = new MovableClock();
        await using var app = await OnePlaceApp.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var statuses = new List<HttpStatusCode>();
        foreach (int minutes in new[] { 15, 30, 45 })
        {
            clock.Ahead = TimeSpan.FromMinutes(minutes);
            statuses.Add((await browser.GetAsync("/")).StatusCode);
        }

        clock.Ahead = TimeSpan.FromMinutes(45 + 21);
        statuses.Add((await browser.GetAsync("/")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
    }

    [Fact]
    public async Task A_session_ends_at_the_absolute_timeout_however_busy()
    {
        var clock = new MovableClock();
        await using var app = await OnePlaceApp.StartAsync(
            settings: new Dictionary<string, string?> { ["Security:Session:AbsoluteTimeout"] = "01:00:00" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        var statuses = new List<HttpStatusCode>();
        foreach (int minutes in new[] { 15, 30, 45, 59, 61 })
        {
            clock.Ahead = TimeSpan.FromMinutes(minutes);
            statuses.Add((await browser.GetAsync("/")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Redirect], statuses);
    }

    [Fact]
    public async Task Every_page_and_api_answer_carries_the_security_headers_and_pages_are_not_stored()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = await app.SignedInAsync(StaffRoles.Practitioner);

        foreach (var path in new[] { "/", "/people", "/sign-in", "/api/referrals/00000000-0000-0000-0000-000000000000" })
        {
            var response = await browser.GetAsync(path);
            string Header(string name) => string.Join(",", response.Headers.TryGetValues(name, out var v) ? v : response.Content.Headers.TryGetValues(name, out var c) ? c : []);
            Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", Header("Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Equal("nosniff", Header("X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header("Referrer-Policy"));
            Assert.Equal("DENY", Header("X-Frame-Options"));
            Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
            Assert.Contains("camera=()", Header("Permissions-Policy"), StringComparison.Ordinal);
            Assert.Equal("no-store", Header("Cache-Control"));
        }

        var stylesheet = await browser.GetAsync("/lib/nhsuk-frontend/nhsuk-frontend.min.css");
        Assert.Equal("nosniff", stylesheet.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(stylesheet.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_beyond_the_limit_get_429_with_retry_after()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:RateLimits:SignInAttemptsPerWindow"] = "3" });
        var email = await app.AddStaffAsync(StaffRoles.Practitioner);
        using var browser = app.Browser();

        var statuses = new List<HttpStatusCode>();
        for (int attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await browser.SignInAsync(email, "wrong password " + attempt)).StatusCode);
        }

        var page = await browser.GetAsync("/sign-in");
        var last = await browser.SignInAsync(email, OnePlaceApp.Password);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Each_signed_in_user_has_an_allowance_of_their_own()
    {
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?> { ["Security:RateLimits:RequestsPerWindow"] = "4" });
        using var first = await app.SignedInAsync(StaffRoles.Practitioner);
        using var second = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        var statuses = new List<HttpStatusCode>();
        for (int request = 0; request < 5; request++)
        {
            statuses.Add((await first.GetAsync("/")).StatusCode);
        }

        var refused = await first.GetAsync("/");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Without_configuration_there_is_no_openid_connect_scheme()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var browser = app.Browser();

        var schemes = await app.Factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();

        Assert.DoesNotContain(schemes, s => s.Name == "OpenIdConnect");
        Assert.DoesNotContain("oidc-sign-in", await browser.GetPageAsync("/sign-in"), StringComparison.Ordinal);
        // No challenge route: the address is like any unknown one, and nothing leaves for a provider.
        var response = await browser.GetAsync("/sign-in/oidc");
        Assert.True(response.Headers.Location is null || !response.Headers.Location.IsAbsoluteUri || response.Headers.Location.Host == "localhost");
    }

    [Fact]
    public async Task With_configuration_sign_in_goes_to_the_providers_authorization_endpoint_with_pkce()
    {
        using var provider = DiscoveryServer.Start();
        await using var app = await OnePlaceApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = provider.Authority,
            ["Authentication:Oidc:ClientId"] = "oneplace-test",
        });
        using var browser = app.Browser();

        var html = await browser.GetPageAsync("/sign-in");
        var challenge = await browser.GetAsync("/sign-in/oidc?returnUrl=/people");
        var location = challenge.Headers.Location!;
        var query = System.Web.HttpUtility.ParseQueryString(location.Query);

        Assert.Contains("id=\"oidc-sign-in\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal(provider.Authority + "/authorize", location.GetLeftPart(UriPartial.Path));
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("oneplace-test", query["client_id"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"]!.Length);
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.EndsWith("/sign-in/oidc-callback", query["redirect_uri"], StringComparison.Ordinal);
        Assert.Contains("openid", query["scope"]!.Split(' '));
    }

    [Fact]
    public async Task A_client_token_is_refused_by_endpoints_outside_its_audience()
    {
        await using var app = await OnePlaceApp.StartAsync();
        string secret;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            secret = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RegisterAsync("test", "gp-system", "Pleck GP system", "Pleck Health Centre");
        }

        using var client = app.Factory.CreateClient();
        async Task<HttpResponseMessage> TokenAsync(string? audience)
        {
            var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "gp-system", ["client_secret"] = secret };
            if (audience is not null)
            {
                form["audience"] = audience;
            }

            return await client.PostAsync(new Uri("/api/token", UriKind.Relative), new FormUrlEncodedContent(form));
        }

        async Task<HttpStatusCode> CallAsync(HttpResponseMessage token, string path)
        {
            using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
            return (await client.SendAsync(request)).StatusCode;
        }

        var fhirOnly = await TokenAsync("oneplace-fhir");
        var apiOnly = await TokenAsync("oneplace-api");
        var elsewhere = await TokenAsync("https://other.example/api");
        const string Referral = "/api/referrals/00000000-0000-0000-0000-000000000000";
        const string FhirReferral = "/fhir/ServiceRequest/00000000-0000-0000-0000-000000000000";

        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(fhirOnly, Referral));
        Assert.NotEqual(HttpStatusCode.Forbidden, await CallAsync(fhirOnly, FhirReferral));
        Assert.NotEqual(HttpStatusCode.Forbidden, await CallAsync(apiOnly, Referral));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(apiOnly, FhirReferral));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("invalid_target", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>An OpenID provider's discovery document and key set, served on a loopback port: just enough for the
    /// handler to find the authorization endpoint, as it would at a real provider.</summary>
    private sealed class DiscoveryServer : IDisposable
    {
        private static readonly string[] Code = ["code"];
        private static readonly string[] Public = ["public"];
        private static readonly string[] Rs256 = ["RS256"];
        private static readonly string[] S256 = ["S256"];

        private readonly HttpListener listener = new();

        private DiscoveryServer(int port)
        {
            Authority = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Authority + "/");
        }

        public string Authority { get; }

        public static DiscoveryServer Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var server = new DiscoveryServer(port);
            server.listener.Start();
            _ = server.ServeAsync();
            return server;
        }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                string body = context.Request.Url!.AbsolutePath switch
                {
                    "/.well-known/openid-configuration" => JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["issuer"] = Authority,
                        ["authorization_endpoint"] = Authority + "/authorize",
                        ["token_endpoint"] = Authority + "/token",
                        ["jwks_uri"] = Authority + "/jwks",
                        ["response_types_supported"] = Code,
                        ["subject_types_supported"] = Public,
                        ["id_token_signing_alg_values_supported"] = Rs256,
                        ["code_challenge_methods_supported"] = S256,
                    }),
                    "/jwks" => "{\"keys\":[]}",
                    _ => "",
                };
                context.Response.StatusCode = body.Length == 0 ? 404 : 200;
                context.Response.ContentType = "application/json";
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
