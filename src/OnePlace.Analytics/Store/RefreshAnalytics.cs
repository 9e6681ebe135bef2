using System.Diagnostics;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Store;

namespace OnePlace.Analytics.Store;

/// <summary>What one refresh copied.</summary>
public sealed record AnalyticsRefreshResult(long People, long SourceRecords, long EventsAdded, long ConditionsAdded, long Referrals, long Events, TimeSpan Elapsed);

/// <summary>
/// Refreshes the analytical store from the operational store (<c>oneplace analytics refresh</c>): care events and
/// conditions are appended from the last id copied (they never change once imported); people, partner records'
/// people, geography, referrals and care plans are rebuilt whole and swapped in at once, so a reader never sees half a refresh.
/// The copy is for population health, not direct care: it is written as one audit row naming the actor and the counts.
/// </summary>
public sealed class RefreshAnalytics(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const string AuditAction = "analytics.refresh";

    public async Task<AnalyticsRefreshResult> RunAsync(AnalyticsStore store, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stopwatch = Stopwatch.StartNew();
        using var duck = store.Open();

        long lastEvent = AnalyticsStore.Scalar(duck, "SELECT coalesce(max(event_id), 0) FROM care_event");
        long eventsAdded = await AppendAsync(duck, "care_event",
            db.Events.AsNoTracking().Where(e => e.Id > lastEvent).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.SourceRecordId, e.Partner, e.EventType, e.StartDate, e.EndDate, e.Code, e.DischargeDestination, e.Status91Days, e.HoursPerWeek, e.UnitCostGbp, e.CauseCode }),
            (row, e) => row.AppendValue(e.Id).AppendValue(e.SourceRecordId).AppendValue(e.Partner).AppendValue(e.EventType).AppendValue(e.StartDate)
                .AppendValue(e.EndDate).AppendValue(e.Code).AppendValue(e.DischargeDestination).AppendValue(e.Status91Days)
                .AppendValue((double?)e.HoursPerWeek).AppendValue((double?)e.UnitCostGbp).AppendValue(e.CauseCode),
            cancellationToken);

        long lastCondition = AnalyticsStore.Scalar(duck, "SELECT coalesce(max(condition_id), 0) FROM condition");
        long conditionsAdded = await AppendAsync(duck, "condition",
            db.Conditions.AsNoTracking().Where(c => c.Id > lastCondition).OrderBy(c => c.Id).Select(c => new { c.Id, c.SourceRecordId, c.Code, c.RecordedDate }),
            (row, c) => row.AppendValue(c.Id).AppendValue(c.SourceRecordId).AppendValue(c.Code).AppendValue(c.RecordedDate),
            cancellationToken);

        long people = await ReplaceAsync(duck, "person",
            db.People.AsNoTracking().Where(p => p.MergedIntoId == null)
                .Select(p => new { p.Id, p.Sex, p.DateOfBirth, p.DateOfDeath, p.SmallAreaCode, p.LocalityCode, p.EthnicCategory, p.GpPracticeCode }),
            (row, p) => row.AppendValue(p.Id).AppendValue(p.Sex).AppendValue(p.DateOfBirth).AppendValue(p.DateOfDeath).AppendValue(p.SmallAreaCode)
                .AppendValue(p.LocalityCode).AppendValue(p.EthnicCategory).AppendValue(p.GpPracticeCode),
            cancellationToken);
        long records = await ReplaceAsync(duck, "source_record",
            db.SourceRecords.AsNoTracking().Select(r => new { r.Id, r.Partner, r.PersonId }),
            (row, r) => row.AppendValue(r.Id).AppendValue(r.Partner).AppendValue(r.PersonId),
            cancellationToken);
        await ReplaceAsync(duck, "small_area", db.SmallAreas.AsNoTracking().Select(a => new { a.Code, a.LocalityCode, a.ImdDecile }),
            (row, a) => row.AppendValue(a.Code).AppendValue(a.LocalityCode).AppendValue(a.ImdDecile), cancellationToken);
        await ReplaceAsync(duck, "locality", db.Localities.AsNoTracking().Select(l => new { l.Code, l.Name }),
            (row, l) => row.AppendValue(l.Code).AppendValue(l.Name), cancellationToken);
        long referrals = await ReplaceAsync(duck, "referral",
            db.Referrals.AsNoTracking().Select(r => new
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

        await ReplaceAsync(duck, "care_plan", db.CarePlans.AsNoTracking().Select(c => new { c.Id, c.PersonId, c.CreatedAtUtc }),
            (row, c) => row.AppendValue(c.Id).AppendValue(c.PersonId).AppendValue(c.CreatedAtUtc), cancellationToken);

        long events = AnalyticsStore.Scalar(duck, "SELECT count(*) FROM care_event");
        stopwatch.Stop();
        var now = clock.GetUtcNow().UtcDateTime;
        using (var log = duck.CreateAppender("refresh"))
        {
            log.CreateRow().AppendValue(now).AppendValue(people).AppendValue(eventsAdded).AppendValue(conditionsAdded).AppendValue(referrals)
                .AppendValue(stopwatch.Elapsed.TotalSeconds).EndRow();
        }

        audit.Add(actor, AuditAction, detail:
            $"people={people}; records={records}; events_added={eventsAdded}; conditions_added={conditionsAdded}; referrals={referrals}; store={store.Path}");
        await db.SaveChangesAsync(cancellationToken);
        return new AnalyticsRefreshResult(people, records, eventsAdded, conditionsAdded, referrals, events, stopwatch.Elapsed);
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
