namespace OnePlace.Analytics.Baseline;

/// <summary>
/// The settings of the baseline contract the scenario engine reads (docs/data-formats.md, "Planning baseline"): each
/// with the unit its activity is counted in, and the rule by which the analytical store's events make that activity
/// and its cost inside the baseline year.
/// </summary>
public static class BaselineSetting
{
    /// <summary>Emergency spells admitted in the year; cost the spell's tariff (unit_cost_gbp is per stay).</summary>
    public const string EmergencyAdmission = "emergency_admission";

    /// <summary>
    /// The bed days of emergency spells that fall in the year: a stay's nights (discharge date − admission date, as
    /// NHS length of stay is counted, so a same-day stay has none) from the later of its admission and the year's
    /// start to the earlier of its discharge and the day after the year's end. A stay admitted the year before counts
    /// its nights in this year; an open stay counts to the year's end. Cost 0: the spell's tariff carries it.
    /// </summary>
    public const string EmergencyBedDay = "emergency_bed_day";

    /// <summary>Elective spells (day cases and inpatient stays) admitted in the year; cost per stay.</summary>
    public const string ElectiveAdmission = "elective_admission";

    public const string OutpatientAttendance = "outpatient_attendance";
    public const string AeAttendance = "ae_attendance";
    public const string GpContact = "gp_contact";
    public const string CommunityContact = "community_contact";
    public const string VcsContact = "vcs_contact";
    public const string SocialCareAssessment = "social_care_assessment";

    /// <summary>Reablement episodes starting in the year; cost per episode.</summary>
    public const string ReablementEpisode = "reablement_episode";

    /// <summary>
    /// Home care hours delivered in the year: a package's hours per week × its weeks inside the year (its days from
    /// the later of its start and the year's start to the earlier of its end, or the year's end if open, both days
    /// counted, ÷ 7). Cost: the package's unit_cost_gbp, a week's cost (docs/data-formats.md), × the same weeks.
    /// </summary>
    public const string HomeCareHour = "home_care_hour";

    /// <summary>Weeks of residential placements inside the year (days counted as for home care, ÷ 7); cost the
    /// weekly fee × those weeks.</summary>
    public const string ResidentialCareWeek = "residential_care_week";

    /// <summary>Weeks of nursing placements inside the year, as residential; cost the weekly fee × those weeks.</summary>
    public const string NursingCareWeek = "nursing_care_week";

    /// <summary>Every setting, in the order files and totals list them: hospital, primary and community care, then
    /// social care.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        EmergencyAdmission, EmergencyBedDay, ElectiveAdmission, OutpatientAttendance, AeAttendance, GpContact,
        CommunityContact, VcsContact, SocialCareAssessment, ReablementEpisode, HomeCareHour, ResidentialCareWeek,
        NursingCareWeek,
    ];

    /// <summary>What one unit of a setting is, in words.</summary>
    public static string UnitOf(string setting) => setting switch
    {
        EmergencyAdmission or ElectiveAdmission => "spells",
        EmergencyBedDay => "bed days",
        OutpatientAttendance or AeAttendance => "attendances",
        GpContact or CommunityContact or VcsContact => "contacts",
        SocialCareAssessment => "assessments",
        ReablementEpisode => "episodes",
        HomeCareHour => "hours",
        ResidentialCareWeek or NursingCareWeek => "weeks",
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Not a setting of the baseline contract."),
    };

    /// <summary>Where a setting sits in <see cref="All"/>, for sorting.</summary>
    internal static int Order(string setting) => Positions.GetValueOrDefault(setting, int.MaxValue);

    private static readonly Dictionary<string, int> Positions = All.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
}
