using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OnePlace.Core.Audit;

/// <summary>
/// The audit log's hash chain (docs/adr/0018): each row's <see cref="AuditEntry.Hash"/> is the SHA-256 (FIPS 180-4)
/// of the previous row's hash and this row's fields, so that editing, deleting or reordering a row breaks the chain
/// from that row on. The chain runs in <see cref="AuditEntry.Id"/> order; the first row chains from <see cref="Genesis"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>What the first row chains from: 64 zeros, the width of a SHA-256 in hex.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The lock every appender takes inside its transaction on PostgreSQL (an arbitrary, fixed key).</summary>
    internal const long PostgresLockKey = 0x6F6E65706C616365; // "oneplace" in ASCII.

    /// <summary>
    /// Times are chained at the precision both stores keep: PostgreSQL's timestamp holds microseconds, so 100 ns
    /// ticks would not read back as written.
    /// </summary>
    public static DateTime ToChainedPrecision(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);

    public static string HashOf(string previousHash, AuditEntry row) =>
        HashOf(previousHash, row.Id, row.OccurredAtUtc, row.Actor, row.Action, row.PersonId, row.Reason, row.Detail);

    /// <summary>
    /// SHA-256 of the previous hash, a newline and the row's canonical form: the id, the time as ISO 8601 UTC to the
    /// microsecond, then each text as its length, a colon and the text (or "~" when absent), one a line. The lengths
    /// make the form unambiguous: no choice of texts can make two different rows serialise alike.
    /// </summary>
    public static string HashOf(string previousHash, long id, DateTime occurredAtUtc, string actor, string action, Guid? personId, string? reason, string? detail)
    {
        var text = new StringBuilder(previousHash.Length + 128 + (detail?.Length ?? 0));
        text.Append(previousHash).Append('\n')
            .Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(ToChainedPrecision(occurredAtUtc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append('\n');
        Field(text, actor);
        Field(text, action);
        Field(text, personId?.ToString("D"));
        Field(text, reason);
        Field(text, detail);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void Field(StringBuilder text, string? value)
    {
        if (value is null)
        {
            text.Append("~\n");
            return;
        }

        text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
    }

    /// <summary>
    /// Takes the store's append turn inside <paramref name="transaction"/> and reads the chain's head. On PostgreSQL
    /// a transaction-scoped advisory lock serialises appenders until commit or rollback; on SQLite the transaction
    /// already holds the store's only write lock (Microsoft.Data.Sqlite begins transactions IMMEDIATE).
    /// </summary>
    public static AuditAppender Begin(DbConnection connection, DbTransaction transaction)
    {
        using var command = HeadCommand(connection, transaction);
        using var reader = command.ExecuteReader();
        return ReadHead(reader);
    }

    /// <inheritdoc cref="Begin"/>
    public static async Task<AuditAppender> BeginAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = HeadCommand(connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!IsSqlite(connection))
        {
            // The first result is the lock's own (void) row.
            await reader.NextResultAsync(cancellationToken);
        }

        if (!await reader.ReadAsync(cancellationToken))
        {
            return new AuditAppender(0, Genesis);
        }

        return Head(reader);
    }

    private static AuditAppender ReadHead(DbDataReader reader)
    {
        if (!IsSqliteReader(reader))
        {
            reader.NextResult();
        }

        return reader.Read() ? Head(reader) : new AuditAppender(0, Genesis);
    }

    private static AuditAppender Head(DbDataReader reader)
    {
        long id = reader.GetInt64(0);
        // A head without a hash is a row written around the chain (or an old store not yet chained): appending after it
        // would hide it, so the append fails and `oneplace audit verify` names the row.
        var hash = reader.IsDBNull(1) ? throw new InvalidOperationException($"Audit row {id} has no hash: the chain is broken; run oneplace audit verify.") : reader.GetString(1);
        return new AuditAppender(id, hash);
    }

    private static DbCommand HeadCommand(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        const string head = "SELECT \"Id\", \"Hash\" FROM audit_log ORDER BY \"Id\" DESC LIMIT 1";
        command.CommandText = IsSqlite(connection)
            ? head
            : $"SELECT pg_advisory_xact_lock({PostgresLockKey.ToString(CultureInfo.InvariantCulture)}); {head}";
        return command;
    }

    private static bool IsSqlite(DbConnection connection) => connection is Microsoft.Data.Sqlite.SqliteConnection;

    private static bool IsSqliteReader(DbDataReader reader) => reader is Microsoft.Data.Sqlite.SqliteDataReader;
}

/// <summary>
/// Gives appended rows their place in the chain: the next id and the hash over the previous one. Only valid inside the
/// transaction that took the append turn (<see cref="AuditChain.Begin"/>).
/// </summary>
public sealed class AuditAppender(long headId, string headHash)
{
    public long HeadId { get; private set; } = headId;

    public string HeadHash { get; private set; } = headHash;

    /// <summary>Sets the row's id, precision and hash as the next link of the chain.</summary>
    public void Append(AuditEntry row)
    {
        row.Id = HeadId + 1;
        row.OccurredAtUtc = AuditChain.ToChainedPrecision(row.OccurredAtUtc);
        row.Hash = AuditChain.HashOf(HeadHash, row);
        HeadId = row.Id;
        HeadHash = row.Hash;
    }

    /// <summary>The next link for a row written by a bulk insert: its id, time as chained, and hash.</summary>
    public (long Id, DateTime OccurredAtUtc, string Hash) Next(DateTime occurredAtUtc, string actor, string action, Guid? personId, string? reason, string? detail)
    {
        var at = AuditChain.ToChainedPrecision(occurredAtUtc);
        HeadId++;
        HeadHash = AuditChain.HashOf(HeadHash, HeadId, at, actor, action, personId, reason, detail);
        return (HeadId, at, HeadHash);
    }
}
