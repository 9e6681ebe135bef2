using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Web.Features.Referrals;

namespace OnePlace.Web.Tests;

/// <summary>
/// No person data in URLs or logs (OWASP ASVS 5.0 V14.2.1, V16.2.5; NHS DSPT): representative journeys that carry
/// person data — a search by NHS number and by name and birth date, a referral on the form, a referral on the JSON API,
/// opening the person's record, and the same refused — run against the real host with every log message captured at
/// Trace level by a real logger provider, and every request URL and redirect Location recorded. None may hold the test
/// person's NHS number, name or date of birth.
/// </summary>
public sealed class HostileInputLogTests
{
    [Fact]
    public async Task Person_data_journeys_leave_no_nhs_number_name_or_birth_date_in_logs_urls_or_redirects()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var logs = new MemoryLoggerProvider();
        await using var logged = app.Factory.WithWebHostBuilder(web => web.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));
        var urls = new ConcurrentQueue<string>();
        string email = await app.AddStaffAsync(StaffRoles.SpaCoordinator);
        using var browser = new StaffBrowser(logged.CreateDefaultClient(new RecordingHandler(urls), new CookieContainerHandler()));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email, OnePlaceApp.Password)).StatusCode);

        await browser.SubmitAsync("/people", "person-search", new Dictionary<string, string> { ["Input.NhsNumber"] = margaret.NhsNumber });
        await browser.SubmitAsync("/people", "person-search", new Dictionary<string, string>
        {
            ["Input.Name"] = $"{margaret.Given} {margaret.Family}",
            ["Input.DobDay"] = margaret.DateOfBirth.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.DobMonth"] = margaret.DateOfBirth.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.DobYear"] = margaret.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture),
        });
        await browser.GetAsync($"/people/{margaret.Id}?reason=direct-care");
        var form = new Dictionary<string, string>
        {
            ["Input.NhsNumber"] = margaret.NhsNumber,
            ["Input.GivenName"] = margaret.Given,
            ["Input.FamilyName"] = margaret.Family,
            ["Input.DobDay"] = margaret.DateOfBirth.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.DobMonth"] = margaret.DateOfBirth.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.DobYear"] = margaret.DateOfBirth.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.Sex"] = "F",
            ["Input.Postcode"] = "WS1 1AA",
            ["Input.Setting"] = CareSetting.Home,
            ["Input.Need"] = ReferralNeed.Fall,
            ["Input.Details"] = "Found on the floor this morning.",
            ["Input.ReferrerName"] = "Dr A Patel",
            ["Input.ReferrerOrganisation"] = "Pleck Health Centre",
            ["Input.ReferrerContact"] = "01922 111111",
            ["Input.Consent"] = ReferralForm.Agreed,
        };
        var sent = await browser.SubmitAsync("/referrals/new", "referral", form);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await browser.GetAsync(sent.Headers.Location!.IsAbsoluteUri ? sent.Headers.Location.PathAndQuery : sent.Headers.Location.OriginalString);
        form["Input.DobYear"] = "2999";
        Assert.NotEqual(HttpStatusCode.Redirect, (await browser.SubmitAsync("/referrals/new", "referral", form)).StatusCode);

        string secret;
        await using (var scope = logged.Services.CreateAsyncScope())
        {
            secret = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RegisterAsync("test", "gp-system", "Pleck GP system", "Pleck Health Centre");
        }

        using var api = logged.CreateDefaultClient(new RecordingHandler(urls));
        var token = await api.PostAsync(new Uri("/api/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "gp-system",
            ["client_secret"] = secret,
        }));
        using (var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync()))
        {
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        }

        var person = new { nhsNumber = margaret.NhsNumber, givenName = margaret.Given, familyName = margaret.Family, dateOfBirth = margaret.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sex = "F", postcode = "WS1 1AA" };
        var made = await api.PostAsJsonAsync("/api/referrals", new { person, referrerName = "Dr A Patel", referrerOrganisation = "Pleck Health Centre", need = "fall", setting = "home", details = "Unhurt.", personConsented = true });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        await api.GetAsync(made.Headers.Location);
        var refused = await api.PostAsJsonAsync("/api/referrals", new { person = person with { dateOfBirth = "2999-01-01" }, need = "fall" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var malformed = await api.PostAsync(new Uri("/api/referrals", UriKind.Relative), new StringContent($"{{\"person\":{{\"nhsNumber\":\"{margaret.NhsNumber}\",\"givenName\":\"{margaret.Given}\",", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var secrets = new[]
        {
            margaret.NhsNumber, $"{margaret.NhsNumber[..3]} {margaret.NhsNumber[3..6]} {margaret.NhsNumber[6..]}", margaret.Given, margaret.Family,
            margaret.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), margaret.DateOfBirth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        };
        Assert.NotEmpty(logs.Messages);
        var leaks = logs.Messages.Concat(urls)
            .SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => $"'{s}' in: {line[..Math.Min(line.Length, 400)]}"))
            .Distinct().ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>Records every request URL and every redirect's Location.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<string> urls) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            urls.Enqueue("request " + request.RequestUri);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.Location is { } location)
            {
                urls.Enqueue("location " + location);
            }

            return response;
        }
    }
}

/// <summary>A logger provider that keeps every formatted message, with its category and any exception, in memory.</summary>
public sealed class MemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new MemoryLogger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class MemoryLogger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            messages.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
