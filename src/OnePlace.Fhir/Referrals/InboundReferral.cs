using System.Globalization;
using Hl7.Fhir.Model;
using OnePlace.Core.Referrals;

namespace OnePlace.Fhir.Referrals;

/// <summary>
/// A FHIR referral mapped onto the one shape every door uses (<see cref="ReferralSubmission"/>), with the problems
/// only FHIR can have (no Patient, a partial birth date) and the FHIRPath of each submission field, so that the Single
/// Point of Access's own checks are reported against the element the sender wrote.
/// </summary>
public sealed class InboundReferral
{
    private readonly Dictionary<string, string> _paths;
    private readonly HashSet<string> _covered;

    private InboundReferral(ReferralSubmission submission, IReadOnlyList<FhirIssue> issues, Dictionary<string, string> paths, HashSet<string> covered)
    {
        Submission = submission;
        Issues = issues;
        _paths = paths;
        _covered = covered;
    }

    public ReferralSubmission Submission { get; }

    /// <summary>Problems found while mapping, before the submission's own checks.</summary>
    public IReadOnlyList<FhirIssue> Issues { get; }

    /// <summary>Every problem: the mapping's, then the submission's own (<see cref="ReferralSubmission.Problems"/>) as FHIR issues,
    /// leaving out those a mapping problem already explains (no Patient means no name either).</summary>
    public IReadOnlyList<FhirIssue> AllIssues(DateOnly today) =>
        [.. Issues, .. IssuesOf(Submission.Problems(today))];

    public IEnumerable<FhirIssue> IssuesOf(IEnumerable<FieldError> problems) =>
        problems.Where(p => !_covered.Any(c => p.Field == c || p.Field.StartsWith(c + ".", StringComparison.Ordinal))).Select(IssueOf);

    private FhirIssue IssueOf(FieldError problem)
    {
        // The Single Point of Access's messages start "Enter…", "Select…" or "Confirm…" when a value is missing.
        bool missing = problem.Message.StartsWith("Enter ", StringComparison.Ordinal) || problem.Message.StartsWith("Select ", StringComparison.Ordinal)
            || problem.Message.StartsWith("Confirm ", StringComparison.Ordinal);
        string hint = Hints.TryGetValue(problem.Field, out var h) ? " " + h : "";
        var code = missing ? OperationOutcome.IssueType.Required : OperationOutcome.IssueType.Invalid;
        return new FhirIssue(code, problem.Message.TrimEnd('.') + "." + hint, _paths.GetValueOrDefault(problem.Field));
    }

