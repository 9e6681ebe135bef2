using System.Net;
using Hl7.Fhir.Model;
using OnePlace.Core.Staff;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

public class ProcessMessageTests
{
    [Fact]
    public async Task A_BaRS_referral_message_is_received_and_answered_with_a_response_message_holding_the_request_and_its_task()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        var referral = new TestReferral { Need = "confusion_delirium", Gender = AdministrativeGender.Male, GivenName = "Albert", FamilyName = "Ross" };

        var response = await client.PostAsync("/fhir/$process-message", TestReferral.Json(referral.Message()), correlationId: "bars-corr-7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bars-corr-7", response.Headers.GetValues(FhirProfile.CorrelationIdHeader).Single());
        var answer = Fhir.Read<Bundle>(await response.Content.ReadAsStringAsync());
        Assert.Equal(Bundle.BundleType.Message, answer.Type);
        var header = Assert.IsType<MessageHeader>(answer.Entry[0].Resource);
        Assert.Equal(TestReferral.MessageHeaderId, header.Response.Identifier);
        Assert.Equal(MessageHeader.ResponseType.Ok, header.Response.Code);
        Assert.Equal("https://pleck-health-centre.example/bars", header.Destination.Single().Endpoint);
        var sr = answer.Entry.Select(e => e.Resource).OfType<ServiceRequest>().Single();
        var task = answer.Entry.Select(e => e.Resource).OfType<FhirTask>().Single();
        Assert.Equal($"ServiceRequest/{sr.Id}", task.Focus.Reference);
        Assert.Equal(FhirTask.TaskStatus.Received, task.Status);
        Assert.Equal(FhirHost.UrgentTeamName, task.Owner.Display);
        Assert.Equal(sr.Subject.Reference, task.For.Reference);

        // What the sender sent comes back when the request is read on its own.
        var read = Fhir.Read<ServiceRequest>(await (await client.GetAsync($"/fhir/ServiceRequest/{sr.Id}")).Content.ReadAsStringAsync());
        var patient = read.Contained.OfType<Patient>().Single();
        Assert.Equal(referral.NhsNumber, patient.Identifier.Single(i => i.System == FhirProfile.NhsNumberSystem).Value);
        Assert.Equal(("Albert", "Ross"), (patient.Name[0].Given.Single(), patient.Name[0].Family));
        Assert.Equal(AdministrativeGender.Male, patient.Gender);
        Assert.Equal("confusion_delirium", read.Code.Coding.Single().Code);
        Assert.Equal((referral.IdentifierSystem, referral.IdentifierValue), (read.Identifier[0].System, read.Identifier[0].Value));
        var referrer = read.Contained.OfType<PractitionerRole>().Single();
        Assert.Equal(("Dr Anna Shah", "Pleck Health Centre"), (referrer.Practitioner.Display, referrer.Organization.Display));
        Assert.Equal(1, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task A_message_sent_twice_is_answered_twice_with_the_one_referral()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        string message = TestReferral.Json(new TestReferral().Message());

        var first = Fhir.Read<Bundle>(await (await client.PostAsync("/fhir/$process-message", message)).Content.ReadAsStringAsync());
        var again = await client.PostAsync("/fhir/$process-message", message);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var second = Fhir.Read<Bundle>(await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Entry[1].Resource.Id, second.Entry[1].Resource.Id);
        Assert.Equal(1, await host.ReferralCountAsync());
    }
}
