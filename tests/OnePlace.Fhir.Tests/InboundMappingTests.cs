using Hl7.Fhir.Model;
using OnePlace.Core.Referrals;
using OnePlace.Fhir.Messaging;
using OnePlace.Fhir.Referrals;

namespace OnePlace.Fhir.Tests;

public class InboundMappingTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public void A_ServiceRequest_with_its_patient_contained_maps_onto_the_submission_every_door_uses()
    {
        var referral = new TestReferral();

        var inbound = InboundReferral.Map(ReferralPayload.Standalone(referral.ServiceRequest()), "corr-1");

        var s = inbound.Submission;
        Assert.Empty(inbound.AllIssues(Today));
        Assert.Equal(referral.NhsNumber, s.Person.NhsNumber);
        Assert.Equal("Edith", s.Person.GivenName);
        Assert.Equal("Cavell", s.Person.FamilyName);
        Assert.Equal(new DateOnly(1941, 3, 9), s.Person.DateOfBirth);
        Assert.Equal("F", s.Person.Sex);
        Assert.Equal("WS1 1AA", s.Person.Postcode);
        Assert.Equal("1 High Street, Walsall", s.Person.Address);
        Assert.Equal("01922 000000", s.Person.Phone);
        Assert.Equal("Dr Anna Shah", s.ReferrerName);
        Assert.Equal("Pleck Health Centre", s.ReferrerOrganisation);
        Assert.Equal("01922 111111", s.ReferrerContact);
        Assert.Equal(ReferralNeed.Fall, s.Need);
        Assert.Equal(CareSetting.Home, s.Setting);
        Assert.Equal(referral.Details, s.Details);
        Assert.True(s.PersonConsented);
        Assert.Equal($"{referral.IdentifierSystem}|{referral.IdentifierValue}", s.SenderIdentifier);
        Assert.Equal("corr-1", s.CorrelationId);
    }

    [Theory]
    [InlineData(AdministrativeGender.Male, "M")]
    [InlineData(AdministrativeGender.Female, "F")]
    [InlineData(AdministrativeGender.Other, "U")]
    [InlineData(AdministrativeGender.Unknown, "U")]
    public void Patient_gender_becomes_the_sex_code_of_the_person_index(AdministrativeGender gender, string sex)
    {
        var inbound = InboundReferral.Map(ReferralPayload.Standalone(new TestReferral { Gender = gender }.ServiceRequest()), null);

        Assert.Equal(sex, inbound.Submission.Person.Sex);
    }

    [Fact]
    public void A_need_given_as_a_reason_code_and_a_setting_given_as_a_location_code_are_read_too()
    {
        var sr = new TestReferral().ServiceRequest();
        sr.Code = new CodeableConcept("http://snomed.info/sct", "306206005", "Referral to service");
        sr.ReasonCode.Add(new CodeableConcept(FhirProfile.ReferralNeedSystem, ReferralNeed.ConfusionDelirium));
        sr.Extension.RemoveAll(e => e.Url == FhirProfile.CareSettingExtension);
        sr.LocationCode.Add(new CodeableConcept(FhirProfile.CareSettingSystem, CareSetting.CareHome));

        var s = InboundReferral.Map(ReferralPayload.Standalone(sr), null).Submission;

        Assert.Equal(ReferralNeed.ConfusionDelirium, s.Need);
        Assert.Equal(CareSetting.CareHome, s.Setting);
    }

    [Fact]
    public void A_BaRS_message_gives_its_patient_referrer_organisation_and_consent_as_entries()
    {
        var referral = new TestReferral { Consented = true };

        var message = ReferralMessage.Read(referral.Message());
        var inbound = InboundReferral.Map(message.Payload, null);

        var s = inbound.Submission;
        Assert.Empty(inbound.AllIssues(Today));
        Assert.Equal("Bundle.entry[1].resource", message.Payload.ServiceRequestPath);
        Assert.Equal(referral.NhsNumber, s.Person.NhsNumber);
        Assert.Equal("Dr Anna Shah", s.ReferrerName);
        Assert.Equal("Pleck Health Centre", s.ReferrerOrganisation);
        Assert.True(s.PersonConsented);
        Assert.Equal(CareSetting.Home, s.Setting);
    }

    [Fact]
    public void A_referral_without_a_patient_is_told_so_once_at_the_subject_and_not_of_every_missing_name()
    {
        var inbound = InboundReferral.Map(ReferralPayload.Standalone(new TestReferral { WithPatient = false }.ServiceRequest()), null);

        var issue = Assert.Single(inbound.AllIssues(Today));
        Assert.Equal(OperationOutcome.IssueType.Required, issue.Code);
        Assert.Equal("ServiceRequest.subject", issue.Expression);
        Assert.Contains("Patient", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_without_its_day_is_refused_at_the_patients_birthDate()
    {
        var inbound = InboundReferral.Map(ReferralPayload.Standalone(new TestReferral { BirthDate = "1941-03" }.ServiceRequest()), null);

        var issue = Assert.Single(inbound.AllIssues(Today));
        Assert.Equal("ServiceRequest.contained[0].birthDate", issue.Expression);
        Assert.Contains("full date", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void The_single_point_of_accesss_own_checks_are_reported_at_the_fhir_element_with_a_hint()
    {
        var referral = new TestReferral { NhsNumber = "9990000019", Need = "broken_leg", Consented = null };

        var issues = InboundReferral.Map(ReferralPayload.Standalone(referral.ServiceRequest()), null).AllIssues(Today);

        var nhs = Assert.Single(issues, i => i.Expression == "ServiceRequest.contained[0].identifier[0].value");
        Assert.Equal(OperationOutcome.IssueType.Invalid, nhs.Code);
        Assert.StartsWith("NHS number", nhs.Diagnostics, StringComparison.Ordinal);
        var need = Assert.Single(issues, i => i.Expression == "ServiceRequest.code");
        Assert.Equal(OperationOutcome.IssueType.Required, need.Code);
        Assert.Contains(FhirProfile.ReferralNeedSystem, need.Diagnostics, StringComparison.Ordinal);
        var consent = Assert.Single(issues, i => i.Expression == $"ServiceRequest.extension('{FhirProfile.PersonConsentedExtension}')");
        Assert.Contains("Consent", consent.Diagnostics, StringComparison.Ordinal);
        Assert.Equal(3, issues.Count);
    }

    [Fact]
    public void A_message_whose_event_is_not_a_referral_request_is_refused_whole()
    {
        var bundle = new TestReferral().Message();
        ((MessageHeader)bundle.Entry[0].Resource!).Event = new Coding(FhirProfile.BarsMessageEventSystem, "booking-request");

        var refused = Assert.Throws<FhirPayloadException>(() => ReferralMessage.Read(bundle));

        Assert.Equal(422, refused.StatusCode);
        Assert.Equal("Bundle.entry[0].resource.event", Assert.Single(refused.Issues).Expression);
    }

    [Fact]
    public void A_message_whose_focus_is_not_a_ServiceRequest_entry_is_refused_whole()
    {
        var bundle = new TestReferral().Message();
        ((MessageHeader)bundle.Entry[0].Resource!).Focus = [new ResourceReference("urn:uuid:3b2a1c4d-0000-4000-8000-000000000003")];

        var refused = Assert.Throws<FhirPayloadException>(() => ReferralMessage.Read(bundle));

        Assert.Equal("Bundle.entry[0].resource.focus[0]", Assert.Single(refused.Issues).Expression);
    }
}
