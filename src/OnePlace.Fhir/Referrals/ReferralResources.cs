using System.Globalization;
using Hl7.Fhir.Model;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using FhirTask = Hl7.Fhir.Model.Task;

namespace OnePlace.Fhir.Referrals;

/// <summary>
/// A referral as FHIR shows it (BaRS 1.x): the ServiceRequest is the request as the referrer made it, and the Task is
/// the Single Point of Access's work on it, whose status the referrer follows through to the outcome (PRODUCT.md B5).
/// </summary>
public static class ReferralResources
{
    /// <summary>The id of the contained Patient: the person as the referrer described them.</summary>
    public const string ContainedPatientId = "patient";

    /// <summary>The id of the contained PractitionerRole: the referrer and their organisation.</summary>
    public const string ContainedReferrerId = "referrer";

    /// <summary>
    /// The ServiceRequest of <paramref name="referral"/>. Its subject is the person in OnePlace's person index; the
    /// person as the referrer described them (<paramref name="asPosted"/>) is contained and named in supportingInfo,
    /// so that a sender reads back what it sent even after the person index has joined them to a known person.
    /// </summary>
    public static ServiceRequest ServiceRequestOf(Referral referral, ReferredPerson asPosted, string? teamName)
    {
        var sr = new ServiceRequest
        {
            Id = referral.Id.ToString(),
            Meta = MetaOf(referral),
            Status = RequestStatusOf(referral.Status),
            Intent = RequestIntent.Order,
            Priority = PriorityOf(referral.Urgency),
            Code = NeedConcept(referral.Need),
            Subject = new ResourceReference($"Patient/{referral.PersonId}"),
            AuthoredOn = Instant(referral.ReceivedAtUtc),
            Requester = new ResourceReference("#" + ContainedReferrerId, referral.ReferrerName),
            Note = [new Annotation { Text = new Markdown(referral.Details) }],
            SupportingInfo = [new ResourceReference("#" + ContainedPatientId, "The person as the referrer described them")],
            Contained = [PatientOf(asPosted), ReferrerOf(referral)],
        };
        if (referral.SenderIdentifier is { } sent)
        {
            sr.Identifier.Add(SenderIdentifier.ToIdentifier(sent));
        }

        sr.Identifier.Add(new Identifier(FhirProfile.ReferralReferenceSystem, referral.Reference));
        sr.Extension.Add(new Extension(FhirProfile.CareSettingExtension, new Code(referral.Setting)));
        sr.Extension.Add(new Extension(FhirProfile.PersonConsentedExtension, new FhirBoolean(referral.PersonConsented)));
        if (TeamReference(referral.TeamCode, teamName) is { } team)
        {
            sr.Performer.Add(team);
        }

        return sr;
    }

    /// <summary>The Task of <paramref name="referral"/>: the SPA's work on the request, with its outcome once closed.</summary>
    public static FhirTask TaskOf(Referral referral, string? teamName)
    {
        var task = new FhirTask
        {
            Id = referral.Id.ToString(),
            Meta = MetaOf(referral),
            Identifier = [new Identifier(FhirProfile.ReferralReferenceSystem, referral.Reference)],
            Status = TaskStatusOf(referral),
            BusinessStatus = new CodeableConcept(FhirProfile.ReferralStatusSystem, referral.Status, Label(referral.Status), BusinessText(referral)),
            Intent = FhirTask.TaskIntent.Order,
            Priority = PriorityOf(referral.Urgency),
            // FHIR R4 task-code "fulfill": the Task is the fulfilment of its focus, the ServiceRequest.
            Code = new CodeableConcept("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request"),
            Focus = new ResourceReference($"ServiceRequest/{referral.Id}"),
            For = new ResourceReference($"Patient/{referral.PersonId}"),
            AuthoredOn = Instant(referral.ReceivedAtUtc),
            LastModified = Instant(referral.UpdatedAtUtc),
            Requester = new ResourceReference { Display = $"{referral.ReferrerName}, {referral.ReferrerOrganisation}" },
            ExecutionPeriod = new Period
            {
                StartElement = new FhirDateTime(Utc(referral.ReceivedAtUtc)),
                EndElement = referral.ClosedAtUtc is { } closed ? new FhirDateTime(Utc(closed)) : null,
            },
            // While no team holds it, the SPA coordinators do.
            Owner = TeamReference(referral.TeamCode, teamName) ?? new ResourceReference { Display = "Single Point of Access" },
        };

        if (referral.Status is ReferralStatus.Declined or ReferralStatus.Cancelled && referral.OutcomeNote is { } why)
        {
            task.StatusReason = new CodeableConcept { Text = why };
        }

        // The outcome goes back to the referrer (PRODUCT.md B5).
        if (referral.Status == ReferralStatus.Closed && referral.Outcome is { } outcome)
        {
            task.Output.Add(new FhirTask.OutputComponent
            {
                Type = new CodeableConcept(FhirProfile.TaskOutputSystem, "outcome", "Outcome of the episode of care"),
                Value = new CodeableConcept(FhirProfile.ReferralOutcomeSystem, outcome, Label(outcome)),
            });
            if (!string.IsNullOrWhiteSpace(referral.OutcomeNote))
            {
                task.Output.Add(new FhirTask.OutputComponent
                {
                    Type = new CodeableConcept(FhirProfile.TaskOutputSystem, "outcome-note", "Note on the outcome"),
                    Value = new FhirString(referral.OutcomeNote),
                });
            }
        }

        return task;
    }

