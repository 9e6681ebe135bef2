using System.Globalization;
using OnePlace.Analytics.Indicators;

namespace OnePlace.Analytics.Baseline;

/// <summary>
/// The SQL of the planning baseline, kept to what DuckDB and PostgreSQL both read the same way (as the indicator SQL
/// is, ARCHITECTURE.md): subqueries rather than CTEs, <c>EXTRACT</c> for dates, date − date for days, <c>CASE</c> for
/// bands, sums cast to double precision. Everything is counted in the store; only the cells come back.
/// </summary>
internal static class BaselineSql
{
    /// <summary>The event types counted once each, on their start date, with the setting of the same name.</summary>
    private static readonly string[] CountedOnce =
    [
        BaselineSetting.EmergencyAdmission, BaselineSetting.ElectiveAdmission, BaselineSetting.OutpatientAttendance,
        BaselineSetting.AeAttendance, BaselineSetting.GpContact, BaselineSetting.CommunityContact, BaselineSetting.VcsContact,
        BaselineSetting.SocialCareAssessment, BaselineSetting.ReablementEpisode,
    ];

    /// <summary>
    /// Each person's cell on the year's mid-point: locality (the person's own, else their small area's, else
    /// <c>Unknown</c>, as the outcomes framework places people), five-year age band on the mid-point, sex (NULL unless
    /// F or M, which the contract allows), and IMD 2019 quintile from the small area's decile (1 = most deprived, <c>U</c>
    /// when the small area is unknown). A person with no date of birth has no band.
    /// </summary>
    private static string People(FrameworkPeriod year)
    {
        int census = (year.Census.Month * 100) + year.Census.Day;
        string age = $"""
            {year.Census.Year} - CAST(EXTRACT(YEAR FROM p.date_of_birth) AS INTEGER)
                - CASE WHEN CAST(EXTRACT(MONTH FROM p.date_of_birth) AS INTEGER) * 100 + CAST(EXTRACT(DAY FROM p.date_of_birth) AS INTEGER) > {census} THEN 1 ELSE 0 END
            """;
        return $"""
            SELECT y.person_id, y.date_of_birth, y.date_of_death, y.locality, y.sex, y.deprivation_quintile, {AgeBands.Sql("y.age")} AS age_band
            FROM (SELECT p.person_id, p.date_of_birth, p.date_of_death, coalesce(l.name, 'Unknown') AS locality,
                         CASE p.sex WHEN 'F' THEN 'F' WHEN 'M' THEN 'M' END AS sex,
                         CASE WHEN a.imd_decile IS NULL THEN 'U' WHEN a.imd_decile <= 2 THEN '1' WHEN a.imd_decile <= 4 THEN '2'
                              WHEN a.imd_decile <= 6 THEN '3' WHEN a.imd_decile <= 8 THEN '4' ELSE '5' END AS deprivation_quintile,
                         CASE WHEN p.date_of_birth IS NULL THEN NULL ELSE {age} END AS age
                  FROM person p
                  LEFT JOIN small_area a ON a.small_area_code = p.small_area_code
                  LEFT JOIN locality l ON l.locality_code = coalesce(p.locality_code, a.locality_code)) y
            """;
    }

    /// <summary>
    /// Activity and cost per cell × setting in the year (the rules are on <see cref="BaselineSetting"/>'s constants).
    /// Events are read from every partner record, with or without a person: an event whose record has no person, or
    /// whose person has no band or a sex other than F or M, comes back with NULL cell columns so that the caller can
    /// report what could not be placed rather than lose it. A missing unit cost counts as £0.
    /// </summary>
    public static string Activity(FrameworkPeriod year)
    {
        string start = Date(year.Start);
        string end = Date(year.End);
        string stop = Date(year.End.AddDays(1));
        string once = string.Join(", ", CountedOnce.Select(t => $"'{t}'"));
        // Days of a package or placement inside the year, its first and last days both counted.
        string days = $"(LEAST(coalesce(e.end_date, {end}), {end}) - GREATEST(e.start_date, {start}) + 1)";
        // Nights of a stay inside the year: discharge − admission, clipped to the year.
        string nights = $"(LEAST(coalesce(e.end_date, {stop}), {stop}) - GREATEST(e.start_date, {start}))";
        return $"""
            SELECT y.locality, y.age_band, y.sex, y.deprivation_quintile, x.setting,
                   CAST(sum(x.activity) AS DOUBLE PRECISION) AS activity, CAST(sum(x.cost_gbp) AS DOUBLE PRECISION) AS cost_gbp
            FROM (SELECT s.person_id, e.event_type AS setting, CAST(1 AS DOUBLE PRECISION) AS activity,
                         CAST(coalesce(e.unit_cost_gbp, 0) AS DOUBLE PRECISION) AS cost_gbp
                  FROM care_event e JOIN source_record s ON s.source_record_id = e.source_record_id
                  WHERE e.event_type IN ({once}) AND e.start_date >= {start} AND e.start_date <= {end}
                  UNION ALL
                  SELECT s.person_id,
                         CASE e.event_type WHEN 'home_care_package' THEN '{BaselineSetting.HomeCareHour}'
                              WHEN 'residential_placement' THEN '{BaselineSetting.ResidentialCareWeek}' ELSE '{BaselineSetting.NursingCareWeek}' END,
                         CASE e.event_type WHEN 'home_care_package' THEN coalesce(e.hours_per_week, 0) ELSE 1 END * CAST({days} AS DOUBLE PRECISION) / 7,
                         coalesce(e.unit_cost_gbp, 0) * CAST({days} AS DOUBLE PRECISION) / 7
                  FROM care_event e JOIN source_record s ON s.source_record_id = e.source_record_id
                  WHERE e.event_type IN ('home_care_package', 'residential_placement', 'nursing_placement')
                    AND e.start_date <= {end} AND (e.end_date IS NULL OR e.end_date >= {start})
                  UNION ALL
                  SELECT s.person_id, '{BaselineSetting.EmergencyBedDay}', CAST({nights} AS DOUBLE PRECISION), CAST(0 AS DOUBLE PRECISION)
                  FROM care_event e JOIN source_record s ON s.source_record_id = e.source_record_id
                  WHERE e.event_type = 'emergency_admission' AND e.start_date < {stop} AND (e.end_date IS NULL OR e.end_date > {start})
                    AND e.start_date < coalesce(e.end_date, {stop})) x
            LEFT JOIN ({People(year)}) y ON y.person_id = x.person_id
            GROUP BY y.locality, y.age_band, y.sex, y.deprivation_quintile, x.setting
            """;
    }

    /// <summary>
    /// The people of each cell: alive on the year's mid-point (born on or before it, not dead on or before it), as the
    /// mid-year estimates count them and as the outcomes framework counts its denominators. Everyone in the store
    /// counts, the <c>Unknown</c> locality included; people without a band or with a sex other than F or M come back
    /// with NULL cell columns.
    /// </summary>
    public static string Population(FrameworkPeriod year)
    {
        string census = Date(year.Census);
        return $"""
            SELECT y.locality, y.age_band, y.sex, y.deprivation_quintile, CAST(count(*) AS BIGINT) AS people
            FROM ({People(year)}) y
            WHERE y.date_of_birth <= {census} AND (y.date_of_death IS NULL OR y.date_of_death > {census})
            GROUP BY y.locality, y.age_band, y.sex, y.deprivation_quintile
            """;
    }

    private static string Date(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}
