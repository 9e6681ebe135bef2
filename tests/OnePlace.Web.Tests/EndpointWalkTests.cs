using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;
using OnePlace.Testing;

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

    /// <summary>Pages whose forms change person data, access or configuration: the form walk must have read them.</summary>
    private static readonly string[] PagesWithForms = ["/referrals/", "/people/", "/privacy/break-glass/", "/privacy/opt-outs", "/admin/staff", "/pooled-fund", "/governance/risks"];

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
        ["GET /governance"] = Needs(Permission.ViewGovernance),
        ["GET /governance/board-pack"] = Needs(Permission.ViewGovernance),
        ["GET /governance/board-pack.pdf"] = Needs(Permission.ViewGovernance),
        ["GET /governance/board-pack.xlsx"] = Needs(Permission.ViewGovernance),
        ["GET /pooled-fund"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{Id:int}"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{Id:int}/edit"] = new([Permission.ChangePooledFund], NotWalked: "the walk's store holds no agreement (404 first); PooledFundPagesTests refuse the change page"),
        ["GET /pooled-fund/{id:int}/export.csv"] = Needs(Permission.ViewPooledFund),
        ["GET /pooled-fund/{id:int}/export.xlsx"] = Needs(Permission.ViewPooledFund),
        ["GET /governance/equality"] = Needs(Permission.ViewGovernance),
        ["GET /governance/equality/new"] = Needs(Permission.ChangeGovernance),
        ["GET /governance/equality/{Id:int}"] = Needs(Permission.ViewGovernance),
        ["GET /governance/programme"] = Needs(Permission.ViewGovernance),
        ["GET /governance/risks"] = Needs(Permission.ViewGovernance),
        ["GET /governance/risks/new"] = Needs(Permission.ChangeGovernance),
        ["GET /governance/risks/{Id:int}"] = Needs(Permission.ViewGovernance),
        ["GET /governance/risks/{Id:int}/edit"] = Needs(Permission.ChangeGovernance),
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

    /// <summary>
    /// The forms of every page, posted by every role the matrix refuses the page: each is refused (4xx, or sent to sign in)
    /// and changes nothing but the audit log. The forms and their fields are read from the page as someone who may use
    /// it sees it (hidden ids, versions, the first option of each choice, a long text in each text box), so the refused
    /// posts are the very requests that person's browser would send; posted by that person, some must change the store,
    /// or the walk would prove nothing.
    /// </summary>
    [Fact]
    public async Task Every_form_is_refused_to_every_role_the_matrix_refuses_and_changes_nothing()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        var stranger = borough.Person("Arthur", "Stranger", new DateOnly(1939, 4, 4));
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.CareForAsync(app, margaret);
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
            ["{Id:int}"] = "1",
            ["{Id:long}"] = grant.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["{Id}"] = "none",
            ["{Name}"] = "North",
            ["{PersonId:guid}"] = margaret.Id.ToString(),
        };
        var pages = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null
                && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => Normalise(e.RoutePattern.RawText!)).Distinct().Order(StringComparer.Ordinal).ToList();

        // One signed-in browser per role, for the whole walk (practitioners and team managers in the team that holds Margaret).
        var browsers = new Dictionary<string, StaffBrowser>(StringComparer.Ordinal);
        async Task<StaffBrowser> BrowserForAsync(string role) => browsers.TryGetValue(role, out var known) ? known
            : browsers[role] = role is StaffRoles.Practitioner or StaffRoles.TeamManager
                ? await app.SignedInToTeamAsync(role, TestReferrals.UrgentResponseTeam) : await app.SignedInAsync(role);

        var forms = new List<(string Path, Expect Expect, string Handler, Dictionary<string, string> Fields)>();
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var notOpen = new List<string>();
        foreach (var pattern in pages)
        {
            if (!Expectations.TryGetValue("GET " + pattern, out var expect) || expect.Public || expect.Needs is null)
            {
                continue; // open to every member of staff (or to anyone): no role to refuse
            }

            string path = expect.PersonData
                ? pattern.Replace("{Id:guid}", (pattern.StartsWith("/people", StringComparison.Ordinal) ? margaret.Id : referral.Id).ToString(), StringComparison.Ordinal)
                    + (pattern.StartsWith("/people", StringComparison.Ordinal) ? "?reason=direct-care" : "")
                : fill.Aggregate(pattern, (p, f) => p.Replace(f.Key, f.Value, StringComparison.Ordinal));
            string role = expect.PersonData ? StaffRoles.Practitioner
                : StaffRoles.All.First(r => expect.Allows(new StaffActor("w", "w", [r], TestReferrals.UrgentResponseTeam)));
            var page = await (await BrowserForAsync(role)).GetAsync(path);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                notOpen.Add($"{path} as {role}: {(int)page.StatusCode}");
                continue; // nothing here to post to in the walk's store (an agreement, a list)
            }

            var document = parser.ParseDocument(await page.Content.ReadAsStringAsync());
            foreach (var form in document.QuerySelectorAll("form[method=post]"))
            {
                string? handler = form.QuerySelector("input[name=_handler]")?.GetAttribute("value");
                if (handler is null)
                {
                    continue;
                }

                forms.Add((path, expect, handler, FieldsOf(form)));
            }
        }

        // The pages whose forms change person data, money or access must be among those walked.
        // The break-glass form, as a practitioner refused a stranger's record sees it.
        string strangerPath = $"/people/{stranger.Id}?reason=direct-care";
        var refusedPage = parser.ParseDocument(await (await (await BrowserForAsync(StaffRoles.Practitioner)).GetAsync(strangerPath)).Content.ReadAsStringAsync());
        foreach (var form in refusedPage.QuerySelectorAll("form[method=post]"))
        {
            if (form.QuerySelector("input[name=_handler]")?.GetAttribute("value") is { } handler)
            {
                forms.Add((strangerPath, Expectations["GET /people/{Id:guid}"], handler, FieldsOf(form)));
            }
        }

        var missing = PagesWithForms.Where(must => !forms.Any(f => f.Path.StartsWith(must, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"No forms read from {string.Join(", ", missing)}; read: {string.Join(", ", forms.Select(f => f.Path + " " + f.Handler))}; pages not open: {string.Join(", ", notOpen)}");

        var failures = new List<string>();
        int refusals = 0;
        foreach (var role in StaffRoles.All)
        {
            bool teamRole = role is StaffRoles.Practitioner or StaffRoles.TeamManager;
            var actor = new StaffActor("w", "w", [role], teamRole ? TestReferrals.UrgentResponseTeam : null);
            var refused = forms.Where(f => !f.Expect.Allows(actor)).ToList();
            if (refused.Count == 0)
            {
                continue;
            }

            var browser = await BrowserForAsync(role);
            foreach (var (path, _, handler, fields) in refused)
            {
                var before = await StoreFingerprint.TakeAsync(app.Store);
                var response = await browser.PostWithTokenFromAsync("/", path, handler, fields);
                var changed = (await StoreFingerprint.TakeAsync(app.Store)).DifferencesFrom(before, StoreFingerprint.AuditTable);
                int status = (int)response.StatusCode;
                bool toSignIn = response.StatusCode == HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true;
                if (!(status is >= 400 and < 500 || toSignIn) || changed.Count > 0)
                {
                    failures.Add($"{role} POST {path} [{handler}]: {status}; changed {string.Join(", ", changed)}");
                }

                refusals++;
            }
        }

        // The same posts by the people who may make them: some change the store, so the refusals above are real ones.
        var changedByAllowed = new List<string>();
        foreach (var (path, expect, handler, fields) in forms)
        {
            string role = expect.PersonData ? StaffRoles.Practitioner
                : StaffRoles.All.First(r => expect.Allows(new StaffActor("w", "w", [r], TestReferrals.UrgentResponseTeam)));
            var allowed = await BrowserForAsync(role);
            var before = await StoreFingerprint.TakeAsync(app.Store);
            await allowed.PostWithTokenFromAsync("/", path, handler, fields);
            if ((await StoreFingerprint.TakeAsync(app.Store)).DifferencesFrom(before, StoreFingerprint.AuditTable, "AspNetUsers", "AspNetUserRoles").Count > 0)
            {
                changedByAllowed.Add($"{path.Split('?')[0]} [{handler}]");
            }
        }

        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }

        TestContext.Current.SendDiagnosticMessage($"{forms.Count} forms on {forms.Select(f => f.Path).Distinct().Count()} pages; {refusals} refused posts; changed by someone allowed: {string.Join(", ", changedByAllowed)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(refusals >= 50, $"Only {refusals} refused posts were made.");
        Assert.Contains(changedByAllowed, c => c.StartsWith("/referrals/", StringComparison.Ordinal) && !c.StartsWith("/referrals/new", StringComparison.Ordinal));
        Assert.Contains(changedByAllowed, c => c.StartsWith($"/people/{stranger.Id}", StringComparison.Ordinal));
    }

    /// <summary>What a browser would send for <paramref name="form"/>: its fields with their values, the first option of each
    /// choice, and a long enough text in each empty text box.</summary>
    private static Dictionary<string, string> FieldsOf(AngleSharp.Dom.IElement form)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            string name = input.GetAttribute("name")!;
            if (name is "_handler" or "__RequestVerificationToken" || fields.ContainsKey(name))
            {
                continue;
            }

            string type = input.GetAttribute("type") ?? "";
            string? value = input.LocalName switch
            {
                "select" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? input.QuerySelectorAll("option").Select(o => o.GetAttribute("value")).FirstOrDefault(v => !string.IsNullOrEmpty(v)),
                "textarea" => string.IsNullOrEmpty(input.TextContent) ? "Posted by the endpoint walk, a long enough reason." : input.TextContent,
                _ when type is "radio" or "checkbox" => input.GetAttribute("value") ?? "true",
                _ when type is "file" => null,
                _ => input.GetAttribute("value") is { Length: > 0 } given ? given
                    : type == "date" ? "2026-01-15" : type == "number" ? "1" : "Posted by the endpoint walk, a long enough reason.",
            };
            if (value is not null)
            {
                fields[name] = value;
            }
        }

        return fields;
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
