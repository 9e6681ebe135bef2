using System.Text;
using Hl7.Fhir.Model;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.CarePlans;
using OnePlace.Core.CaseFinding;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using Task = System.Threading.Tasks.Task;

namespace OnePlace.Fhir.Audit;

/// <summary>The OnePlace deployment that recorded the audit rows: AuditEvent.source.observer and site.</summary>
public sealed record AuditObserver(string Site, string Identifier);

/// <summary>
/// Audit rows as FHIR R4 AuditEvents following IHE Basic Audit Log Patterns (BALP 1.1, profiles.ihe.net/ITI/BALP):
/// a read of a person's record is a PatientRead, a person shown in a list or search results a PatientQuery, a search
/// with no person a Query, a referral or case-finding entry made a PatientCreate, a change to a person's referral, care
/// plan or identity a PatientUpdate. BALP profiles successful events, so refusals and failed sign-ins carry no profile,
/// only their codes and a failure outcome. Every event also carries OnePlace's own action code as a second subtype, so
/// an action this table does not know (a new one) is exported as an application activity, with nothing lost.
/// Search values are never exported: the query entity names the fields searched, as the audit row does.
/// </summary>
public static class BalpAuditEvents
{
    public const string ProfileBase = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    public const string PatientRead = ProfileBase + "IHE.BasicAudit.PatientRead";
    public const string PatientQuery = ProfileBase + "IHE.BasicAudit.PatientQuery";
    public const string Query = ProfileBase + "IHE.BasicAudit.Query";
    public const string PatientCreate = ProfileBase + "IHE.BasicAudit.PatientCreate";
    public const string PatientUpdate = ProfileBase + "IHE.BasicAudit.PatientUpdate";

    /// <summary>OnePlace's own codes (not a published code system): the audit row's action, the access reason, the staff role.</summary>
    public const string ActionSystem = "urn:oneplace:audit-action";
    public const string ReasonSystem = "urn:oneplace:access-reason";
    public const string RoleSystem = "urn:oneplace:staff-role";
    public const string StaffSystem = "urn:oneplace:staff-user";
    public const string ClientSystem = "urn:oneplace:api-client";

    private const string AuditEventType = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private const string RestfulInteraction = "http://hl7.org/fhir/restful-interaction";
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    private const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    private const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private const string SourceType = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>The pattern an action follows.</summary>
    public enum Pattern
    {
        Read,
        Query,
        Create,
        Update,
        Login,
        Activity,
    }

    /// <summary>Each audit action and the BALP pattern it follows; anything else is an application activity.</summary>
    public static readonly IReadOnlyDictionary<string, Pattern> Patterns = new Dictionary<string, Pattern>(StringComparer.Ordinal)
    {
        [AuditAction.ViewPerson] = Pattern.Read,
        [ReferralAuditAction.View] = Pattern.Read,
        [BreakGlass] = Pattern.Read,
        [AccessAuditAction.ViewDenied] = Pattern.Read,
        [AuditAction.SearchPeople] = Pattern.Query,
        [AuditAction.ListPerson] = Pattern.Query,
        [ReferralAuditAction.Listed] = Pattern.Query,
        [CaseFindingAuditAction.Listed] = Pattern.Query,
        [AuditReviewAction.Searched] = Pattern.Query,
        [AuditReviewAction.PersonReviewed] = Pattern.Query,
        [AuditReviewAction.PersonLookedUp] = Pattern.Query,
        [AuditReviewAction.AccessHistory] = Pattern.Query,
        [ReferralAuditAction.Create] = Pattern.Create,
        [CaseFindingAuditAction.Added] = Pattern.Create,
        [AuditAction.Import] = Pattern.Create,
        [AuditAction.LinkPerson] = Pattern.Create,
        [ReferralAuditAction.Change] = Pattern.Update,
        [ReferralAuditAction.CarePlanChange] = Pattern.Update,
        [CaseFindingAuditAction.Closed] = Pattern.Update,
        [AuditAction.MergePeople] = Pattern.Update,
        [AuditAction.UnmergePeople] = Pattern.Update,
        [AuditAction.DecideLink] = Pattern.Update,
        [AuditAction.SignIn] = Pattern.Login,
        [AuditAction.SignInFailed] = Pattern.Login,
    };

    /// <summary>An emergency opening of a record without a legitimate relationship (break-glass).</summary>
    public const string BreakGlass = "person.break_glass";

