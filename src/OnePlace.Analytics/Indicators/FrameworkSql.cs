using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OnePlace.Analytics.Indicators;

/// <summary>
/// The SQL the framework runs. It is kept to what DuckDB and PostgreSQL both read the same way (ARCHITECTURE.md: the
/// indicator SQL is portable, so the framework can move to PostgreSQL when a partnership outgrows one machine): CTE-free
/// subqueries, <c>EXTRACT</c> for dates, <c>CASE</c> for bands, <c>GROUPING SETS</c> for breakdowns, sums cast to
/// double precision. A test runs every default indicator on both and compares the numbers.
/// </summary>
/// <remarks>
/// A run first makes the temporary tables every indicator reads (<see cref="Prepare"/>), so that the costly work is done
/// once, not once an indicator: the care events any indicator can count, already joined to their people; and the
/// population of each period counted by age and breakdown groups. Each indicator then sums its rows first by period,
/// age and a number for the person's combination of breakdown groups, and only those sums by each breakdown: grouping
/// every row by five sets of text columns would cost more than the rest of the count.
/// </remarks>
internal static partial class FrameworkSql
{
    /// <summary>The temporary tables every indicator reads, each statement with the stage it belongs to (for timings);
    /// <see cref="CleanUp"/> drops them.</summary>
    public static IEnumerable<(string Stage, string Sql)> Prepare(IReadOnlyList<FrameworkPeriod> periods, IReadOnlyList<IndicatorDefinition> indicators)
    {
        var census = new Census(periods);
        var counted = indicators.SelectMany(Parts).Where(Counted).ToList();
        var detailed = counted.Where(ReadsDetail).ToList();
        foreach (var sql in PreparePeople(periods))
        {
            yield return ("prepare: periods and people", sql);
        }

        foreach (var sql in PrepareEvents(periods, indicators))
        {
            yield return ("prepare: events", sql);
        }

        foreach (var sql in PreparePopulation(census, counted))
        {
            yield return ("prepare: population", sql);
        }

        foreach (var sql in PrepareDetail(census, detailed))
        {
            yield return ("prepare: population by frailty and care plans", sql);
        }
    }

