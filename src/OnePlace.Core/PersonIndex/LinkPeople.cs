using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnePlace.Core.Audit;
using OnePlace.Core.Geography;
using OnePlace.Core.Import;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.Store;
using OnePlace.Linkage;

namespace OnePlace.Core.PersonIndex;

/// <summary>What a linkage run did.</summary>
/// <param name="Records">Every source record the run read (the model is trained on all of them).</param>
/// <param name="RecordsLinked">Records that had no person and now have one.</param>
/// <param name="PeopleCreated">New people, one for each group of records that matched no existing person.</param>
/// <param name="PeopleTouched">People created or given more records (one audit row each).</param>
/// <param name="ReviewPairs">Open pairs left for a data steward.</param>
/// <param name="ProvisionalPeopleJoined">People made earlier in the same import on a new NHS number whose records joined a person already known.</param>
public sealed record LinkRunResult(int Records, int RecordsLinked, int PeopleCreated, int PeopleTouched, int ReviewPairs, int ProvisionalPeopleJoined = 0)
{
    public static readonly LinkRunResult Nothing = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The master person index's linkage run (PRODUCT.md A2; docs/adr/0005). Reads every source record, hands them to
/// <see cref="Linker"/> with the people records already belong to (never renumbered) and every data steward's
/// decision, and then: creates a person for each new group of records (details from its most authoritative record),
/// links the records that had no person (and their events and conditions), keeps each link's explanation, replaces
/// the review queue, refreshes the details of people who gained a more authoritative record, and writes one audit
/// row per person touched. Runs inside the import's transaction, after its write pass, so an import and its
/// linkage commit or fail together (ADR 0002). Writes are set-based (bulk inserts and joined updates), not tracked
/// entities, so that a borough's first import of 100,000+ records links in seconds.
/// </summary>
public sealed class LinkPeople(OnePlaceDb db, TimeProvider? clock = null)
{
    public const string AuditReason = "Person index linkage";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Runs in a transaction of its own; use when records were written other than by an import.</summary>
    public async Task<LinkRunResult> RunAsync(string actor, IProgress<LinkageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await RunInTransactionAsync(actor, progress, null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs inside the transaction the caller has begun on <see cref="OnePlaceDb.Database"/> (the import's).</summary>
    /// <param name="provisional">
    /// People the same import made on NHS numbers not seen before: their records may still join a person already
    /// known without an NHS number (then the provisional person, never committed, is removed).
    /// </param>
    internal async Task<LinkRunResult> RunInTransactionAsync(string actor, IProgress<LinkageProgress>? progress, IReadOnlySet<Guid>? provisional, CancellationToken cancellationToken)
    {
        provisional ??= new HashSet<Guid>();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Linkage runs inside a transaction begun on the store.");
        var sql = new StoreCommands(db.Database.GetDbConnection(), transaction, db.Database.IsSqlite());
        var nowUtc = _clock.GetUtcNow().UtcDateTime;

        var stored = await db.SourceRecords.AsNoTracking()
            .OrderBy(r => r.Id)
            .Select(r => new StoredRecord(r.Id, r.Partner, r.PersonId, r.NhsNumber, r.GivenName, r.FamilyName, r.DateOfBirth,
                r.Sex, r.Postcode, r.Address, r.Phone, r.Email, r.EthnicCategory, r.GpPracticeCode))
            .ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            return LinkRunResult.Nothing;
        }

        var indexOf = new Dictionary<long, int>(stored.Count);
        for (int i = 0; i < stored.Count; i++)
        {
            indexOf[stored[i].Id] = i;
        }

        var decisions = await LatestDecisionsAsync(cancellationToken);
        var options = new LinkageOptions
        {
            ExistingPeople = stored.Where(r => r.PersonId is { } p && !provisional.Contains(p))
                .ToDictionary(r => Key(r.Id), r => r.PersonId!.Value.ToString(), StringComparer.Ordinal),
            ProvisionalPeople = stored.Where(r => r.PersonId is { } p && provisional.Contains(p))
                .ToDictionary(r => Key(r.Id), r => r.PersonId!.Value.ToString(), StringComparer.Ordinal),
            Decisions = [.. decisions.Select(d => new PairDecision(Key(d.Key.A), Key(d.Key.B), d.Value))],
            Progress = progress,
        };

        cancellationToken.ThrowIfCancellationRequested();
        var result = Linker.Link([.. stored.Select(ToLinkRecord)], options);
        cancellationToken.ThrowIfCancellationRequested();

        var plan = Plan(stored, result, provisional);
        var places = await LoadPlacesAsync(cancellationToken);
        var deaths = await DeathsByRecordAsync(cancellationToken);

        InsertPeople(sql, plan, stored, places, nowUtc);
        LinkRecords(sql, plan, stored, result, nowUtc);
        RemoveJoinedProvisionalPeople(sql, plan, stored);
        RefreshDetails(sql, plan, stored, places);
        var died = RecordDeaths(sql, plan, stored, deaths);
        var reviewPairs = ReplaceReviewQueue(sql, stored, result, decisions, indexOf, nowUtc);
        var run = new LinkRunResult(stored.Count, plan.Linked.Count, plan.NewPeople.Count, plan.RecordsGained.Count, reviewPairs, plan.ProvisionalJoined.Count);
        Audit(sql, actor, nowUtc, plan, died, run);
        return run;
    }

    /// <summary>The latest decision on each pair of records (a later decision on the same pair replaces an earlier one).</summary>
    private async Task<Dictionary<(long A, long B), bool>> LatestDecisionsAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<(long, long), bool>();
        var rows = await db.LinkDecisions.AsNoTracking()
            .OrderBy(d => d.DecidedAtUtc).ThenBy(d => d.Id)
            .Select(d => new { d.RecordIdA, d.RecordIdB, d.IsMatch })
            .ToListAsync(cancellationToken);
        foreach (var d in rows)
        {
            latest[Ordered(d.RecordIdA, d.RecordIdB)] = d.IsMatch;
        }

        return latest;
    }

    /// <summary>Who each record now belongs to, which people are new, and who gained records.</summary>
    private static LinkPlan Plan(List<StoredRecord> stored, LinkageResult result, IReadOnlySet<Guid> provisional)
    {
        var personOfCluster = new Guid?[result.ClusterCount];
        for (int c = 0; c < result.ClusterCount; c++)
        {
            personOfCluster[c] = result.ExistingPersonOfCluster[c] is { } key ? Guid.Parse(key) : null;
        }

        var plan = new LinkPlan();
        for (int i = 0; i < stored.Count; i++)
        {
            var record = stored[i];
            int cluster = result.ClusterOfRecord[i];
            if (record.PersonId is { } existing && (!provisional.Contains(existing) || personOfCluster[cluster] == existing))
            {
                // A run keeps every record with the person it already belongs to (people are never renumbered).
                if (personOfCluster[cluster] != existing)
                {
                    throw new InvalidOperationException($"Linkage moved source record {record.Id} away from its person; nothing was changed.");
                }

                int precedence = Partner.DemographicPrecedence(record.Partner);
                plan.ExistingPrecedence[existing] = Math.Min(plan.ExistingPrecedence.GetValueOrDefault(existing, int.MaxValue), precedence);
                continue;
            }

            if (record.PersonId is { } joined)
            {
                // A person made moments ago in this import on a new NHS number, who is someone already known.
                plan.ProvisionalJoined.Add(joined);
            }

            if (personOfCluster[cluster] is null)
            {
                // A group of records that matched no one already known: a new person, with an id that never changes.
                personOfCluster[cluster] = Guid.CreateVersion7();
                plan.NewPeople.Add(personOfCluster[cluster]!.Value);
            }

            var person = personOfCluster[cluster]!.Value;
            plan.Linked.Add((i, person));
            var gained = plan.RecordsGained.GetValueOrDefault(person);
            plan.RecordsGained[person] = gained + 1;

            // The best new record of each person: most authoritative partner first, then the earliest record.
            if (!plan.BestNewRecord.TryGetValue(person, out var best) ||
                Partner.DemographicPrecedence(record.Partner) < Partner.DemographicPrecedence(stored[best].Partner))
            {
                plan.BestNewRecord[person] = i;
            }
        }

        return plan;
    }

    private async Task<PlaceFinder> LoadPlacesAsync(CancellationToken cancellationToken)
    {
        var places = new PlaceFinder();
        foreach (var p in await db.Postcodes.AsNoTracking().Select(p => new { p.Postcode, p.SmallAreaCode }).ToListAsync(cancellationToken))
        {
            places.AddPostcode(p.Postcode, p.SmallAreaCode);
        }

        foreach (var a in await db.SmallAreas.AsNoTracking().Select(a => new { a.Code, a.LocalityCode }).ToListAsync(cancellationToken))
        {
            places.AddSmallArea(a.Code, a.LocalityCode);
        }

        var practices = await db.Organisations.AsNoTracking()
            .Where(o => o.Kind == OrganisationKind.GpPractice && o.LocalityCode != null)
            .Select(o => new { o.Code, o.LocalityCode })
            .ToListAsync(cancellationToken);
        foreach (var o in practices)
        {
            places.AddPractice(o.Code, o.LocalityCode!);
        }

        return places;
    }

    /// <summary>Deaths recorded against each record: a record linked in this run brings its death to its person.</summary>
    private async Task<Dictionary<long, DateOnly>> DeathsByRecordAsync(CancellationToken cancellationToken)
    {
        var events = await db.Events.AsNoTracking()
            // Every record's, not only unlinked ones': a provisional person's records carry theirs to the person they join.
            .Where(e => e.EventType == "death" || e.DischargeDestination == "79")
            .Select(e => new { e.SourceRecordId, e.StartDate, e.EndDate, e.DischargeDestination })
            .ToListAsync(cancellationToken);
        var deaths = new Dictionary<long, DateOnly>();
        foreach (var e in events)
        {
            // As the import reads them: a death event's date, or the end of a stay that ended in death (destination 79).
            var died = e.DischargeDestination == "79" ? e.EndDate ?? e.StartDate : e.StartDate;
            deaths[e.SourceRecordId] = deaths.TryGetValue(e.SourceRecordId, out var earlier) && earlier < died ? earlier : died;
        }

        return deaths;
    }

    private static void InsertPeople(StoreCommands sql, LinkPlan plan, List<StoredRecord> stored, PlaceFinder places, DateTime nowUtc)
    {
        if (plan.NewPeople.Count == 0)
        {
            return;
        }

        using var people = sql.Insert("people",
            ("Id", DbType.Guid), ("NhsNumber", DbType.String), ("GivenName", DbType.String), ("FamilyName", DbType.String),
            ("DateOfBirth", DbType.Date), ("Sex", DbType.String), ("Postcode", DbType.String), ("SmallAreaCode", DbType.String),
            ("LocalityCode", DbType.String), ("EthnicCategory", DbType.String), ("GpPracticeCode", DbType.String), ("CreatedAtUtc", DbType.DateTime));
        foreach (var id in plan.NewPeople)
        {
            var best = stored[plan.BestNewRecord[id]];
            var (area, locality) = places.Find(best.Postcode, best.GpPracticeCode);
            // No NHS number: every record that has one joined its person at import (ADR 0003), so a new group has none.
            people.Add(id, null, best.GivenName, best.FamilyName, best.DateOfBirth, best.Sex, best.Postcode, area, locality,
                best.EthnicCategory, best.GpPracticeCode, nowUtc);
        }

        people.Flush();
    }

    /// <summary>
    /// Sets each newly linked record's person and explanation with one joined UPDATE from a temporary table, then
    /// gives their events and conditions the same person (they carry it so that a timeline is one indexed read).
    /// </summary>
    private static void LinkRecords(StoreCommands sql, LinkPlan plan, List<StoredRecord> stored, LinkageResult result, DateTime nowUtc)
    {
        if (plan.Linked.Count == 0)
        {
            return;
        }

        sql.Execute(sql.IsSqlite ? "DROP TABLE IF EXISTS temp.link_updates" : "DROP TABLE IF EXISTS pg_temp.link_updates");
        sql.Execute(sql.IsSqlite
            ? "CREATE TEMP TABLE link_updates (\"Id\" INTEGER PRIMARY KEY, \"PersonId\" TEXT NOT NULL, \"LinkProbability\" REAL, \"LinkedToRecordId\" INTEGER, \"LinkExplanation\" TEXT)"
            : "CREATE TEMP TABLE link_updates (\"Id\" bigint PRIMARY KEY, \"PersonId\" uuid NOT NULL, \"LinkProbability\" double precision, \"LinkedToRecordId\" bigint, \"LinkExplanation\" text) ON COMMIT DROP");
        using (var updates = sql.Insert("link_updates",
            ("Id", DbType.Int64), ("PersonId", DbType.Guid), ("LinkProbability", DbType.Double), ("LinkedToRecordId", DbType.Int64), ("LinkExplanation", DbType.String)))
        {
            foreach (var (index, person) in plan.Linked)
            {
                if (result.WhyLinked(index) is { } why)
                {
                    int other = why.A == index ? why.B : why.A;
                    updates.Add(stored[index].Id, person, why.Probability, stored[other].Id, LinkExplanation.From(why).ToJson());
                }
                else
                {
                    // The only record of a new person: nothing else matched it well enough.
                    updates.Add(stored[index].Id, person, null, null, null);
                }
            }

            updates.Flush();
        }

        sql.Execute(
            "UPDATE \"source_records\" SET \"PersonId\" = u.\"PersonId\", \"LinkMethod\" = @p0, \"LinkProbability\" = u.\"LinkProbability\", " +
            "\"LinkedToRecordId\" = u.\"LinkedToRecordId\", \"LinkExplanation\" = u.\"LinkExplanation\", \"LinkedAtUtc\" = @p1 " +
            "FROM \"link_updates\" AS u WHERE \"source_records\".\"Id\" = u.\"Id\"",
            LinkMethod.Linkage, nowUtc);
        foreach (var table in new[] { "events", "conditions" })
        {
            sql.Execute(
                $"UPDATE \"{table}\" SET \"PersonId\" = (SELECT r.\"PersonId\" FROM \"source_records\" r WHERE r.\"Id\" = \"{table}\".\"SourceRecordId\") " +
                $"WHERE \"SourceRecordId\" IN (SELECT \"Id\" FROM \"link_updates\")");
        }

        sql.Execute(sql.IsSqlite ? "DROP TABLE temp.link_updates" : "DROP TABLE pg_temp.link_updates");
    }

    /// <summary>An existing person who gained a more authoritative record takes their details from it (ADR 0003's rule).</summary>
    /// <summary>
    /// Removes the provisional people whose records all joined a person already known (made in this same
    /// transaction, so never seen), and gives that person the NHS number they came with if they had none.
    /// </summary>
    private static void RemoveJoinedProvisionalPeople(StoreCommands sql, LinkPlan plan, List<StoredRecord> stored)
    {
        if (plan.ProvisionalJoined.Count == 0)
        {
            return;
        }

        using (var remove = sql.Command(
            "DELETE FROM \"people\" WHERE \"Id\" = @p0 AND NOT EXISTS (SELECT 1 FROM \"source_records\" r WHERE r.\"PersonId\" = @p0)", 1))
        {
            foreach (var person in plan.ProvisionalJoined)
            {
                sql.Run(remove, person);
            }
        }

        using var number = sql.Command("UPDATE \"people\" SET \"NhsNumber\" = @p1 WHERE \"Id\" = @p0 AND \"NhsNumber\" IS NULL", 2);
        foreach (var (index, person) in plan.Linked)
        {
            if (stored[index].PersonId is { } from && plan.ProvisionalJoined.Contains(from) && stored[index].NhsNumber is { } nhs)
            {
                sql.Run(number, person, nhs);
            }
        }
    }

    private static void RefreshDetails(StoreCommands sql, LinkPlan plan, List<StoredRecord> stored, PlaceFinder places)
    {
        using var update = sql.Command(
            "UPDATE \"people\" SET \"GivenName\"=@p1, \"FamilyName\"=@p2, \"DateOfBirth\"=@p3, \"Sex\"=@p4, \"Postcode\"=@p5, " +
            "\"SmallAreaCode\"=@p6, \"LocalityCode\"=@p7, \"EthnicCategory\"=@p8, \"GpPracticeCode\"=@p9 WHERE \"Id\"=@p0", 10);
        foreach (var (person, precedence) in plan.ExistingPrecedence)
        {
            if (plan.BestNewRecord.TryGetValue(person, out var index) && Partner.DemographicPrecedence(stored[index].Partner) < precedence)
            {
                var best = stored[index];
                var (area, locality) = places.Find(best.Postcode, best.GpPracticeCode);
                sql.Run(update, person, best.GivenName, best.FamilyName, best.DateOfBirth, best.Sex, best.Postcode, area, locality,
                    best.EthnicCategory, best.GpPracticeCode);
                plan.Refreshed.Add(person);
            }
        }
    }

    private static HashSet<Guid> RecordDeaths(StoreCommands sql, LinkPlan plan, List<StoredRecord> stored, Dictionary<long, DateOnly> deaths)
    {
        var byPerson = new Dictionary<Guid, DateOnly>();
        foreach (var (index, person) in plan.Linked)
        {
            if (deaths.TryGetValue(stored[index].Id, out var died))
            {
                byPerson[person] = byPerson.TryGetValue(person, out var earlier) && earlier < died ? earlier : died;
            }
        }

        using var update = sql.Command("UPDATE \"people\" SET \"DateOfDeath\"=@p1 WHERE \"Id\"=@p0 AND (\"DateOfDeath\" IS NULL OR \"DateOfDeath\" > @p1)", 2);
        foreach (var (person, died) in byPerson)
        {
            sql.Run(update, person, died);
        }

        return [.. byPerson.Keys];
    }

    /// <summary>
    /// Replaces the open review queue with this run's pairs worth a steward's look: one per pair of people (their
    /// strongest pair of records), leaving out pairs already decided and people a steward has said are different.
    /// </summary>
    private static int ReplaceReviewQueue(
        StoreCommands sql, List<StoredRecord> stored, LinkageResult result, Dictionary<(long A, long B), bool> decisions,
        Dictionary<long, int> indexOf, DateTime nowUtc)
    {
        var apart = new HashSet<(int, int)>();
        foreach (var ((a, b), isMatch) in decisions)
        {
            if (!isMatch && indexOf.TryGetValue(a, out var ia) && indexOf.TryGetValue(b, out var ib))
            {
                apart.Add(OrderedClusters(result.ClusterOfRecord[ia], result.ClusterOfRecord[ib]));
            }
        }

        var queued = new HashSet<(int, int)>();
        sql.Execute("DELETE FROM \"link_review_pairs\"");
        using var insert = sql.Insert("link_review_pairs",
            ("RecordIdA", DbType.Int64), ("RecordIdB", DbType.Int64), ("Probability", DbType.Double), ("MatchWeight", DbType.Double),
            ("Explanation", DbType.String), ("FoundAtUtc", DbType.DateTime));
        foreach (var pair in result.ReviewPairs.OrderByDescending(p => p.Probability).ThenBy(p => Math.Min(p.A, p.B)).ThenBy(p => Math.Max(p.A, p.B)))
        {
            var clusters = OrderedClusters(result.ClusterOfRecord[pair.A], result.ClusterOfRecord[pair.B]);
            var records = Ordered(stored[pair.A].Id, stored[pair.B].Id);
            if (clusters.Item1 == clusters.Item2 || apart.Contains(clusters) || decisions.ContainsKey(records) || !queued.Add(clusters))
            {
                continue;
            }

            insert.Add(records.A, records.B, pair.Probability, pair.MatchWeight, LinkExplanation.From(pair).ToJson(), nowUtc);
        }

        insert.Flush();
        return queued.Count;
    }

    private static void Audit(StoreCommands sql, string actor, DateTime nowUtc, LinkPlan plan, HashSet<Guid> died, LinkRunResult run)
    {
        // One row per person touched (ARCHITECTURE.md security baseline): counts only, never names.
        // Chained as written (docs/adr/0018): each row gets its id and hash from the chain's head.
        var chain = sql.BeginAuditChain();
        using var audit = sql.Insert("audit_log",
            ("Id", DbType.Int64), ("OccurredAtUtc", DbType.DateTime), ("Actor", DbType.String), ("Action", DbType.String), ("PersonId", DbType.Guid),
            ("Reason", DbType.String), ("Detail", DbType.String), ("Hash", DbType.String));
        void Add(string action, Guid? person, string detail)
        {
            var (id, at, hash) = chain.Next(nowUtc, actor, action, person, AuditReason, detail);
            audit.Add(id, at, actor, action, person, AuditReason, detail, hash);
        }

        Add(AuditAction.LinkageRun, null, string.Create(CultureInfo.InvariantCulture,
            $"records={run.Records}; linked={run.RecordsLinked}; new_people={run.PeopleCreated}; people_touched={run.PeopleTouched}; review_pairs={run.ReviewPairs}"));
        var created = plan.NewPeople.ToHashSet();
        foreach (var joined in plan.ProvisionalJoined)
        {
            Add(AuditAction.LinkPerson, joined, "provisional_person_joined_known_person=true");
        }

        foreach (var (person, count) in plan.RecordsGained)
        {
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"records_linked={count}; new_person={(created.Contains(person) ? "true" : "false")}; details_refreshed={(plan.Refreshed.Contains(person) ? "true" : "false")}")
                + (died.Contains(person) ? "; date_of_death_set=true" : "");
            Add(AuditAction.LinkPerson, person, detail);
        }

        audit.Flush();
    }

