using System.Net;
using Hl7.Fhir.Model;
using OnePlace.Core.Staff;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

/// <summary>BaRS 1.x: "Non conformant payloads should be rejected in their entirety". Each is refused, said why, and stores nothing.</summary>
public class InvalidPayloadTests
{
    public static TheoryData<string, string, HttpStatusCode, string, string?> Payloads()
    {
        string valid = TestReferral.Json(new TestReferral().ServiceRequest());
        return new()
        {
            { "malformed JSON", valid[..^10], HttpStatusCode.BadRequest, "not valid JSON", null },
            { "a Patient where a ServiceRequest belongs", TestReferral.Json(new TestReferral().Patient("p1")), HttpStatusCode.BadRequest, "Expected a ServiceRequest", "resourceType" },
            { "an element FHIR does not have", valid.Replace("\"intent\":\"order\"", "\"intent\":\"order\",\"colour\":\"blue\"", StringComparison.Ordinal), HttpStatusCode.BadRequest, "unknown element 'colour'", "ServiceRequest.colour" },
            { "a value of the wrong type", valid.Replace("\"birthDate\":\"1941-03-09\"", "\"birthDate\":19410309", StringComparison.Ordinal), HttpStatusCode.BadRequest, "not the right type of literal for a date", "ServiceRequest.contained[0].birthDate" },
            { "no patient", TestReferral.Json(new TestReferral { WithPatient = false }.ServiceRequest()), HttpStatusCode.UnprocessableEntity, "must be a Patient", "ServiceRequest.subject" },
            { "an invalid NHS number", TestReferral.Json(new TestReferral { NhsNumber = "9990000019" }.ServiceRequest()), HttpStatusCode.UnprocessableEntity, "NHS number fails the Modulus 11 check", "ServiceRequest.contained[0].identifier[0].value" },
            { "an unknown need", TestReferral.Json(new TestReferral { Need = "broken_leg" }.ServiceRequest()), HttpStatusCode.UnprocessableEntity, "Select the main reason", "ServiceRequest.code" },
        };
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task A_payload_that_does_not_conform_is_refused_whole_with_an_operation_outcome_saying_why(
        string what, string body, HttpStatusCode status, string diagnostic, string? expression)
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await client.PostAsync("/fhir/ServiceRequest", body);

        Assert.True(status == response.StatusCode, $"{what}: {response.StatusCode}");
        Assert.Equal(FhirProfile.JsonMediaType, response.Content.Headers.ContentType?.MediaType);
        var outcome = Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync());
        var issue = Assert.Single(outcome.Issue, i => i.Diagnostics.Contains(diagnostic, StringComparison.Ordinal));
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        if (expression is not null)
        {
            Assert.Equal(expression, Assert.Single(issue.Expression));
        }

        Assert.Equal(0, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_fhir_json_is_refused_as_an_unsupported_media_type()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await client.PostAsync("/fhir/ServiceRequest", "need=fall", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single().Code);
        Assert.Equal(0, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task A_message_with_a_broken_entry_is_refused_whole_and_nothing_is_stored()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        string message = TestReferral.Json(new TestReferral().Message())
            .Replace("\"status\":\"finished\"", "\"status\":\"over\"", StringComparison.Ordinal);

        var response = await client.PostAsync("/fhir/$process-message", message);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single();
        Assert.Equal("Bundle.entry[7].resource.status", issue.Expression.Single());
        Assert.Equal(0, await host.ReferralCountAsync());
    }

    [Fact]
    public async Task A_message_without_its_patient_is_refused_and_nothing_is_stored()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var response = await client.PostAsync("/fhir/$process-message", TestReferral.Json(new TestReferral { WithPatient = false }.Message()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = Fhir.Read<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue.Single();
        Assert.Equal("Bundle.entry[1].resource.subject", issue.Expression.Single());
        Assert.Equal(0, await host.ReferralCountAsync());
    }
}
