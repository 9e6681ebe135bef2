using System.Globalization;
using DuckDB.NET.Data;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Measures;

/// <summary>What <see cref="PersonMeasures.Compute"/> wrote.</summary>
public sealed record PersonMeasuresResult(DateOnly AsOf, long People, IReadOnlyDictionary<FrailtyCategory, long> ByFrailty, IReadOnlyDictionary<int, long> BySegment);

/// <summary>
/// Person measures at a reference date, written to the analytical store's <c>person_measure</c> table for indicators,
/// profiles and cohorts: age and age band, deprivation decile and quintile, eFI deficits and category, Cambridge
/// Multimorbidity Score, long-term conditions, emergency admissions in the 12 months to the date, and the population
/// segment with the rule that gave it. People who died on or before the date are left out.
/// </summary>
public static class PersonMeasures
{
    /// <summary>Computes the measures at <paramref name="asOf"/> into <paramref name="table"/>, replacing what it held.</summary>
    public static PersonMeasuresResult Compute(AnalyticsStore store, SegmentTable segments, DateOnly asOf, string table = "person_measure")
    {
        if (!table.All(c => char.IsAsciiLetterLower(c) || c == '_'))
        {
            throw new ArgumentException("A table name is lower-case letters and underscores.", nameof(table));
        }

        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(segments);
        using var duck = store.Open();
        AnalyticsStore.Execute(duck, $"""
            CREATE OR REPLACE TABLE {table}__next (
                person_id UUID NOT NULL, as_of DATE NOT NULL, age INTEGER NOT NULL, age_band VARCHAR NOT NULL, sex VARCHAR,
                locality_code VARCHAR, imd_decile INTEGER, imd_quintile INTEGER, ethnic_category VARCHAR,
                efi_deficits INTEGER NOT NULL, efi_category VARCHAR NOT NULL, cms DOUBLE NOT NULL, long_term_conditions INTEGER NOT NULL,
                emergency_admissions_12m INTEGER NOT NULL, segment INTEGER NOT NULL, segment_name VARCHAR NOT NULL, segment_reason VARCHAR NOT NULL)
            """);

        string date = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var read = duck.CreateCommand();
        read.CommandText = $"""
            WITH conditions AS (
                SELECT person_id, string_agg(code, '|') AS codes FROM person_condition
                WHERE first_recorded <= DATE '{date}' GROUP BY person_id),
            admissions AS (
                SELECT person_id, count(*) AS admissions FROM person_event
                WHERE event_type = 'emergency_admission' AND start_date > DATE '{date}' - INTERVAL 12 MONTH AND start_date <= DATE '{date}'
                GROUP BY person_id)
            SELECT p.person_id, p.date_of_birth, p.sex, p.locality_code, a.imd_decile, p.ethnic_category,
                   coalesce(c.codes, ''), coalesce(ad.admissions, 0)
            FROM person p
            LEFT JOIN small_area a USING (small_area_code)
            LEFT JOIN conditions c USING (person_id)
            LEFT JOIN admissions ad USING (person_id)
            WHERE p.date_of_birth IS NOT NULL AND p.date_of_birth <= DATE '{date}'
              AND (p.date_of_death IS NULL OR p.date_of_death > DATE '{date}')
            """;

        var byFrailty = Enum.GetValues<FrailtyCategory>().ToDictionary(c => c, _ => 0L);
        var bySegment = new SortedDictionary<int, long>();
        long people = 0;
        using (var reader = read.ExecuteReader())
        using (var appender = duck.CreateAppender($"{table}__next"))
        {
            while (reader.Read())
            {
                var born = reader.GetFieldValue<DateOnly>(1);
                int age = AgeOn(born, asOf);
                int? decile = reader.IsDBNull(4) ? null : reader.GetInt32(4);
                var codes = reader.GetString(6).Split('|', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                int deficits = codes.Count(c => c.StartsWith("EFI", StringComparison.Ordinal));
                var frailty = FrailtyIndex.Category(Math.Min(deficits, FrailtyIndex.Deficits));
                int admissions = Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture);
                var profile = new PersonProfile(age, codes, frailty, admissions);
                var segment = segments.Assign(profile);

                appender.CreateRow()
                    .AppendValue(reader.GetGuid(0)).AppendValue(asOf).AppendValue(age).AppendValue(AgeBand(age))
                    .AppendValue(reader.IsDBNull(2) ? null : reader.GetString(2)).AppendValue(reader.IsDBNull(3) ? null : reader.GetString(3))
                    .AppendValue(decile).AppendValue(decile is { } d ? (d + 1) / 2 : null).AppendValue(reader.IsDBNull(5) ? null : reader.GetString(5))
                    .AppendValue(deficits).AppendValue(frailty.ToString().ToLowerInvariant()).AppendValue(CambridgeMultimorbidityScore.ScoreOfCodes(codes))
                    .AppendValue(profile.LongTermConditions).AppendValue(admissions).AppendValue(segment.Segment).AppendValue(segment.Name).AppendValue(segment.Reason)
                    .EndRow();
                byFrailty[frailty]++;
                bySegment[segment.Segment] = bySegment.GetValueOrDefault(segment.Segment) + 1;
                people++;
            }
        }

        AnalyticsStore.Execute(duck, $"BEGIN TRANSACTION; DROP TABLE IF EXISTS {table}; ALTER TABLE {table}__next RENAME TO {table}; COMMIT;");
        return new PersonMeasuresResult(asOf, people, byFrailty, bySegment);
    }

    /// <summary>The date the data reach: the latest care event's start, or null for an empty store. Partners' extracts
    /// arrive weeks after the events in them, so measures "as of today" would count months with no data yet.</summary>
    public static DateOnly? DataReach(AnalyticsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var duck = store.Open();
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT max(start_date) FROM care_event";
        var value = command.ExecuteScalar();
        return value is DateOnly date ? date : null;
    }

    /// <summary>Whole years on the date; someone born on 29 February turns a year older on 1 March in other years.</summary>
    public static int AgeOn(DateOnly born, DateOnly on)
    {
        int age = on.Year - born.Year;
        return (on.Month, on.Day).CompareTo((born.Month, born.Day)) < 0 ? age - 1 : age;
    }

    /// <summary>Five-year bands to 90+, as the standard population's (EuropeanStandardPopulation2013).</summary>
    public static string AgeBand(int age) => Statistics.EuropeanStandardPopulation2013.Label(Statistics.EuropeanStandardPopulation2013.BandOf(age));
}
