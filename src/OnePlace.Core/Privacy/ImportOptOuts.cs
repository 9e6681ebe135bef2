using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Privacy;

/// <summary>The outcome of importing an opt-out list: every bad line and why, or what the list now holds.</summary>
public sealed record OptOutImportResult(IReadOnlyList<ImportError> Errors, int NhsNumbers, int Replaced, DateOnly CheckedOn)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports the list of NHS numbers with a National Data Opt-out (<c>oneplace opt-outs import FILE</c>; the format is in
/// docs/data-formats.md, "National Data Opt-out list"; the decision in docs/adr/0017). As every import (docs/adr/0002)
/// the whole file is checked first: any line that is not one valid NHS number (Modulus 11, NHS Data Dictionary), or
/// that repeats an earlier line, refuses the file, every bad line listed with its reason, and nothing is changed. A
/// clean file replaces the list held, because each check with the service answers for the whole population at once:
/// a number missing from the new list is someone who has withdrawn their opt-out. The bad lines are described, never
/// quoted, so that no NHS number reaches a console or a log.
/// </summary>
public sealed class ImportOptOuts(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    /// <summary>Bad lines listed at most, as the extract importer does.</summary>
    public const int MaxErrors = 500;

    /// <summary>The optional first line of a list written as a one-column CSV.</summary>
    public const string Header = "nhs_number";

    /// <summary>Data stewards keep the partnership's data in order and the privacy officer manages the opt-out list
    /// (<see cref="Permission.ImportOptOuts"/>); nobody else changes whose data is used beyond their care.</summary>
    public static bool MayImport(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.ImportOptOuts);

    /// <summary>How many NHS numbers the list holds and its latest import (a count: no number is read out).</summary>
    public async Task<OptOutListState> CurrentAsync(CancellationToken cancellationToken = default)
    {
        int held = await db.NationalDataOptOuts.CountAsync(cancellationToken);
        var latest = await db.NationalDataOptOutChecks.AsNoTracking().OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new OptOutListState(held, latest);
    }

    public async Task<OptOutImportResult> ImportAsync(
        StaffActor actor, string fileName, TextReader file, DateOnly checkedOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(file);
        if (!MayImport(actor))
        {
            throw new OptOutImportDeniedException("Only data stewards and privacy officers may import the National Data Opt-out list.");
        }

        var errors = new List<ImportError>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (checkedOn > today)
        {
            errors.Add(new ImportError(fileName, 0, $"the date checked, {checkedOn:yyyy-MM-dd}, is in the future"));
        }

        var latest = await db.NationalDataOptOutChecks.AsNoTracking().OrderByDescending(c => c.CheckedOn).ThenByDescending(c => c.Id)
            .Select(c => (DateOnly?)c.CheckedOn).FirstOrDefaultAsync(cancellationToken);
        if (latest is { } held && checkedOn < held)
        {
            errors.Add(new ImportError(fileName, 0,
                $"the list held was checked on {held:yyyy-MM-dd}, after {checkedOn:yyyy-MM-dd}: an older list cannot replace a newer one"));
        }

        var numbers = await ReadAsync(fileName, file, errors, cancellationToken);
        if (errors.Count == 0 && numbers.Count == 0)
        {
            // An empty file is far more often a failed download than a borough where nobody has opted out, and taking it
            // at its word would put everyone's data back into every secondary use; refusing it fails safe.
            errors.Add(new ImportError(fileName, 1, "the file holds no NHS numbers"));
        }

        if (errors.Count > 0)
        {
            return new OptOutImportResult([.. errors.OrderBy(e => e.Line).Take(MaxErrors)], 0, 0, checkedOn);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int replaced = await db.NationalDataOptOuts.ExecuteDeleteAsync(cancellationToken);

        // ExecuteDelete bypasses the change tracker: numbers this context added before would clash with the new rows.
        foreach (var entry in db.ChangeTracker.Entries<NationalDataOptOut>().ToList())
        {
            entry.State = EntityState.Detached;
        }

        db.NationalDataOptOuts.AddRange(numbers.Select(n => new NationalDataOptOut { NhsNumber = n }));
        db.NationalDataOptOutChecks.Add(new NationalDataOptOutCheck
        {
            CheckedOn = checkedOn,
            ImportedAtUtc = clock.GetUtcNow().UtcDateTime,
            ImportedBy = actor.AuditName,
            FileName = fileName,
            NhsNumbers = numbers.Count,
        });

        // One row for the import and no person named: the list is a fact about the population, and an audit row per
        // number would itself be a register of who has opted out (docs/adr/0004, docs/adr/0017).
        audit.Add(actor.AuditName, OptOutAuditAction.ListImported, detail: string.Create(CultureInfo.InvariantCulture,
            $"file={fileName}; checked_on={checkedOn:yyyy-MM-dd}; nhs_numbers={numbers.Count}; replaced={replaced}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OptOutImportResult([], numbers.Count, replaced, checkedOn);
    }

    /// <summary>
    /// One NHS number a line, as the service's MESH files are written (each number may end with a comma); spaces and
    /// hyphens inside a number (3-3-4) are allowed, blank lines are skipped, and a first line <c>nhs_number</c> is a header.
    /// </summary>
    private static async Task<List<string>> ReadAsync(string fileName, TextReader file, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var numbers = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int line = 0;
        while (await file.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            string value = text.Trim().TrimStart('\uFEFF').Trim();
            if (value.EndsWith(','))
            {
                value = value[..^1].Trim();
            }

            if (value.Length == 0 || (line == 1 && value.Equals(Header, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            string number = NhsNumber.Clean(value);
            if (NhsNumber.Validate(number) is { } reason)
            {
                errors.Add(new ImportError(fileName, line, value.Contains(',', StringComparison.Ordinal)
                    ? "holds more than one field: expected one NHS number a line"
                    : "is not a valid NHS number: it " + reason));
            }
            else if (seen.TryGetValue(number, out int first))
            {
                errors.Add(new ImportError(fileName, line, $"repeats the NHS number on line {first}"));
            }
            else
            {
                seen[number] = line;
                numbers.Add(number);
            }
        }

        return numbers;
    }
}

/// <summary>The list held: its size and the import that made it (null before the first).</summary>
public sealed record OptOutListState(int NhsNumbers, NationalDataOptOutCheck? LatestImport);

/// <summary>Someone without the role asked to import the opt-out list; nothing was read or changed.</summary>
public sealed class OptOutImportDeniedException(string message) : Exception(message);
