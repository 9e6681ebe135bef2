using System.Globalization;
using DuckDB.NET.Data;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Bench;

/// <summary>
/// Combines analytical stores of separate generated boroughs into one store, for measuring the framework at a size the
/// generator cannot make in one borough (its NHS numbers come from the test range, which bounds a borough to 900,000
/// people). Every row comes from a store made by the real import and refresh; only the union is added here. People,
/// referrals and care plans keep their ids (GUIDs, unique across stores); partner records, care events and conditions
/// are renumbered by adding the largest id of the stores before them, so that every id stays unique and every event
/// still finds its record. The boroughs must share their localities (the same profile), which is checked; each borough
/// has small areas of its own (the generator makes them per borough, with their deprivation), so the small areas of
/// every store after the first are kept apart by a suffix on their codes (<c>E01900001~2</c>). Only the tables the
/// framework reads (<c>AnalyticsStore</c>'s schema) are combined: person measures are not.
/// </summary>
internal static class StoreMerge
{
    public static string Run(string into, IReadOnlyList<string> stores)
    {
        if (File.Exists(into))
        {
            throw new InvalidOperationException($"{into} exists already: the merge writes a new store.");
        }

        foreach (var store in stores.Where(s => !File.Exists(s)))
        {
            throw new InvalidOperationException($"There is no analytical store at {store}.");
        }

        using var duck = new AnalyticsStore(into).Open();
        long recordOffset = 0, eventOffset = 0, conditionOffset = 0;
        for (int i = 0; i < stores.Count; i++)
        {
            string alias = $"part{i}";
            Execute(duck, $"ATTACH '{Path.GetFullPath(stores[i]).Replace("'", "''", StringComparison.Ordinal)}' AS {alias} (READ_ONLY)");
            if (i == 0)
            {
                Execute(duck, $"INSERT INTO locality SELECT * FROM {alias}.locality");
            }
            else if (Scalar(duck, $"SELECT (SELECT count(*) FROM (SELECT * FROM locality EXCEPT SELECT * FROM {alias}.locality) a) + (SELECT count(*) FROM (SELECT * FROM {alias}.locality EXCEPT SELECT * FROM locality) b)") != 0)
            {
                throw new InvalidOperationException($"{stores[i]} has other localities than {stores[0]}: only boroughs of one profile can be combined.");
            }

            string area = i == 0 ? "small_area_code" : $"small_area_code || '~{i + 1}'";

            string r = recordOffset.ToString(CultureInfo.InvariantCulture);
            string e = eventOffset.ToString(CultureInfo.InvariantCulture);
            string c = conditionOffset.ToString(CultureInfo.InvariantCulture);
            Execute(duck, $"""
                BEGIN TRANSACTION;
                INSERT INTO small_area SELECT {area}, locality_code, imd_decile FROM {alias}.small_area;
                INSERT INTO person SELECT person_id, sex, date_of_birth, date_of_death, {area}, locality_code, ethnic_category, gp_practice_code FROM {alias}.person;
                INSERT INTO source_record SELECT source_record_id + {r}, partner, person_id FROM {alias}.source_record;
                INSERT INTO care_event SELECT event_id + {e}, source_record_id + {r}, partner, event_type, start_date, end_date, code,
                    discharge_destination, status_91_days, hours_per_week, unit_cost_gbp, cause_code FROM {alias}.care_event;
                INSERT INTO condition SELECT condition_id + {c}, source_record_id + {r}, code, recorded_date FROM {alias}.condition;
                INSERT INTO referral SELECT * FROM {alias}.referral;
                INSERT INTO care_plan SELECT * FROM {alias}.care_plan;
                COMMIT;
                """);
            recordOffset += Scalar(duck, $"SELECT coalesce(max(source_record_id), 0) FROM {alias}.source_record");
            eventOffset += Scalar(duck, $"SELECT coalesce(max(event_id), 0) FROM {alias}.care_event");
            conditionOffset += Scalar(duck, $"SELECT coalesce(max(condition_id), 0) FROM {alias}.condition");
            Execute(duck, $"DETACH {alias}");
        }

        long people = Scalar(duck, "SELECT count(*) FROM person");
        long events = Scalar(duck, "SELECT count(*) FROM care_event");
        long conditions = Scalar(duck, "SELECT count(*) FROM condition");
        long referrals = Scalar(duck, "SELECT count(*) FROM referral");
        Execute(duck, $"INSERT INTO refresh VALUES (now(), {people}, {events}, {conditions}, {referrals}, 0)");
        Execute(duck, "CHECKPOINT");
        return string.Create(CultureInfo.InvariantCulture,
            $"Merged {stores.Count} stores into {into}: {people:N0} people, {Scalar(duck, "SELECT count(*) FROM source_record"):N0} partner records, {events:N0} care events, {conditions:N0} conditions, {referrals:N0} referrals, {Scalar(duck, "SELECT count(*) FROM small_area"):N0} small areas.");
    }

    /// <summary>How many people and care events a store holds.</summary>
    public static string Describe(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"There is no analytical store at {file}.");
        }

        using var duck = new AnalyticsStore(file).Open();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Scalar(duck, "SELECT count(*) FROM person"):N0} people, {Scalar(duck, "SELECT count(*) FROM care_event"):N0} care events, {Scalar(duck, "SELECT count(*) FROM condition"):N0} conditions");
    }

    private static void Execute(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