    /// <summary>The periods and their days, and each person's attributes.</summary>
    private static IEnumerable<string> PreparePeople(IReadOnlyList<FrameworkPeriod> periods)
    {
        yield return "DROP TABLE IF EXISTS framework_period";
        yield return "CREATE TEMPORARY TABLE framework_period (period_id INTEGER NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL, period_stop DATE NOT NULL, census_date DATE NOT NULL, census_year INTEGER NOT NULL, census_day INTEGER NOT NULL)";
        var values = new StringBuilder("INSERT INTO framework_period VALUES ");
        values.AppendJoin(", ", periods.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"({p.Id}, {Date(p.Start)}, {Date(p.End)}, {Date(p.End.AddDays(1))}, {Date(p.Census)}, {p.Census.Year}, {DayOfYear(p.Census)})")));
        yield return values.ToString();

        // Each day of each period, so that a row is placed in its periods by an equality join on its date rather than
        // a range join (which DuckDB sorts and PostgreSQL loops over).
        yield return "DROP TABLE IF EXISTS framework_period_day";
        yield return "CREATE TEMPORARY TABLE framework_period_day (day DATE NOT NULL, period_id INTEGER NOT NULL)";
        var days = periods.SelectMany(p => Enumerable.Range(0, p.End.DayNumber - p.Start.DayNumber + 1)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"({Date(p.Start.AddDays(d))}, {p.Id})"))).ToList();
        foreach (var chunk in days.Chunk(1000))
        {
            yield return $"INSERT INTO framework_period_day VALUES {string.Join(", ", chunk)}";
        }

        // Localities numbered, so that each person's combination of breakdown groups is a number.
        yield return "DROP TABLE IF EXISTS framework_locality";
        yield return """
            CREATE TEMPORARY TABLE framework_locality AS
            SELECT locality_code, name, row_number() OVER (ORDER BY locality_code) AS locality_number FROM locality
            """;
        yield return "DROP TABLE IF EXISTS framework_person";
        // Ethnic groups are the first letter of the NHS Data Dictionary ETHNIC CATEGORY code (2001 census groups). The
        // birth year and day of the year (month × 100 + day) are kept for ages; group_id numbers the person's
        // combination of breakdown groups (locality, sex, deprivation quintile, ethnic group).
        yield return """
            CREATE TEMPORARY TABLE framework_person AS
            SELECT y.person_id, y.date_of_birth, y.date_of_death,
                   CASE y.sex_number WHEN 1 THEN 'Female' WHEN 2 THEN 'Male' ELSE 'Unknown' END AS sex,
                   coalesce(y.locality_name, 'Unknown') AS locality,
                   CASE y.imd_number WHEN 0 THEN 'Unknown' ELSE CAST(y.imd_number AS VARCHAR) END AS imd_quintile,
                   CASE y.ethnic_number WHEN 1 THEN 'White' WHEN 2 THEN 'Mixed' WHEN 3 THEN 'Asian' WHEN 4 THEN 'Black' WHEN 5 THEN 'Other'
                        ELSE 'Not known' END AS ethnic_group,
                   CAST(EXTRACT(YEAR FROM y.date_of_birth) AS INTEGER) AS birth_year,
                   CAST(EXTRACT(MONTH FROM y.date_of_birth) * 100 + EXTRACT(DAY FROM y.date_of_birth) AS INTEGER) AS birth_day,
                   ((coalesce(y.locality_number, 0) * 10 + y.sex_number) * 10 + y.imd_number) * 10 + y.ethnic_number AS group_id
            FROM (SELECT p.person_id, p.date_of_birth, p.date_of_death, l.name AS locality_name, l.locality_number,
                         CASE p.sex WHEN 'F' THEN 1 WHEN 'M' THEN 2 ELSE 0 END AS sex_number,
                         CASE WHEN a.imd_decile IS NULL THEN 0 WHEN a.imd_decile <= 2 THEN 1 WHEN a.imd_decile <= 4 THEN 2
                              WHEN a.imd_decile <= 6 THEN 3 WHEN a.imd_decile <= 8 THEN 4 ELSE 5 END AS imd_number,
                         CASE WHEN substr(p.ethnic_category, 1, 1) IN ('A', 'B', 'C') THEN 1
                              WHEN substr(p.ethnic_category, 1, 1) IN ('D', 'E', 'F', 'G') THEN 2
                              WHEN substr(p.ethnic_category, 1, 1) IN ('H', 'J', 'K', 'L') THEN 3
                              WHEN substr(p.ethnic_category, 1, 1) IN ('M', 'N', 'P') THEN 4
                              WHEN substr(p.ethnic_category, 1, 1) IN ('R', 'S') THEN 5
                              ELSE 0 END AS ethnic_number
                  FROM person p
                  LEFT JOIN small_area a ON a.small_area_code = p.small_area_code
                  LEFT JOIN framework_locality l ON l.locality_code = coalesce(p.locality_code, a.locality_code)
                  WHERE p.date_of_birth IS NOT NULL) y
            """;
        yield return "DROP TABLE IF EXISTS framework_group";
        yield return "CREATE TEMPORARY TABLE framework_group AS SELECT DISTINCT group_id, sex, locality, imd_quintile, ethnic_group FROM framework_person";
    }

    public static IEnumerable<string> CleanUp()
    {
        foreach (var table in (string[])["framework_population", "framework_population_detail", "framework_birth_day",
            "framework_person_state", "framework_efi_code", "framework_efi", "framework_efi_added", "framework_care_plan",
            "framework_event", "framework_group", "framework_person", "framework_locality", "framework_period_day", "framework_period"])
        {
            yield return $"DROP TABLE IF EXISTS {table}";
        }
    }

    /// <summary>The event columns an indicator can name (docs/indicators.md), besides the person's.</summary>
    private static readonly string[] EventColumns =
    [
        "event_id", "partner", "event_type", "start_date", "end_date", "code", "discharge_destination", "status_91_days", "hours_per_week",
        "unit_cost_gbp", "cause_code",
    ];

    /// <summary>
    /// The care events that some indicator counts, in the periods' window, each with its person: read once a run
    /// instead of joining every event to its record and person for each indicator. An indicator's condition on the
    /// event's own columns (its type, codes, dates) picks the events kept; a condition that needs the period, the age,
    /// the person or another row keeps every event in the window, so that no indicator loses a row. The conditions are
    /// grouped by the date that places the events, so that each date is compared once a row, and only the columns
    /// some indicator names are copied.
    /// </summary>
    private static IEnumerable<string> PrepareEvents(IReadOnlyList<FrameworkPeriod> periods, IReadOnlyList<IndicatorDefinition> indicators)
    {
        var parts = indicators.SelectMany(Parts).Where(p => p.From == IndicatorSource.Events).ToList();
        yield return "DROP TABLE IF EXISTS framework_event";
        if (parts.Count == 0)
        {
            yield break;
        }

        string first = Date(periods.Min(p => p.Start));
        string stop = Date(periods.Max(p => p.End).AddDays(1));
        var kept = parts.GroupBy(p => p.Date ?? "start_date", StringComparer.Ordinal).Select(g =>
        {
            var conditions = g.Select(p => p.Where is null || NeedsRow().IsMatch(p.Where) ? null : $"({p.Where})").Distinct().ToList();
            string which = conditions.Contains(null) ? "" : $" AND ({string.Join(" OR ", conditions)})";
            return $"(z.{g.Key} >= {first} AND z.{g.Key} < {stop}{which})";
        });
        string named = string.Join(" ", indicators.Select(Sql));
        var columns = EventColumns.Where(c => c is "start_date" or "end_date" || Regex.IsMatch(named, $@"\b{c}\b", RegexOptions.IgnoreCase)).ToList();
        yield return $"""
            CREATE TEMPORARY TABLE framework_event AS
            SELECT * FROM (
                SELECT a.person_id, a.date_of_birth, a.date_of_death, a.birth_year, a.birth_day, a.group_id,
                       {string.Join(", ", columns.Select(c => $"e.{c}"))}, e.end_date - e.start_date AS length_of_stay
                FROM care_event e
                JOIN source_record s ON s.source_record_id = e.source_record_id
                JOIN framework_person a ON a.person_id = s.person_id) z
            WHERE {string.Join(" OR ", kept)}
            """;
    }

    /// <summary>A condition that reads more than the event's own columns: the period, the age, the person or the
    /// weight of the row, the row itself (<c>x.</c>) or another table.</summary>
    [GeneratedRegex(@"\b(age|period_id|period_start|period_end|census_date|weight|x|person_id|date_of_birth|date_of_death|sex|locality|imd_quintile|ethnic_group)\b|\bselect\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeedsRow();

    /// <summary>A condition the population counted once can answer: one that names nothing of a person but the age,
    /// the eFI deficits and the care plan (and the period).</summary>
    [GeneratedRegex(@"\b(person_id|date_of_birth|date_of_death|sex|locality|imd_quintile|ethnic_group|age_group|weight|birth_year|birth_day|group_id)\b|\bselect\b", RegexOptions.IgnoreCase)]
    private static partial Regex NamesThePerson();

    private static string Sql(IndicatorDefinition i) =>
        $"{i.Population} {i.Numerator.Where} {i.Numerator.Value} {i.Denominator.Where} {i.Denominator.Value}";

    /// <summary>
    /// One count an indicator needs: rows of <see cref="From"/> in each period that pass the population and
    /// <see cref="Where"/>; <c>numerator</c> sums <see cref="NumeratorValue"/> over rows meeting
    /// <see cref="NumeratorWhere"/> (with its squares, for means), <c>denominator</c> sums
    /// <see cref="DenominatorValue"/> over all of them.
    /// </summary>
    internal sealed record Part(
        IndicatorSource From, string? Date, string? Population, string? Where, string? NumeratorWhere, string? NumeratorValue, string? DenominatorValue)
    {
        public string Sql => $"{Population} {Where} {NumeratorWhere} {NumeratorValue} {DenominatorValue}";
    }

    /// <summary>The counts of an indicator: a rate's events or referrals and its population (which counts no
    /// numerator); a proportion's or mean's rows, its numerator a subset of them.</summary>
    public static IReadOnlyList<Part> Parts(IndicatorDefinition indicator) => indicator.SeparateNumerator
        ?
        [
            new Part(indicator.Numerator.From!.Value, indicator.Numerator.Date, indicator.Population, indicator.Numerator.Where, null, indicator.Numerator.Value, null),
            new Part(IndicatorSource.People, null, indicator.Population, indicator.Denominator.Where, "1 = 0", null, indicator.Denominator.Value),
        ]
        :
        [
            new Part(indicator.Denominator.From!.Value, indicator.Denominator.Date ?? indicator.Numerator.Date, indicator.Population, indicator.Denominator.Where,
                indicator.Numerator.Where, indicator.Numerator.Value, indicator.Denominator.Value),
        ];

    /// <summary>Whether a part's people are read from the population counted once a period: it counts people by
    /// nothing of a person but the age, eFI deficits and care plan, and adds 1 a person.</summary>
    private static bool Counted(Part part) =>
        part.From == IndicatorSource.People && part.NumeratorValue is null && part.DenominatorValue is null && !NamesThePerson().IsMatch(part.Sql);

    private static bool ReadsDetail(Part part) =>
        part.Sql.Contains("efi_deficits", StringComparison.Ordinal) || part.Sql.Contains("has_care_plan", StringComparison.Ordinal);

    /// <summary>
    /// The population of each period counted once by age and by each breakdown group, for the parts that count people
    /// by their age alone (most indicators divide by it): a row with one breakdown group named counts that group, one
    /// with none counts everyone. Counting a million people on each of 25 census dates would be 25 million
    /// person-periods; instead people who are alike on every census date are counted once and weighted: born in the
    /// same year and on the same side of each census day of the year, born and died on the same sides of each census
    /// date, in the same group. Any one of them then stands for the rest: a tenth as many rows.
    /// </summary>
    private static IEnumerable<string> PreparePopulation(Census census, List<Part> counted)
    {
        yield return "DROP TABLE IF EXISTS framework_population";
        yield return "DROP TABLE IF EXISTS framework_population_detail";
        if (counted.Count == 0)
        {
            yield break;
        }

        // Which side of each census day of the year a birthday is on, for every day of a leap year.
        yield return "DROP TABLE IF EXISTS framework_birth_day";
        yield return "CREATE TEMPORARY TABLE framework_birth_day (birth_day INTEGER NOT NULL, birth_slot INTEGER NOT NULL)";
        var birthDays = Enumerable.Range(0, 366).Select(d => DayOfYear(new DateOnly(2024, 1, 1).AddDays(d)))
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"({d}, {census.Days.Count(c => d > c)})"));
        yield return $"INSERT INTO framework_birth_day VALUES {string.Join(", ", birthDays)}";
        string born = Born(census);
        string died = Died(census);
        string alike = "a.birth_year, a.birth_slot, a.born_slot, a.death_slot";
        yield return $"""
            CREATE TEMPORARY TABLE framework_population AS
            SELECT y.period_id, y.age, y.locality, y.imd_quintile, y.sex, y.ethnic_group, CAST(sum(y.people) AS BIGINT) AS people
            FROM (SELECT pr.period_id, {Age("pr", "a")} AS age, a.locality, a.imd_quintile, a.sex, a.ethnic_group, a.people
                  FROM framework_period pr
                  JOIN (SELECT a.birth_year, min(a.birth_day) AS birth_day, min(a.date_of_birth) AS date_of_birth, min(a.date_of_death) AS date_of_death,
                               a.locality, a.imd_quintile, a.sex, a.ethnic_group, count(*) AS people
                        FROM (SELECT a.*, b.birth_slot, {born} AS born_slot, {died} AS death_slot
                              FROM framework_person a JOIN framework_birth_day b ON b.birth_day = a.birth_day) a
                        GROUP BY GROUPING SETS (({alike}), ({alike}, a.locality), ({alike}, a.imd_quintile), ({alike}, a.sex), ({alike}, a.ethnic_group))) a
                    ON a.date_of_birth <= pr.census_date AND (a.date_of_death IS NULL OR a.date_of_death > pr.census_date)) y
            GROUP BY y.period_id, y.age, y.locality, y.imd_quintile, y.sex, y.ethnic_group
            """;
    }

    /// <summary>Which side of each census date a person was born on (0 for all but the youngest).</summary>
    private static string Born(Census census) =>
        $"CASE WHEN a.date_of_birth <= {Date(census.Dates[0])} THEN 0 ELSE {Slots(census.Dates.Select(d => $"a.date_of_birth > {Date(d)}"))} END";

    /// <summary>Which side of each census date a person died on (0 for everyone alive at the last).</summary>
    private static string Died(Census census) =>
        $"CASE WHEN a.date_of_death IS NULL OR a.date_of_death > {Date(census.Dates[^1])} THEN 0 ELSE {Slots(census.Dates.Select(d => $"a.date_of_death <= {Date(d)}"))} END";

    /// <summary>
    /// The population by eFI deficits and care plan too, for the parts that read them, and only the person-periods
    /// those parts count (their populations and conditions): frailty is counted among older people. A person's deficits
    /// on a census date are those first recorded by it: those recorded by the first census date, plus, for the few
    /// people with a deficit first recorded after it, those recorded since, counted person by person.
    /// </summary>
    private static IEnumerable<string> PrepareDetail(Census census, List<Part> detailed)
    {
        if (detailed.Count == 0)
        {
            yield break;
        }

        string born = Born(census);
        string died = Died(census);
        bool efi = detailed.Any(p => p.Sql.Contains("efi_deficits", StringComparison.Ordinal));
        bool carePlan = detailed.Any(p => p.Sql.Contains("has_care_plan", StringComparison.Ordinal));
        string firstCensus = Date(census.Dates[0]);
        string lastCensus = Date(census.Dates[^1]);
        var state = new StringBuilder();
        var joins = new StringBuilder();
        var alike = new List<string> { "a.birth_year", "a.birth_slot", "a.born_slot", "a.death_slot", "a.group_id" };
        var measures = new List<string>();
        if (efi)
        {
            yield return "DROP TABLE IF EXISTS framework_efi_code";
            yield return "CREATE TEMPORARY TABLE framework_efi_code AS SELECT c.person_id, c.first_recorded FROM person_condition c WHERE c.code LIKE 'EFI%'";
            yield return "DROP TABLE IF EXISTS framework_efi";
            yield return $"""
                CREATE TEMPORARY TABLE framework_efi AS
                SELECT c.person_id, CAST(sum(CASE WHEN c.first_recorded <= {firstCensus} THEN 1 ELSE 0 END) AS INTEGER) AS efi_base,
                       max(CASE WHEN c.first_recorded > {firstCensus} AND c.first_recorded <= {lastCensus} THEN 1 ELSE 0 END) AS efi_changes
                FROM framework_efi_code c GROUP BY c.person_id
                """;
            yield return "DROP TABLE IF EXISTS framework_efi_added";
            yield return $"""
                CREATE TEMPORARY TABLE framework_efi_added AS
                SELECT c.person_id, pr.period_id, CAST(count(*) AS INTEGER) AS added
                FROM framework_efi_code c JOIN framework_period pr ON c.first_recorded <= pr.census_date
                WHERE c.first_recorded > {firstCensus}
                GROUP BY c.person_id, pr.period_id
                """;
            state.Append(", coalesce(f.efi_base, 0) AS efi_base, coalesce(f.efi_changes, 0) AS efi_changes");
            joins.Append(" LEFT JOIN framework_efi f ON f.person_id = a.person_id");
            alike.Add("a.efi_base");
            measures.Add("efi_deficits");
        }

        if (carePlan)
        {
            yield return "DROP TABLE IF EXISTS framework_care_plan";
            yield return "CREATE TEMPORARY TABLE framework_care_plan AS SELECT person_id, min(created_at) AS first_plan FROM care_plan GROUP BY person_id";
            state.Append(", cp.first_plan");
            joins.Append(" LEFT JOIN framework_care_plan cp ON cp.person_id = a.person_id");
            alike.Add($"CASE WHEN a.first_plan IS NULL THEN {census.Stops.Count} WHEN a.first_plan < {Date(census.Stops[0])} THEN 0 ELSE {Slots(census.Stops.Select(d => $"a.first_plan >= {Date(d)}"))} END");
            measures.Add("has_care_plan");
        }

        yield return "DROP TABLE IF EXISTS framework_person_state";
        yield return $"""
            CREATE TEMPORARY TABLE framework_person_state AS
            SELECT a.person_id, a.date_of_birth, a.date_of_death, a.birth_year, a.birth_day, a.group_id, b.birth_slot, {born} AS born_slot, {died} AS death_slot{state}
            FROM framework_person a JOIN framework_birth_day b ON b.birth_day = a.birth_day{joins}
            """;

        string PersonPeriods(string from, string efiDeficits, string more) => $"""
            SELECT pr.period_id, pr.period_start, pr.period_end, pr.census_date, {Age("pr", "a")} AS age, a.group_id{(efi ? $", {efiDeficits} AS efi_deficits" : "")}{(carePlan ? ", CASE WHEN a.first_plan < pr.period_stop THEN 1 ELSE 0 END AS has_care_plan" : "")}, a.people
            FROM framework_period pr
            JOIN {from} ON a.date_of_birth <= pr.census_date AND (a.date_of_death IS NULL OR a.date_of_death > pr.census_date){more}
            """;
        string grouped = $"""
            (SELECT a.birth_year, min(a.birth_day) AS birth_day, min(a.date_of_birth) AS date_of_birth, min(a.date_of_death) AS date_of_death,
                    a.group_id{(efi ? ", a.efi_base" : "")}{(carePlan ? ", min(a.first_plan) AS first_plan" : "")}, count(*) AS people
             FROM framework_person_state a{(efi ? " WHERE a.efi_changes = 0" : "")}
             GROUP BY {string.Join(", ", alike)}) a
            """;
        string rows = PersonPeriods(grouped, "a.efi_base", "");
        if (efi)
        {
            rows += $"""

                UNION ALL
                {PersonPeriods("(SELECT s.*, 1 AS people FROM framework_person_state s WHERE s.efi_changes = 1) a", "a.efi_base + coalesce(n.added, 0)",
                    " LEFT JOIN framework_efi_added n ON n.person_id = a.person_id AND n.period_id = pr.period_id")}
                """;
        }

        // Only the person-periods some part counts.
        string counts = string.Join(" OR ", detailed.Select(p => $"(({Or(p.Population)}) AND ({Or(p.Where)}))").Distinct());
        string measured = string.Concat(measures.Select(m => $", x.{m}"));
        string keys = $"z.period_id, z.age{string.Concat(measures.Select(m => $", z.{m}"))}";
        yield return $"""
            CREATE TEMPORARY TABLE framework_population_detail AS
            SELECT {keys}, g.locality, g.imd_quintile, g.sex, g.ethnic_group, CAST(sum(z.people) AS BIGINT) AS people
            FROM (SELECT x.period_id, x.age, x.group_id{measured}, sum(x.people) AS people
                  FROM ({rows}) x
                  WHERE {counts}
                  GROUP BY x.period_id, x.age, x.group_id{measured}) z
            JOIN framework_group g ON g.group_id = z.group_id
            GROUP BY GROUPING SETS (({keys}), ({keys}, g.locality), ({keys}, g.imd_quintile), ({keys}, g.sex), ({keys}, g.ethnic_group))
            """;
    }

    /// <summary>How many of the conditions hold: which side of each census day or date a person is on.</summary>
    private static string Slots(IEnumerable<string> conditions) =>
        $"({string.Join(" + ", conditions.Select(c => $"CASE WHEN {c} THEN 1 ELSE 0 END"))})";

    /// <summary>One aggregation: the part's sums by period and ESP2013 band within each breakdown.</summary>
    public static string Aggregate(Part part, IReadOnlyList<Breakdown> breakdowns)
    {
        var (from, date, population, where, numeratorWhere, numeratorValue, denominatorValue) = part;
        string used = part.Sql;
        // A breakdown the indicator is not published by is selected as nothing, since no grouping set holds it.
        string columns = string.Join(", ", Breakdowns.All.Select(b => breakdowns.Contains(b) ? $"y.{b.Name()}" : $"CAST(NULL AS VARCHAR) AS {b.Name()}"));
        string sums = """
                   CAST(sum(y.numerator) AS DOUBLE PRECISION) AS numerator,
                   CAST(sum(y.numerator_squares) AS DOUBLE PRECISION) AS numerator_squares,
                   CAST(sum(y.denominator) AS DOUBLE PRECISION) AS denominator,
                   CAST(sum(y.numerator_row) AS DOUBLE PRECISION) AS numerator_rows,
                   CAST(sum(y.weight) AS DOUBLE PRECISION) AS row_count
            """;
        // What each row adds, from the rows of `source` (aliased x): the numerator's condition is worked out once a row,
        // since it may be a correlated subquery.
        string RowSums(string keys, string source) => $"""
                SELECT {keys},
                       x.numerator_value * x.weight AS numerator,
                       CAST(x.numerator_value * x.weight AS DOUBLE PRECISION) * (x.numerator_value * x.weight) / x.weight AS numerator_squares,
                       x.numerator_hit * x.weight AS numerator_row,
                       x.denominator_value * x.weight AS denominator,
                       x.weight
                FROM (SELECT x.*, CASE WHEN x.numerator_hit = 1 THEN {numeratorValue ?? "1"} ELSE 0 END AS numerator_value, ({denominatorValue ?? "1"}) AS denominator_value
                      FROM (SELECT x.*, CASE WHEN {Or(numeratorWhere)} THEN 1 ELSE 0 END AS numerator_hit FROM ({source}) x) x) x
                """;
        string filter = $"x.age IS NOT NULL AND ({Or(population)}) AND ({Or(where)})";

        // People described by their age, eFI deficits and care plan alone are read from the population counted once a
        // period by each breakdown, each row standing for its count of people (its weight).
        if (Counted(part))
        {
            bool detail = ReadsDetail(part);
            // Everyone's rows count the whole population and, a second time, the age groups.
            var kinds = new List<string> { "p.locality IS NULL AND p.imd_quintile IS NULL AND p.sex IS NULL AND p.ethnic_group IS NULL" };
            kinds.AddRange(breakdowns.Where(b => b is not (Breakdown.Overall or Breakdown.AgeGroup)).Select(b => $"p.{b.Name()} IS NOT NULL"));
            bool byAge = breakdowns.Contains(Breakdown.AgeGroup);
            string measures = $"{(used.Contains("efi_deficits", StringComparison.Ordinal) ? ", p.efi_deficits" : "")}{(used.Contains("has_care_plan", StringComparison.Ordinal) ? ", p.has_care_plan" : "")}";
            string counted = $"""
                SELECT * FROM (
                    SELECT pr.period_id, pr.period_start, pr.period_end, pr.census_date, p.age, p.locality, p.imd_quintile, p.sex, p.ethnic_group{measures},
                           p.people AS weight, b.by_age
                    FROM {(detail ? "framework_population_detail" : "framework_population")} p
                    JOIN framework_period pr ON pr.period_id = p.period_id
                    JOIN (VALUES (0), (1)) b (by_age) ON b.by_age = 0 OR ({(byAge ? "1 = 1" : "1 = 0")} AND {kinds[0]})
                    WHERE ({string.Join(") OR (", kinds)})) x
                WHERE {filter}
                """;
            return $"""
                SELECT y.period_id, y.std_band, {columns},
                {sums}
                FROM (
                    SELECT z.period_id, z.locality, z.imd_quintile, z.sex, z.ethnic_group, {StandardBand("z.age")} AS std_band,
                           CASE WHEN z.by_age = 1 THEN {AgeGroup("z.age")} END AS age_group,
                           z.numerator, z.numerator_squares, z.denominator, z.numerator_row, z.weight
                    FROM ({RowSums("x.period_id, x.age, x.locality, x.imd_quintile, x.sex, x.ethnic_group, x.by_age", counted)}) z
                ) y
                GROUP BY y.period_id, y.std_band, y.locality, y.imd_quintile, y.age_group, y.sex, y.ethnic_group
                """;
        }

        // Anything else is summed row by row by period, age and combination of groups, and those sums by breakdown.
        var sets = new List<string> { "(y.period_id, y.std_band)" };
        sets.AddRange(breakdowns.Where(b => b != Breakdown.Overall).Select(b => $"(y.period_id, y.std_band, y.{b.Name()})"));
        return $"""
            SELECT y.period_id, y.std_band, {columns},
            {sums}
            FROM (
                SELECT c.period_id, g.locality, g.imd_quintile, g.sex, g.ethnic_group, {StandardBand("c.age")} AS std_band, {AgeGroup("c.age")} AS age_group,
                       c.numerator, c.numerator_squares, c.denominator, c.numerator_row, c.weight
                FROM (
                    SELECT z.period_id, z.age, z.group_id,
                           sum(z.numerator) AS numerator, sum(z.numerator_squares) AS numerator_squares, sum(z.denominator) AS denominator,
                           sum(z.numerator_row) AS numerator_row, sum(z.weight) AS weight
                    FROM ({RowSums("x.period_id, x.age, x.group_id", Rows(from, date, population, where, used))}) z
                    GROUP BY z.period_id, z.age, z.group_id
                ) c
                JOIN framework_group g ON g.group_id = c.group_id
            ) y
            GROUP BY GROUPING SETS ({string.Join(", ", sets)})
            """;
    }

    /// <summary>The rows of one source with the person's attributes and age on the period's census date, filtered.</summary>
    /// <param name="used">The SQL of the indicator: the people's derived columns are worked out only when used.</param>
    private static string Rows(IndicatorSource from, string? date, string? population, string? where, string used)
    {
        string filter = $"x.age IS NOT NULL AND ({Or(population)}) AND ({Or(where)})";
        string Person(string a) =>
            $"{a}.person_id, {a}.date_of_birth, {a}.date_of_death, g.sex, g.locality, g.imd_quintile, g.ethnic_group, {a}.group_id, pr.period_id, pr.period_start, pr.period_end, pr.census_date, {Age("pr", a)} AS age, 1 AS weight";
        bool efi = used.Contains("efi_deficits", StringComparison.Ordinal);
        bool carePlan = used.Contains("has_care_plan", StringComparison.Ordinal);
        string rows = from switch
        {
            IndicatorSource.Events => $"""
                SELECT e.*, g.sex, g.locality, g.imd_quintile, g.ethnic_group, pr.period_id, pr.period_start, pr.period_end, pr.census_date,
                       {Age("pr", "e")} AS age, 1 AS weight
                FROM framework_event e
                JOIN framework_group g ON g.group_id = e.group_id
                JOIN framework_period_day d ON d.day = e.{date ?? "start_date"}
                JOIN framework_period pr ON pr.period_id = d.period_id
                """,
            IndicatorSource.Referrals => $"""
                SELECT {Person("a")}, r.referral_id, r.received_at, r.source, r.need, r.setting, r.urgency, r.service_code, r.team_code,
                       r.status, r.first_contact_at, r.closed_at, r.outcome, r.breached_at, r.clock_stopped_at, r.clock_paused_seconds
                FROM referral r
                JOIN framework_person a ON a.person_id = r.person_id
                JOIN framework_group g ON g.group_id = a.group_id
                JOIN framework_period_day d ON d.day = CAST(r.received_at AS DATE)
                JOIN framework_period pr ON pr.period_id = d.period_id
                """,
            IndicatorSource.People => $"""
                SELECT {Person("a")}{(efi ? ", coalesce(f.efi_deficits, 0) AS efi_deficits" : "")}{(carePlan ? ", coalesce(cpl.has_care_plan, 0) AS has_care_plan" : "")}
                FROM framework_period pr
                JOIN framework_person a ON a.date_of_birth <= pr.census_date AND (a.date_of_death IS NULL OR a.date_of_death > pr.census_date)
                JOIN framework_group g ON g.group_id = a.group_id
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

    /// <summary>Whole years on a period's census date, from the year and month × 100 + day of the census date and of
    /// the birth (worked out once for each, not for every row); a birthday on 29 February comes on 1 March in other
    /// years (as PersonMeasures.AgeOn).</summary>
    private static string Age(string period, string person) =>
        $"({period}.census_year - {person}.birth_year - CASE WHEN {period}.census_day < {person}.birth_day THEN 1 ELSE 0 END)";

    /// <summary>The ESP2013 band index, 0 (0–4) to 18 (90+).</summary>
    private static string StandardBand(string age) => $"CASE WHEN {age} >= 90 THEN 18 ELSE CAST(floor({age} / 5.0) AS INTEGER) END";

    /// <summary>The age groups breakdowns are shown by.</summary>
    private static string AgeGroup(string age) =>
        $"CASE WHEN {age} < 18 THEN '0-17' WHEN {age} < 65 THEN '18-64' WHEN {age} < 75 THEN '65-74' WHEN {age} < 85 THEN '75-84' ELSE '85+' END";

    private static string Or(string? condition) => condition ?? "1 = 1";

    private static string Date(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static int DayOfYear(DateOnly date) => (date.Month * 100) + date.Day;

    /// <summary>The census dates, days of the year and period ends (exclusive) of a run, each distinct and in order.</summary>
    private sealed class Census(IReadOnlyList<FrameworkPeriod> periods)
    {
        public IReadOnlyList<DateOnly> Dates { get; } = [.. periods.Select(p => p.Census).Distinct().Order()];

        public IReadOnlyList<int> Days { get; } = [.. periods.Select(p => DayOfYear(p.Census)).Distinct().Order()];

        public IReadOnlyList<DateOnly> Stops { get; } = [.. periods.Select(p => p.End.AddDays(1)).Distinct().Order()];
    }
}
