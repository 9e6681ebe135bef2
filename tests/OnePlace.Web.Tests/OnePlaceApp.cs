using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>
/// The real web application on a real, migrated store of its own (SQLite, or PostgreSQL on the suite's second
/// pass), demo mode off, with whatever small borough and staff a test asks for.
/// </summary>
public sealed class OnePlaceApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    private OnePlaceApp(TestStore store, WebApplicationFactory<Program> factory)
    {
        Store = store;
        Factory = factory;
    }

    public TestStore Store { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<OnePlaceApp> StartAsync(SmallBorough? borough = null, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        var store = await TestStore.CreateAsync();
        if (borough is not null)
        {
            await using var db = store.Open();
            await borough.SeedAsync(db);
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
            // Many sign-ins and requests from one test client in a minute: the rate-limit tests set small limits.
            web.UseSetting("Security:RateLimits:RequestsPerWindow", "100000");
            web.UseSetting("Security:RateLimits:SignInAttemptsPerWindow", "100000");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                web.UseSetting(key, value);
            }

            if (services is not null)
            {
                web.ConfigureTestServices(services);
            }
        });
        _ = factory.Server; // start now: the startup step migrates the store and creates the roles
        return new OnePlaceApp(store, factory);
    }

    /// <summary>Creates a member of staff with one role, as account administration will.</summary>
    public async Task<string> AddStaffAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}@partnership.test";
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return email;
    }

    public OnePlaceDb OpenStore() => Store.Open();

    public StaffBrowser Browser() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>A browser already signed in as a new member of staff in <paramref name="role"/>.</summary>
    public async Task<StaffBrowser> SignedInAsync(string role)
    {
        var email = await AddStaffAsync(role);
        var browser = Browser();
        var response = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        browser.Email = email;
        return browser;
    }

    /// <summary>Creates a member of staff with one role who works in <paramref name="teamCode"/>: their worklist by default,
    /// and the team whose referrals they act on.</summary>
    public async Task<string> AddTeamStaffAsync(string role, string teamCode, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{teamCode.ToLowerInvariant()}@partnership.test";
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role} of {teamCode}", TeamCode = teamCode };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return email;
    }

    /// <summary>A browser already signed in as a new member of staff in <paramref name="role"/> and <paramref name="teamCode"/>.</summary>
    public async Task<StaffBrowser> SignedInToTeamAsync(string role, string teamCode, string? email = null)
    {
        email = await AddTeamStaffAsync(role, teamCode, email);
        var browser = Browser();
        var response = await browser.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        browser.Email = email;
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
    }

    private static void Check(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

/// <summary>An HTTP client that fills in forms as a browser would: with the page's antiforgery token and form name.</summary>
public sealed partial class StaffBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Who is signed in, when someone is.</summary>
    public string? Email { get; set; }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<string> GetPageAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="path"/>, then posts the form called <paramref name="formName"/> with <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, IDictionary<string, string> fields)
    {
        var page = await Client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await Client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Posts a form to <paramref name="path"/> with the antiforgery token of another page (one this user may load).</summary>
    public async Task<HttpResponseMessage> PostWithTokenFromAsync(string tokenPage, string path, string formName, IDictionary<string, string> fields)
    {
        var html = await (await Client.GetAsync(new Uri(tokenPage, UriKind.Relative))).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {tokenPage}");
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        return await Client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Loads <paramref name="path"/>, then posts its form <paramref name="formName"/> as multipart form data with a file, as a
    /// browser sends an upload.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string path, string formName, string fileField, string fileName, string content, IDictionary<string, string>? fields = null)
    {
        var html = await (await Client.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(formName), "_handler" },
            { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" },
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, fileField, fileName);
        return await Client.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        SubmitAsync("/sign-in", "sign-in", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public async Task<string> SearchAsync(IDictionary<string, string> fields)
    {
        var response = await SubmitAsync("/people", "person-search", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