    private static LinkRecord ToLinkRecord(StoredRecord r) => new(Key(r.Id), r.Partner)
    {
        NhsNumber = r.NhsNumber,
        GivenName = r.GivenName,
        FamilyName = r.FamilyName,
        DateOfBirth = r.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Sex = r.Sex,
        Postcode = r.Postcode,
        Address = r.Address,
        Phone = r.Phone,
        Email = r.Email,
    };

    /// <summary>A source record's id as the linker knows it.</summary>
    internal static string Key(long recordId) => recordId.ToString(CultureInfo.InvariantCulture);

    internal static (long A, long B) Ordered(long a, long b) => a <= b ? (a, b) : (b, a);

    private static (int, int) OrderedClusters(int a, int b) => a <= b ? (a, b) : (b, a);

    private sealed record StoredRecord(
        long Id, string Partner, Guid? PersonId, string? NhsNumber, string? GivenName, string? FamilyName, DateOnly? DateOfBirth,
        string? Sex, string? Postcode, string? Address, string? Phone, string? Email, string? EthnicCategory, string? GpPracticeCode);

    private sealed class LinkPlan
    {
        /// <summary>Records (by index) that had no person, and the person they join.</summary>
        public List<(int Index, Guid Person)> Linked { get; } = [];

        public List<Guid> NewPeople { get; } = [];

        /// <summary>How many records each person gained in this run.</summary>
        public Dictionary<Guid, int> RecordsGained { get; } = [];

        public Dictionary<Guid, int> BestNewRecord { get; } = [];

        /// <summary>The best precedence among each existing person's records before the run.</summary>
        public Dictionary<Guid, int> ExistingPrecedence { get; } = [];

        public HashSet<Guid> Refreshed { get; } = [];

        /// <summary>Provisional people (made in this import) whose records joined a person already known.</summary>
        public HashSet<Guid> ProvisionalJoined { get; } = [];
    }
}
