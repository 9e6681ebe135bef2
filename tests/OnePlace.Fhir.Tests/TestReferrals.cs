using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using OnePlace.Core.Referrals;
using OnePlace.Testing;

namespace OnePlace.Fhir.Tests;

/// <summary>
/// A test data builder for FHIR referrals: a ServiceRequest for a person in the test borough, with the Patient and the
/// referrer contained, and the same referral as a BaRS message. Each piece can be changed or left out.
/// </summary>
public sealed class TestReferral
{
    public string NhsNumber { get; set; } = TestNhsNumbers.Number(42);
    public string GivenName { get; set; } = "Edith";
    public string FamilyName { get; set; } = "Cavell";
    public string? BirthDate { get; set; } = "1941-03-09";
    public AdministrativeGender? Gender { get; set; } = AdministrativeGender.Female;
    public string Postcode { get; set; } = "WS1 1AA";
    public string Need { get; set; } = ReferralNeed.Fall;
    public string Setting { get; set; } = CareSetting.Home;
    public bool? Consented { get; set; } = true;
    public string Details { get; set; } = "Found on the floor this morning, unhurt but unable to get up alone. Lives alone.";
    public string ReferrerName { get; set; } = "Dr Anna Shah";
    public string ReferrerOrganisation { get; set; } = "Pleck Health Centre";
    public string IdentifierSystem { get; set; } = "https://pleck-health-centre.example/referrals";
    public string IdentifierValue { get; set; } = "REF-" + Guid.NewGuid().ToString("N")[..8];
    public bool WithPatient { get; set; } = true;

    public const string MessageHeaderId = "3b2a1c4d-0000-4000-8000-000000000001";

    /// <summary>The person as a Patient (UK Core: NHS number identifier, official name, home address).</summary>
    public Patient Patient(string id)
    {
        var patient = new Patient
        {
            Id = id,
            Identifier = [new Identifier(FhirProfile.NhsNumberSystem, NhsNumber)],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = FamilyName, Given = [GivenName] }],
            Gender = Gender,
            BirthDate = BirthDate,
            Address = [new Address { Use = Address.AddressUse.Home, Line = ["1 High Street"], City = "Walsall", PostalCode = Postcode }],
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "01922 000000")],
        };
        return patient;
    }

    /// <summary>A ServiceRequest on its own, its Patient contained as "#p1" and its referrer as a contained PractitionerRole.</summary>
    public ServiceRequest ServiceRequest()
    {
        var sr = new ServiceRequest
        {
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Identifier = [new Identifier(IdentifierSystem, IdentifierValue)],
            Code = new CodeableConcept(FhirProfile.ReferralNeedSystem, Need),
            Subject = new ResourceReference(WithPatient ? "#p1" : "Patient/somewhere-else"),
            Requester = new ResourceReference("#referrer"),
            Note = [new Annotation { Text = new Markdown(Details) }],
            Contained =
            [
                new PractitionerRole
                {
                    Id = "referrer",
                    Practitioner = new ResourceReference { Display = ReferrerName },
                    Organization = new ResourceReference { Display = ReferrerOrganisation },
                    Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "01922 111111")],
                },
            ],
        };
        if (WithPatient)
        {
            sr.Contained.Insert(0, Patient("p1"));
        }

        sr.Extension.Add(new Extension(FhirProfile.CareSettingExtension, new Code(Setting)));
        if (Consented is { } consented)
        {
            sr.Extension.Add(new Extension(FhirProfile.PersonConsentedExtension, new FhirBoolean(consented)));
        }

        return sr;
    }

    /// <summary>
    /// The referral as a BaRS request message: MessageHeader (event servicerequest-request, focus the ServiceRequest),
    /// ServiceRequest, Patient, PractitionerRole, Practitioner, the referrer's Organization and an active Consent, with
    /// urn:uuid fullUrls; an Encounter rides along unread.
    /// </summary>
    public Bundle Message()
    {
        string Urn(int n) => $"urn:uuid:3b2a1c4d-0000-4000-8000-{n:D12}";
        var sr = new ServiceRequest
        {
            Id = "sr1",
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Identifier = [new Identifier(IdentifierSystem, IdentifierValue)],
            Code = new CodeableConcept(FhirProfile.ReferralNeedSystem, Need),
            Subject = new ResourceReference(Urn(3)),
            Requester = new ResourceReference(Urn(4)),
            Note = [new Annotation { Text = new Markdown(Details) }],
            LocationCode = [new CodeableConcept(FhirProfile.CareSettingSystem, Setting)],
        };
        var header = new MessageHeader
        {
            Id = MessageHeaderId,
            Event = new Coding(FhirProfile.BarsMessageEventSystem, FhirProfile.BarsReferralRequestEvent),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = "https://pleck-health-centre.example/bars", Name = ReferrerOrganisation },
            Sender = new ResourceReference(Urn(6)),
            Focus = [new ResourceReference(Urn(2))],
        };
        var practitioner = new Practitioner
        {
            Name = [new HumanName { Use = HumanName.NameUse.Official, Prefix = ["Dr"], Given = ["Anna"], Family = "Shah" }],
        };
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Message,
            Timestamp = DateTimeOffset.UtcNow,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = Urn(1), Resource = header },
                new Bundle.EntryComponent { FullUrl = Urn(2), Resource = sr },
            ],
        };
        if (WithPatient)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(3), Resource = Patient("pt1") });
        }

        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = Urn(4),
            Resource = new PractitionerRole { Practitioner = new ResourceReference(Urn(5)), Organization = new ResourceReference(Urn(6)) },
        });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(5), Resource = practitioner });
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Urn(6), Resource = new Organization { Name = ReferrerOrganisation } });
        if (Consented == true)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = Urn(7),
                Resource = new Consent
                {
                    Status = Consent.ConsentState.Active,
                    Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
                    Category = [new CodeableConcept("http://loinc.org", "59284-0")],
                    Patient = new ResourceReference(Urn(3)),
                },
            });
        }

        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = Urn(8),
            Resource = new Encounter { Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB") },
        });
        return bundle;
    }

    public static string Json(Base resource) => new FhirJsonSerializer().SerializeToString(resource);
}

/// <summary>Reads FHIR JSON in the tests as strictly as the server reads it, so that what the server sends is checked too.</summary>
public static class Fhir
{
    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static T Read<T>(string json)
        where T : Resource => (T)Strict.DeserializeResource(json);
}
