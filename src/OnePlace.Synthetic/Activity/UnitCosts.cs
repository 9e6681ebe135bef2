namespace OnePlace.Synthetic.Activity;

/// <summary>
/// Unit costs in pence. Sourced values come from research note D §2.2: Jones et al., Unit Costs of Health and
/// Social Care 2025 (PSSRU/CoReC, University of Kent), which carries the NHS National Cost Collection 2024/25; the
/// Homecare Association minimum price for homecare 2024-25; a 2025/26 council fee schedule (Birmingham); and
/// ASC-FR 2023-24. Values marked "assumption" have no stored source and are plausible orders of magnitude.
/// </summary>
internal static class UnitCosts
{
    /// <summary>GP 10-minute surgery consultation, £40 without qualification costs (UC 2025 Table 9.4.2).</summary>
    public const int GpSurgery = 40_00;

    /// <summary>GP telephone consultation: assumption, about 60% of a surgery consultation.</summary>
    public const int GpTelephone = 24_00;

    /// <summary>GP home visit: assumption, a consultation plus travel (about 24 minutes of GP time).</summary>
    public const int GpHomeVisit = 96_00;

    /// <summary>A&amp;E attendance, £280 (NCC 2024/25 via UC 2025).</summary>
    public const int AeAttendance = 280_00;

    /// <summary>Non-elective short stay (0–1 days), £824 (NCC 2024/25 via UC 2025 Table 6.1.1).</summary>
    public const int EmergencyShortStay = 824_00;

    /// <summary>Non-elective long stay, £5,395 per stay (NCC 2024/25 via UC 2025 Table 6.1.1).</summary>
    public const int EmergencyLongStay = 5_395_00;

    /// <summary>Elective inpatient stay, £6,620 (NCC 2024/25 via UC 2025 Table 6.1.1).</summary>
    public const int ElectiveInpatient = 6_620_00;

    /// <summary>Day case: assumption, £1,000 (order of magnitude of NCC day-case HRGs; not in the stored notes).</summary>
    public const int DayCase = 1_000_00;

    /// <summary>Outpatient attendance: assumption, £150 (order of magnitude of NCC outpatient attendances).</summary>
    public const int Outpatient = 150_00;

    /// <summary>District nursing or care home support contact: one Band 5 nurse hour, £57 (UC 2025 Table 9.2.1).</summary>
    public const int NursingContact = 57_00;

    /// <summary>Therapy contact: one Band 6 hour, £68 (UC 2025 Table 9.2.1).</summary>
    public const int TherapyContact = 68_00;

    /// <summary>Urgent community response visit: assumption, 1.5 Band 6 hours (£68 an hour, UC 2025 Table 9.2.1).</summary>
    public const int UrgentResponseContact = 102_00;

    /// <summary>Mental health contact: NHS Talking Therapies contact, £169 (NCC 2024/25 via UC 2025).</summary>
    public const int MentalHealthContact = 169_00;

    /// <summary>Social care assessment: assumption, 3 hours of an adult social worker at £57 (UC 2025 Table 10.1.1, £54–£61).</summary>
    public const int Assessment = 171_00;

    /// <summary>Reablement (ST-Max) episode, about £2,100 (derived in note D §2.2 from ASC-FR 2023-24).</summary>
    public const int ReablementEpisode = 2_100_00;

    /// <summary>Home care per hour, £28.53 (Homecare Association minimum price 2024-25); packages cost hours × this a week.</summary>
    public const int HomeCareHour = 28_53;

    /// <summary>Residential care per week, £728 (Birmingham 2025/26 fee, note D §2.2, secondary).</summary>
    public const int ResidentialWeek = 728_00;

    /// <summary>Nursing care per week, £831 (Birmingham 2025/26 fee, note D §2.2, secondary).</summary>
    public const int NursingWeek = 831_00;

    /// <summary>Voluntary sector contact: assumption, £25.</summary>
    public const int VoluntaryContact = 25_00;
}
