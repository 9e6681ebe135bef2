using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnePlace.Core.Store;

namespace OnePlace.Core.Audit;

/// <summary>
/// The second half of the AuditHashChain migration (docs/adr/0018): a store that kept an audit log before rows were
/// chained gets its existing rows chained, in id order, the first time it is migrated. SHA-256 is not available in
/// SQLite's SQL, so this runs in code, straight after the migrations (EF Core calls it from Migrate through
/// UseSeeding). It does nothing once any row carries a hash: a row without one after that was written around the
/// chain, and chaining it would hide it.
/// </summary>
public static class ChainExistingAuditRows
{
    /// <summary>The migration that adds the Hash column, in both providers' migrations.</summary>
    public const string MigrationSuffix = "_AuditHashChain";

    private const int Batch = 500;

    public static async Task RunAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context is not OnePlaceDb db
            || !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any(m => m.EndsWith(MigrationSuffix, StringComparison.Ordinal)))
        {
            return;
        }

        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            // Takes the append turn, so that no writer appends while the old rows are chained.
            await AuditChain.BeginAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction!.GetDbTransaction(), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The head has no hash: the turn is taken all the same, and this may be the store the step is for.
        }

        if (await db.AuditLog.AnyAsync(cancellationToken) && !await db.AuditLog.AnyAsync(a => a.Hash != null, cancellationToken))
        {
            await ChainAsync(db, cancellationToken);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
    }

    private static async Task ChainAsync(OnePlaceDb db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        string previous = AuditChain.Genesis;
        long after = long.MinValue;
        while (true)
        {
            var rows = await db.AuditLog.AsNoTracking().Where(a => a.Id > after).OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }

            var hashes = new List<(long Id, string Hash)>(rows.Count);
            foreach (var row in rows)
            {
                previous = AuditChain.HashOf(previous, row);
                hashes.Add((row.Id, previous));
            }

            await UpdateAsync(connection, transaction, hashes, cancellationToken);
            after = rows[^1].Id;
        }
    }

    /// <summary>One UPDATE … FROM (VALUES …) a batch: the same SQL on SQLite (3.33 and later) and PostgreSQL. The
    /// triggers let a row without a hash be given one, and nothing else.</summary>
    private static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, List<(long Id, string Hash)> hashes, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = new StringBuilder();
        for (int i = 0; i < hashes.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append("(@i").Append(i).Append(", @h").Append(i).Append(')');
            var id = command.CreateParameter();
            id.ParameterName = $"@i{i}";
            id.Value = hashes[i].Id;
            command.Parameters.Add(id);
            var hash = command.CreateParameter();
            hash.ParameterName = $"@h{i}";
            hash.Value = hashes[i].Hash;
            command.Parameters.Add(hash);
        }

        command.CommandText = $"UPDATE audit_log SET \"Hash\" = v.column2 FROM (VALUES {values}) AS v WHERE audit_log.\"Id\" = v.column1";
        int updated = await command.ExecuteNonQueryAsync(cancellationToken);
        if (updated != hashes.Count)
        {
            throw new InvalidOperationException($"Chaining the audit log updated {updated} of {hashes.Count} rows.");
        }
    }
}
