using System.Data;
using System.Data.Common;
using OnePlace.Core.Audit;
using OnePlace.Core.Geography;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.Services;

namespace OnePlace.Core.Import;

/// <summary>
/// The write pass of an import, inside the import's transaction. Rows have already been validated; this pass
/// re-reads each file, inserts rows that are new, links records to people on a valid NHS number, and keeps each
/// person's demographics from their most authoritative record (GP registration first). Records without an NHS
/// number are left for the person index (<see cref="PersonIndex.LinkPeople"/>), which runs next in the same transaction.
/// </summary>
internal sealed class ExtractWriter(DbConnection connection, DbTransaction transaction, bool sqlite, DateTime nowUtc, DateOnly today)
{
    private const int ProgressEvery = 20_000;

    private readonly StoreCommands _sql = new(connection, transaction, sqlite);

    /// <summary>The precedence of a person with no record yet: any record's details are better.</summary>
    private const int NoRecord = int.MaxValue;

    private readonly PlaceFinder _places = new();
    private readonly Dictionary<string, PersonState> _peopleByNhs = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PersonState> _peopleById = [];
    private readonly Dictionary<string, Dictionary<string, (long Id, Guid? PersonId)>> _records = [];
    private readonly HashSet<Guid> _touched = [];
    private readonly Dictionary<string, int> _teamCapacity = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DateOnly> _deaths = [];

    public int PeopleCreated => CreatedPeople.Count;

    /// <summary>
    /// People this import made on an NHS number not seen before. They are provisional until the person index runs:
    /// a partner may already hold the same person without an NHS number, and then these records join that person.
    /// </summary>
    public HashSet<Guid> CreatedPeople { get; } = [];

    private sealed class PersonState(Guid id, int precedence)
    {
        public Guid Id { get; } = id;
        public int Precedence { get; set; } = precedence;
        public PersonRow? Better { get; set; }
    }

