using Hl7.Fhir.Model;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Fhir.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;

namespace OnePlace.Fhir.Tests;

public class OutboundMappingTests
{
    private static readonly DateTime Received = new(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc);

    private static Referral AReferral(string status = ReferralStatus.AwaitingAcceptance, string urgency = Urgency.Crisis2Hour) => new()
    {
        Id = Guid.Parse("0b7f5a52-5f0e-4c39-9d7e-6f3b1f0a2c11"),
        Reference = "SPA-0B7F-5A52",
        Source = ReferralSource.Fhir,
        SenderIdentifier = "https://gp.example/referrals|REF-1",
        SubmittedBy = "gp@partnership.test",
        PersonId = Guid.Parse("5a1d2c3b-0000-4000-8000-000000000001"),
        PersonMatch = ReferralPersonMatch.NhsNumber,
        ReferrerName = "Dr Anna Shah",
        ReferrerOrganisation = "Pleck Health Centre",
        Need = ReferralNeed.Fall,
        Setting = CareSetting.Home,
        Details = "Fell this morning.",
        PersonConsented = true,
        Urgency = urgency,
        TriageVersion = "v1",
        TriageRule = "R01",
        TriageReason = "Fall without serious injury: UCR 2-hour response",
        Status = status,
        TeamCode = "UCR-N",
        ReceivedAtUtc = Received,
        UpdatedAtUtc = Received.AddMinutes(5),
        Version = 3,
    };

    [Theory]
    [InlineData(ReferralStatus.SpaQueue, FhirTask.TaskStatus.Received)]
    [InlineData(ReferralStatus.AwaitingAcceptance, FhirTask.TaskStatus.Received)]
    [InlineData(ReferralStatus.Accepted, FhirTask.TaskStatus.Accepted)]
    [InlineData(ReferralStatus.InCare, FhirTask.TaskStatus.InProgress)]
    [InlineData(ReferralStatus.HandoverOffered, FhirTask.TaskStatus.InProgress)]
    [InlineData(ReferralStatus.Closed, FhirTask.TaskStatus.Completed)]
    [InlineData(ReferralStatus.Declined, FhirTask.TaskStatus.Rejected)]
    [InlineData(ReferralStatus.Cancelled, FhirTask.TaskStatus.Cancelled)]
    public void Each_referral_status_shows_as_the_task_status_BaRS_uses(string status, FhirTask.TaskStatus expected)
    {
        var task = ReferralResources.TaskOf(AReferral(status), "North urgent community response");

        Assert.Equal(expected, task.Status);
        Assert.Equal(status, task.BusinessStatus.Coding.Single(c => c.System == FhirProfile.ReferralStatusSystem).Code);
        Assert.False(string.IsNullOrWhiteSpace(task.BusinessStatus.Text));
    }

    [Fact]
    public void Every_referral_status_has_a_task_status()
    {
        foreach (var status in ReferralStatus.All)
        {
            _ = ReferralResources.TaskStatusOf(AReferral(status));
        }
    }

