using DuckDB.NET.Data;

namespace OnePlace.Analytics.Store;

/// <summary>
/// The analytical store: a DuckDB file (embedded, columnar) holding a pseudonymised copy of what the outcomes framework
/// counts: people (by their OnePlace id, with sex, birth and death dates, small area, ethnic category and practice; no
/// names, NHS numbers, addresses or postcodes), which person each partner record belongs to, care events, conditions
/// referrals and when shared care plans were made. It is refreshed from the operational store (<see cref="RefreshAnalytics"/>) and read by the
/// indicator layer and the cohort builder (<see cref="Cohorts.Cohort"/>, read-only).
/// </summary>
public sealed class AnalyticsStore(string path)
{
    public const string DefaultPath = "data/analytics.duckdb";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>An open connection; the file and its tables are made if missing.</summary>
    public DuckDBConnection Open()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new DuckDBConnection($"Data Source={Path}");
        connection.Open();
        Execute(connection, Schema);
        UpgradeCareEvents(connection);
        return connection;
    }

    /// <summary>Whether the file exists (a refresh has made it).</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>
    /// A read-only connection to the store as the last refresh left it, for the web's cohort builder: it makes and
    /// changes nothing, and DuckDB lets several processes read a file at once as long as none holds it for writing.
    /// </summary>
    /// <exception cref="FileNotFoundException">No refresh has made the store yet.</exception>
    public DuckDBConnection OpenForReading()
    {
        if (!Exists)
        {
            throw new FileNotFoundException("There is no analytical store yet: run oneplace analytics refresh.", Path);
        }

        var connection = new DuckDBConnection($"Data Source={Path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// A store made before care events carried an external cause (ADR 0011) gains the column, and its copied events
    /// are dropped so that the next refresh copies them all again with their causes: events are otherwise appended
    /// from the last id copied and would never get one.
    /// </summary>
    private static void UpgradeCareEvents(DuckDBConnection connection)
    {
        if (Scalar(connection, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'care_event' AND column_name = 'cause_code'") == 0)
        {
            Execute(connection, "BEGIN TRANSACTION; ALTER TABLE care_event ADD COLUMN cause_code VARCHAR; DELETE FROM care_event; COMMIT;");
        }
    }

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Indexes the same tables need on PostgreSQL, the framework's scale-out path: DuckDB joins by hashing whole
    /// columns and needs none, but PostgreSQL runs a correlated condition (a readmission's later admission, a death's
    /// hospital stay) once a row, and without these each run would read every event.
    /// </summary>
    public const string PostgresIndexes = """
        CREATE INDEX IF NOT EXISTS source_record_id ON source_record (source_record_id);
        CREATE INDEX IF NOT EXISTS source_record_person ON source_record (person_id);
        CREATE INDEX IF NOT EXISTS care_event_record ON care_event (source_record_id);
        CREATE INDEX IF NOT EXISTS condition_record ON condition (source_record_id);
        CREATE INDEX IF NOT EXISTS person_id ON person (person_id);
        """;

    /// <summary>
    /// The tables. Care events and conditions never change once imported, so they are appended by id; everything
    /// else can change (merges re-point records, referrals move on) and is rebuilt whole. An event's person is its
    /// partner record's person, looked up through <c>source_record</c> at query time (the views below), so that a
    /// merge or unmerge never leaves an appended event with a stale person.
    /// </summary>
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS person (
            person_id UUID NOT NULL, sex VARCHAR, date_of_birth DATE, date_of_death DATE, small_area_code VARCHAR,
            locality_code VARCHAR, ethnic_category VARCHAR, gp_practice_code VARCHAR);
        CREATE TABLE IF NOT EXISTS small_area (
            small_area_code VARCHAR NOT NULL, locality_code VARCHAR NOT NULL, imd_decile INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS locality (locality_code VARCHAR NOT NULL, name VARCHAR NOT NULL);
        CREATE TABLE IF NOT EXISTS source_record (source_record_id BIGINT NOT NULL, partner VARCHAR NOT NULL, person_id UUID);
        CREATE TABLE IF NOT EXISTS care_event (
            event_id BIGINT NOT NULL, source_record_id BIGINT NOT NULL, partner VARCHAR NOT NULL, event_type VARCHAR NOT NULL,
            start_date DATE NOT NULL, end_date DATE, code VARCHAR, discharge_destination VARCHAR, status_91_days VARCHAR,
            hours_per_week DOUBLE, unit_cost_gbp DOUBLE, cause_code VARCHAR);
        CREATE TABLE IF NOT EXISTS condition (
            condition_id BIGINT NOT NULL, source_record_id BIGINT NOT NULL, code VARCHAR NOT NULL, recorded_date DATE NOT NULL);
        CREATE TABLE IF NOT EXISTS referral (
            referral_id UUID NOT NULL, person_id UUID NOT NULL, received_at TIMESTAMP NOT NULL, source VARCHAR NOT NULL,
            need VARCHAR NOT NULL, setting VARCHAR NOT NULL, urgency VARCHAR NOT NULL, service_code VARCHAR, team_code VARCHAR,
            locality_code VARCHAR, imd_decile INTEGER, age_at_referral INTEGER, status VARCHAR NOT NULL,
            first_contact_at TIMESTAMP, closed_at TIMESTAMP, outcome VARCHAR, breached_at TIMESTAMP, clock_stopped_at TIMESTAMP,
            clock_paused_seconds DOUBLE NOT NULL);
        CREATE TABLE IF NOT EXISTS care_plan (care_plan_id UUID NOT NULL, person_id UUID NOT NULL, created_at TIMESTAMP NOT NULL);
        CREATE TABLE IF NOT EXISTS refresh (
            refreshed_at TIMESTAMP NOT NULL, people BIGINT NOT NULL, events_added BIGINT NOT NULL, conditions_added BIGINT NOT NULL,
            referrals BIGINT NOT NULL, seconds DOUBLE NOT NULL);
        CREATE OR REPLACE VIEW person_event AS
            SELECT s.person_id, e.* FROM care_event e JOIN source_record s USING (source_record_id) WHERE s.person_id IS NOT NULL;
        CREATE OR REPLACE VIEW person_condition AS
            SELECT s.person_id, c.code, min(c.recorded_date) AS first_recorded
            FROM condition c JOIN source_record s USING (source_record_id) WHERE s.person_id IS NOT NULL
            GROUP BY s.person_id, c.code;
        """;
}
