using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Store;

namespace OnePlace.Analytics.Store;

/// <summary>What one refresh copied, and how many people it left out for their National Data Opt-out.</summary>
public sealed record AnalyticsRefreshResult(
    long People, long SourceRecords, long EventsAdded, long ConditionsAdded, long Referrals, long Events, TimeSpan Elapsed, long PeopleLeftOut = 0);

/// <summary>
/// Refreshes the analytical store from the operational store (<c>oneplace analytics refresh</c>): care events and
/// conditions are appended from the last id copied (they never change once imported); people, partner records'
/// people, geography, referrals and care plans are rebuilt whole and swapped in at once, so a reader never sees half a refresh.
/// The copy is for population health, not direct care: it is written as one audit row naming the actor and the counts.
/// <para>
/// It is also where the National Data Opt-out is applied (docs/adr/0017): every output used beyond direct care
/// (indicators, dashboards and exports, person measures, cohort counts, the risk model, the planning baseline) is
/// read from this store, so people on the opt-out list (<see cref="OptedOutPeople"/>) are left out of the copy with
/// their partner records, events, conditions, referrals and care plans. Events and conditions already copied for
/// someone now on the list are deleted; those of someone who has come off it are copied again, whatever their ids.
/// </para>
/// </summary>
public sealed class RefreshAnalytics(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const string AuditAction = "analytics.refresh";

    public async Task<AnalyticsRefreshResult> RunAsync(AnalyticsStore store, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stopwatch = Stopwatch.StartNew();
        using var duck = store.Open();
        var leftOutPeople = OptedOutPeople.Of(db);
        var leftOutRecords = OptedOutPeople.Records(db);
        long peopleLeftOut = await leftOutPeople.LongCountAsync(cancellationToken);

        // The records copied last time, to find those that come back (their people came off the opt-out list): their
        // events and conditions have ids below the last copied and would otherwise never be appended.
        AnalyticsStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE record_before AS SELECT source_record_id FROM source_record");

        long lastEvent = AnalyticsStore.Scalar(duck, "SELECT coalesce(max(event_id), 0) FROM care_event");
        long eventsAdded = await AppendAsync(duck, "care_event",
            db.Events.AsNoTracking().Where(e => e.Id > lastEvent && !leftOutRecords.Contains(e.SourceRecordId)).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.SourceRecordId, e.Partner, e.EventType, e.StartDate, e.EndDate, e.Code, e.DischargeDestination, e.Status91Days, e.HoursPerWeek, e.UnitCostGbp, e.CauseCode }),
            (row, e) => row.AppendValue(e.Id).AppendValue(e.SourceRecordId).AppendValue(e.Partner).AppendValue(e.EventType).AppendValue(e.StartDate)
                .AppendValue(e.EndDate).AppendValue(e.Code).AppendValue(e.DischargeDestination).AppendValue(e.Status91Days)
                .AppendValue((double?)e.HoursPerWeek).AppendValue((double?)e.UnitCostGbp).AppendValue(e.CauseCode),
            cancellationToken);

        long lastCondition = AnalyticsStore.Scalar(duck, "SELECT coalesce(max(condition_id), 0) FROM condition");
        long conditionsAdded = await AppendAsync(duck, "condition",
            db.Conditions.AsNoTracking().Where(c => c.Id > lastCondition && !leftOutRecords.Contains(c.SourceRecordId)).OrderBy(c => c.Id).Select(c => new { c.Id, c.SourceRecordId, c.Code, c.RecordedDate }),
            (row, c) => row.AppendValue(c.Id).AppendValue(c.SourceRecordId).AppendValue(c.Code).AppendValue(c.RecordedDate),
            cancellationToken);

        long people = await ReplaceAsync(duck, "person",
            db.People.AsNoTracking().Where(p => p.MergedIntoId == null && !leftOutPeople.Contains(p.Id))
                .Select(p => new { p.Id, p.Sex, p.DateOfBirth, p.DateOfDeath, p.SmallAreaCode, p.LocalityCode, p.EthnicCategory, p.GpPracticeCode }),
            (row, p) => row.AppendValue(p.Id).AppendValue(p.Sex).AppendValue(p.DateOfBirth).AppendValue(p.DateOfDeath).AppendValue(p.SmallAreaCode)
                .AppendValue(p.LocalityCode).AppendValue(p.EthnicCategory).AppendValue(p.GpPracticeCode),
            cancellationToken);
        long records = await ReplaceAsync(duck, "source_record",
            db.SourceRecords.AsNoTracking().Where(r => !leftOutRecords.Contains(r.Id)).Select(r => new { r.Id, r.Partner, r.PersonId }),
            (row, r) => row.AppendValue(r.Id).AppendValue(r.Partner).AppendValue(r.PersonId),
            cancellationToken);
        await ReplaceAsync(duck, "small_area", db.SmallAreas.AsNoTracking().Select(a => new { a.Code, a.LocalityCode, a.ImdDecile }),
            (row, a) => row.AppendValue(a.Code).AppendValue(a.LocalityCode).AppendValue(a.ImdDecile), cancellationToken);
        await ReplaceAsync(duck, "locality", db.Localities.AsNoTracking().Select(l => new { l.Code, l.Name }),
            (row, l) => row.AppendValue(l.Code).AppendValue(l.Name), cancellationToken);
        long referrals = await ReplaceAsync(duck, "referral",
            db.Referrals.AsNoTracking().Where(r => !leftOutPeople.Contains(r.PersonId)).Select(r => new
            {
                r.Id,
                r.PersonId,
                r.ReceivedAtUtc,
                r.Source,
                r.Need,
                r.Setting,
                r.Urgency,
                r.ServiceCode,
                r.TeamCode,
                r.LocalityCode,
                r.ImdDecile,
                r.AgeAtReferral,
                r.Status,
                r.FirstContactAtUtc,
                r.ClosedAtUtc,
                r.Outcome,
                r.BreachedAtUtc,
                r.ClockStoppedAtUtc,
                r.ClockPausedSeconds,
            }),
            (row, r) => row.AppendValue(r.Id).AppendValue(r.PersonId).AppendValue(r.ReceivedAtUtc).AppendValue(r.Source).AppendValue(r.Need)
                .AppendValue(r.Setting).AppendValue(r.Urgency).AppendValue(r.ServiceCode).AppendValue(r.TeamCode).AppendValue(r.LocalityCode)
                .AppendValue(r.ImdDecile).AppendValue(r.AgeAtReferral).AppendValue(r.Status).AppendValue(r.FirstContactAtUtc).AppendValue(r.ClosedAtUtc)
                .AppendValue(r.Outcome).AppendValue(r.BreachedAtUtc).AppendValue(r.ClockStoppedAtUtc).AppendValue(r.ClockPausedSeconds),
            cancellationToken);

        await ReplaceAsync(duck, "care_plan", db.CarePlans.AsNoTracking().Where(c => !leftOutPeople.Contains(c.PersonId)).Select(c => new { c.Id, c.PersonId, c.CreatedAtUtc }),
            (row, c) => row.AppendValue(c.Id).AppendValue(c.PersonId).AppendValue(c.CreatedAtUtc), cancellationToken);

        var (eventsBack, conditionsBack) = await CopyReturnedRecordsAsync(duck, lastEvent, lastCondition, cancellationToken);
        eventsAdded += eventsBack;
        conditionsAdded += conditionsBack;

        // What was copied for someone now on the opt-out list goes: events and conditions whose record is no longer in
        // the store, and the person measures (with their risk scores) computed for people no longer in it, so that no
        // output read before the measures are next computed can count them.
        AnalyticsStore.Execute(duck, """
            BEGIN TRANSACTION;
            DELETE FROM care_event WHERE source_record_id NOT IN (SELECT source_record_id FROM source_record);
            DELETE FROM condition WHERE source_record_id NOT IN (SELECT source_record_id FROM source_record);
            COMMIT;
            """);
        foreach (var measures in new[] { "person_measure", "person_measure_baseline" })
        {
            if (AnalyticsStore.Scalar(duck, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{measures}'") > 0)
            {
                AnalyticsStore.Execute(duck, $"DELETE FROM {measures} WHERE person_id NOT IN (SELECT person_id FROM person)");
            }
        }

        AnalyticsStore.Execute(duck, "DROP TABLE record_before");

        long events = AnalyticsStore.Scalar(duck, "SELECT count(*) FROM care_event");
        stopwatch.Stop();
        var now = clock.GetUtcNow().UtcDateTime;
        using (var log = duck.CreateAppender("refresh"))
        {
            log.CreateRow().AppendValue(now).AppendValue(people).AppendValue(eventsAdded).AppendValue(conditionsAdded).AppendValue(referrals)
                .AppendValue(stopwatch.Elapsed.TotalSeconds).EndRow();
        }

        audit.Add(actor, AuditAction, detail:
            $"people={people}; people_left_out_opt_out={peopleLeftOut}; records={records}; events_added={eventsAdded}; conditions_added={conditionsAdded}; referrals={referrals}; store={store.Path}");
        await db.SaveChangesAsync(cancellationToken);
        return new AnalyticsRefreshResult(people, records, eventsAdded, conditionsAdded, referrals, events, stopwatch.Elapsed, peopleLeftOut);
    }

    /// <summary>
    /// Copies the events and conditions, up to the last ids already copied, of records in the store now that were not in
    /// it before this refresh: records whose person has come off the opt-out list (a record imported since has none so
    /// old). A record's events are asked for in batches of ids so that the query stays within both stores' limits on
    /// parameters; rows already held are not copied twice.
    /// </summary>
    private async Task<(long Events, long Conditions)> CopyReturnedRecordsAsync(
        DuckDBConnection duck, long lastEvent, long lastCondition, CancellationToken cancellationToken)
    {
        var returned = new List<long>();
        using (var command = duck.CreateCommand())
        {
            command.CommandText = "SELECT source_record_id FROM source_record WHERE source_record_id NOT IN (SELECT source_record_id FROM record_before)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                returned.Add(reader.GetInt64(0));
            }
        }

        long events = 0, conditions = 0;
        if (lastEvent == 0 && lastCondition == 0)
        {
            return (0, 0);
        }

        foreach (var batch in returned.Chunk(500))
        {
            events += await StageAsync(duck, "care_event",
                db.Events.AsNoTracking().Where(e => e.Id <= lastEvent && batch.Contains(e.SourceRecordId)).OrderBy(e => e.Id)
                    .Select(e => new { e.Id, e.SourceRecordId, e.Partner, e.EventType, e.StartDate, e.EndDate, e.Code, e.DischargeDestination, e.Status91Days, e.HoursPerWeek, e.UnitCostGbp, e.CauseCode }),
                (row, e) => row.AppendValue(e.Id).AppendValue(e.SourceRecordId).AppendValue(e.Partner).AppendValue(e.EventType).AppendValue(e.StartDate)
                    .AppendValue(e.EndDate).AppendValue(e.Code).AppendValue(e.DischargeDestination).AppendValue(e.Status91Days)
                    .AppendValue((double?)e.HoursPerWeek).AppendValue((double?)e.UnitCostGbp).AppendValue(e.CauseCode),
                cancellationToken);
            AnalyticsStore.Execute(duck, """
                BEGIN TRANSACTION;
                INSERT INTO care_event SELECT * FROM care_event__next WHERE event_id NOT IN (SELECT event_id FROM care_event);
                DROP TABLE care_event__next; COMMIT;
                """);
            conditions += await StageAsync(duck, "condition",
                db.Conditions.AsNoTracking().Where(c => c.Id <= lastCondition && batch.Contains(c.SourceRecordId)).OrderBy(c => c.Id)
                    .Select(c => new { c.Id, c.SourceRecordId, c.Code, c.RecordedDate }),
                (row, c) => row.AppendValue(c.Id).AppendValue(c.SourceRecordId).AppendValue(c.Code).AppendValue(c.RecordedDate),
                cancellationToken);
            AnalyticsStore.Execute(duck, """
                BEGIN TRANSACTION;
                INSERT INTO condition SELECT * FROM condition__next WHERE condition_id NOT IN (SELECT condition_id FROM condition);
                DROP TABLE condition__next; COMMIT;
                """);
        }

        return (events, conditions);
    }

    /// <summary>Appends new rows through a staging table, moved in one transaction, so that a failed refresh leaves
    /// no partial batch behind (the next refresh starts from the last id that was committed).</summary>
    private static async Task<long> AppendAsync<T>(
        DuckDBConnection duck, string table, IQueryable<T> rows, Action<IDuckDBAppenderRow, T> write, CancellationToken cancellationToken)
    {
        long count = await StageAsync(duck, table, rows, write, cancellationToken);
        AnalyticsStore.Execute(duck, $"BEGIN TRANSACTION; INSERT INTO {table} SELECT * FROM {table}__next; DROP TABLE {table}__next; COMMIT;");
        return count;
    }

    /// <summary>Rebuilds a table through a staging table swapped in one transaction.</summary>
    private static async Task<long> ReplaceAsync<T>(
        DuckDBConnection duck, string table, IQueryable<T> rows, Action<IDuckDBAppenderRow, T> write, CancellationToken cancellationToken)
    {
        long count = await StageAsync(duck, table, rows, write, cancellationToken);
        AnalyticsStore.Execute(duck, $"BEGIN TRANSACTION; DELETE FROM {table}; INSERT INTO {table} SELECT * FROM {table}__next; DROP TABLE {table}__next; COMMIT;");
        return count;
    }

    private static async Task<long> StageAsync<T>(
        DuckDBConnection duck, string table, IQueryable<T> rows, Action<IDuckDBAppenderRow, T> write, CancellationToken cancellationToken)
    {
        AnalyticsStore.Execute(duck, $"CREATE OR REPLACE TABLE {table}__next AS SELECT * FROM {table} LIMIT 0");
        long count = 0;
        using (var appender = duck.CreateAppender($"{table}__next"))
        {
            await foreach (var item in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                var row = appender.CreateRow();
                write(row, item);
                row.EndRow();
                count++;
            }
        }

        return count;
    }
}
