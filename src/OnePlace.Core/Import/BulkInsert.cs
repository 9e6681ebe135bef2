using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OnePlace.Core.Import;

/// <summary>
/// A prepared INSERT reused for every row of a large file: the fast path for imports (ADR 0002). Rows whose natural
/// key already exists are skipped (ON CONFLICT DO NOTHING, SQLite 3.24+ and PostgreSQL), a safety net behind the
/// importer's own check for rows already present. Rows may be queued and written in batches: call <see cref="Flush"/>
/// before relying on them being in the store.
/// </summary>
internal abstract class BulkInsert : IDisposable
{
    public static BulkInsert Create(DbConnection connection, DbTransaction transaction, string table, (string Name, DbType Type)[] columns, bool returnId = false) =>
        connection is SqliteConnection sqlite
            ? new SqliteBulkInsert(sqlite, table, columns, returnId)
            : new BatchedBulkInsert(connection, transaction, table, columns, returnId);

    /// <summary>The number of rows written so far (rows skipped on conflict are not counted).</summary>
    public long Written { get; protected set; }

    /// <summary>Queues one row; it is written with its batch, or at <see cref="Flush"/>.</summary>
    public abstract void Add(params object?[] values);

    /// <summary>Writes the rows still queued.</summary>
    public abstract void Flush();

    /// <summary>Inserts one row at once and returns its generated id, or null when the row already existed.</summary>
    public abstract long? AddReturningId(params object?[] values);

    /// <summary>Does not flush: rows still queued when an insert is disposed without <see cref="Flush"/> are dropped,
    /// so that an import failing part-way never sends more statements into its doomed transaction.</summary>
    public abstract void Dispose();

    protected static string InsertSql(string table, (string Name, DbType Type)[] columns, int rows, bool returnId, Func<int, string> parameter)
    {
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", columns.Select((_, i) => parameter((r * columns.Length) + i))) + ")"));
        return $"INSERT INTO \"{table}\" ({names}) VALUES {values} ON CONFLICT DO NOTHING" + (returnId ? " RETURNING \"Id\"" : "");
    }
}

/// <summary>
/// SQLite: one statement per row through the SQLite C API (SQLitePCLRaw, the library under Microsoft.Data.Sqlite), on
/// the same connection and so inside the import's transaction. Binding by position skips the per-execution work of
/// the ADO.NET layer, which measured as most of the time of a large import. Values are written in the same text forms
/// EF Core's SQLite provider writes and reads (Guid upper case, dates ISO 8601, decimals invariant).
/// </summary>
internal sealed class SqliteBulkInsert : BulkInsert
{
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteBulkInsert(SqliteConnection connection, string table, (string Name, DbType Type)[] columns, bool returnId)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_db, InsertSql(table, columns, 1, returnId, i => $"?{i + 1}"), out _statement));
    }

    public override void Add(params object?[] values)
    {
        Bind(values);
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != SqliteDone)
        {
            Check(rc);
        }

        Written += raw.sqlite3_changes(_db);
    }

    public override void Flush()
    {
    }

    public override long? AddReturningId(params object?[] values)
    {
        Bind(values);
        int rc = raw.sqlite3_step(_statement);
        long? id = rc == SqliteRow ? raw.sqlite3_column_int64(_statement, 0) : null;
        if (rc == SqliteRow)
        {
            rc = raw.sqlite3_step(_statement);
        }

        raw.sqlite3_reset(_statement);
        if (rc != SqliteDone)
        {
            Check(rc);
        }

        if (id is not null)
        {
            Written++;
        }

        return id;
    }

    private void Bind(object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            int at = i + 1;
            int rc = values[i] switch
            {
                null => raw.sqlite3_bind_null(_statement, at),
                string s => raw.sqlite3_bind_text(_statement, at, s),
                long l => raw.sqlite3_bind_int64(_statement, at, l),
                int n => raw.sqlite3_bind_int64(_statement, at, n),
                double x => raw.sqlite3_bind_double(_statement, at, x),
                Guid g => raw.sqlite3_bind_text(_statement, at, g.ToString().ToUpperInvariant()),
                bool b => raw.sqlite3_bind_int64(_statement, at, b ? 1 : 0),
                DateOnly d => raw.sqlite3_bind_text(_statement, at, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                TimeOnly time => raw.sqlite3_bind_text(_statement, at, time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                DateTime t => raw.sqlite3_bind_text(_statement, at, t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
                decimal m => raw.sqlite3_bind_text(_statement, at, m.ToString("0.0###########################", CultureInfo.InvariantCulture)),
                var other => throw new NotSupportedException($"Cannot bind a {other.GetType().Name} for bulk insert."),
            };
            Check(rc);
        }
    }

    private void Check(int rc)
    {
        if (rc != 0 && rc != SqliteRow && rc != SqliteDone)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }

    public override void Dispose() => _statement.Dispose();
}

/// <summary>
/// PostgreSQL (and any other ADO.NET provider): rows are sent a batch at a time in one multi-row prepared statement,
/// which spends far less time per row on round trips than one statement per row.
/// </summary>
internal sealed class BatchedBulkInsert : BulkInsert
{
    /// <summary>Rows per statement: 100 rows of 15 columns stay well inside PostgreSQL's parameter limit.</summary>
    private const int BatchRows = 100;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _table;
    private readonly (string Name, DbType Type)[] _columns;
    private readonly DbCommand _single;
    private readonly bool _returnsId;
    private readonly List<object?[]> _pending = new(BatchRows);
    private DbCommand? _batch;

    public BatchedBulkInsert(DbConnection connection, DbTransaction transaction, string table, (string Name, DbType Type)[] columns, bool returnId)
    {
        _connection = connection;
        _transaction = transaction;
        _table = table;
        _columns = columns;
        _returnsId = returnId;
        _single = Prepare(1, returnId);
    }

    public override void Add(params object?[] values)
    {
        _pending.Add(values);
        if (_pending.Count == BatchRows)
        {
            _batch ??= Prepare(BatchRows, returnId: false);
            Written += Execute(_batch, _pending);
            _pending.Clear();
        }
    }

    public override void Flush()
    {
        foreach (var row in _pending)
        {
            Written += Execute(_single, [row]);
        }

        _pending.Clear();
    }

    public override long? AddReturningId(params object?[] values)
    {
        if (!_returnsId)
        {
            throw new InvalidOperationException("This insert was not prepared to return ids.");
        }

        Bind(_single, 0, values);
        var id = _single.ExecuteScalar();
        if (id is null or DBNull)
        {
            return null;
        }

        Written++;
        return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbCommand Prepare(int rows, bool returnId)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = InsertSql(_table, _columns, rows, returnId, i => $"@p{i}");
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < _columns.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"@p{(r * _columns.Length) + i}";
                p.DbType = _columns[i].Type;
                command.Parameters.Add(p);
            }
        }

        command.Prepare();
        return command;
    }

    private int Execute(DbCommand command, List<object?[]> rows)
    {
        for (int r = 0; r < rows.Count; r++)
        {
            Bind(command, r, rows[r]);
        }

        return command.ExecuteNonQuery();
    }

    private void Bind(DbCommand command, int row, object?[] values)
    {
        int offset = row * _columns.Length;
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[offset + i].Value = values[i] switch
            {
                null => DBNull.Value,
                var v => v,
            };
        }
    }

    public override void Dispose()
    {
        _single.Dispose();
        _batch?.Dispose();
    }
}
