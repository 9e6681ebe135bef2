using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnePlace.Core.Audit;
using OnePlace.Core.Events;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Services;
using OnePlace.Core.Store;

namespace OnePlace.Core.Import;

/// <summary>
/// Imports a folder of partner extracts (docs/data-formats.md). Every row of every file is validated first; if any
/// row is bad nothing is written and every bad line is reported. A clean folder is written in one transaction.
/// A file already imported (same SHA-256) is skipped, and rows whose key already exists are left as they are, so
/// importing the same extract twice changes nothing.
/// A record joins a person on a valid NHS number as it is written; the person index (<see cref="LinkPeople"/>) then links
/// the rest probabilistically, in the same transaction.
/// </summary>
public sealed class ExtractImporter(OnePlaceDb db, TimeProvider? clock = null)
{
    /// <summary>Beyond this many reasons per file the report says how many more there were.</summary>
    public const int MaxErrorsPerFile = 500;

    private const int ProgressEvery = 20_000;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<ImportResult> ImportFolderAsync(
        string folder, string actor, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            return Failed(new ImportError(folder, 0, "the folder does not exist"));
        }

        var present = ExtractLayout.ImportOrder().Where(f => File.Exists(Path.Combine(folder, f))).ToList();
        if (present.Count == 0)
        {
            return Failed(new ImportError(folder, 0, "holds no partner extract files (expected e.g. gp/people.csv; see docs/data-formats.md)"));
        }

