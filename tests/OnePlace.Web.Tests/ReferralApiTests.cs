using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Audit;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;

using OnePlace.Testing;

namespace OnePlace.Web.Tests;

public sealed class ReferralApiTests
{
    private static async Task<(OnePlaceApp App, HttpClient Client, SmallBorough.PersonPlan Margaret)> StartWithClientAsync()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        var app = await OnePlaceApp.StartAsync(borough);
        string secret;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            secret = await scope.ServiceProvider.GetRequiredService<ApiClientRegistry>().RegisterAsync("test", "gp-system", "Pleck GP system", "Pleck Health Centre");
        }

        var client = app.Factory.CreateClient();
        var token = await client.PostAsync(new Uri("/api/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "gp-system",
            ["client_secret"] = secret,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        using var json = JsonDocument.Parse(await token.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return (app, client, margaret);
    }

    internal static object FallReferral(string? nhsNumber, string? senderIdentifier = null) => new
    {
        person = new { nhsNumber, givenName = "Margaret", familyName = "Oakes", dateOfBirth = "1938-04-12", sex = "F", postcode = "WS1 1AA" },
        referrerName = "Dr A Patel",
        referrerOrganisation = "Pleck Health Centre",
        need = "fall",
        setting = "home",
        details = "Found on the floor this morning, unhurt but unable to get up alone.",
        personConsented = true,
        senderIdentifier,
    };

    [Fact]
    public async Task A_referral_posted_to_the_api_lands_on_the_urgent_response_worklist_with_a_two_hour_clock()
    {
        var (app, client, margaret) = await StartWithClientAsync();
        await using var _ = app;

        var response = await client.PostAsJsonAsync("/api/referrals", FallReferral(margaret.NhsNumber));

        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/referrals/{created.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
        Assert.Equal("crisis_2h", created.GetProperty("urgency").GetString());
        Assert.Equal("UCR-ALL", created.GetProperty("teamCode").GetString());
        Assert.Equal("awaiting_acceptance", created.GetProperty("status").GetString());
        Assert.Equal(margaret.Id, created.GetProperty("personId").GetGuid());
        Assert.Equal("nhs_number", created.GetProperty("personMatch").GetString());
        var received = created.GetProperty("receivedAt").GetDateTime();
        Assert.Equal(received.AddHours(2), created.GetProperty("dueAt").GetDateTime(), TimeSpan.FromSeconds(1));

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var reading = scope.ServiceProvider.GetRequiredService<ReferralReading>();
        var worklist = await reading.WorklistAsync(ReferralActors.ManagerOf("UCR-ALL"), "UCR-ALL");
        var row = Assert.Single(worklist.Rows);
        Assert.Equal("Oakes", row.FamilyName);
        Assert.True(row.Remaining > TimeSpan.FromMinutes(119));

        var fetched = await client.GetAsync(new Uri(response.Headers.Location.OriginalString, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("W/\"1\"", fetched.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task A_client_system_s_fhir_service_request_lands_on_the_urgent_response_worklist_and_its_task_is_readable()
    {
        var (app, client, _) = await StartWithClientAsync();
        await using var _a = app;
        const string serviceRequest = """
            {
              "resourceType": "ServiceRequest",
              "contained": [
                { "resourceType": "Patient", "id": "p1", "identifier": [{ "system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9990000018" }],
                  "name": [{ "use": "official", "family": "Cavell", "given": ["Edith"] }], "gender": "female", "birthDate": "1941-03-09",
                  "address": [{ "use": "home", "postalCode": "WS1 1AA" }] },
                { "resourceType": "PractitionerRole", "id": "r1", "practitioner": { "display": "Dr Anna Shah" }, "organization": { "display": "Pleck Health Centre" } }
              ],
              "extension": [
                { "url": "https://oneplace.example/StructureDefinition/care-setting", "valueCode": "home" },
                { "url": "https://oneplace.example/StructureDefinition/person-consented", "valueBoolean": true }
              ],
              "identifier": [{ "system": "https://pleck-health-centre.example/referrals", "value": "REF-0001" }],
              "status": "active", "intent": "order",
              "code": { "coding": [{ "system": "https://oneplace.example/CodeSystem/referral-need", "code": "fall" }] },
              "subject": { "reference": "#p1" }, "requester": { "reference": "#r1" },
              "note": [{ "text": "Found on the floor this morning, unhurt but unable to get up alone." }]
            }
            """;

        var posted = await client.PostAsync(new Uri("/fhir/ServiceRequest", UriKind.Relative), new StringContent(serviceRequest, System.Text.Encoding.UTF8, "application/fhir+json"));
        Assert.True(posted.StatusCode == HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        string id = posted.Headers.Location!.OriginalString.Split('/')[^1];
        var tasks = await client.GetStringAsync(new Uri($"/fhir/Task?focus=ServiceRequest/{id}", UriKind.Relative));
        var anonymous = await app.Factory.CreateClient().GetAsync(new Uri($"/fhir/ServiceRequest/{id}", UriKind.Relative));

        Assert.Contains("\"status\": \"received\"", tasks.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync();
        Assert.Equal((ReferralSource.Fhir, "UCR-ALL", ReferralStatus.AwaitingAcceptance, "client:gp-system"), (referral.Source, referral.TeamCode, referral.Status, referral.SubmittedBy));
    }

    [Fact]
    public async Task A_referral_with_problems_is_refused_field_by_field_and_nothing_is_stored()
    {
        var (app, client, _) = await StartWithClientAsync();
        await using var _a = app;

        var response = await client.PostAsJsonAsync("/api/referrals", new
        {
            person = new { nhsNumber = "1234567890", givenName = "", familyName = "Oakes", dateOfBirth = "2090-01-01", postcode = "NOT A POSTCODE" },
            referrerName = "Dr A Patel",
            referrerOrganisation = "Pleck Health Centre",
            need = "toothache",
            setting = "home",
            details = "x",
            personConsented = false,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "person.nhsNumber", "person.givenName", "person.dateOfBirth", "person.postcode", "need", "personConsented" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        await using var db = app.OpenStore();
        Assert.Equal(0, await db.Referrals.CountAsync());
        Assert.Equal(0, await db.SourceRecords.CountAsync(r => r.Partner == "spa"));
    }

    [Fact]
    public async Task Sending_the_same_referral_twice_makes_one_referral()
    {
        var (app, client, margaret) = await StartWithClientAsync();
        await using var _ = app;

        var first = await client.PostAsJsonAsync("/api/referrals", FallReferral(margaret.NhsNumber, "GP-REF-1"));
        var second = await client.PostAsJsonAsync("/api/referrals", FallReferral(margaret.NhsNumber, "GP-REF-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        await using var db = app.OpenStore();
        Assert.Equal(1, await db.Referrals.CountAsync());
    }

    [Fact]
    public async Task A_change_needs_the_current_etag_so_that_no_update_is_lost()
    {
        var (app, client, margaret) = await StartWithClientAsync();
        await using var _ = app;
        var created = await (await client.PostAsJsonAsync("/api/referrals", FallReferral(margaret.NhsNumber))).Content.ReadFromJsonAsync<JsonElement>();
        string path = $"/api/referrals/{created.GetProperty("id").GetString()}/actions";
        var manager = await app.SignedInToTeamAsync(StaffRoles.TeamManager, TestReferrals.UrgentResponseTeam);

        var withoutIfMatch = await manager.Client.PostAsJsonAsync(path, new { action = "accept" });
        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);

        var accept = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { action = "accept" }) };
        accept.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"", isWeak: true));
        var accepted = await manager.Client.SendAsync(accept);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("W/\"2\"", accepted.Headers.ETag!.ToString());

        // A second member of staff still holding version 1 cannot overwrite the acceptance.
        var stale = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { action = "cancel", reason = "duplicate" }) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\"", isWeak: true));
        var refused = await (await app.SignedInAsync(StaffRoles.SpaCoordinator)).Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("W/\"2\"", refused.Headers.ETag!.ToString());

        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync();
        Assert.Equal(ReferralStatus.Accepted, referral.Status);
        Assert.Equal(1, await db.Episodes.CountAsync());
        Assert.Equal(1, await db.CareRelationships.CountAsync(c => c.TeamCode == "UCR-ALL" && c.EndedAtUtc == null));
        Assert.Equal(["received", "triaged", "routed", "accepted"], await db.ReferralEvents.OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == ReferralAuditAction.Change && a.PersonId == margaret.Id));
    }

    [Fact]
    public async Task A_wrong_client_secret_gets_no_token_and_no_token_gets_no_referral()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var client = app.Factory.CreateClient();

        var token = await client.PostAsync(new Uri("/api/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "nobody",
            ["client_secret"] = "guess",
        }));
        var referral = await client.PostAsJsonAsync("/api/referrals", FallReferral(null));

        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, referral.StatusCode);
        await using var db = app.OpenStore();
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "api_client.token_refused" && a.Actor == "client:nobody"));
    }

    [Fact]
    public async Task The_openapi_description_names_the_referral_endpoints()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var document = await app.Factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("/api/referrals", document, StringComparison.Ordinal);
        Assert.Contains("/api/referrals/{id}/actions", document, StringComparison.Ordinal);
    }
}