    private static readonly HashSet<string> Failures = new(StringComparer.Ordinal) { AccessAuditAction.ViewDenied, AuditAction.SignInFailed, "api_client.token_refused" };

    public static AuditEvent From(AuditLogRow row, AuditObserver observer)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(observer);
        var pattern = Patterns.GetValueOrDefault(row.Action, Pattern.Activity);
        bool failed = Failures.Contains(row.Action);
        bool hasPatient = row.PersonId is not null;
        if (pattern == Pattern.Query && !hasPatient && row.Action != AuditAction.SearchPeople && row.Action != AuditReviewAction.Searched)
        {
            pattern = Pattern.Activity; // a list row with no person is not a query about anyone
        }

        var audit = new AuditEvent
        {
            Id = "oneplace-audit-" + row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Recorded = new DateTimeOffset(DateTime.SpecifyKind(row.OccurredAtUtc, DateTimeKind.Utc)),
            Outcome = failed ? AuditEvent.AuditEventOutcome.N4 : AuditEvent.AuditEventOutcome.N0,
            OutcomeDesc = failed ? "refused" : null,
        };

        string? profile = null;
        switch (pattern)
        {
            case Pattern.Read:
                Rest(audit, "read", AuditEvent.AuditEventAction.R);
                profile = PatientRead;
                break;
            case Pattern.Query:
                Rest(audit, "search-type", AuditEvent.AuditEventAction.E);
                profile = hasPatient ? PatientQuery : Query;
                break;
            case Pattern.Create:
                Rest(audit, "create", AuditEvent.AuditEventAction.C);
                profile = PatientCreate;
                break;
            case Pattern.Update:
                Rest(audit, "update", AuditEvent.AuditEventAction.U);
                profile = PatientUpdate;
                break;
            case Pattern.Login:
                audit.Type = new Coding(Dicom, "110114", "User Authentication");
                audit.Subtype.Add(new Coding(Dicom, "110122", "Login"));
                audit.Action = AuditEvent.AuditEventAction.E;
                break;
            default:
                audit.Type = new Coding(Dicom, "110100", "Application Activity");
                audit.Action = AuditEvent.AuditEventAction.E;
                break;
        }

        if (failed || (pattern is Pattern.Read or Pattern.Create or Pattern.Update && !hasPatient))
        {
            profile = null; // BALP's patient profiles need a patient, and profile successes only
        }

        if (profile is not null)
        {
            audit.Meta = new Meta { Profile = [profile] };
        }