        var known = await KnownKeys.LoadAsync(db, cancellationToken);
        var files = new List<(string File, string Path, string Sha256)>();
        var skipped = new List<FileOutcome>();
        foreach (var file in present)
        {
            var path = Path.Combine(folder, file);
            var hash = await HashAsync(path, cancellationToken);
            if (known.FileHashes.Contains(hash))
            {
                skipped.Add(new FileOutcome(file, 0, 0, AlreadyImported: true));
            }
            else
            {
                files.Add((file, path, hash));
            }
        }

        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var errors = new List<ImportError>();
        long totalRows = 0;
        foreach (var (file, path, _) in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ImportProgress($"checking {file}", 0, 0));
            totalRows += Validate(file, path, known, today, errors);
        }

        if (errors.Count > 0 || files.Count == 0)
        {
            return new ImportResult(errors, skipped, 0);
        }

        return await WriteAsync(files, skipped, actor, today, totalRows, progress, cancellationToken);
    }

    private static ImportResult Failed(ImportError error) => new([error], [], 0);

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>Checks every row of one file, adding its keys to <paramref name="known"/> for the files after it.</summary>
    private static int Validate(string file, string path, KnownKeys known, DateOnly today, List<ImportError> errors)
    {
        int rows = 0, reported = 0, suppressed = 0;
        var reasons = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string partner = file[..file.IndexOf('/', StringComparison.Ordinal)];

        void Report(ImportError error)
        {
            if (reported < MaxErrorsPerFile)
            {
                errors.Add(error);
                reported++;
            }
            else
            {
                suppressed++;
            }
        }

        void Unique(string key, string what)
        {
            if (key.Length > 0 && !seen.Add(key))
            {
                reasons.Add($"{what} '{key}' appears more than once in this file");
            }
        }

        foreach (var (line, f) in ExtractReader.Rows(path, file, ExtractLayout.Headers[file], Report, ExtractLayout.OptionalTrailingColumns(file)))
        {
            rows++;
            reasons.Clear();
            switch (file)
            {
                case ExtractLayout.Localities:
                    Required(f[0], "locality_code", reasons);
                    Required(f[1], "locality_name", reasons);
                    Unique(f[0], "locality_code");
                    known.Localities.Add(f[0]);
                    break;
                case ExtractLayout.SmallAreas:
                    Required(f[0], "small_area_code", reasons);
                    Unique(f[0], "small_area_code");
                    Exists(f[2], known.Localities, "locality_code", reasons);
                    if (!int.TryParse(f[3], out var decile) || decile is < 1 or > 10)
                    {
                        reasons.Add($"imd_decile '{f[3]}' must be a whole number from 1 to 10");
                    }

                    known.SmallAreas.Add(f[0]);
                    break;
                case ExtractLayout.Postcodes:
                    if (FieldRules.NormalisePostcode(f[0]) is null)
                    {
                        reasons.Add($"postcode '{f[0]}' is not a UK postcode");
                    }

                    Unique(FieldRules.NormalisePostcode(f[0]) ?? f[0], "postcode");
                    Exists(f[1], known.SmallAreas, "small_area_code", reasons);
                    break;
                case ExtractLayout.Services:
                    Required(f[0], "service_code", reasons);
                    Required(f[1], "service_name", reasons);
                    Unique(f[0], "service_code");
                    if (!Partner.IsKnown(f[2]))
                    {
                        reasons.Add($"partner '{f[2]}' must be one of {string.Join(", ", Partner.All)}");
                    }

                    if (!EventCatalogue.ServiceKinds.Contains(f[3]))
                    {
                        reasons.Add($"service_kind '{f[3]}' must be one of {string.Join(", ", EventCatalogue.ServiceKinds)}");
                    }

                    known.Services.Add(f[0]);
                    break;
                case ExtractLayout.Teams:
                    Required(f[0], "team_code", reasons);
                    Required(f[1], "team_name", reasons);
                    Unique(f[0], "team_code");
                    Exists(f[2], known.Services, "service_code", reasons);
                    if (f[3].Length > 0)
                    {
                        Exists(f[3], known.Localities, "locality_code", reasons);
                    }

                    break;
                case ExtractLayout.Practices:
                    if (!FieldRules.IsPracticeCode(f[0]))
                    {
                        reasons.Add($"practice_code '{f[0]}' is not a practice code (one letter and five digits)");
                    }

                    Required(f[1], "practice_name", reasons);
                    Unique(f[0], "practice_code");
                    Exists(f[2], known.Localities, "locality_code", reasons);
                    if (f[3].Length > 0 && FieldRules.NormalisePostcode(f[3]) is null)
                    {
                        reasons.Add($"postcode '{f[3]}' is not a UK postcode");
                    }

                    break;
                case ExtractLayout.Conditions:
                    if (ExtractRows.ParseCondition(f, reasons) is { } condition)
                    {
                        Exists(condition.RecordId, known.Records(Partner.Gp), "record_id", reasons, "gp/people.csv");
                    }

                    break;
                default:
                    if (file.EndsWith("/people.csv", StringComparison.Ordinal))
                    {
                        ExtractRows.ParsePerson(f, today, reasons);
                        Unique(f[0].Trim(), "record_id");
                        known.Records(partner).Add(f[0].Trim());
                    }
                    else
                    {
                        if (ExtractRows.ParseEvent(partner, f, reasons) is { } row)
                        {
                            Exists(row.RecordId, known.Records(partner), "record_id", reasons, $"{partner}/people.csv");
                        }

                        Unique(f[0].Trim(), "event_id");
                    }

                    break;
            }

            if (reasons.Count > 0)
            {
                Report(new ImportError(file, line, string.Join("; ", reasons)));
            }
        }

        if (suppressed > 0)
        {
            errors.Add(new ImportError(file, 0, $"and {suppressed} more bad rows not listed"));
        }

        return rows;
    }

    private static void Required(string value, string column, List<string> reasons)
    {
        if (value.Trim().Length == 0)
        {
            reasons.Add($"{column} is required");
        }
    }

    private static void Exists(string value, HashSet<string> known, string column, List<string> reasons, string? where = null)
    {
        if (!known.Contains(value))
        {
            reasons.Add(value.Length == 0
                ? $"{column} is required"
                : $"{column} '{value}' is not known{(where is null ? "" : $" (not in {where} nor already imported)")}");
        }
    }

    private async Task<ImportResult> WriteAsync(
        List<(string File, string Path, string Sha256)> files, List<FileOutcome> skipped, string actor, DateOnly today,
        long totalRows, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        bool sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                // WAL lets the web site keep reading while a large import writes; a larger page cache (256 MiB, this
                // connection only) keeps the event indexes in memory while a million rows go in.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;", cancellationToken);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var writer = new ExtractWriter(db.Database.GetDbConnection(), transaction.GetDbTransaction(), sqlite, _clock.GetUtcNow().UtcDateTime, today);
            await writer.LoadAsync(cancellationToken);
            var outcomes = new List<FileOutcome>(skipped);
            long done = 0;
            foreach (var (file, path, sha) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (rows, added) = writer.WriteFile(file, path, sha, n =>
                {
                    done += n;
                    progress?.Report(new ImportProgress($"importing {file}", done, totalRows));
                });
                outcomes.Add(new FileOutcome(file, rows, added, AlreadyImported: false));
            }

            writer.Finish(actor, outcomes);

            // The person index links the records that came without an NHS number, in this same transaction (ADR 0005).
            progress?.Report(new ImportProgress("linking people", 0, 0));
            var linkageProgress = progress is null ? null : new LinkageStageProgress(progress);
            var linkage = await new LinkPeople(db, _clock).RunInTransactionAsync(actor, linkageProgress, writer.CreatedPeople, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (sqlite)
            {
                // Fold the import's write-ahead log into the database file now rather than leave a WAL as large as the store.
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", CancellationToken.None);
            }

            progress?.Report(new ImportProgress("done", totalRows, totalRows));
            return new ImportResult([], outcomes, writer.PeopleCreated - linkage.ProvisionalPeopleJoined + linkage.PeopleCreated, linkage);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reports the linkage run's phases as import progress (per mille, so that a progress bar can show them).</summary>
    private sealed class LinkageStageProgress(IProgress<ImportProgress> progress) : IProgress<OnePlace.Linkage.LinkageProgress>
    {
        public void Report(OnePlace.Linkage.LinkageProgress value) =>
            progress.Report(new ImportProgress($"linking people: {value.Phase}", (long)Math.Round(value.Fraction * 1000), 1000));
    }

    /// <summary>The keys already in the store, which rows in the files may refer to.</summary>
    private sealed class KnownKeys
    {
        private readonly Dictionary<string, HashSet<string>> _records = [];

        public HashSet<string> FileHashes { get; } = [];
        public HashSet<string> Localities { get; } = [];
        public HashSet<string> SmallAreas { get; } = [];
        public HashSet<string> Services { get; } = [];

        public HashSet<string> Records(string partner)
        {
            if (!_records.TryGetValue(partner, out var set))
            {
                _records[partner] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            return set;
        }

        public static async Task<KnownKeys> LoadAsync(OnePlaceDb db, CancellationToken ct)
        {
            var known = new KnownKeys();
            known.FileHashes.UnionWith(await db.ImportedFiles.Select(f => f.Sha256).ToListAsync(ct));
            known.Localities.UnionWith(await db.Localities.Select(l => l.Code).ToListAsync(ct));
            known.SmallAreas.UnionWith(await db.SmallAreas.Select(a => a.Code).ToListAsync(ct));
            known.Services.UnionWith(await db.Services.Select(s => s.Code).ToListAsync(ct));
            await foreach (var r in db.SourceRecords.AsNoTracking().Select(r => new { r.Partner, r.LocalRecordId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                known.Records(r.Partner).Add(r.LocalRecordId);
            }

            return known;
        }
    }
}
