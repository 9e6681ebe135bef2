using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Testing;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Tests;

public class TaskSearchTests
{

    [Fact]
    public async Task The_referrer_follows_the_task_from_received_to_completed_with_its_outcome()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        var created = Fhir.Read<ServiceRequest>(await (await client.PostAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral().ServiceRequest()))).Content.ReadAsStringAsync());
        var id = Guid.Parse(created.Id!);

        Assert.Equal(FhirTask.TaskStatus.Received, (await TaskAsync(client, $"ServiceRequest/{id}")).Status);

        await ChangeAsync(host, id, 1, new ReferralChange(ReferralAction.Accept));
        Assert.Equal(FhirTask.TaskStatus.Accepted, (await TaskAsync(client, id.ToString())).Status);

        await ChangeAsync(host, id, 2, new ReferralChange(ReferralAction.RecordFirstContact));
        Assert.Equal(FhirTask.TaskStatus.InProgress, (await TaskAsync(client, id.ToString())).Status);

        await ChangeAsync(host, id, 3, new ReferralChange(ReferralAction.Close, Outcome: ReferralOutcome.AtHome, Reason: "Managing at home with a frame"));
        var closed = await TaskAsync(client, $"ServiceRequest/{id}");
        Assert.Equal(FhirTask.TaskStatus.Completed, closed.Status);
        Assert.Equal("4", closed.Meta.VersionId);
        var outcome = Assert.IsType<CodeableConcept>(closed.Output[0].Value);
        Assert.Equal(ReferralOutcome.AtHome, outcome.Coding.Single().Code);

        var request = Fhir.Read<ServiceRequest>(await (await client.GetAsync($"/fhir/ServiceRequest/{id}")).Content.ReadAsStringAsync());
        Assert.Equal(RequestStatus.Completed, request.Status);
    }

    [Fact]
    public async Task A_cancelled_referrals_task_is_cancelled_with_the_reason()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);
        var created = Fhir.Read<ServiceRequest>(await (await client.PostAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral().ServiceRequest()))).Content.ReadAsStringAsync());

        await ChangeAsync(host, Guid.Parse(created.Id!), 1, new ReferralChange(ReferralAction.Cancel, Reason: "Sent for the wrong person"));

        var task = await TaskAsync(client, $"ServiceRequest/{created.Id}");
        Assert.Equal(FhirTask.TaskStatus.Cancelled, task.Status);
        Assert.Equal("Sent for the wrong person", task.StatusReason.Text);
    }

    [Fact]
    public async Task A_person_in_hospital_has_their_task_on_hold()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var created = await client.PostAsync("/fhir/ServiceRequest", TestReferral.Json(new TestReferral { Setting = CareSetting.Hospital }.ServiceRequest()));
        var sr = Fhir.Read<ServiceRequest>(await created.Content.ReadAsStringAsync());

        Assert.Equal(FhirTask.TaskStatus.OnHold, (await TaskAsync(client, $"ServiceRequest/{sr.Id}")).Status);
    }

    [Fact]
    public async Task A_search_for_an_unknown_focus_is_an_empty_searchset_and_a_search_without_focus_is_refused()
    {
        await using var host = await FhirHost.StartAsync();
        using var client = await host.SignedInAsync(StaffRoles.SpaCoordinator);

        var unknown = await client.GetAsync($"/fhir/Task?focus=ServiceRequest/{Guid.NewGuid()}");
        var unfocused = await client.GetAsync("/fhir/Task?status=received");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        var bundle = Fhir.Read<Bundle>(await unknown.Content.ReadAsStringAsync());
        Assert.Equal((Bundle.BundleType.Searchset, 0), (bundle.Type!.Value, bundle.Total!.Value));
        Assert.Empty(bundle.Entry);
        Assert.Equal(HttpStatusCode.BadRequest, unfocused.StatusCode);
        Assert.Equal("focus", Fhir.Read<OperationOutcome>(await unfocused.Content.ReadAsStringAsync()).Issue.Single().Expression.Single());
    }

    private static async Task<FhirTask> TaskAsync(FhirClient client, string focus)
    {
        var response = await client.GetAsync($"/fhir/Task?focus={Uri.EscapeDataString(focus)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = Fhir.Read<Bundle>(await response.Content.ReadAsStringAsync());
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(1, bundle.Total);
        var entry = Assert.Single(bundle.Entry);
        Assert.Equal(Bundle.SearchEntryMode.Match, entry.Search.Mode);
        return Assert.IsType<FhirTask>(entry.Resource);
    }

    /// <summary>A change made as the Single Point of Access's staff or the holding team make it, through the use case.</summary>
    private static async Task ChangeAsync(FhirHost host, Guid id, int version, ReferralChange change)
    {
        await using var db = host.OpenStore();
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == id);
        var changed = await new ChangeReferral(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System)
            .ApplyAsync(ReferralActors.For(referral, change.Action), id, version, change);
        Assert.NotNull(changed);
    }
}