        audit.Subtype.Add(new Coding(ActionSystem, row.Action));
        AddAgents(audit, row, pattern, observer);
        audit.Source = new AuditEvent.SourceComponent
        {
            Site = observer.Site,
            Observer = new ResourceReference { Identifier = new Identifier("urn:ietf:rfc:3986", observer.Identifier), Display = "OnePlace (" + observer.Site + ")" },
            Type = [new Coding(SourceType, "4", "Application Server")],
        };
        AddEntities(audit, row, pattern);
        return audit;
    }

    private static void Rest(AuditEvent audit, string interaction, AuditEvent.AuditEventAction action)
    {
        audit.Type = new Coding(AuditEventType, "rest", "Restful Operation");
        audit.Subtype.Add(new Coding(RestfulInteraction, interaction, interaction));
        audit.Action = action;
    }

    private static void AddAgents(AuditEvent audit, AuditLogRow row, Pattern pattern, AuditObserver observer)
    {
        var purpose = PurposeOfUse(row);
        bool client = row.Who?.IsClientSystem == true || row.Actor.StartsWith("client:", StringComparison.Ordinal);
        // BALP: the client is the Source Role ID and the server the Destination Role ID, whichever way the data flows.
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
            Who = client
                ? new ResourceReference { Identifier = new Identifier(ClientSystem, row.Actor["client:".Length..]), Display = row.Who?.DisplayName ?? row.Actor }
                : new ResourceReference { Display = "OnePlace web and command line" },
            Requestor = client,
            PurposeOfUse = client ? purpose : [],
        });
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110152", "Destination Role ID"),
            Who = new ResourceReference { Identifier = new Identifier("urn:ietf:rfc:3986", observer.Identifier), Display = "OnePlace (" + observer.Site + ")" },
            Requestor = false,
        });
        if (client)
        {
            return;
        }

        // The member of staff: an information recipient when reading, the author when creating or changing.
        var type = pattern is Pattern.Create or Pattern.Update
            ? new CodeableConcept(ParticipationType, "AUT", "author (originator)")
            : new CodeableConcept(ParticipationType, "IRCP", "information recipient");
        var user = new AuditEvent.AgentComponent
        {
            Type = type,
            Who = new ResourceReference { Identifier = new Identifier(StaffSystem, row.Actor), Display = row.Who?.DisplayName ?? row.Actor },
            Requestor = true,
            PurposeOfUse = purpose,
        };
        foreach (var role in row.Who?.Roles ?? [])
        {
            user.Role.Add(new CodeableConcept(RoleSystem, role, role));
        }

        audit.Agent.Add(user);
    }

    /// <summary>The row's reason as OnePlace's code, with the HL7 purpose of use where one plainly fits.</summary>
    private static List<CodeableConcept> PurposeOfUse(AuditLogRow row)
    {
        if (string.IsNullOrEmpty(row.Reason))
        {
            return [];
        }

        if (!AccessReason.IsKnown(row.Reason) && row.Reason != AccessReason.AuditReview)
        {
            return [new CodeableConcept { Text = row.Reason }];
        }

        var concept = new CodeableConcept(ReasonSystem, row.Reason, row.Reason);
        string? hl7 = row.Action == BreakGlass ? "ETREAT" : row.Reason switch
        {
            AccessReason.DirectCare or AccessReason.ReferralTriage or AccessReason.Safeguarding => "TREAT",
            AccessReason.DataQuality or AccessReason.AuditReview => "HOPERAT",
            _ => null,
        };
        if (hl7 is not null)
        {
            concept.Coding.Add(new Coding(ActReason, hl7));
        }

        return [concept];
    }

    private static void AddEntities(AuditEvent audit, AuditLogRow row, Pattern pattern)
    {
        if (row.PersonId is { } person)
        {
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = new ResourceReference("Patient/" + person.ToString()),
                Type = new Coding(EntityType, "1", "Person"),
                Role = new Coding(ObjectRole, "1", "Patient"),
            });
        }

        if (pattern == Pattern.Query)
        {
            // The shape of the search (what was searched and which fields), never the values searched for.
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "24", "Query"),
                Query = Encoding.UTF8.GetBytes(QueryShape(row)),
            });
        }
        else if (pattern is Pattern.Read or Pattern.Create or Pattern.Update or Pattern.Activity)
        {
            // The data read or written: OnePlace's description of it (the audit row's detail holds counts and
            // references, never names or NHS numbers).
            audit.Entity.Add(new AuditEvent.EntityComponent
            {
                What = row.Action == AuditAction.ViewPerson && row.PersonId is { } p
                    ? new ResourceReference("Patient/" + p.ToString())
                    : new ResourceReference { Display = row.Action },
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "4", "Domain Resource"),
                Description = row.Detail,
            });
        }
    }

    /// <summary>"action?fields=a,b": the fields a search used, from the row's detail; no values are held to leak.</summary>
    internal static string QueryShape(AuditLogRow row)
    {
        string? fields = row.Detail?.Split(';', StringSplitOptions.TrimEntries).FirstOrDefault(p => p.StartsWith("fields=", StringComparison.Ordinal));
        return fields is null ? row.Action : row.Action + "?" + fields;
    }
}

/// <summary>AuditEvents one a line (NDJSON, as FHIR Bulk Data exports are written).</summary>
public static class AuditEventNdjson
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<AuditLogRow> rows, AuditObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The serializer writes compact JSON, with no line breaks inside a resource.
            await writer.WriteAsync(FhirJson.Serialize(BalpAuditEvents.From(row, observer)));
            await writer.WriteAsync('\n');
        }
    }
}

/// <summary>A FHIR date search value on a day (FHIR R4 search, prefixes): <c>ge2026-01-01</c>; no prefix means eq.</summary>
public static class AuditDate
{
    public static bool TryParse(string? value, out string prefix, out DateOnly day)
    {
        prefix = "eq";
        day = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        string text = value.Trim();
        if (text.Length > 2 && char.IsAsciiLetter(text[0]))
        {
            prefix = text[..2];
            text = text[2..];
            if (prefix is not ("ge" or "gt" or "le" or "lt" or "eq"))
            {
                return false;
            }
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day);
    }
}
