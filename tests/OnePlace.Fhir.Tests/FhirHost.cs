using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Import;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Fhir.Tests;

/// <summary>
/// The real web application on a real, migrated store of its own (SQLite, or PostgreSQL on the suite's second pass),
/// demo mode off, with a small borough imported as partners send it: one locality, its postcodes, and the services
/// and teams routing sends referrals to.
/// </summary>
public sealed class FhirHost : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    /// <summary>The team urgent referrals from the borough's locality are routed to.</summary>
    public const string UrgentTeam = "UCR-N";

    public const string UrgentTeamName = "North urgent community response";

    private FhirHost(TestStore store, WebApplicationFactory<Program> factory)
    {
        Store = store;
        Factory = factory;
    }

    public TestStore Store { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<FhirHost> StartAsync()
    {
        var store = await TestStore.CreateAsync();
        using (var borough = new ExtractFolderBuilder()
                   .WithGeography()
                   .Row(ExtractLayout.Services, "UCR", "Urgent community response", "community", "urgent_community_response")
                   .Row(ExtractLayout.Services, "DN", "District nursing", "community", "district_nursing")
                   .Row(ExtractLayout.Teams, UrgentTeam, UrgentTeamName, "UCR", "N")
                   .Row(ExtractLayout.Teams, "DN-N", "North district nursing", "DN", "N"))
        {
            await using var db = store.Open();
            var imported = await new ExtractImporter(db).ImportFolderAsync(borough.Write(), "test");
            Assert.True(imported.Errors.Count == 0, string.Join("; ", imported.Errors.Select(e => e.ToString())));
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting(store.ConnectionSetting.Key, store.ConnectionSetting.Value);
            web.UseSetting("OnePlace:DemoMode", "false");
        });
        _ = factory.Server; // start now: the startup step migrates the store and creates the roles
        return new FhirHost(store, factory);
    }

    /// <summary>An HTTP client with no one signed in.</summary>
    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in (sign-in cookie) as a new member of staff in <paramref name="role"/>.</summary>
    public async Task<FhirClient> SignedInAsync(string role)
    {
        string email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@partnership.test";
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        var client = Anonymous();
        var page = await (await client.GetAsync(new Uri("/sign-in", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = FhirClient.AntiforgeryToken().Match(page);
        Assert.True(token.Success, "No antiforgery token on the sign-in page");
        var signIn = await client.PostAsync(new Uri("/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return new FhirClient(client);
    }

    public OnePlaceDb OpenStore() => Store.Open();

    public async Task<int> ReferralCountAsync()
    {
        await using var db = Store.Open();
        return await db.Referrals.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>A FHIR client: posts FHIR JSON and reads the answers.</summary>
public sealed partial class FhirClient(HttpClient client) : IDisposable
{
    public HttpClient Http { get; } = client;

    public Task<HttpResponseMessage> PostAsync(string path, string body, string mediaType = FhirProfile.JsonMediaType, string? correlationId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirProfile.JsonMediaType));
        if (correlationId is not null)
        {
            request.Headers.Add(FhirProfile.CorrelationIdHeader, correlationId);
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
