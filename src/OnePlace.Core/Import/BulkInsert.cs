using System.Data;
using System.Data.Common;

namespace OnePlace.Core.Import;

/// <summary>
/// A prepared INSERT reused for every row of a large file: the fast path for imports on both providers.
/// Rows whose natural key already exists are skipped (ON CONFLICT DO NOTHING, SQLite 3.24+ and PostgreSQL),
/// which is what makes re-importing an overlapping extract safe.
/// </summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;
    private readonly bool _sqlite;
    private readonly bool _returnsId;

    public BulkInsert(DbConnection connection, DbTransaction transaction, bool sqlite, string table, (string Name, DbType Type)[] columns, bool returnId = false)
    {
        _sqlite = sqlite;
        _returnsId = returnId;
        _command = connection.CreateCommand();
        _command.Transaction = transaction;
        var names = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var values = string.Join(", ", columns.Select((_, i) => $"@p{i}"));
        _command.CommandText = $"INSERT INTO \"{table}\" ({names}) VALUES ({values}) ON CONFLICT DO NOTHING"
            + (returnId ? " RETURNING \"Id\"" : "");
        _parameters = new DbParameter[columns.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            var p = _command.CreateParameter();
            p.ParameterName = $"@p{i}";
            // EF Core's SQLite provider keeps Guids as upper-case text; bind them the same way.
            p.DbType = sqlite && columns[i].Type == DbType.Guid ? DbType.String : columns[i].Type;
            _command.Parameters.Add(p);
            _parameters[i] = p;
        }

        _command.Prepare();
    }

    /// <summary>Inserts one row; true when it was new.</summary>
    public bool Add(params object?[] values)
    {
        Bind(values);
        return _command.ExecuteNonQuery() == 1;
    }

    /// <summary>Inserts one row and returns its generated id, or null when the row already existed.</summary>
    public long? AddReturningId(params object?[] values)
    {
        if (!_returnsId)
        {
            throw new InvalidOperationException("This insert was not prepared to return ids.");
        }

        Bind(values);
        var id = _command.ExecuteScalar();
        return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Bind(object?[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            _parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g when _sqlite => g.ToString().ToUpperInvariant(),
                var v => v,
            };
        }
    }

    public void Dispose() => _command.Dispose();
}
