using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Staff;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

public class ServiceRequestEndpointTests
{
    [Fact]
    public async Task A_posted_service_request_becomes_a_referral_and_reads_back_as_it_was_posted()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        var referral = new TestReferral();

        var created = await client.PostAsync("/fhir/ServiceRequest", TestReferral.Json(referral.ServiceRequest()), correlationId: "corr-42");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(FhirProfile.JsonMediaType, created.Content.Headers.ContentType?.MediaType);
        var stored = Fhir.Read<ServiceRequest>(await created.Content.ReadAsStringAsync());
        Assert.Equal($"/fhir/ServiceRequest/{stored.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal("W/\"1\"", created.Headers.ETag?.ToString());
        Assert.Equal("corr-42", created.Headers.GetValues(FhirProfile.CorrelationIdHeader).Single());

        var read = await client.GetAsync($"/fhir/ServiceRequest/{stored.Id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("W/\"1\"", read.Headers.ETag?.ToString());
        var sr = Fhir.Read<ServiceRequest>(await read.Content.ReadAsStringAsync());
        Assert.Equal(stored.Id, sr.Id);
        Assert.Equal("1", sr.Meta.VersionId);
        Assert.Equal(RequestStatus.Active, sr.Status);
        Assert.Equal(RequestIntent.Order, sr.Intent);
        Assert.Equal(RequestPriority.Stat, sr.Priority); // a fall: the UCR 2-hour response
        Assert.Equal(referral.Need, sr.Code.Coding.Single(c => c.System == FhirProfile.ReferralNeedSystem).Code);
        Assert.Equal((referral.IdentifierSystem, referral.IdentifierValue), (sr.Identifier[0].System, sr.Identifier[0].Value));
        Assert.Equal(referral.Details, sr.Note.Single().Text);
        Assert.StartsWith("Patient/", sr.Subject.Reference, StringComparison.Ordinal);
        var patient = sr.Contained.OfType<Patient>().Single();
        Assert.Equal(referral.NhsNumber, patient.Identifier.Single(i => i.System == FhirProfile.NhsNumberSystem).Value);
        Assert.Equal(referral.GivenName, Assert.Single(patient.Name[0].Given));
        Assert.Equal(referral.FamilyName, patient.Name[0].Family);
        Assert.Equal(referral.BirthDate, patient.BirthDate);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Equal(referral.Postcode, patient.Address[0].PostalCode);
        var referrer = sr.Contained.OfType<PractitionerRole>().Single();
        Assert.Equal(referral.ReferrerName, referrer.Practitioner.Display);
        Assert.Equal(referral.ReferrerOrganisation, referrer.Organization.Display);
        Assert.Equal(FhirHost.UrgentTeamName, sr.Performer.Single().Display);

        await using var db = host.OpenStore();
        var row = await db.Referrals.SingleAsync();
        Assert.Equal(("fhir", "corr-42"), (row.Source, row.CorrelationId));
    }

    [Fact]
    public async Task A_service_request_sent_again_with_the_same_identifier_returns_the_first_referral_and_makes_no_second()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        string body = TestReferral.Json(new TestReferral().ServiceRequest());

        var first = Fhir.Read<ServiceRequest>(await (await client.PostAsync("/fhir/ServiceRequest", body)).Content.ReadAsStringAsync());
        var again = await client.PostAsync("/fhir/ServiceRequest", body);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Id, Fhir.Read<ServiceRequest>(await again.Content.ReadAsStringAsync()).Id);
        Assert.Equal(1, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task The_created_answer_and_a_later_read_show_the_person_as_stored_with_the_postcode_normalised()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var created = Fhir.Read<ServiceRequest>(await (await client.PostAsync("/fhir/ServiceRequest",
            TestReferral.Json(new TestReferral { Postcode = "ws11aa", GivenName = " Edith " }.ServiceRequest()))).Content.ReadAsStringAsync());
        var read = Fhir.Read<ServiceRequest>(await (await client.GetAsync($"/fhir/ServiceRequest/{created.Id}")).Content.ReadAsStringAsync());

        foreach (var patient in new[] { created, read }.Select(sr => sr.Contained.OfType<Patient>().Single()))
        {
            Assert.Equal("WS1 1AA", patient.Address[0].PostalCode);
            Assert.Equal("Edith", patient.Name[0].Given.Single());
        }
    }

    [Fact]
    public async Task Reading_a_service_request_that_does_not_exist_is_a_404_operation_outcome()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-guid" })
        {
            var response = await client.GetAsync($"/fhir/ServiceRequest/{id}");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var outcome = Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync());
            Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue.Single().Code);
        }
    }

    [Fact]
    public async Task A_caller_who_is_not_signed_in_gets_401_and_no_sign_in_redirect()
    {
        await using var host = await FhirHost.StartAsync();
        using var anonymous = new FhirClient(host.Anonymous());

        var post = await anonymous.PostAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral().ServiceRequest()));
        var read = await anonymous.GetAsync($"/fhir/ServiceRequest/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(0, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task A_member_of_staff_whose_role_may_not_refer_is_refused_with_403_and_nothing_is_stored()
    {
        await using var host = await FhirHost.StartAsync();
        using var analyst = await host.SignedInAsync(StaffRoles.Analyst);

        var response = await analyst.PostAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral().ServiceRequest()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single().Code);
        Assert.Equal(0, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task The_capability_statement_is_served_to_anyone()
    {
        await using var host = await FhirHost.StartAsync();
        using var anonymous = new FhirClient(host.Anonymous());

        var response = await anonymous.GetAsync("/fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FhirProfile.JsonMediaType, response.Content.Headers.ContentType?.MediaType);
        var statement = Fhir.Read<CapabilityStatement>(await response.Content.ReadAsStringAsync());
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        var rest = statement.Rest.Single();
        var serviceRequest = rest.Resource.Single(r => r.Type == "ServiceRequest");
        Assert.Equal(
            [CapabilityStatement.TypeRestfulInteraction.Create, CapabilityStatement.TypeRestfulInteraction.Read],
            serviceRequest.Interaction.Select(i => i.Code!.Value));
        Assert.Equal("focus", rest.Resource.Single(r => r.Type == "Task").SearchParam.Single().Name);
        Assert.Equal("process-message", rest.Operation.Single().Name);
    }

    [Fact]
    public async Task A_path_outside_the_fhir_interface_is_a_404_operation_outcome()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await client.GetAsync("/fhir/Patient/123");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single().Code);
    }
}
