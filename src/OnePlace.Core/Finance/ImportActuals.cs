using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.Store;

namespace OnePlace.Core.Finance;

/// <summary>The outcome of importing a monthly actuals file: every bad line and why, or what was written.</summary>
public sealed record ActualsImportResult(IReadOnlyList<ImportError> Errors, int Rows, int Replaced, IReadOnlyList<DateOnly> Months)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports a file of monthly actuals into an agreement's ledger (PRODUCT.md E1; the format is in docs/data-formats.md,
/// "Pooled fund monthly actuals"). As every import (docs/adr/0002), the whole file is checked first and any bad row
/// refuses it, every bad line listed with its reason and nothing changed. Actuals already held for a scheme and month
/// in the file are replaced only when the caller says so (<c>replace</c>); otherwise those lines are refused, so that a
/// file sent twice or a month sent by mistake cannot silently overwrite a closed month (docs/adr/0016).
/// </summary>
public sealed class ImportActuals(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public static readonly string[] Header = ["scheme", "partner", "month", "amount"];

    /// <summary>Bad lines listed at most, as the extract importer does.</summary>
    public const int MaxErrors = 500;

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        DetectDelimiter = false,
        BadDataFound = null,
        TrimOptions = TrimOptions.Trim,
    };

    private sealed record Row(int Line, PooledFundScheme Scheme, string? Partner, DateOnly Month, decimal Amount);

    public async Task<ActualsImportResult> ImportAsync(
        StaffActor actor, int agreementId, string fileName, TextReader file, bool replace, CancellationToken cancellationToken = default)
    {
        PooledFundAccess.CheckChange(actor);
        var agreement = await db.PooledFundAgreements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken)
            ?? throw new PooledFundChangeException($"There is no agreement {agreementId}.");
        var schemes = (await db.PooledFundSchemes.AsNoTracking().Where(s => s.AgreementId == agreementId).ToListAsync(cancellationToken))
            .ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        var partners = (await db.PooledFundPartners.AsNoTracking().Where(p => p.AgreementId == agreementId).Select(p => p.OrganisationCode)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var errors = new List<ImportError>();
        var rows = Read(fileName, file, agreement, schemes, partners, errors);
        if (errors.Count == 0 && rows.Count == 0)
        {
            errors.Add(new ImportError(fileName, 2, "the file has a header but no rows"));
        }

        var schemeIds = rows.Select(r => r.Scheme.Id).Distinct().ToList();
        var months = rows.Select(r => r.Month).Distinct().Order().ToList();
        var held = (await db.SchemeActuals.AsNoTracking()
            .Where(a => schemeIds.Contains(a.SchemeId) && months.Contains(a.Month))
            .Select(a => new { a.SchemeId, a.Month }).ToListAsync(cancellationToken))
            .Select(a => (a.SchemeId, a.Month)).ToHashSet();
        if (!replace)
        {
            foreach (var row in rows.Where(r => held.Contains((r.Scheme.Id, r.Month))).GroupBy(r => (r.Scheme.Id, r.Month)).Select(g => g.First()))
            {
                errors.Add(new ImportError(fileName, row.Line,
                    $"actuals for scheme {row.Scheme.Code} in {row.Month:yyyy-MM} are already held; import the file again choosing to replace them"));
            }
        }

        if (errors.Count > 0)
        {
            return new ActualsImportResult([.. errors.OrderBy(e => e.Line).Take(MaxErrors)], 0, 0, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        int replaced = 0;
        foreach (var (schemeId, month) in held)
        {
            replaced += await db.SchemeActuals.Where(a => a.SchemeId == schemeId && a.Month == month).ExecuteDeleteAsync(cancellationToken);
        }

        db.SchemeActuals.AddRange(rows.Select(r => new SchemeActual
        {
            SchemeId = r.Scheme.Id,
            PartnerCode = r.Partner,
            Month = r.Month,
            AmountGbp = r.Amount,
            ImportedAtUtc = now,
            ImportedBy = actor.AuditName,
        }));
        audit.Add(actor.AuditName, PooledFundAuditAction.ActualsImported, detail: string.Create(CultureInfo.InvariantCulture,
            $"agreement={agreementId}; file={fileName}; rows={rows.Count}; total={rows.Sum(r => r.Amount)}; months={string.Join(' ', months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)))}; replaced={replaced}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ActualsImportResult([], rows.Count, replaced, months);
    }

    private List<Row> Read(
        string fileName, TextReader file, PooledFundAgreement agreement, Dictionary<string, PooledFundScheme> schemes,
        HashSet<string> partners, List<ImportError> errors)
    {
        var rows = new List<Row>();
        using var parser = new CsvParser(file, Configuration, leaveOpen: true);
        if (!parser.Read())
        {
            errors.Add(new ImportError(fileName, 1, "the file is empty: expected a header row " + string.Join(",", Header)));
            return rows;
        }

        var found = parser.Record ?? [];
        if (!found.Select(f => f.Trim().TrimStart('\uFEFF')).SequenceEqual(Header, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ImportError(fileName, 1, $"the header is '{string.Join(",", found)}' but must be '{string.Join(",", Header)}'"));
            return rows;
        }

        var firstMonth = new DateOnly(agreement.StartDate.Year, agreement.StartDate.Month, 1);
        var lastMonth = FinancialYear.MonthOf(agreement.LastYear, FinancialYear.Months);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var seen = new Dictionary<(int Scheme, string Partner, DateOnly Month), int>();
        while (parser.Read())
        {
            var f = parser.Record!;
            int line = parser.RawRow;
            if (f.Length == 1 && f[0].Length == 0)
            {
                continue;
            }

            if (f.Length != Header.Length)
            {
                errors.Add(new ImportError(fileName, line, $"has {f.Length} fields but the header has {Header.Length}"));
                continue;
            }

            var reasons = new List<string>();
            if (!schemes.TryGetValue(f[0], out var scheme))
            {
                reasons.Add($"scheme '{f[0]}' is not a scheme of the agreement");
            }

            string? partner = f[1].Length == 0 ? null : f[1];
            if (partner is not null && !partners.TryGetValue(partner, out partner))
            {
                reasons.Add($"partner '{f[1]}' is not a partner of the agreement");
            }

            DateOnly month = default;
            if (!DateOnly.TryParseExact(f[2], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
            {
                reasons.Add($"month '{f[2]}' is not a month written yyyy-MM");
            }
            else if (month < firstMonth || month > lastMonth)
            {
                reasons.Add($"month {f[2]} is outside the agreement's years ({firstMonth:yyyy-MM} to {lastMonth:yyyy-MM})");
            }
            else if (month > today)
            {
                reasons.Add($"month {f[2]} has not begun, so it can have no actuals");
            }

            if (!decimal.TryParse(f[3], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                reasons.Add($"amount '{f[3]}' is not an amount in pounds such as 1234.56 (no £ sign or thousands separators)");
            }
            else if (decimal.Round(amount, 2) != amount || Math.Abs(amount) >= 1_000_000_000m)
            {
                reasons.Add($"amount '{f[3]}' must be in pounds and pence (two decimal places at most) and under £1,000,000,000");
            }

            if (reasons.Count == 0 && scheme is not null)
            {
                var key = (scheme.Id, partner ?? "", month);
                if (seen.TryGetValue(key, out int first))
                {
                    reasons.Add($"repeats line {first}: scheme {scheme.Code}, {(partner is null ? "no partner" : "partner " + partner)}, {f[2]}");
                }
                else
                {
                    seen[key] = line;
                    rows.Add(new Row(line, scheme, partner, month, amount));
                }
            }

            errors.AddRange(reasons.Select(r => new ImportError(fileName, line, r)));
        }

        return rows;
    }
}
