using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Testing;

/// <summary>
/// What a store holds, table by table: the row count and a SHA-256 of every row's values (rows sorted, so the hash does
/// not depend on the order the database returns them in). Two fingerprints of one store are equal exactly when no row
/// was added, removed or changed, which is how tests show that a refused input changed nothing (docs/adr/0002).
/// Every table of the store is read, those EF Core maps and any other (ASP.NET Core Identity's, the migrations history).
/// </summary>
public sealed record StoreFingerprint(IReadOnlyDictionary<string, (long Rows, string Hash)> Tables)
{
    /// <summary>The audit log's table: a refusal that is audited adds rows here and nowhere else.</summary>
    public const string AuditTable = "audit_log";

    public static async Task<StoreFingerprint> TakeAsync(TestStore store)
    {
        await using var db = store.Open();
        return await TakeAsync(db);
    }

    public static async Task<StoreFingerprint> TakeAsync(OnePlaceDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        bool opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            bool postgres = !db.Database.IsSqlite();
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = postgres
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var result = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
            foreach (var table in tables)
            {
                result[table] = await TableAsync(connection, table);
            }

            return new StoreFingerprint(result);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<(long, string)> TableAsync(DbConnection connection, string table)
    {
        var rows = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var row = new StringBuilder();
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            row.Clear();
            foreach (var value in values)
            {
                row.Append(value switch
                {
                    DBNull => "\u2400",
                    byte[] bytes => Convert.ToHexString(bytes),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                }).Append('\u001f');
            }

            rows.Add(row.ToString());
        }

        rows.Sort(StringComparer.Ordinal);
        return (rows.Count, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)))));
    }

    /// <summary>The tables whose rows differ between two fingerprints, with their counts before and after.</summary>
    public IReadOnlyList<string> DifferencesFrom(StoreFingerprint before, params string[] except)
    {
        ArgumentNullException.ThrowIfNull(before);
        var names = Tables.Keys.Union(before.Tables.Keys).Except(except, StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var changed = new List<string>();
        foreach (var name in names)
        {
            var was = before.Tables.GetValueOrDefault(name, (-1, ""));
            var now = Tables.GetValueOrDefault(name, (-1, ""));
            if (was != now)
            {
                changed.Add($"{name}: {was.Item1} rows before, {now.Item1} after{(was.Item1 == now.Item1 ? " (contents changed)" : "")}");
            }
        }

        return changed;
    }

    public long Rows(string table) => Tables.TryGetValue(table, out var t) ? t.Rows : 0;
}
