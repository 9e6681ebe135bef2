using Hl7.Fhir.Model;

namespace OnePlace.Fhir.Metadata;

/// <summary>
/// What the FHIR door does, as a CapabilityStatement (FHIR R4 RESTful API, capabilities: <c>GET [base]/metadata</c>):
/// create and read ServiceRequest, search Task by focus, and the <c>$process-message</c> operation for BaRS 1.x
/// referral messages. Served to anyone, since a client must read it before it can sign in.
/// </summary>
public static class Capabilities
{
    public static CapabilityStatement Statement(string baseUrl, DateTimeOffset published) => new()
    {
        Status = PublicationStatus.Active,
        Date = published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        Publisher = "OnePlace",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "OnePlace" },
        Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "OnePlace Single Point of Access: referrals as FHIR ServiceRequests, their progress as Tasks",
            Url = baseUrl,
        },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirProfile.JsonMediaType],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = "Every interaction but this statement needs a signed-in member of staff or a registered client system's bearer token. "
                    + "Errors are OperationOutcomes: 400 for a body that is not valid FHIR, 422 for valid FHIR that breaks the referral profile (docs/data-formats.md).",
                Resource =
                [
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "ServiceRequest",
                        Documentation = "A referral to the Single Point of Access. The Patient travels contained; see docs/data-formats.md, FHIR referrals.",
                        Interaction =
                        [
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create },
                            new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                        ],
                        Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                        ReadHistory = false,
                        UpdateCreate = false,
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "Task",
                        Documentation = "The Single Point of Access's work on a referral: its status, owner and, once closed, its outcome.",
                        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        SearchParam =
                        [
                            new CapabilityStatement.SearchParamComponent
                            {
                                Name = "focus",
                                Type = SearchParamType.Reference,
                                Documentation = "ServiceRequest/{id} (or the bare id) of the referral; required.",
                            },
                        ],
                    },
                    new CapabilityStatement.ResourceComponent
                    {
                        Type = "AuditEvent",
                        Documentation = "The audit log as IHE BALP AuditEvents (PatientRead, PatientQuery, Query, PatientCreate, PatientUpdate), "
                            + "for privacy officers only; the search is itself audited.",
                        SupportedProfile = [Audit.BalpAuditEvents.PatientRead, Audit.BalpAuditEvents.PatientQuery, Audit.BalpAuditEvents.Query,
                            Audit.BalpAuditEvents.PatientCreate, Audit.BalpAuditEvents.PatientUpdate],
                        Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
                        SearchParam =
                        [
                            new CapabilityStatement.SearchParamComponent
                            {
                                Name = "patient",
                                Type = SearchParamType.Reference,
                                Documentation = "Patient/{id}: the OnePlace person id.",
                            },
                            new CapabilityStatement.SearchParamComponent
                            {
                                Name = "date",
                                Type = SearchParamType.Date,
                                Documentation = "A day with ge, gt, le, lt or eq; give two for a range (date=ge2026-01-01&date=le2026-01-31).",
                            },
                        ],
                    },
                ],
                Operation =
                [
                    new CapabilityStatement.OperationComponent
                    {
                        Name = "process-message",
                        Definition = "http://hl7.org/fhir/OperationDefinition/MessageHeader-process-message",
                        Documentation = $"A BaRS referral request message (event {FhirProfile.BarsMessageEventSystem}#{FhirProfile.BarsReferralRequestEvent}); answered synchronously with a response message.",
                    },
                ],
            },
        ],
    };
}
