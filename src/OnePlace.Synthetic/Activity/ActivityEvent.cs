using OnePlace.Core.People;

namespace OnePlace.Synthetic.Activity;

internal enum EventKind : byte
{
    GpContact,
    Death,
    AeAttendance,
    EmergencyAdmission,
    ElectiveAdmission,
    OutpatientAttendance,
    CommunityContact,
    SocialCareAssessment,
    ReablementEpisode,
    HomeCarePackage,
    ResidentialPlacement,
    NursingPlacement,
    VcsContact,
}

/// <summary>One event of a person, before it is given to a partner record. Days are DateOnly day numbers.</summary>
internal struct ActivityEvent
{
    public const int NoDay = int.MaxValue;

    public int Start;
    public int End;
    public EventKind Kind;
    public string? Code;

    /// <summary>The ICD-10 external cause of an emergency admission for an injury (hospital extract only).</summary>
    public string? Cause;
    public string? Destination;
    public int HoursPerWeek;
    public string? Status;
    public int CostPence;
    public int Order;
    public byte Record;
}

internal static class EventKinds
{
    public const int Count = 13;

    public static string PartnerOf(EventKind kind) => kind switch
    {
        EventKind.GpContact or EventKind.Death => Partner.Gp,
        EventKind.AeAttendance or EventKind.EmergencyAdmission or EventKind.ElectiveAdmission or EventKind.OutpatientAttendance => Partner.Hospital,
        EventKind.CommunityContact => Partner.Community,
        EventKind.VcsContact => Partner.Voluntary,
        _ => Partner.Council,
    };

    /// <summary>Index of the partner in <see cref="Partner.All"/>.</summary>
    public static int PartnerIndex(EventKind kind) => kind switch
    {
        EventKind.GpContact or EventKind.Death => 0,
        EventKind.AeAttendance or EventKind.EmergencyAdmission or EventKind.ElectiveAdmission or EventKind.OutpatientAttendance => 1,
        EventKind.CommunityContact => 2,
        EventKind.VcsContact => 4,
        _ => 3,
    };

    /// <summary>The event_type of docs/data-formats.md.</summary>
    public static string TypeOf(EventKind kind) => kind switch
    {
        EventKind.GpContact => "gp_contact",
        EventKind.Death => "death",
        EventKind.AeAttendance => "ae_attendance",
        EventKind.EmergencyAdmission => "emergency_admission",
        EventKind.ElectiveAdmission => "elective_admission",
        EventKind.OutpatientAttendance => "outpatient_attendance",
        EventKind.CommunityContact => "community_contact",
        EventKind.SocialCareAssessment => "social_care_assessment",
        EventKind.ReablementEpisode => "reablement_episode",
        EventKind.HomeCarePackage => "home_care_package",
        EventKind.ResidentialPlacement => "residential_placement",
        EventKind.NursingPlacement => "nursing_placement",
        _ => "vcs_contact",
    };
}
