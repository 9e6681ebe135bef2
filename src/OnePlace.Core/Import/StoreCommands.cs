using System.Data;
using System.Data.Common;

using OnePlace.Core.Audit;

namespace OnePlace.Core.Import;

/// <summary>
/// Commands on one connection and transaction, with values written as each provider stores them (SQLite keeps a
/// GUID as upper-case text): the set-based writes of an import and of the person index's run share it.
/// </summary>
internal sealed class StoreCommands(DbConnection connection, DbTransaction transaction, bool sqlite)
{
    public bool IsSqlite => sqlite;

    /// <summary>Takes the audit chain's append turn in this transaction (docs/adr/0018).</summary>
    public AuditAppender BeginAuditChain() => AuditChain.Begin(connection, transaction);

    public BulkInsert Insert(string table, params (string Name, DbType Type)[] columns) =>
        BulkInsert.Create(connection, transaction, table, columns);

    public BulkInsert Insert(string table, bool returnId, params (string Name, DbType Type)[] columns) =>
        BulkInsert.Create(connection, transaction, table, columns, returnId);

    /// <summary>A command with parameters @p0 … @p(n−1).</summary>
    public DbCommand Command(string text, int parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        for (int i = 0; i < parameters; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = $"@p{i}";
            command.Parameters.Add(p);
        }

        return command;
    }

    public void Execute(string text, params object?[] values)
    {
        using var command = Command(text, values.Length);
        Run(command, values);
    }

    public void Run(DbCommand command, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g when sqlite => g.ToString().ToUpperInvariant(),
                var v => v,
            };
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Every row of a query without parameters.</summary>
    public List<object[]> Query(string text)
    {
        using var command = Command(text, 0);
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }
}
