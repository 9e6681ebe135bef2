using Hl7.Fhir.Model;

namespace OnePlace.Fhir.Referrals;

/// <summary>A resource of a payload and the FHIRPath that reaches it from the payload's root, for issue expressions.</summary>
public sealed record Located(Resource Resource, string Path);

/// <summary>
/// A referral as it arrived over FHIR: the ServiceRequest, and the resources it refers to, wherever they travel. A
/// standalone ServiceRequest carries its Patient (and referrer) as contained resources (FHIR R4 References, contained
/// resources: "#id"); a BaRS message carries them as entries of the Bundle (FHIR R4 Bundle, resolving references in
/// bundles). Either way the mapping sees one shape.
/// </summary>
public sealed class ReferralPayload
{
    private readonly IReadOnlyList<(Located Resource, string? FullUrl)> _entries;

    private ReferralPayload(ServiceRequest serviceRequest, string path, IReadOnlyList<(Located, string?)> entries, Located? sender)
    {
        ServiceRequest = serviceRequest;
        ServiceRequestPath = path;
        _entries = entries;
        Sender = sender;
    }

    public ServiceRequest ServiceRequest { get; }

    /// <summary>"ServiceRequest" for a posted resource, "Bundle.entry[1].resource" in a message.</summary>
    public string ServiceRequestPath { get; }

    /// <summary>The sending organisation of a message (BaRS 1.x <c>MessageHeader.sender</c>), when it travels with it.</summary>
    public Located? Sender { get; }

    /// <summary>A ServiceRequest posted on its own, with its Patient and referrer contained.</summary>
    public static ReferralPayload Standalone(ServiceRequest serviceRequest) =>
        new(serviceRequest, "ServiceRequest", [], null);

    /// <summary>The ServiceRequest entry of a message, and every other entry beside it.</summary>
    public static ReferralPayload InMessage(Bundle bundle, int serviceRequestEntry, ResourceReference? sender)
    {
        var entries = new List<(Located, string?)>();
        for (int i = 0; i < bundle.Entry.Count; i++)
        {
            if (i != serviceRequestEntry && bundle.Entry[i].Resource is { } resource)
            {
                entries.Add((new Located(resource, $"Bundle.entry[{i}].resource"), bundle.Entry[i].FullUrl));
            }
        }

        var serviceRequest = bundle.Entry[serviceRequestEntry].Resource as ServiceRequest
            ?? throw new ArgumentException("The entry is not a ServiceRequest.", nameof(serviceRequestEntry));
        var payload = new ReferralPayload(serviceRequest, $"Bundle.entry[{serviceRequestEntry}].resource", entries, null);
        return sender is null ? payload : new ReferralPayload(payload.ServiceRequest, payload.ServiceRequestPath, entries, payload.Resolve(sender));
    }

    /// <summary>
    /// The resource <paramref name="reference"/> points at: a contained resource for "#id"; in a message, the entry
    /// whose fullUrl is the reference, or whose type and id it names ("Patient/123", or a full URL ending so).
    /// </summary>
    public Located? Resolve(ResourceReference? reference)
    {
        string? target = reference?.Reference;
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        if (target.StartsWith('#'))
        {
            string id = target[1..];
            int index = ServiceRequest.Contained.FindIndex(c => c.Id == id);
            return index < 0 ? null : new Located(ServiceRequest.Contained[index], $"{ServiceRequestPath}.contained[{index}]");
        }

        foreach (var (located, fullUrl) in _entries)
        {
            string typed = $"{located.Resource.TypeName}/{located.Resource.Id}";
            if (target == fullUrl || (located.Resource.Id is not null && (target == typed || target.EndsWith("/" + typed, StringComparison.Ordinal))))
            {
                return located;
            }
        }

        return null;
    }

    /// <summary>Every resource travelling with the ServiceRequest of type <typeparamref name="T"/>: contained ones, then entries.</summary>
    public IEnumerable<Located> All<T>()
        where T : Resource
    {
        for (int i = 0; i < ServiceRequest.Contained.Count; i++)
        {
            if (ServiceRequest.Contained[i] is T)
            {
                yield return new Located(ServiceRequest.Contained[i], $"{ServiceRequestPath}.contained[{i}]");
            }
        }

        foreach (var (located, _) in _entries)
        {
            if (located.Resource is T)
            {
                yield return located;
            }
        }
    }

    /// <summary>The one resource of type <typeparamref name="T"/> travelling with the ServiceRequest; null when none or several.</summary>
    public Located? Only<T>()
        where T : Resource
    {
        var all = All<T>().Take(2).ToList();
        return all.Count == 1 ? all[0] : null;
    }
}
