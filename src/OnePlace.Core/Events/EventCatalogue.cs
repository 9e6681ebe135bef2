using OnePlace.Core.People;

namespace OnePlace.Core.Events;

/// <summary>What each partner may send in its event file, and the rules each event type follows (docs/data-formats.md).</summary>
public static class EventCatalogue
{
    /// <param name="Codes">The codes <c>code</c> may hold, or null when it holds none (or, with <paramref name="Diagnosis"/>, ICD-10).</param>
    /// <param name="Diagnosis">
    /// <c>code</c> is the ICD-10 primary diagnosis and <c>cause_code</c> the ICD-10 external cause of an injury; both
    /// optional. An emergency admission's diagnosis with its cause is what PHOF C29 (falls admissions, 65+) counts.
    /// </param>
    public sealed record EventRule(
        string Partner,
        string EventType,
        bool EndDateRequired,
        IReadOnlySet<string>? Codes,
        bool DischargeDestinationRequired = false,
        bool HoursPerWeekRequired = false,
        bool Status91DaysRequired = false,
        bool Diagnosis = false);

    /// <summary>NHS Data Dictionary "DISCHARGE DESTINATION CODE" values used by the hospital extract.</summary>
    public static readonly IReadOnlyDictionary<string, string> DischargeDestinations = new Dictionary<string, string>
    {
        ["19"] = "Usual place of residence",
        ["29"] = "Temporary place of residence",
        ["51"] = "Another NHS hospital",
        ["54"] = "Care home",
        ["65"] = "Local authority residential accommodation",
        ["79"] = "Patient died",
    };

    /// <summary>ASCOF 2B: where the person is 91 days after discharge from hospital into reablement.</summary>
    public static readonly IReadOnlySet<string> Status91Days =
        new HashSet<string> { "at_home", "in_care_home", "in_hospital", "died" };

    public static readonly IReadOnlySet<string> ServiceKinds = new HashSet<string>
    {
        "urgent_community_response", "reablement", "district_nursing", "social_work",
        "therapy", "mental_health", "voluntary", "care_home_support",
    };

    public static readonly IReadOnlyList<EventRule> Rules =
    [
        new(Partner.Gp, "gp_contact", false, new HashSet<string> { "F2F", "TEL", "HOME" }),
        new(Partner.Gp, "death", false, null),
        new(Partner.Hospital, "ae_attendance", false, null),
        new(Partner.Hospital, "emergency_admission", true, null, DischargeDestinationRequired: true, Diagnosis: true),
        new(Partner.Hospital, "elective_admission", true, null, DischargeDestinationRequired: true),
        new(Partner.Hospital, "outpatient_attendance", false, null),
        new(Partner.Community, "community_contact", false, ServiceKinds),
        new(Partner.Council, "social_care_assessment", false, new HashSet<string> { "services", "no_services", "signposted" }),
        new(Partner.Council, "reablement_episode", true, null, Status91DaysRequired: true),
        new(Partner.Council, "home_care_package", false, null, HoursPerWeekRequired: true),
        new(Partner.Council, "residential_placement", false, null),
        new(Partner.Council, "nursing_placement", false, null),
        new(Partner.Voluntary, "vcs_contact", false,
            new HashSet<string> { "befriending", "social_prescribing", "carers_support", "falls_prevention" }),
    ];

    private static readonly Dictionary<(string, string), EventRule> ByPartnerAndType =
        Rules.ToDictionary(r => (r.Partner, r.EventType));

    public static EventRule? Find(string partner, string eventType) =>
        ByPartnerAndType.GetValueOrDefault((partner, eventType));

    public static IEnumerable<string> TypesFor(string partner) =>
        Rules.Where(r => r.Partner == partner).Select(r => r.EventType);
}