    /// <summary>
    /// The Task status BaRS 1.x follows for the referral's status. A paused clock (the person in hospital) is on-hold
    /// whatever the open status, since nobody is expected to act until it resumes.
    /// </summary>
    public static FhirTask.TaskStatus TaskStatusOf(Referral referral) =>
        referral.ClockPausedAtUtc is not null && ReferralStatus.IsOpen(referral.Status)
            ? FhirTask.TaskStatus.OnHold
            : referral.Status switch
            {
                ReferralStatus.SpaQueue or ReferralStatus.AwaitingAcceptance => FhirTask.TaskStatus.Received,
                ReferralStatus.Accepted => FhirTask.TaskStatus.Accepted,
                ReferralStatus.InCare or ReferralStatus.HandoverOffered => FhirTask.TaskStatus.InProgress,
                ReferralStatus.Closed => FhirTask.TaskStatus.Completed,
                ReferralStatus.Declined => FhirTask.TaskStatus.Rejected,
                ReferralStatus.Cancelled => FhirTask.TaskStatus.Cancelled,
                _ => throw new ArgumentOutOfRangeException(nameof(referral), referral.Status, "Not a referral status"),
            };

    /// <summary>The request's own status: active while open; completed once closed; revoked when declined or cancelled.</summary>
    public static RequestStatus RequestStatusOf(string status) => status switch
    {
        ReferralStatus.Closed => RequestStatus.Completed,
        ReferralStatus.Declined or ReferralStatus.Cancelled => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };

    /// <summary>FHIR request priority of a triage urgency: the 2-hour crisis response is "stat", 2 days "urgent".</summary>
    public static RequestPriority PriorityOf(string urgency) => urgency switch
    {
        Urgency.Crisis2Hour => RequestPriority.Stat,
        Urgency.TwoDay => RequestPriority.Urgent,
        _ => RequestPriority.Routine,
    };

    public static CodeableConcept NeedConcept(string need) => new(FhirProfile.ReferralNeedSystem, need, Label(need));

    /// <summary>A code as words: "end_of_life_crisis" → "End of life crisis".</summary>
    public static string Label(string code) =>
        code.Length == 0 ? code : char.ToUpperInvariant(code[0]) + code[1..].Replace('_', ' ');

    private static Patient PatientOf(ReferredPerson person)
    {
        var patient = new Patient { Id = ContainedPatientId };
        if (!string.IsNullOrWhiteSpace(person.NhsNumber))
        {
            patient.Identifier.Add(new Identifier(FhirProfile.NhsNumberSystem, person.NhsNumber));
        }

        patient.Name.Add(new HumanName { Use = HumanName.NameUse.Official, Family = person.FamilyName, Given = [person.GivenName] });
        if (person.DateOfBirth is { } born)
        {
            patient.BirthDate = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        patient.Gender = person.Sex switch
        {
            "M" => AdministrativeGender.Male,
            "F" => AdministrativeGender.Female,
            "U" => AdministrativeGender.Unknown,
            _ => null,
        };
        if (person.Postcode is not null || person.Address is not null)
        {
            patient.Address.Add(new Address { Use = Address.AddressUse.Home, Text = person.Address, PostalCode = person.Postcode });
        }

        if (!string.IsNullOrWhiteSpace(person.Phone))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, person.Phone));
        }

        return patient;
    }

    private static PractitionerRole ReferrerOf(Referral referral)
    {
        var role = new PractitionerRole
        {
            Id = ContainedReferrerId,
            Practitioner = new ResourceReference { Display = referral.ReferrerName },
            Organization = new ResourceReference { Display = referral.ReferrerOrganisation },
        };
        if (!string.IsNullOrWhiteSpace(referral.ReferrerContact))
        {
            role.Telecom.Add(new ContactPoint { Value = referral.ReferrerContact });
        }

        return role;
    }

    private static ResourceReference? TeamReference(string? teamCode, string? teamName) =>
        teamCode is null ? null : new ResourceReference { Display = teamName ?? teamCode, Identifier = new Identifier(FhirProfile.TeamSystem, teamCode) };

    private static string BusinessText(Referral referral)
    {
        string text = referral.Status switch
        {
            ReferralStatus.SpaQueue => "In the Single Point of Access queue" + (referral.QueueReason is { } why ? $": {why}" : ""),
            ReferralStatus.AwaitingAcceptance => "Sent to a team, awaiting acceptance",
            ReferralStatus.Accepted => "Accepted by the team",
            ReferralStatus.InCare => "Seen: care under way",
            ReferralStatus.HandoverOffered => "Care under way; being handed over to another team",
            ReferralStatus.Closed => "Closed" + (referral.Outcome is { } outcome ? $": {Label(outcome).ToLowerInvariant()}" : ""),
            ReferralStatus.Declined => "Declined by the Single Point of Access",
            ReferralStatus.Cancelled => "Cancelled",
            _ => Label(referral.Status),
        };
        return referral.ClockPausedAtUtc is not null && referral.IsOpen ? $"{text} (clock paused: {referral.PauseReason ?? "no reason given"})" : text;
    }

    private static Meta MetaOf(Referral referral) => new()
    {
        VersionId = referral.Version.ToString(CultureInfo.InvariantCulture),
        LastUpdated = Utc(referral.UpdatedAtUtc),
    };

    private static string Instant(DateTime utc) => new FhirDateTime(Utc(utc)).Value!;

    /// <summary>The store keeps UTC times without their kind (SQLite); they are UTC whatever the kind says.</summary>
    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