    public Task LoadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var r in Query("SELECT \"Postcode\", \"SmallAreaCode\" FROM \"postcodes\""))
        {
            _places.AddPostcode((string)r[0], (string)r[1]);
        }

        foreach (var r in Query("SELECT \"Code\", \"LocalityCode\" FROM \"small_areas\""))
        {
            _places.AddSmallArea((string)r[0], (string)r[1]);
        }

        foreach (var r in Query($"SELECT \"Code\", \"LocalityCode\" FROM \"organisations\" WHERE \"Kind\" = '{OrganisationKind.GpPractice}'"))
        {
            if (r[1] is string locality)
            {
                _places.AddPractice((string)r[0], locality);
            }
        }

        // A person a data steward merged into another keeps their NHS number; new records carrying it join the survivor.
        var mergedInto = Query("SELECT \"Id\", \"MergedIntoId\" FROM \"people\" WHERE \"MergedIntoId\" IS NOT NULL")
            .ToDictionary(r => AsGuid(r[0]), r => AsGuid(r[1]));
        Guid Survivor(Guid id)
        {
            for (int hops = 0; hops < mergedInto.Count && mergedInto.TryGetValue(id, out var next); hops++)
            {
                id = next;
            }

            return id;
        }

        var sql = "SELECT p.\"Id\", p.\"NhsNumber\", r.\"Partner\" FROM \"people\" p LEFT JOIN \"source_records\" r ON r.\"PersonId\" = p.\"Id\" WHERE p.\"NhsNumber\" IS NOT NULL";
        foreach (var r in Query(sql))
        {
            var id = Survivor(AsGuid(r[0]));
            var nhs = (string)r[1];
            int precedence = r[2] is string partner ? Partner.DemographicPrecedence(partner) : NoRecord;
            if (!_peopleById.TryGetValue(id, out var state))
            {
                state = new PersonState(id, precedence);
                _peopleById[id] = state;
            }

            state.Precedence = Math.Min(state.Precedence, precedence);
            _peopleByNhs[nhs] = state;
        }

        // A survivor without an NHS number of their own: their records' precedence was not in the query above.
        using (var partnersOf = Command("SELECT DISTINCT \"Partner\" FROM \"source_records\" WHERE \"PersonId\" = @p0", 1))
        {
            foreach (var survivor in mergedInto.Values.Select(Survivor).Distinct())
            {
                if (_peopleById.TryGetValue(survivor, out var state))
                {
                    partnersOf.Parameters[0].Value = sqlite ? survivor.ToString().ToUpperInvariant() : survivor;
                    using var reader = partnersOf.ExecuteReader();
                    while (reader.Read())
                    {
                        state.Precedence = Math.Min(state.Precedence, Partner.DemographicPrecedence(reader.GetString(0)));
                    }
                }
            }
        }

        using var partners = Insert("organisations", ("Code", DbType.String), ("Name", DbType.String), ("Kind", DbType.String), ("Partner", DbType.String));
        foreach (var partner in Partner.All)
        {
            partners.Add(partner, PartnerName(partner), OrganisationKind.Partner, partner);
        }

        partners.Flush();

        return Task.CompletedTask;
    }

    private static string PartnerName(string partner) => partner switch
    {
        Partner.Gp => "GP practices",
        Partner.Hospital => "Acute hospital trust",
        Partner.Community => "Community health services",
        Partner.Council => "Council adult social care",
        _ => "Voluntary and community sector",
    };

    /// <summary>Writes one validated file; returns its row count and how many rows were new.</summary>
    public (int Rows, int Added) WriteFile(string file, string path, string sha256, Action<int> progress)
    {
        using var fileInsert = Insert("imported_files", returnId: true,
            ("Partner", DbType.String), ("FileName", DbType.String), ("Sha256", DbType.String), ("RowCount", DbType.Int32), ("ImportedAtUtc", DbType.DateTime));
        string partner = file[..file.IndexOf('/', StringComparison.Ordinal)];
        int rowCount = File.ReadLines(path).Skip(1).Count(l => l.Length > 0);
        long fileId = fileInsert.AddReturningId(partner, file, sha256, rowCount, nowUtc)
            ?? throw new InvalidOperationException($"{file} was imported concurrently by another process.");

        int rows = 0;
        void Count()
        {
            if (++rows % ProgressEvery == 0)
            {
                progress(ProgressEvery);
            }
        }

        var header = ExtractLayout.Headers[file];
        var rowsOfFile = ExtractReader.Rows(path, file, header, e => throw new InvalidOperationException($"{e} (the file changed after it was checked)"),
            ExtractLayout.OptionalTrailingColumns(file));
        var reasons = new List<string>();
        BulkInsert insert;
        switch (file)
        {
            case ExtractLayout.Localities:
                insert = Insert("localities", ("Code", DbType.String), ("Name", DbType.String));
                foreach (var (_, f) in rowsOfFile)
                {
                    insert.Add(f[0].Trim(), f[1].Trim());
                    Count();
                }

                break;
            case ExtractLayout.SmallAreas:
                insert = Insert("small_areas", ("Code", DbType.String), ("Name", DbType.String), ("LocalityCode", DbType.String), ("ImdDecile", DbType.Int32));
                foreach (var (_, f) in rowsOfFile)
                {
                    _places.AddSmallArea(f[0], f[2]);
                    insert.Add(f[0], Blank(f[1]), f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture));
                    Count();
                }

                break;
            case ExtractLayout.Postcodes:
                insert = Insert("postcodes", ("Postcode", DbType.String), ("SmallAreaCode", DbType.String));
                foreach (var (_, f) in rowsOfFile)
                {
                    var postcode = FieldRules.NormalisePostcode(f[0])!;
                    _places.AddPostcode(postcode, f[1]);
                    insert.Add(postcode, f[1]);
                    Count();
                }

                break;
            case ExtractLayout.Services:
                insert = Insert("services", ("Code", DbType.String), ("Name", DbType.String), ("Partner", DbType.String), ("Kind", DbType.String),
                    ("Eligibility", DbType.String), ("MinimumAge", DbType.Int32), ("OpensAt", DbType.Time), ("ClosesAt", DbType.Time), ("OpenAtWeekends", DbType.Boolean));
                foreach (var (_, f) in rowsOfFile)
                {
                    var offer = ServiceDefaults.For(f[3]);
                    _teamCapacity[f[0]] = offer.TeamCapacity;
                    insert.Add(f[0], f[1], f[2], f[3], offer.Eligibility, offer.MinimumAge, offer.OpensAt, offer.ClosesAt, offer.Weekends);
                    Count();
                }

                break;
            case ExtractLayout.Teams:
                insert = Insert("teams", ("Code", DbType.String), ("Name", DbType.String), ("ServiceCode", DbType.String), ("LocalityCode", DbType.String), ("Capacity", DbType.Int32));
                foreach (var (_, f) in rowsOfFile)
                {
                    insert.Add(f[0], f[1], f[2], Blank(f[3]), _teamCapacity.GetValueOrDefault(f[2], 200));
                    Count();
                }

                break;
            case ExtractLayout.Practices:
                insert = Insert("organisations",
                    ("Code", DbType.String), ("Name", DbType.String), ("Kind", DbType.String), ("Partner", DbType.String), ("LocalityCode", DbType.String), ("Postcode", DbType.String));
                foreach (var (_, f) in rowsOfFile)
                {
                    _places.AddPractice(f[0], f[2]);
                    insert.Add(f[0], f[1], OrganisationKind.GpPractice, Partner.Gp, f[2], Blank(f[3]) is { } pc ? FieldRules.NormalisePostcode(pc) : null);
                    Count();
                }

                break;
            case ExtractLayout.Conditions:
                insert = Insert("conditions",
                    ("SourceRecordId", DbType.Int64), ("PersonId", DbType.Guid), ("Code", DbType.String), ("RecordedDate", DbType.Date), ("ImportedFileId", DbType.Int64));
                var gpRecords = RecordsOf(Partner.Gp);
                foreach (var (_, f) in rowsOfFile)
                {
                    reasons.Clear();
                    var (recordId, code, recorded) = ExtractRows.ParseCondition(f, reasons)!.Value;
                    var (sourceId, personId) = gpRecords[recordId];
                    insert.Add(sourceId, personId, code, recorded, fileId);
                    Count();
                }

                break;
            default:
                insert = file.EndsWith("/people.csv", StringComparison.Ordinal)
                    ? WritePeople(partner, rowsOfFile, fileId, reasons, Count)
                    : WriteEvents(partner, rowsOfFile, fileId, reasons, Count);
                break;
        }

        using (insert)
        {
            insert.Flush();
        }

        progress(rows % ProgressEvery);
        return (rows, (int)insert.Written);
    }

    private BulkInsert WritePeople(string partner, IEnumerable<(int Line, string[] Fields)> rows, long fileId, List<string> reasons, Action count)
    {
        var records = RecordsOf(partner);
        int precedence = Partner.DemographicPrecedence(partner);
        using var people = Insert("people",
            ("Id", DbType.Guid), ("NhsNumber", DbType.String), ("GivenName", DbType.String), ("FamilyName", DbType.String),
            ("DateOfBirth", DbType.Date), ("Sex", DbType.String), ("Postcode", DbType.String), ("SmallAreaCode", DbType.String),
            ("LocalityCode", DbType.String), ("EthnicCategory", DbType.String), ("GpPracticeCode", DbType.String), ("CreatedAtUtc", DbType.DateTime));
        var insert = Insert("source_records", returnId: true,
            ("Partner", DbType.String), ("LocalRecordId", DbType.String), ("PersonId", DbType.Guid), ("NhsNumber", DbType.String),
            ("GivenName", DbType.String), ("FamilyName", DbType.String), ("DateOfBirth", DbType.Date), ("Sex", DbType.String),
            ("Postcode", DbType.String), ("Address", DbType.String), ("Phone", DbType.String), ("Email", DbType.String),
            ("EthnicCategory", DbType.String), ("GpPracticeCode", DbType.String), ("ImportedFileId", DbType.Int64),
            ("LinkMethod", DbType.String), ("LinkedAtUtc", DbType.DateTime));
        foreach (var (_, f) in rows)
        {
            reasons.Clear();
            var row = ExtractRows.ParsePerson(f, today, reasons)!;
            count();
            if (records.ContainsKey(row.RecordId))
            {
                continue;
            }

            Guid? personId = null;
            if (row.NhsNumber is { } nhs)
            {
                if (!_peopleByNhs.TryGetValue(nhs, out var state))
                {
                    state = new PersonState(Guid.CreateVersion7(), precedence);
                    var (area, locality) = Place(row);
                    people.Add(state.Id, nhs, row.GivenName, row.FamilyName, row.DateOfBirth, row.Sex, row.Postcode, area, locality,
                        row.Ethnicity, row.GpPracticeCode, nowUtc);
                    people.Flush(); // the record below refers to this person
                    _peopleByNhs[nhs] = state;
                    _peopleById[state.Id] = state;
                    CreatedPeople.Add(state.Id);
                }
                else if (precedence < state.Precedence)
                {
                    state.Precedence = precedence;
                    state.Better = row;
                }

                personId = state.Id;
                _touched.Add(state.Id);
            }

            long id = insert.AddReturningId(partner, row.RecordId, personId, row.NhsNumber, row.GivenName, row.FamilyName, row.DateOfBirth,
                row.Sex, row.Postcode, row.Address, row.Phone, row.Email, row.Ethnicity, row.GpPracticeCode, fileId,
                personId is null ? null : LinkMethod.NhsNumber, personId is null ? null : nowUtc)!.Value;
            records[row.RecordId] = (id, personId);
        }

        people.Flush();
        return insert;
    }

    private BulkInsert WriteEvents(string partner, IEnumerable<(int Line, string[] Fields)> rows, long fileId, List<string> reasons, Action count)
    {
        var records = RecordsOf(partner);
        var existing = ExistingEventIds(partner);
        var insert = Insert("events",
            ("Partner", DbType.String), ("LocalEventId", DbType.String), ("SourceRecordId", DbType.Int64), ("PersonId", DbType.Guid),
            ("EventType", DbType.String), ("StartDate", DbType.Date), ("EndDate", DbType.Date), ("Code", DbType.String),
            ("DischargeDestination", DbType.String), ("HoursPerWeek", DbType.Decimal), ("Status91Days", DbType.String),
            ("UnitCostGbp", DbType.Decimal), ("ImportedFileId", DbType.Int64), ("CauseCode", DbType.String));
        foreach (var (_, f) in rows)
        {
            reasons.Clear();
            var e = ExtractRows.ParseEvent(partner, f, reasons)!;
            count();
            if (existing.Contains(e.EventId))
            {
                continue;
            }

            var (sourceId, personId) = records[e.RecordId];
            insert.Add(partner, e.EventId, sourceId, personId, e.EventType, e.StartDate, e.EndDate, e.Code,
                e.DischargeDestination, e.HoursPerWeek, e.Status91Days, e.UnitCostGbp, fileId, e.CauseCode);
            if (personId is { } pid)
            {
                _touched.Add(pid);
                if (e.EventType == "death" || e.DischargeDestination == "79")
                {
                    var died = e.DischargeDestination == "79" ? e.EndDate ?? e.StartDate : e.StartDate;
                    _deaths[pid] = _deaths.TryGetValue(pid, out var earlier) && earlier < died ? earlier : died;
                }
            }
        }

        return insert;
    }

    /// <summary>The partner's event ids already in the store, so that only new events are written and audited.</summary>
    private HashSet<string> ExistingEventIds(string partner)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var command = Command("SELECT \"LocalEventId\" FROM \"events\" WHERE \"Partner\" = @p0", 1);
        command.Parameters[0].Value = partner;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Applies better demographics and dates of death, and writes the audit rows for every person touched.</summary>
    public void Finish(string actor, IReadOnlyList<FileOutcome> outcomes)
    {
        using (var update = Command(
            "UPDATE \"people\" SET \"GivenName\"=@p1, \"FamilyName\"=@p2, \"DateOfBirth\"=@p3, \"Sex\"=@p4, \"Postcode\"=@p5, " +
            "\"SmallAreaCode\"=@p6, \"LocalityCode\"=@p7, \"EthnicCategory\"=@p8, \"GpPracticeCode\"=@p9 WHERE \"Id\"=@p0", 10))
        {
            foreach (var state in _peopleById.Values.Where(s => s.Better is not null))
            {
                var row = state.Better!;
                var (area, locality) = Place(row);
                Execute(update, state.Id, row.GivenName, row.FamilyName, row.DateOfBirth, row.Sex, row.Postcode, area, locality, row.Ethnicity, row.GpPracticeCode);
            }
        }

        using (var died = Command("UPDATE \"people\" SET \"DateOfDeath\"=@p1 WHERE \"Id\"=@p0 AND (\"DateOfDeath\" IS NULL OR \"DateOfDeath\" > @p1)", 2))
        {
            foreach (var (id, date) in _deaths)
            {
                Execute(died, id, date);
            }
        }

        // One audit row per person whose record was written (ARCHITECTURE.md security baseline), plus one for the import.
        // Chained as written (docs/adr/0018): each row gets its id and hash from the chain's head.
        var chain = _sql.BeginAuditChain();
        using var audit = Insert("audit_log",
            ("Id", DbType.Int64), ("OccurredAtUtc", DbType.DateTime), ("Actor", DbType.String), ("Action", DbType.String), ("PersonId", DbType.Guid),
            ("Reason", DbType.String), ("Detail", DbType.String), ("Hash", DbType.String));
        const string reason = "Partner extract import";
        var summary = string.Join("; ", outcomes.Select(o => o.AlreadyImported ? $"{o.File}: already imported" : $"{o.File}: {o.Added} of {o.Rows} rows new"));
        AddAudit(audit, chain, actor, null, reason, summary);
        foreach (var id in _touched)
        {
            AddAudit(audit, chain, actor, id, reason, null);
        }

        audit.Flush();
    }

    private void AddAudit(BulkInsert audit, AuditAppender chain, string actor, Guid? personId, string reason, string? detail)
    {
        var (id, at, hash) = chain.Next(nowUtc, actor, AuditAction.Import, personId, reason, detail);
        audit.Add(id, at, actor, AuditAction.Import, personId, reason, detail, hash);
    }

    private (string? Area, string? Locality) Place(PersonRow row) => _places.Find(row.Postcode, row.GpPracticeCode);

    private Dictionary<string, (long Id, Guid? PersonId)> RecordsOf(string partner)
    {
        if (_records.TryGetValue(partner, out var map))
        {
            return map;
        }

        map = new Dictionary<string, (long, Guid?)>(StringComparer.Ordinal);
        using var command = Command("SELECT \"Id\", \"LocalRecordId\", \"PersonId\" FROM \"source_records\" WHERE \"Partner\" = @p0", 1);
        command.Parameters[0].Value = partner;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                map[reader.GetString(1)] = (reader.GetInt64(0), reader.IsDBNull(2) ? null : AsGuid(reader.GetValue(2)));
            }
        }

        _records[partner] = map;
        return map;
    }

    private static Guid AsGuid(object value) => value is Guid g ? g : Guid.Parse((string)value);

    private static string? Blank(string value) => value.Trim().Length == 0 ? null : value.Trim();

    private BulkInsert Insert(string table, params (string Name, DbType Type)[] columns) => _sql.Insert(table, columns);

    private BulkInsert Insert(string table, bool returnId, params (string Name, DbType Type)[] columns) => _sql.Insert(table, returnId, columns);

    private DbCommand Command(string sql, int parameters) => _sql.Command(sql, parameters);

    private void Execute(DbCommand command, params object?[] values) => _sql.Run(command, values);

    private List<object[]> Query(string sql) => _sql.Query(sql);
}
