using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using OnePlace.Fhir.Referrals;

namespace OnePlace.Fhir.Messaging;

/// <summary>
/// A BaRS 1.x referral request: a <c>Bundle</c> of type <c>message</c> whose first entry is a <c>MessageHeader</c> with
/// the event <c>servicerequest-request</c>, focused on the ServiceRequest entry, with the UK Core Patient, the referrer's
/// PractitionerRole, Practitioner and Organization beside it (other entries are carried but not read). A message that
/// does not conform is refused whole (BaRS 1.x: "Non conformant payloads should be rejected in their entirety").
/// </summary>
public sealed record ReferralMessage(Bundle Bundle, MessageHeader Header, ReferralPayload Payload)
{
    /// <summary>Checks the message's shape and finds its referral.</summary>
    /// <exception cref="FhirPayloadException">422, with every problem with the message's shape.</exception>
    public static ReferralMessage Read(Bundle bundle)
    {
        var issues = new List<FhirIssue>();
        if (bundle.Type != Bundle.BundleType.Message)
        {
            issues.Add(FhirIssue.Invalid($"$process-message takes a Bundle of type 'message' (this one is '{bundle.Type?.ToString() ?? "missing"}').", "Bundle.type"));
        }

        if (bundle.Entry.FirstOrDefault()?.Resource is not MessageHeader header)
        {
            issues.Add(FhirIssue.Required("The first entry of a message must be its MessageHeader (FHIR R4 Messaging).", "Bundle.entry[0].resource"));
            throw new FhirPayloadException(StatusCodes.Status422UnprocessableEntity, issues);
        }

        const string headerPath = "Bundle.entry[0].resource";
        if (header.Event is not Coding { System: FhirProfile.BarsMessageEventSystem, Code: FhirProfile.BarsReferralRequestEvent })
        {
            issues.Add(FhirIssue.Invalid(
                $"The MessageHeader's eventCoding must be {FhirProfile.BarsMessageEventSystem}#{FhirProfile.BarsReferralRequestEvent}: this endpoint receives referral requests.",
                $"{headerPath}.event"));
        }

        // The focus names the ServiceRequest the message is about (BaRS 1.x: MessageHeader.focus → ServiceRequest).
        int focus = -1;
        if (header.Focus.Count == 0)
        {
            issues.Add(FhirIssue.Required("The MessageHeader's focus must reference the ServiceRequest entry.", $"{headerPath}.focus"));
        }
        else
        {
            focus = EntryOf(bundle, header.Focus[0].Reference);
            if (focus < 0 || bundle.Entry[focus].Resource is not ServiceRequest)
            {
                issues.Add(FhirIssue.Invalid($"The MessageHeader's focus '{header.Focus[0].Reference}' must reference a ServiceRequest entry of the Bundle.", $"{headerPath}.focus[0]"));
            }
        }

        if (issues.Count > 0)
        {
            throw new FhirPayloadException(StatusCodes.Status422UnprocessableEntity, issues);
        }

        return new ReferralMessage(bundle, header, ReferralPayload.InMessage(bundle, focus, header.Sender));
    }

    /// <summary>
    /// The response message (FHIR R4 Messaging; BaRS 1.x synchronous response): a MessageHeader whose response names the
    /// request's MessageHeader id with code <c>ok</c>, then the stored ServiceRequest and its Task.
    /// </summary>
    public Bundle Response(FhirReferral referral, string baseUrl, DateTimeOffset now)
    {
        string srUrl = $"{baseUrl}/ServiceRequest/{referral.ServiceRequest.Id}";
        string taskUrl = $"{baseUrl}/Task/{referral.Task.Id}";
        var header = new MessageHeader
        {
            Id = Guid.NewGuid().ToString(),
            Event = new Coding(FhirProfile.BarsMessageEventSystem, FhirProfile.BarsReferralRequestEvent),
            Source = new MessageHeader.MessageSourceComponent { Endpoint = baseUrl, Name = "OnePlace Single Point of Access" },
            Response = new MessageHeader.ResponseComponent { Identifier = Header.Id, Code = MessageHeader.ResponseType.Ok },
            Focus = [new ResourceReference(srUrl), new ResourceReference(taskUrl)],
        };
        if (Header.Source?.Endpoint is { } replyTo)
        {
            header.Destination.Add(new MessageHeader.MessageDestinationComponent { Endpoint = replyTo, Name = Header.Source.Name });
        }

        return new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Message,
            Timestamp = now,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = $"urn:uuid:{header.Id}", Resource = header },
                new Bundle.EntryComponent { FullUrl = srUrl, Resource = referral.ServiceRequest },
                new Bundle.EntryComponent { FullUrl = taskUrl, Resource = referral.Task },
            ],
        };
    }

    private static int EntryOf(Bundle bundle, string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return -1;
        }

        for (int i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            string? typed = entry.Resource?.Id is { } id ? $"{entry.Resource.TypeName}/{id}" : null;
            if (reference == entry.FullUrl || (typed is not null && (reference == typed || reference.EndsWith("/" + typed, StringComparison.Ordinal))))
            {
                return i;
            }
        }

        return -1;
    }
}