    [Theory]
    [InlineData(ReferralStatus.SpaQueue)]
    [InlineData(ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.InCare)]
    public void An_open_referral_whose_clock_is_paused_is_on_hold(string status)
    {
        var referral = AReferral(status);
        referral.ClockPausedAtUtc = Received;
        referral.PauseReason = "In hospital: the clock starts at discharge";

        var task = ReferralResources.TaskOf(referral, null);

        Assert.Equal(FhirTask.TaskStatus.OnHold, task.Status);
        Assert.Contains("In hospital", task.BusinessStatus.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_points_at_its_request_and_person_and_names_the_team_holding_it()
    {
        var task = ReferralResources.TaskOf(AReferral(), "North urgent community response");

        Assert.Equal(FhirTask.TaskIntent.Order, task.Intent);
        Assert.Equal("ServiceRequest/0b7f5a52-5f0e-4c39-9d7e-6f3b1f0a2c11", task.Focus.Reference);
        Assert.Equal("Patient/5a1d2c3b-0000-4000-8000-000000000001", task.For.Reference);
        Assert.Equal("North urgent community response", task.Owner.Display);
        Assert.Equal("UCR-N", task.Owner.Identifier.Value);
        Assert.Equal("2026-11-24T09:30:00+00:00", task.AuthoredOn);
        Assert.Equal("2026-11-24T09:35:00+00:00", task.LastModified);
        Assert.Equal("3", task.Meta.VersionId);
        Assert.Null(task.StatusReason);
        Assert.Empty(task.Output);
    }

    [Fact]
    public void A_referral_in_the_spa_queue_is_owned_by_the_single_point_of_access()
    {
        var referral = AReferral(ReferralStatus.SpaQueue);
        referral.TeamCode = null;

        Assert.Equal("Single Point of Access", ReferralResources.TaskOf(referral, null).Owner.Display);
    }

    [Fact]
    public void A_closed_referral_gives_the_referrer_its_outcome()
    {
        var referral = AReferral(ReferralStatus.Closed);
        referral.Outcome = ReferralOutcome.AtHome;
        referral.OutcomeNote = "Back on her feet; equipment delivered.";
        referral.ClosedAtUtc = Received.AddDays(3);

        var task = ReferralResources.TaskOf(referral, null);

        var outcome = Assert.IsType<CodeableConcept>(task.Output[0].Value);
        Assert.Equal(ReferralOutcome.AtHome, outcome.Coding.Single(c => c.System == FhirProfile.ReferralOutcomeSystem).Code);
        Assert.Equal("outcome", task.Output[0].Type.Coding[0].Code);
        Assert.Equal("Back on her feet; equipment delivered.", Assert.IsType<FhirString>(task.Output[1].Value).Value);
        Assert.NotNull(task.ExecutionPeriod.End);
    }

    [Theory]
    [InlineData(ReferralStatus.Declined)]
    [InlineData(ReferralStatus.Cancelled)]
    public void A_declined_or_cancelled_referral_says_why(string status)
    {
        var referral = AReferral(status);
        referral.OutcomeNote = "Entered in error";

        Assert.Equal("Entered in error", ReferralResources.TaskOf(referral, null).StatusReason.Text);
    }

    [Theory]
    [InlineData(ReferralStatus.AwaitingAcceptance, RequestStatus.Active)]
    [InlineData(ReferralStatus.InCare, RequestStatus.Active)]
    [InlineData(ReferralStatus.Closed, RequestStatus.Completed)]
    [InlineData(ReferralStatus.Declined, RequestStatus.Revoked)]
    [InlineData(ReferralStatus.Cancelled, RequestStatus.Revoked)]
    public void The_request_is_active_while_open_then_completed_or_revoked(string status, RequestStatus expected) =>
        Assert.Equal(expected, ReferralResources.RequestStatusOf(status));

    [Theory]
    [InlineData(Urgency.Crisis2Hour, RequestPriority.Stat)]
    [InlineData(Urgency.TwoDay, RequestPriority.Urgent)]
    [InlineData(Urgency.Routine, RequestPriority.Routine)]
    public void Triage_urgency_shows_as_the_request_priority(string urgency, RequestPriority expected) =>
        Assert.Equal(expected, ReferralResources.ServiceRequestOf(AReferral(urgency: urgency), AsPosted, null).Priority);

    [Fact]
    public void The_service_request_keeps_what_the_referrer_sent_beside_the_person_index_subject()
    {
        var sr = ReferralResources.ServiceRequestOf(AReferral(), AsPosted, "North urgent community response");

        Assert.Equal("Patient/5a1d2c3b-0000-4000-8000-000000000001", sr.Subject.Reference);
        Assert.Equal("#patient", sr.SupportingInfo.Single().Reference);
        var patient = sr.Contained.OfType<Patient>().Single();
        Assert.Equal("9990000018", patient.Identifier.Single(i => i.System == FhirProfile.NhsNumberSystem).Value);
        Assert.Equal("Cavell", patient.Name[0].Family);
        Assert.Equal("1941-03-09", patient.BirthDate);
        Assert.Equal("WS1 1AA", patient.Address[0].PostalCode);
        var sender = sr.Identifier[0];
        Assert.Equal(("https://gp.example/referrals", "REF-1"), (sender.System, sender.Value));
        Assert.Contains(sr.Identifier, i => i.System == FhirProfile.ReferralReferenceSystem && i.Value == "SPA-0B7F-5A52");
        var referrer = sr.Contained.OfType<PractitionerRole>().Single();
        Assert.Equal(("Dr Anna Shah", "Pleck Health Centre"), (referrer.Practitioner.Display, referrer.Organization.Display));
        Assert.Equal("Fell this morning.", sr.Note.Single().Text);
        Assert.Equal(RequestIntent.Order, sr.Intent);
    }

    private static readonly ReferredPerson AsPosted =
        new("9990000018", "Edith", "Cavell", new DateOnly(1941, 3, 9), "F", "WS1 1AA", "1 High Street, Walsall", null);
}