    /// <summary>Where each piece of a referral goes in FHIR, told to a sender whose payload lacks it.</summary>
    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["person.nhsNumber"] = $"Give the Patient's NHS number as an identifier with system {FhirProfile.NhsNumberSystem} (10 digits, valid check digit).",
        ["person.givenName"] = "Give the Patient an official name with a given name.",
        ["person.familyName"] = "Give the Patient an official name with a family name.",
        ["person.dateOfBirth"] = "Give the Patient's birthDate as a full date (YYYY-MM-DD).",
        ["person.sex"] = "Patient.gender is male, female, other or unknown.",
        ["person.postcode"] = "Give the Patient a home address with its postalCode.",
        ["referrerName"] = "Name the referrer: ServiceRequest.requester as a PractitionerRole whose practitioner is named, a Practitioner, or a display.",
        ["referrerOrganisation"] = "Name the referrer's organisation: the requester PractitionerRole's organization, or an Organization sent with the referral.",
        ["need"] = $"ServiceRequest.code (or reasonCode) must carry a coding with system {FhirProfile.ReferralNeedSystem} and one of its codes: {string.Join(", ", ReferralNeed.All)}.",
        ["setting"] = $"Give the extension {FhirProfile.CareSettingExtension} a valueCode of {string.Join(", ", CareSetting.All)} (or a locationCode with system {FhirProfile.CareSettingSystem}).",
        ["details"] = $"Say what is happening and what help is needed in ServiceRequest.note (at most {ReferralSubmission.DetailsMaxLength} characters).",
        ["personConsented"] = $"Give the extension {FhirProfile.PersonConsentedExtension} valueBoolean true, or send an active Consent with the referral.",
        ["senderIdentifier"] = "ServiceRequest.identifier[0] (system and value) must be 200 characters or fewer.",
    };

    /// <summary>Maps <paramref name="payload"/>; never throws for a bad payload (its problems are in <see cref="Issues"/>).</summary>
    public static InboundReferral Map(ReferralPayload payload, string? correlationId)
    {
        var issues = new List<FhirIssue>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        var sr = payload.ServiceRequest;
        string srPath = payload.ServiceRequestPath;
        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["referrerName"] = $"{srPath}.requester",
            ["referrerOrganisation"] = $"{srPath}.requester",
            ["need"] = $"{srPath}.code",
            ["setting"] = $"{srPath}.extension('{FhirProfile.CareSettingExtension}')",
            ["details"] = $"{srPath}.note",
            ["personConsented"] = $"{srPath}.extension('{FhirProfile.PersonConsentedExtension}')",
            ["senderIdentifier"] = $"{srPath}.identifier[0]",
        };

        // The person: the subject when it resolves to a Patient sent with the request, else the one Patient sent.
        var patient = payload.Resolve(sr.Subject) is { Resource: Patient } subject ? subject : payload.Only<Patient>();
        ReferredPerson person;
        if (patient is null)
        {
            issues.Add(FhirIssue.Required(
                "The ServiceRequest's subject must be a Patient sent with it: a contained Patient referenced as \"#p1\", or in a message a Patient entry.",
                $"{srPath}.subject"));
            covered.Add("person");
            person = new ReferredPerson(null, "", "", null, null, null, null, null);
        }
        else
        {
            person = PersonOf((Patient)patient.Resource, patient.Path, paths, issues, covered);
        }

        var (referrerName, organisation, contact) = ReferrerOf(payload);
        string need = NeedOf(sr);
        string setting = SettingOf(sr);
        bool consented = ConsentedOf(payload);
        string details = string.Join("\n\n", sr.Note.Select(n => n.Text?.Trim()).Where(t => !string.IsNullOrEmpty(t)));

        var identifier = sr.Identifier.FirstOrDefault();
        string? sender = identifier?.Value is { Length: > 0 } value ? SenderIdentifier.Of(identifier.System, value) : null;

        var submission = new ReferralSubmission(person, referrerName, organisation, contact, need, setting, details, consented, sender,
            string.IsNullOrWhiteSpace(correlationId) ? null : correlationId.Trim());
        return new InboundReferral(submission, issues, paths, covered);
    }

    private static ReferredPerson PersonOf(Patient patient, string path, Dictionary<string, string> paths, List<FhirIssue> issues, HashSet<string> covered)
    {
        int nhsIndex = patient.Identifier.FindIndex(i => i.System == FhirProfile.NhsNumberSystem);
        string? nhs = nhsIndex < 0 ? null : patient.Identifier[nhsIndex].Value;
        paths["person.nhsNumber"] = nhsIndex < 0 ? $"{path}.identifier" : $"{path}.identifier[{nhsIndex}].value";

        // The official name when there is one (UK Core Patient: the name in use for official purposes), else the first.
        int nameIndex = patient.Name.FindIndex(n => n.Use == HumanName.NameUse.Official);
        nameIndex = nameIndex < 0 && patient.Name.Count > 0 ? 0 : nameIndex;
        var name = nameIndex < 0 ? null : patient.Name[nameIndex];
        string namePath = nameIndex < 0 ? $"{path}.name" : $"{path}.name[{nameIndex}]";
        paths["person.givenName"] = $"{namePath}.given";
        paths["person.familyName"] = $"{namePath}.family";
        paths["person.dateOfBirth"] = $"{path}.birthDate";
        paths["person.sex"] = $"{path}.gender";

        DateOnly? born = null;
        if (!string.IsNullOrEmpty(patient.BirthDate))
        {
            if (DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                born = day;
            }
            else
            {
                // FHIR allows a year or a month alone; triage and matching need the day.
                issues.Add(FhirIssue.Invalid($"The Patient's birthDate '{patient.BirthDate}' must be a full date (YYYY-MM-DD).", $"{path}.birthDate"));
                covered.Add("person.dateOfBirth");
            }
        }

        string? sex = patient.Gender switch
        {
            AdministrativeGender.Male => "M",
            AdministrativeGender.Female => "F",
            AdministrativeGender.Other or AdministrativeGender.Unknown => "U",
            _ => null,
        };

        // The home address when one is marked so, else the first.
        int addressIndex = patient.Address.FindIndex(a => a.Use == Address.AddressUse.Home);
        addressIndex = addressIndex < 0 && patient.Address.Count > 0 ? 0 : addressIndex;
        var address = addressIndex < 0 ? null : patient.Address[addressIndex];
        paths["person.postcode"] = addressIndex < 0 ? $"{path}.address" : $"{path}.address[{addressIndex}].postalCode";
        string? addressText = address is null ? null
            : !string.IsNullOrWhiteSpace(address.Text) ? address.Text.Trim()
            : string.Join(", ", address.Line.Append(address.City).Append(address.District).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!.Trim())) is { Length: > 0 } joined ? joined
            : null;
        string? phone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value;

        return new ReferredPerson(
            nhs,
            string.Join(' ', (name?.Given ?? []).OfType<string>().Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim())),
            name?.Family?.Trim() ?? "",
            born,
            sex,
            address?.PostalCode,
            addressText,
            phone);
    }

    /// <summary>
    /// The referrer, as BaRS 1.x sends one: the requester PractitionerRole with its practitioner and organization;
    /// failing that a Practitioner or the requester's display for the name, and for the organisation an Organization
    /// requester, the message's sender, or the one Organization sent with the referral.
    /// </summary>
    private static (string Name, string Organisation, string? Contact) ReferrerOf(ReferralPayload payload)
    {
        var requester = payload.ServiceRequest.Requester;
        string? name = null, organisation = null, contact = null;
        switch (payload.Resolve(requester)?.Resource)
        {
            case PractitionerRole role:
                name = payload.Resolve(role.Practitioner)?.Resource is Practitioner named ? NameOf(named) : role.Practitioner?.Display;
                organisation = payload.Resolve(role.Organization)?.Resource is Organization employer ? employer.Name : role.Organization?.Display;
                contact = role.Telecom.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Value))?.Value;
                break;
            case Practitioner practitioner:
                name = NameOf(practitioner);
                contact = practitioner.Telecom.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t.Value))?.Value;
                break;
            case Organization org:
                organisation = org.Name;
                break;
            default:
                name = requester?.Display;
                break;
        }

        if (string.IsNullOrWhiteSpace(organisation))
        {
            organisation = (payload.Sender?.Resource as Organization)?.Name ?? (payload.Only<Organization>()?.Resource as Organization)?.Name;
        }

        return (name?.Trim() ?? "", organisation?.Trim() ?? "", contact?.Trim());
    }

    private static string? NameOf(Practitioner practitioner)
    {
        var name = practitioner.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? practitioner.Name.FirstOrDefault();
        return name is null ? null
            : !string.IsNullOrWhiteSpace(name.Text) ? name.Text
            : string.Join(' ', name.Prefix.Concat(name.Given).Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>The need: a coding of <see cref="FhirProfile.ReferralNeedSystem"/> in <c>code</c>, else in <c>reasonCode</c>.</summary>
    private static string NeedOf(ServiceRequest sr) =>
        (sr.Code is null ? [] : sr.Code.Coding).Concat(sr.ReasonCode.SelectMany(r => r.Coding))
            .FirstOrDefault(c => c.System == FhirProfile.ReferralNeedSystem)?.Code ?? "";

    /// <summary>The setting: the care-setting extension, else a locationCode of <see cref="FhirProfile.CareSettingSystem"/>.</summary>
    private static string SettingOf(ServiceRequest sr)
    {
        var value = sr.Extension.FirstOrDefault(e => e.Url == FhirProfile.CareSettingExtension)?.Value;
        string? code = value switch
        {
            Code c => c.Value,
            Coding c => c.Code,
            CodeableConcept c => c.Coding.FirstOrDefault()?.Code,
            FhirString s => s.Value,
            _ => null,
        };
        return code ?? sr.LocationCode.SelectMany(l => l.Coding).FirstOrDefault(c => c.System == FhirProfile.CareSettingSystem)?.Code ?? "";
    }

    /// <summary>Consent: the person-consented extension when present, else an active Consent sent with the referral.</summary>
    private static bool ConsentedOf(ReferralPayload payload)
    {
        if (payload.ServiceRequest.Extension.FirstOrDefault(e => e.Url == FhirProfile.PersonConsentedExtension)?.Value is FhirBoolean { Value: { } said })
        {
            return said;
        }

        return payload.All<Consent>().Any(c => ((Consent)c.Resource).Status == Consent.ConsentState.Active);
    }
}

/// <summary>
/// A sender's identifier as the Single Point of Access keeps it: "system|value" when it has a system, as FHIR R4
/// search writes a token, so that two senders' identifier systems never collide; the value alone otherwise.
/// </summary>
public static class SenderIdentifier
{
    public static string Of(string? system, string value) => string.IsNullOrWhiteSpace(system) ? value.Trim() : $"{system.Trim()}|{value.Trim()}";

    public static Identifier ToIdentifier(string kept)
    {
        int bar = kept.LastIndexOf('|');
        return bar < 0 ? new Identifier { Value = kept } : new Identifier(kept[..bar], kept[(bar + 1)..]);
    }
}
