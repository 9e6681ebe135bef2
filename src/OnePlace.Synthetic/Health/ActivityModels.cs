namespace OnePlace.Synthetic.Health;

/// <summary>
/// The rate of one kind of activity per person-year: a calibration target in an England-shaped population of
/// average deprivation, a relative age curve, a loading on latent frailty, a rise per recorded condition
/// (rate × (1 + PerCondition × conditions)), and extra multipliers for particular conditions.
/// </summary>
internal sealed record ActivityModel(
    string Name,
    double Target,
    TargetGroup Group,
    AgeCurve Age,
    double FrailtyLoading,
    double PerCondition,
    double FemaleToMaleRatio = 1.0,
    IReadOnlyList<(int Condition, double Multiplier)>? ConditionMultipliers = null);

/// <summary>
/// Activity rates. Targets are per person-year for England; sources in docs/data-formats.md "Calibration".
/// </summary>
internal static class ActivityModels
{
    public static readonly int Dementia = ConditionModels.IndexOf("DEM");
    public static readonly int Depression = ConditionModels.IndexOf("DEP");
    public static readonly int SevereMentalIllness = ConditionModels.IndexOf("SMI");
    public static readonly int Housebound = ConditionModels.IndexOf("EFI16");
    public static readonly int Falls = ConditionModels.IndexOf("EFI10");
    public static readonly int SocialVulnerability = ConditionModels.IndexOf("EFI31");
    public static readonly int SkinUlcer = ConditionModels.IndexOf("EFI29");
    public static readonly int MemoryProblems = ConditionModels.IndexOf("EFI20");
    public static readonly int RequirementForCare = ConditionModels.IndexOf("EFI27");
    public static readonly int HeartFailure = ConditionModels.IndexOf("EFI14");
    public static readonly int AtrialFibrillation = ConditionModels.IndexOf("EFI04");
    public static readonly int IschaemicHeartDisease = ConditionModels.IndexOf("EFI19");
    public static readonly int Diabetes = ConditionModels.IndexOf("EFI07");
    public static readonly int KidneyDisease = ConditionModels.IndexOf("EFI06");
    public static readonly int Copd = ConditionModels.IndexOf("COPD");
    public static readonly int Cancer = ConditionModels.IndexOf("CAN");
    public static readonly int Arthritis = ConditionModels.IndexOf("EFI03");
    public static readonly int VisualImpairment = ConditionModels.IndexOf("EFI35");
    public static readonly int Mobility = ConditionModels.IndexOf("EFI21");

    /// <summary>
    /// Deaths per person-year: about 1% (ONS deaths registered in England and Wales 2022: about 577,000 in a
    /// population of about 60 million, a crude rate of about 0.96%).
    /// </summary>
    public static readonly ActivityModel Death = new(
        "death", 0.0100, TargetGroup.AllAges,
        new(0.0015, 0.0001, 0.0004, 0.0007, 0.0013, 0.003, 0.007, 0.018, 0.05, 0.15, 0.35), 1.0, 0.08, 0.85,
        [(Dementia, 2.0), (HeartFailure, 1.8), (Cancer, 1.8), (Copd, 1.5)]);

    /// <summary>GP contacts, ~5.5 per person-year (brief; NHS Digital Appointments in General Practice).</summary>
    public static readonly ActivityModel GpContact = new(
        "gp_contact", 5.5, TargetGroup.AllAges, new(6, 2.5, 3, 3.5, 4, 4.5, 5.5, 7, 9, 10, 10), 0.3, 0.12, 1.4);

    /// <summary>A&amp;E attendances not followed by admission: 0.40 in all minus those before an emergency admission.</summary>
    public static readonly ActivityModel AeAttendance = new(
        "ae_attendance", 0.40 - (0.7 * 0.11), TargetGroup.AllAges, new(0.6, 0.3, 0.45, 0.35, 0.3, 0.3, 0.3, 0.4, 0.6, 0.9, 1.0), 0.4, 0.08);

    /// <summary>Emergency admissions, ~0.11 per person-year (HES), strongly age and frailty dependent.</summary>
    public static readonly ActivityModel EmergencyAdmission = new(
        "emergency_admission", 0.105, TargetGroup.AllAges, new(0.15, 0.04, 0.06, 0.06, 0.06, 0.08, 0.11, 0.18, 0.32, 0.55, 0.6), 0.6, 0.15, 1.0,
        [(HeartFailure, 1.6), (Copd, 1.6)]);

    /// <summary>Elective admissions including day cases, ~0.15 per person-year (HES).</summary>
    public static readonly ActivityModel ElectiveAdmission = new(
        "elective_admission", 0.15, TargetGroup.AllAges, new(0.03, 0.03, 0.05, 0.08, 0.11, 0.17, 0.25, 0.33, 0.3, 0.15, 0.1), 0.2, 0.08, 1.1,
        [(Cancer, 2.5)]);

    /// <summary>Outpatient attendances, ~1.7 per person-year (HES outpatients).</summary>
    public static readonly ActivityModel OutpatientAttendance = new(
        "outpatient_attendance", 1.7, TargetGroup.AllAges, new(0.8, 0.6, 0.9, 1.2, 1.4, 1.8, 2.4, 3.2, 3.5, 2.8, 2.0), 0.2, 0.12, 1.3);

    /// <summary>Community health episodes (each several contacts): an assumption, ~0.1 episodes per person-year.</summary>
    public static readonly ActivityModel CommunityEpisode = new(
        "community_episode", 0.10, TargetGroup.AllAges, new(0.08, 0.05, 0.05, 0.05, 0.06, 0.08, 0.12, 0.25, 0.6, 1.2, 1.4), 0.7, 0.15, 1.2,
        [(Depression, 1.5), (SevereMentalIllness, 4.0), (SkinUlcer, 3.0), (Housebound, 2.0)]);

    /// <summary>Social care assessments: an assumption of ~0.022 per person-year, mostly 65+.</summary>
    public static readonly ActivityModel Assessment = new(
        "social_care_assessment", 0.022, TargetGroup.AllAges, new(0, 0, 0.004, 0.004, 0.005, 0.007, 0.012, 0.03, 0.09, 0.2, 0.3), 0.8, 0.15, 1.3,
        [(Dementia, 2.5), (RequirementForCare, 2.0), (Housebound, 1.5)]);

    /// <summary>
    /// Permanent admissions to residential or nursing care: ASCOF 2A(2), ~560 per 100,000 aged 65+ a year. Slightly
    /// under, because reablement adds some admissions (about 4% of episodes end in a care home by day 91).
    /// </summary>
    public static readonly ActivityModel CareHomeAdmission = new(
        "care_home_admission", 0.0050, TargetGroup.Aged65Plus, new(0, 0, 0.00005, 0.00005, 0.0001, 0.0002, 0.0004, 0.002, 0.008, 0.03, 0.05), 1.0, 0.15, 1.4,
        [(Dementia, 3.0), (MemoryProblems, 1.5), (RequirementForCare, 1.5)]);

    public static readonly IReadOnlyList<ActivityModel> All =
    [
        Death, GpContact, AeAttendance, EmergencyAdmission, ElectiveAdmission, OutpatientAttendance, CommunityEpisode,
        Assessment, CareHomeAdmission,
    ];
}
