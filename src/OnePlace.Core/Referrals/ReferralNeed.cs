namespace OnePlace.Core.Referrals;

/// <summary>
/// The presenting need a referrer chooses: the nine clinical conditions NHS England's Urgent Community Response
/// guidance lists for a 2-hour response, then the needs the partnership's planned services meet. Triage tables
/// (rules/triage) match on these codes.
/// </summary>
public static class ReferralNeed
{
    // The nine UCR clinical conditions (NHS England, Urgent Community Response guidance, 2022).
    public const string Fall = "fall";
    public const string FrailtyDecompensation = "frailty_decompensation";
    public const string ReducedFunction = "reduced_function";
    public const string EndOfLifeCrisis = "end_of_life_crisis";
    public const string UrgentEquipment = "urgent_equipment";
    public const string ConfusionDelirium = "confusion_delirium";
    public const string UrgentCatheterCare = "urgent_catheter_care";
    public const string DiabetesSupport = "diabetes_support";
    public const string CarerBreakdown = "carer_breakdown";

    // Planned and social care needs.
    public const string HospitalDischarge = "hospital_discharge";
    public const string WoundCare = "wound_care";
    public const string PersonalCare = "personal_care";
    public const string Safeguarding = "safeguarding";
    public const string MentalHealth = "mental_health";
    public const string MemoryConcern = "memory_concern";
    public const string Mobility = "mobility";
    public const string SocialIsolation = "social_isolation";
    public const string CareHomeReview = "care_home_review";

    public static readonly IReadOnlyList<string> All =
    [
        Fall, FrailtyDecompensation, ReducedFunction, EndOfLifeCrisis, UrgentEquipment, ConfusionDelirium, UrgentCatheterCare,
        DiabetesSupport, CarerBreakdown, HospitalDischarge, WoundCare, PersonalCare, Safeguarding, MentalHealth, MemoryConcern,
        Mobility, SocialIsolation, CareHomeReview,
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
