using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>
/// Walks every endpoint of the web host, as its EndpointDataSource lists them, for every role, and checks allow or deny
/// against the permission matrix (PRODUCT.md G1; docs/security/permissions.md). An endpoint missing from
/// <see cref="Expectations"/> fails the walk, so a new endpoint cannot slip by unchecked.
/// </summary>
public sealed class EndpointWalkTests
{
    /// <summary>Who may use an endpoint. <see cref="Needs"/> null with <see cref="Public"/> false: any signed-in member of staff.</summary>
    private sealed record Expect(Permission[]? Needs = null, bool Public = false, bool PersonData = false, string? NotWalked = null)
    {
        public bool Allows(StaffActor actor) => Public || Needs is null || Needs.Any(actor.May);
    }

    private static Expect Needs(params Permission[] permissions) => new(permissions);

    private static readonly Expect Anyone = new(Public: true);
    private static readonly Expect SignedIn = new();

    /// <summary>Every endpoint, by method and route pattern. Person-data pages also need a basis for the person.</summary>
    private static readonly Dictionary<string, Expect> Expectations = new(StringComparer.Ordinal)
    {
        ["GET /"] = SignedIn,
        ["GET /sign-in"] = Anyone,
        ["GET /error"] = new(Public: true, NotWalked: "the exception handler's page answers 500 by design"),
        ["GET /error/{Code:int}"] = new(Public: true, NotWalked: "an error page answers with the status it names"),
        ["* /health"] = Anyone,
        ["GET /openapi/{documentName}.json"] = Anyone,
        ["GET /language/{culture}"] = Anyone,
        ["GET /people"] = Needs(Permission.SearchPeople),
        ["GET /people/{Id:guid}"] = new([Permission.OpenPersonRecord, Permission.OpenPersonRecordForDataQuality], PersonData: true),
        ["GET /referrals/{Id:guid}"] = new([Permission.TriageReferrals, Permission.ActOnTeamReferrals], PersonData: true),
        ["GET /referrals/{Id:guid}/received"] = new([Permission.TriageReferrals, Permission.ActOnTeamReferrals], PersonData: true),
        ["GET /referrals/new"] = Needs(Permission.MakeReferrals),
        ["GET /referrals/performance"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /spa-queue"] = Needs(Permission.TriageReferrals),
        ["GET /worklists"] = Needs(Permission.TriageReferrals, Permission.ActOnTeamReferrals),
        ["GET /mdt"] = Needs(Permission.TriageReferrals, Permission.ActOnTeamReferrals),
        ["GET /mdt/lists/{Id:guid}"] = new([Permission.OpenPersonRecord], PersonData: true, NotWalked: "CaseFindingListTests and CohortPagesTests open lists by team and relationship"),
        ["GET /cohorts"] = Needs(Permission.BuildCohorts),
        ["GET /directory"] = SignedIn,
        ["GET /rules/triage"] = SignedIn,
        ["GET /outcomes"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /outcomes/frailty"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /outcomes/indicators/{Id}"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /outcomes/localities/{Name}"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /outcomes/export.csv"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /outcomes/export.xlsx"] = Needs(Permission.ViewAggregateOutcomes),
        ["GET /person-index/review"] = Needs(Permission.StewardPersonIndex),
        ["GET /person-index/merges"] = Needs(Permission.StewardPersonIndex),
        ["GET /planning"] = Needs(Permission.RunScenarios),
        ["GET /planning/scenarios/{Id}"] = Needs(Permission.RunScenarios),
        ["GET /planning/appraisals/{Id}"] = Needs(Permission.RunScenarios),
        ["GET /planning/scenarios/{id}/summary.csv"] = Needs(Permission.RunScenarios),
        ["GET /planning/scenarios/{id}/bridge.csv"] = Needs(Permission.RunScenarios),
        ["GET /planning/scenarios/{id}/results.xlsx"] = Needs(Permission.RunScenarios),
        ["GET /planning/scenarios/{id}/scenario.yaml"] = Needs(Permission.RunScenarios),
        ["GET /pooled-fund"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{Id:int}"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{Id:int}/edit"] = new([Permission.ChangePooledFund], NotWalked: "the walk's store holds no agreement (404 first); PooledFundPagesTests refuse the change page"),
        ["GET /pooled-fund/{id:int}/export.csv"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{id:int}/export.xlsx"] = Needs(Permission.ViewPooledFund),
        ["GET /privacy"] = Needs(Permission.ReviewAudit, Permission.ImportOptOuts),
        ["GET /privacy/audit"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/audit/export.csv"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/people"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/people/{PersonId:guid}/accesses"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/people/{PersonId:guid}/accesses/letter"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/people/{personId:guid}/accesses.csv"] = Needs(Permission.ReviewAudit),
        ["GET /privacy/opt-outs"] = Needs(Permission.ImportOptOuts),
        ["GET /fhir/AuditEvent"] = new([Permission.ReviewAudit], NotWalked: "AuditEventExportTests: privacy officers only, a date range required"),
        ["GET /admin/staff"] = Needs(Permission.ManageStaff),
        ["GET /account/authenticator"] = SignedIn,
        ["GET /sign-in/code"] = new(Public: true, NotWalked: "StaffAccountSecurityTests: the second step follows a right password"),
        ["GET /privacy/break-glass"] = Needs(Permission.ReviewBreakGlass),
        ["GET /privacy/break-glass/{Id:long}"] = Needs(Permission.ReviewBreakGlass),
        // Bearer-token endpoints for client systems: a signed-in member of staff's cookie is not accepted.
        ["POST /api/token"] = new(Public: true, NotWalked: "ApiClientTests: client credentials"),
        ["POST /api/referrals/"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "ReferralApiTests: bearer token"),
        ["GET /api/referrals/{id:guid}"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "ReferralApiTests: bearer token"),
        ["POST /api/referrals/{id:guid}/actions"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "ReferralApiTests: bearer token"),
        ["GET /fhir/metadata"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: bearer token"),
        ["POST /fhir/ServiceRequest"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: bearer token"),
        ["GET /fhir/ServiceRequest/{id}"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: bearer token"),
        ["GET /fhir/Task"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: bearer token"),
        ["POST /fhir/$process-message"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: bearer token"),
        ["* /fhir/{**path}"] = new([Permission.SendReferralsAsClientSystem], NotWalked: "OnePlace.Fhir.Tests: unknown FHIR paths answer OperationOutcome"),
        ["POST /sign-out"] = new(NotWalked: "SignInTests: antiforgery-protected sign-out"),
    };

    /// <summary>The endpoints of the running host, as "METHOD pattern" (Razor pages answer GET and POST: their forms are walked by their own tests).</summary>
    private static List<string> EndpointsOf(OnePlaceApp app) =>
        [.. app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && !e.RoutePattern.RawText.StartsWith("/_", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Where(m => m != "POST" || e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is null)
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .Distinct().Order(StringComparer.Ordinal)];

    private static string Normalise(string pattern) => pattern.StartsWith('/') ? pattern : "/" + pattern;

    [Fact]
    public async Task Every_endpoint_of_the_host_has_an_expectation_and_every_expectation_an_endpoint()
    {
        await using var app = await OnePlaceApp.StartAsync();

        var endpoints = EndpointsOf(app);

        var uncovered = endpoints.Where(e => !Expectations.ContainsKey(e)).ToList();
        var stale = Expectations.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(uncovered.Count == 0, "Endpoints without an expectation: " + string.Join(", ", uncovered));
        Assert.True(stale.Count == 0, "Expectations without an endpoint: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task Every_role_is_allowed_or_refused_every_page_as_the_matrix_says_and_person_pages_need_a_basis()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        var stranger = borough.Person("Arthur", "Stranger", new DateOnly(1939, 4, 4));
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.CareForAsync(app, margaret); // UCR-ALL accepted it: a relationship; still open: the SPA's basis
        long grant;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<BreakGlass>().GrantAsync(
                new StaffActor("g", "glass.nurse@partnership.test", [StaffRoles.Practitioner], "UCR-ALL"), stranger.Id,
                BreakGlassReason.UrgentCare, "Walk test: access on the stated reason.");
            await using var db = app.OpenStore();
            grant = await db.BreakGlassGrants.Select(g => g.Id).SingleAsync();
        }

        var fill = new Dictionary<string, string>
        {
            ["{Code:int}"] = "404",
            ["{culture}"] = "cy",
            ["{Id:int}"] = "1",
            ["{id:int}"] = "1",
            ["{Id:long}"] = grant.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{Id}"] = "none",
            ["{id}"] = "none",
            ["{Name}"] = "North",
            ["{documentName}"] = "v1",
            ["{PersonId:guid}"] = margaret.Id.ToString(),
            ["{personId:guid}"] = margaret.Id.ToString(),
        };
        var failures = new List<string>();
        var walked = Expectations.Where(e => (e.Key.StartsWith("GET ", StringComparison.Ordinal) || e.Key.StartsWith("* ", StringComparison.Ordinal)) && e.Value.NotWalked is null)
            .Select(e => KeyValuePair.Create(e.Key.StartsWith('*') ? "GET " + e.Key[2..] : e.Key, e.Value)).ToList();
        foreach (var role in StaffRoles.All)
        {
            bool teamRole = role is StaffRoles.Practitioner or StaffRoles.TeamManager;
            using var browser = teamRole ? await app.SignedInToTeamAsync(role, TestReferrals.UrgentResponseTeam) : await app.SignedInAsync(role);
            var actor = new StaffActor("w", browser.Email!, [role], teamRole ? TestReferrals.UrgentResponseTeam : null);
            foreach (var (key, expect) in walked)
            {
                var pattern = key[4..];
                if (expect.PersonData)
                {
                    // The related person (the SPA's open referral, the team's accepted one) and a stranger to everyone.
                    var related = pattern.StartsWith("/people", StringComparison.Ordinal) ? margaret.Id : referral.Id;
                    var reason = role == StaffRoles.DataSteward ? AccessReason.DataQuality : AccessReason.DirectCare;
                    bool steward = actor.May(Permission.OpenPersonRecordForDataQuality) && pattern.StartsWith("/people", StringComparison.Ordinal);
                    await CheckAsync(browser, role, pattern.Replace("{Id:guid}", related.ToString(), StringComparison.Ordinal) + $"?reason={reason}",
                        steward || (expect.Allows(actor) && (actor.May(Permission.TriageReferrals) || actor.May(Permission.ActOnTeamReferrals))), failures);
                    if (pattern == "/people/{Id:guid}")
                    {
                        await CheckAsync(browser, role, $"/people/{stranger.Id}?reason={reason}", steward, failures);
                    }

                    continue;
                }

                var path = fill.Aggregate(pattern, (p, f) => p.Replace(f.Key, f.Value, StringComparison.Ordinal));
                await CheckAsync(browser, role, path, expect.Allows(actor), failures);
            }
        }

        // Break-glass: the one who broke it sees the stranger; a teammate without it does not.
        using (var glass = app.Browser())
        {
            await using (var scope = app.Factory.Services.CreateAsyncScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
                var user = new StaffUser { UserName = "glass.nurse@partnership.test", Email = "glass.nurse@partnership.test", EmailConfirmed = true, DisplayName = "Glass", TeamCode = "UCR-ALL" };
                Assert.True((await users.CreateAsync(user, OnePlaceApp.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, StaffRoles.Practitioner)).Succeeded);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await glass.SignInAsync("glass.nurse@partnership.test", OnePlaceApp.Password)).StatusCode);
            await CheckAsync(glass, "practitioner with break-glass", $"/people/{stranger.Id}?reason=direct-care", true, failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_person_data_read_leaves_exactly_one_audit_row_per_person_touched()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.CareForAsync(app, margaret);
        using var nurse = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);
        using var coordinator = await app.SignedInAsync(StaffRoles.SpaCoordinator);

        foreach (var (browser, read) in new (StaffBrowser, Func<StaffBrowser, Task>)[]
        {
            (nurse, b => b.GetPageAsync($"/people/{margaret.Id}?reason=direct-care")),
            (nurse, b => b.GetPageAsync($"/referrals/{referral.Id}")),
            (nurse, b => b.GetPageAsync("/worklists")),
            (coordinator, b => b.SearchAsync(new Dictionary<string, string> { ["Input.Name"] = "Oakes", ["Input.Reason"] = AccessReason.DirectCare })),
        })
        {
            long before;
            await using (var db = app.OpenStore())
            {
                before = await db.AuditLog.MaxAsync(a => a.Id);
            }

            await read(browser);

            await using (var db = app.OpenStore())
            {
                var rows = await db.AuditLog.Where(a => a.Id > before && a.PersonId != null && a.Action != AccessAuditAction.ViewDenied).ToListAsync();
                Assert.NotEmpty(rows);
                Assert.All(rows.GroupBy(r => r.PersonId), g => Assert.Single(g));
                Assert.Contains(rows, r => r.PersonId == margaret.Id);
            }
        }
    }

    private static async Task CheckAsync(StaffBrowser browser, string who, string path, bool allowed, List<string> failures)
    {
        var response = await browser.GetAsync(path);
        var status = (int)response.StatusCode;
        bool refusedToSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true;
        bool denied = response.StatusCode == HttpStatusCode.Forbidden || refusedToSignIn;
        bool ok = status is >= 200 and < 400 && !refusedToSignIn;
        if (allowed ? !ok && response.StatusCode != HttpStatusCode.NotFound : !denied)
        {
            failures.Add($"{who} GET {path}: expected {(allowed ? "allow" : "deny")}, got {status}");
        }
    }
}
