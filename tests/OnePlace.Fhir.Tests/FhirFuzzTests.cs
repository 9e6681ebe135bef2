using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using OnePlace.Core.Staff;
using OnePlace.Testing;
using OnePlace.Testing.Hostile;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

/// <summary>
/// A bounded fuzz run of the FHIR parser and referral mapping through the real endpoints: seeded mutations of a valid
/// ServiceRequest and of a valid BaRS message Bundle (FHIR JSON; the server reads no XML) are posted. Each must be
/// accepted (200/201) or refused with a 4xx OperationOutcome — never a 500 — and a refused one must change nothing in the
/// store. Fixed seed and counts, printed so that a failure replays.
/// </summary>
public sealed class FhirFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Cases = 250;

    [Fact]
    public Task Mutated_service_requests_are_accepted_or_refused_with_an_operation_outcome_and_no_change() =>
        FuzzAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral { IdentifierValue = "REF-FUZZ-1" }.ServiceRequest()), "ServiceRequest");

    [Fact]
    public Task Mutated_referral_messages_are_accepted_or_refused_with_an_operation_outcome_and_no_change() =>
        FuzzAsync("/fhir/$process-message", TestReferral.Json(new TestReferral { IdentifierValue = "REF-FUZZ-2" }.Message()), "message Bundle");

    private async Task FuzzAsync(string path, string valid, string what)
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        var mutator = new SeededMutator(Seed);
        var bytes = System.Text.Encoding.UTF8.GetBytes(valid);
        int accepted = 0, refused = 0;
        var current = await StoreFingerprint.TakeAsync(host.Store);
        for (int i = 0; i < Cases; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(mutator.Mutate(bytes)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(FhirProfile.JsonMediaType);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirProfile.JsonMediaType));
            using var response = await client.Http.SendAsync(request, TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            int status = (int)response.StatusCode;
            Assert.True(status < 500, $"seed {Seed}, case {i} ({what}): {status}\n{body}");
            var after = await StoreFingerprint.TakeAsync(host.Store);
            if (response.IsSuccessStatusCode)
            {
                accepted++;
                current = after;
            }
            else
            {
                refused++;
                Assert.True(status is 400 or 409 or 413 or 415 or 422, $"seed {Seed}, case {i} ({what}): {status}\n{body}");
                var outcome = Fhir.Read<OperationOutcome>(body);
                Assert.NotEmpty(outcome.Issue);
                Assert.True(after.DifferencesFrom(current).Count == 0,
                    $"seed {Seed}, case {i} ({what}) was refused with {status} but changed the store: {string.Join("; ", after.DifferencesFrom(current))}");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fuzz FHIR {what}: seed {Seed}, {Cases} cases, {accepted} accepted, {refused} refused, no 5xx"));
        Assert.True(refused > 0);
    }
}
