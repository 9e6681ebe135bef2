using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Fhir.Audit;
using OnePlace.Testing;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

/// <summary>GET /fhir/AuditEvent: the audit log as IHE BALP AuditEvents, for privacy officers only, and itself audited.</summary>
public sealed class AuditEventExportTests
{
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";

    private static async Task<(FhirHost Host, AuditScenario Scenario)> StartAsync()
    {
        var host = await FhirHost.StartAsync();
        await using var db = host.OpenStore();
        return (host, await AuditScenario.SeedAsync(db));
    }

    private static async Task<Bundle> SearchAsync(FhirClient client, string query)
    {
        var response = await client.GetAsync("/fhir/AuditEvent" + query);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.StartsWith(FhirProfile.JsonMediaType, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        // Parsed back strictly: every element must be valid FHIR R4.
        return FhirJson.Parse<Bundle>(body);
    }

    private static AuditEvent Event(Bundle bundle, string action) =>
        bundle.Entry.Select(e => (AuditEvent)e.Resource!).Single(a => a.Subtype.Any(s => s.System == BalpAuditEvents.ActionSystem && s.Code == action));

    [Fact]
    public async Task A_privacy_officer_gets_a_persons_rows_as_BALP_AuditEvents_with_codes_agents_and_entities_for_each_action()
    {
        var (host, scenario) = await StartAsync();
        await using var _ = host;
        using var officer = await host.SignedInAsync(StaffRoles.PrivacyOfficer);

        var bundle = await SearchAsync(officer, $"?patient=Patient/{scenario.Ada}&date=ge2026-01-01&date=le2026-01-31");

        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(8, bundle.Total);
        Assert.All(bundle.Entry, e => Assert.Equal($"Patient/{scenario.Ada}", ((AuditEvent)e.Resource!).Entity.First(x => x.Role.Code == "1").What.Reference));

        var read = Event(bundle, "person.view");
        Assert.Equal(BalpAuditEvents.PatientRead, Assert.Single(read.Meta.Profile));
        Assert.Equal(("rest", "read", AuditEvent.AuditEventAction.R, AuditEvent.AuditEventOutcome.N0),
            (read.Type.Code, read.Subtype[0].Code, read.Action, read.Outcome));
        var user = read.Agent.Single(a => a.Requestor == true);
        Assert.Equal(("IRCP", "Nora Nurse", AuditScenario.Nurse), (user.Type.Coding[0].Code, user.Who.Display, user.Who.Identifier.Value));
        Assert.Equal(StaffRoles.Practitioner, Assert.Single(user.Role).Coding[0].Code);
        Assert.Contains(user.PurposeOfUse.SelectMany(p => p.Coding), c => c.Code == "TREAT");
        Assert.Equal(["110153", "110152"], read.Agent.Where(a => a.Requestor == false).Select(a => a.Type.Coding[0].Code));
        Assert.Equal("4", read.Source.Type[0].Code);
        Assert.False(string.IsNullOrEmpty(read.Source.Observer.Identifier.Value));

        var listed = Event(bundle, "person.listed");
        Assert.Equal((BalpAuditEvents.PatientQuery, "search-type", AuditEvent.AuditEventAction.E), (listed.Meta.Profile.Single(), listed.Subtype[0].Code, listed.Action));
        Assert.Equal("person.listed", Encoding.UTF8.GetString(listed.Entity.Single(e => e.Role.Code == "24").Query!));

        var created = Event(bundle, "referral.create");
        Assert.Equal((BalpAuditEvents.PatientCreate, "create", AuditEvent.AuditEventAction.C), (created.Meta.Profile.Single(), created.Subtype[0].Code, created.Action));
        var client = Assert.Single(created.Agent, a => a.Requestor == true);
        Assert.Equal(("110153", AuditScenario.ClientId, "Riverside GP system"), (client.Type.Coding[0].Code, client.Who.Identifier.Value, client.Who.Display));
        Assert.DoesNotContain(created.Agent, a => a.Type.Coding[0].Code is "IRCP" or "AUT");

        var changed = Event(bundle, "referral.change");
        Assert.Equal((BalpAuditEvents.PatientUpdate, AuditEvent.AuditEventAction.U, "AUT"),
            (changed.Meta.Profile.Single(), changed.Action, changed.Agent.Single(a => a.Requestor == true).Type.Coding[0].Code));

        var breakGlass = Event(bundle, "person.break_glass");
        Assert.Equal(BalpAuditEvents.PatientRead, breakGlass.Meta.Profile.Single());
        Assert.Contains(breakGlass.Agent.Single(a => a.Requestor == true).PurposeOfUse.SelectMany(p => p.Coding), c => c.Code == "ETREAT");

        // An action the table does not know is still exported, as an application activity, with its own code kept.
        var unknown = Event(bundle, "person.some_future_action");
        Assert.Empty(unknown.Meta?.Profile ?? []);
        Assert.Equal((Dicom, "110100"), (unknown.Type.System, unknown.Type.Code));

        Assert.Equal(BalpAuditEvents.PatientCreate, Event(bundle, "import").Meta.Profile.Single());
    }

    [Fact]
    public async Task A_search_is_exported_without_its_values_and_a_refusal_as_a_failure_without_a_BALP_profile()
    {
        var (host, _) = await StartAsync();
        await using var _h = host;
        using var officer = await host.SignedInAsync(StaffRoles.PrivacyOfficer);

        var bundle = await SearchAsync(officer, "?date=eq2026-01-06");
        var all = await SearchAsync(officer, "?date=ge2026-01-10&date=lt2026-01-11");

        var search = Event(bundle, "person.search");
        Assert.Equal(BalpAuditEvents.Query, search.Meta.Profile.Single());
        Assert.DoesNotContain(search.Entity, e => e.Role.Code == "1");
        Assert.Equal("person.search?fields=family_name,date_of_birth", Encoding.UTF8.GetString(search.Entity.Single(e => e.Role.Code == "24").Query!));
        var denied = Event(all, AccessAuditAction.ViewDenied);
        Assert.Equal((AuditEvent.AuditEventOutcome.N4, "read"), (denied.Outcome, denied.Subtype[0].Code));
        Assert.Empty(denied.Meta?.Profile ?? []);
        var signIn = Event(all, "staff.sign_in");
        Assert.Equal(("110114", "110122"), (signIn.Type.Code, signIn.Subtype[0].Code));
    }

    [Fact]
    public async Task The_search_is_itself_audited_one_row_for_it_and_one_per_person_returned()
    {
        var (host, scenario) = await StartAsync();
        await using var _ = host;
        using var officer = await host.SignedInAsync(StaffRoles.PrivacyOfficer);

        await SearchAsync(officer, $"?patient={scenario.Ada}");

        await using var db = host.OpenStore();
        var rows = await db.AuditLog.Where(a => a.Action.StartsWith("audit.")).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("purpose=export:fhir; fields=person; rows=8", Assert.Single(rows, r => r.Action == AuditReviewAction.Searched).Detail);
        Assert.Equal(scenario.Ada, Assert.Single(rows, r => r.Action == AuditReviewAction.PersonReviewed).PersonId);
        Assert.All(rows, r => Assert.Equal(AccessReason.AuditReview, r.Reason));
    }

    [Theory]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.Administrator)]
    public async Task Anyone_but_a_privacy_officer_is_refused_with_an_OperationOutcome_and_the_refusal_is_audited(string role)
    {
        var (host, scenario) = await StartAsync();
        await using var _ = host;
        using var other = await host.SignedInAsync(role);

        var response = await other.GetAsync($"/fhir/AuditEvent?patient=Patient/{scenario.Ada}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(OperationOutcome.IssueType.Forbidden, outcome.Issue[0].Code);
        await using var db = host.OpenStore();
        var refused = await db.AuditLog.SingleAsync(a => a.Action == AccessAuditAction.ViewDenied && a.Reason == AccessReason.AuditReview, TestContext.Current.CancellationToken);
        Assert.Equal(scenario.Ada, refused.PersonId);
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AuditReviewAction.Searched, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("?patient=Patient/not-a-uuid", "patient")]
    [InlineData("?date=2026-13-01", "date")]
    [InlineData("?date=sa2026-01-01", "date")]
    [InlineData("?actor=someone", "actor")]
    public async Task A_search_it_cannot_answer_is_a_400_naming_the_parameter_and_reads_nothing(string query, string parameter)
    {
        var (host, _) = await StartAsync();
        await using var _h = host;
        using var officer = await host.SignedInAsync(StaffRoles.PrivacyOfficer);

        var response = await officer.GetAsync("/fhir/AuditEvent" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var outcome = FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(parameter, Assert.Single(outcome.Issue).Expression.Single());
        await using var db = host.OpenStore();
        Assert.False(await db.AuditLog.AnyAsync(a => a.Action.StartsWith("audit."), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_capability_statement_lists_AuditEvent_with_its_BALP_profiles_and_search_parameters()
    {
        await using var host = await FhirHost.StartAsync();
        using var anonymous = host.Anonymous();

        var statement = FhirJson.Parse<CapabilityStatement>(await anonymous.GetStringAsync(new Uri("/fhir/metadata", UriKind.Relative), TestContext.Current.CancellationToken));

        var audit = statement.Rest[0].Resource.Single(r => r.Type == "AuditEvent");
        Assert.Contains(BalpAuditEvents.PatientRead, audit.SupportedProfile);
        Assert.Equal(["patient", "date"], audit.SearchParam.Select(p => p.Name));
    }
}
