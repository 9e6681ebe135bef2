using System.Data;
using System.Data.Common;

namespace OnePlace.Core.Import;

/// <summary>
/// Prepared INSERTs reused for every row of a large file: the fast path for imports on both providers. Rows are
/// sent a batch at a time in one multi-row statement, which spends far less time per row crossing into the database
/// driver than one statement per row. Rows whose natural key already exists are skipped (ON CONFLICT DO NOTHING,
/// SQLite 3.24+ and PostgreSQL), a safety net behind the importer's own check for rows already present.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    /// <summary>Rows per statement: 100 rows of 15 columns stay well inside both providers' parameter limits.</summary>
    private const int BatchRows = 10;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly bool _sqlite;
    private readonly string _table;
    private readonly (string Name, DbType Type)[] _columns;
    private readonly DbCommand _single;
    private readonly bool _returnsId;
    private readonly List<object?[]> _pending = new(BatchRows);
    private DbCommand? _batch;

    public BulkInsert(DbConnection connection, DbTransaction transaction, bool sqlite, string table, (string Name, DbType Type)[] columns, bool returnId = false)
    {
        _connection = connection;
        _transaction = transaction;
        _sqlite = sqlite;
        _table = table;
        _columns = columns;
        _returnsId = returnId;
        _single = Prepare(1, returnId);
    }

    /// <summary>The number of rows written so far (rows skipped on conflict are not counted).</summary>
    public long Written { get; private set; }

    /// <summary>Queues one row; it is written with its batch, or at <see cref="Flush"/>.</summary>
    public void Add(params object?[] values)
    {
        _pending.Add(values);
        if (_pending.Count == BatchRows)
        {
            _batch ??= Prepare(BatchRows, returnId: false);
            Written += Execute(_batch, _pending);
            _pending.Clear();
        }
    }

    /// <summary>Writes the rows still queued.</summary>
    public void Flush()
    {
        foreach (var row in _pending)
        {
            Written += Execute(_single, [row]);
        }

        _pending.Clear();
    }

    /// <summary>Inserts one row at once and returns its generated id, or null when the row already existed.</summary>
    public long? AddReturningId(params object?[] values)
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
        var names = string.Join(", ", _columns.Select(c => $"\"{c.Name}\""));
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(", ", _columns.Select((_, i) => $"@p{(r * _columns.Length) + i}")) + ")"));
        command.CommandText = $"INSERT INTO \"{_table}\" ({names}) VALUES {values} ON CONFLICT DO NOTHING"
            + (returnId ? " RETURNING \"Id\"" : "");
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < _columns.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = $"@p{(r * _columns.Length) + i}";
                // EF Core's SQLite provider keeps Guids as upper-case text; bind them the same way.
                p.DbType = _sqlite && _columns[i].Type == DbType.Guid ? DbType.String : _columns[i].Type;
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
                Guid g when _sqlite => g.ToString().ToUpperInvariant(),
                var v => v,
            };
        }
    }

    /// <summary>Does not flush: rows still queued when an insert is disposed without <see cref="Flush"/> are dropped,
    /// so that an import failing part-way never sends more statements into its doomed transaction.</summary>
    public void Dispose()
    {
        _single.Dispose();
        _batch?.Dispose();
    }
}
