using System.Globalization;
using System.Text;

namespace OnePlace.Analytics.Indicators;

/// <summary>
/// The SQL the framework runs. It is kept to what DuckDB and PostgreSQL both read the same way (ARCHITECTURE.md: the
/// indicator SQL is portable, so the framework can move to PostgreSQL when a partnership outgrows one machine): CTE-free
/// subqueries, <c>EXTRACT</c> for dates, <c>CASE</c> for bands, <c>GROUPING SETS</c> for breakdowns, sums cast to
/// double precision. A test runs every default indicator on both and compares the numbers.
/// </summary>
internal static class FrameworkSql
{
    /// <summary>Temporary tables every indicator reads: the periods, and each person's attributes used for breakdowns.</summary>
    public static IEnumerable<string> Prepare(IReadOnlyList<FrameworkPeriod> periods)
    {
        yield return "DROP TABLE IF EXISTS framework_period";
        yield return "CREATE TEMPORARY TABLE framework_period (period_id INTEGER NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL, period_stop DATE NOT NULL, census_date DATE NOT NULL)";
        var values = new StringBuilder("INSERT INTO framework_period VALUES ");
        values.AppendJoin(", ", periods.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"({p.Id}, {Date(p.Start)}, {Date(p.End)}, {Date(p.End.AddDays(1))}, {Date(p.Census)})")));
        yield return values.ToString();

        yield return "DROP TABLE IF EXISTS framework_person";
        // Ethnic groups are the first letter of the NHS Data Dictionary ETHNIC CATEGORY code (2001 census groups).
        yield return """
            CREATE TEMPORARY TABLE framework_person AS
            SELECT p.person_id, p.date_of_birth, p.date_of_death,
                   CASE p.sex WHEN 'F' THEN 'Female' WHEN 'M' THEN 'Male' ELSE 'Unknown' END AS sex,
                   coalesce(l.name, 'Unknown') AS locality,
                   CASE WHEN a.imd_decile IS NULL THEN 'Unknown' WHEN a.imd_decile <= 2 THEN '1' WHEN a.imd_decile <= 4 THEN '2'
                        WHEN a.imd_decile <= 6 THEN '3' WHEN a.imd_decile <= 8 THEN '4' ELSE '5' END AS imd_quintile,
                   CASE WHEN substr(p.ethnic_category, 1, 1) IN ('A', 'B', 'C') THEN 'White'
                        WHEN substr(p.ethnic_category, 1, 1) IN ('D', 'E', 'F', 'G') THEN 'Mixed'
                        WHEN substr(p.ethnic_category, 1, 1) IN ('H', 'J', 'K', 'L') THEN 'Asian'
                        WHEN substr(p.ethnic_category, 1, 1) IN ('M', 'N', 'P') THEN 'Black'
                        WHEN substr(p.ethnic_category, 1, 1) IN ('R', 'S') THEN 'Other'
                        ELSE 'Not known' END AS ethnic_group
            FROM person p
            LEFT JOIN small_area a ON a.small_area_code = p.small_area_code
            LEFT JOIN locality l ON l.locality_code = coalesce(p.locality_code, a.locality_code)
            WHERE p.date_of_birth IS NOT NULL
            """;

        // The population of each period counted once by age and breakdown groups: most indicators divide by it, and
        // counting people once a period for each of them would read every person-period again.
        yield return "DROP TABLE IF EXISTS framework_population";
        yield return $"""
            CREATE TEMPORARY TABLE framework_population AS
            SELECT period_id, age, sex, locality, imd_quintile, ethnic_group, count(*) AS people
            FROM (SELECT pr.period_id, {Age("pr.census_date", "a.date_of_birth")} AS age, a.sex, a.locality, a.imd_quintile, a.ethnic_group
                  FROM framework_period pr
                  JOIN framework_person a ON a.date_of_birth <= pr.census_date AND (a.date_of_death IS NULL OR a.date_of_death > pr.census_date)) z
            GROUP BY period_id, age, sex, locality, imd_quintile, ethnic_group
            """;
    }

    public static IEnumerable<string> CleanUp()
    {
        yield return "DROP TABLE IF EXISTS framework_population";
        yield return "DROP TABLE IF EXISTS framework_period";
        yield return "DROP TABLE IF EXISTS framework_person";
    }

    /// <summary>
    /// One aggregation: rows of <paramref name="from"/> in each period that pass the population and the condition,
    /// summed by ESP2013 band within each breakdown. <c>numerator</c> sums <paramref name="numeratorValue"/> over rows
    /// meeting <paramref name="numeratorWhere"/> (with its squares, for means), <c>denominator</c> sums
    /// <paramref name="denominatorValue"/> over all of them.
    /// </summary>
    public static string Aggregate(
        IndicatorSource from, string? date, string? population, string? where, string? numeratorWhere, string? numeratorValue,
        string? denominatorValue, IReadOnlyList<Breakdown> breakdowns)
    {
        string numeratorCase = $"CASE WHEN {Or(numeratorWhere)} THEN {numeratorValue ?? "1"} ELSE 0 END";
        var sets = new List<string> { "(y.period_id, y.std_band)" };
        sets.AddRange(breakdowns.Where(b => b != Breakdown.Overall).Select(b => $"(y.period_id, y.std_band, y.{b.Name()})"));
        // A breakdown the indicator is not published by is selected as nothing, since no grouping set holds it.
        string columns = string.Join(", ", Breakdowns.All.Select(b => breakdowns.Contains(b) ? $"y.{b.Name()}" : $"CAST(NULL AS VARCHAR) AS {b.Name()}"));
        return $"""
            SELECT y.period_id, y.std_band, {columns},
                   CAST(sum(y.numerator) AS DOUBLE PRECISION) AS numerator,
                   sum(CAST(y.numerator AS DOUBLE PRECISION) * y.numerator / y.weight) AS numerator_squares,
                   CAST(sum(y.denominator) AS DOUBLE PRECISION) AS denominator,
                   CAST(sum(y.numerator_row) AS DOUBLE PRECISION) AS numerator_rows,
                   CAST(sum(y.weight) AS DOUBLE PRECISION) AS row_count
            FROM (
                SELECT x.period_id, x.locality, x.imd_quintile, x.sex, x.ethnic_group,
                       {StandardBand("x.age")} AS std_band,
                       {AgeGroup("x.age")} AS age_group,
                       ({numeratorCase}) * x.weight AS numerator,
                       CASE WHEN {Or(numeratorWhere)} THEN x.weight ELSE 0 END AS numerator_row,
                       ({denominatorValue ?? "1"}) * x.weight AS denominator,
                       x.weight
                FROM ({Rows(from, date, population, where, $"{numeratorWhere} {numeratorValue} {denominatorValue}", numeratorValue is null && denominatorValue is null)}) x
            ) y
            GROUP BY GROUPING SETS ({string.Join(", ", sets)})
            """;
    }

    /// <summary>The rows of one source with the person's attributes and age on the period's census date, filtered.</summary>
    /// <param name="uses">The other SQL of the indicator: the people's derived columns are worked out only when used.</param>
    /// <param name="rowsCounted">Whether each row adds 1 (no values are summed).</param>
    private static string Rows(IndicatorSource from, string? date, string? population, string? where, string uses, bool rowsCounted)
    {
        string used = $"{population} {where} {uses}";
        string filter = $"x.age IS NOT NULL AND ({Or(population)}) AND ({Or(where)})";
        string person = $"a.person_id, a.date_of_birth, a.date_of_death, a.sex, a.locality, a.imd_quintile, a.ethnic_group, pr.period_id, pr.period_start, pr.period_end, pr.census_date, {Age("pr.census_date", "a.date_of_birth")} AS age, 1 AS weight";
        // People described by their age and groups alone are read from the population counted once a period, each
        // row standing for its count of people (its weight); anything else is read person by person.
        bool efi = used.Contains("efi_deficits", StringComparison.Ordinal);
        bool carePlan = used.Contains("has_care_plan", StringComparison.Ordinal);
        bool counted = from == IndicatorSource.People && !efi && !carePlan && !used.Contains("person_id", StringComparison.Ordinal)
            && !used.Contains("date_of", StringComparison.Ordinal) && rowsCounted;
        if (counted)
        {
            return $"""
                SELECT * FROM (
                    SELECT pr.period_id, pr.period_start, pr.period_end, pr.census_date, p.age, p.sex, p.locality, p.imd_quintile,
                           p.ethnic_group, p.people AS weight
                    FROM framework_population p JOIN framework_period pr ON pr.period_id = p.period_id) x
                WHERE {filter}
                """;
        }

        string rows = from switch
        {
            IndicatorSource.Events => $"""
                SELECT {person}, e.event_id, e.partner, e.event_type, e.start_date, e.end_date, e.code, e.discharge_destination,
                       e.status_91_days, e.hours_per_week, e.unit_cost_gbp, e.cause_code, e.end_date - e.start_date AS length_of_stay
                FROM person_event e
                JOIN framework_person a ON a.person_id = e.person_id
                JOIN framework_period pr ON e.{date ?? "start_date"} >= pr.period_start AND e.{date ?? "start_date"} < pr.period_stop
                """,
            IndicatorSource.Referrals => $"""
                SELECT {person}, r.referral_id, r.received_at, r.source, r.need, r.setting, r.urgency, r.service_code, r.team_code,
                       r.status, r.first_contact_at, r.closed_at, r.outcome, r.breached_at, r.clock_stopped_at, r.clock_paused_seconds
                FROM referral r
                JOIN framework_person a ON a.person_id = r.person_id
                JOIN framework_period pr ON r.received_at >= pr.period_start AND r.received_at < pr.period_stop
                """,
            IndicatorSource.People => $"""
                SELECT {person}{(efi ? ", coalesce(f.efi_deficits, 0) AS efi_deficits" : "")}{(carePlan ? ", coalesce(cpl.has_care_plan, 0) AS has_care_plan" : "")}
                FROM framework_period pr
                JOIN framework_person a ON a.date_of_birth <= pr.census_date AND (a.date_of_death IS NULL OR a.date_of_death > pr.census_date)
                {(efi ? EfiDeficits : "")}
                {(carePlan ? HasCarePlan : "")}
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(from)),
        };
        return $"SELECT * FROM ({rows}) x WHERE {filter}";
    }

    /// <summary>eFI deficits recorded by the census date (FrailtyIndex: 13 or more is severe), counted for every
    /// person and period at once (a join, not a subquery a row, which PostgreSQL would run once a row).</summary>
    private const string EfiDeficits = """
        LEFT JOIN (SELECT pf.period_id, c.person_id, count(*) AS efi_deficits
                   FROM person_condition c JOIN framework_period pf ON c.first_recorded <= pf.census_date
                   WHERE c.code LIKE 'EFI%' GROUP BY pf.period_id, c.person_id) f
               ON f.person_id = a.person_id AND f.period_id = pr.period_id
        """;

    /// <summary>The people with a shared care plan made by the end of each period.</summary>
    private const string HasCarePlan = """
        LEFT JOIN (SELECT pc.period_id, cp.person_id, 1 AS has_care_plan
                   FROM care_plan cp JOIN framework_period pc ON cp.created_at < pc.period_stop
                   GROUP BY pc.period_id, cp.person_id) cpl
               ON cpl.person_id = a.person_id AND cpl.period_id = pr.period_id
        """;

    /// <summary>Whole years on a date; a birthday on 29 February comes on 1 March in other years (as PersonMeasures.AgeOn).</summary>
    private static string Age(string on, string born) =>
        $"CAST(EXTRACT(YEAR FROM {on}) - EXTRACT(YEAR FROM {born}) - CASE WHEN EXTRACT(MONTH FROM {on}) * 100 + EXTRACT(DAY FROM {on}) < EXTRACT(MONTH FROM {born}) * 100 + EXTRACT(DAY FROM {born}) THEN 1 ELSE 0 END AS INTEGER)";

    /// <summary>The ESP2013 band index, 0 (0–4) to 18 (90+).</summary>
    private static string StandardBand(string age) => $"CASE WHEN {age} >= 90 THEN 18 ELSE CAST(floor({age} / 5.0) AS INTEGER) END";

    /// <summary>The age groups breakdowns are shown by.</summary>
    private static string AgeGroup(string age) =>
        $"CASE WHEN {age} < 18 THEN '0-17' WHEN {age} < 65 THEN '18-64' WHEN {age} < 75 THEN '65-74' WHEN {age} < 85 THEN '75-84' ELSE '85+' END";

    private static string Or(string? condition) => condition ?? "1 = 1";

    private static string Date(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";
}
