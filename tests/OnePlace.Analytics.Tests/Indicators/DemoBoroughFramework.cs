using Npgsql;
using NpgsqlTypes;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Synthetic;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Indicators;

/// <summary>
/// A generated borough of 10,000 people imported into a real operational store (SQLite, or PostgreSQL on the suite's
/// second pass) and refreshed into a DuckDB analytical store, once for the tests that share it.
/// </summary>
public sealed class DemoBoroughFramework : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oneplace-framework-borough-").FullName;

    public TestStore Operational { get; private set; } = null!;

    public AnalyticsStore Analytics => new(Path.Combine(_folder, "analytics.duckdb"));

    public async ValueTask InitializeAsync()
    {
        var extract = Path.Combine(_folder, "extract");
        BoroughGenerator.Generate(new GeneratorOptions("walsall", 10_000, 11), extract);
        Operational = await TestStore.CreateAsync();
        await using var db = Operational.Open();
        await new ExtractImporter(db).ImportFolderAsync(extract, "importer@partnership.test");
        await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(Analytics, "analyst@partnership.test");
    }

    public async ValueTask DisposeAsync()
    {
        await Operational.DisposeAsync();
        Directory.Delete(_folder, true);
    }

    /// <summary>The analytical tables copied into a schema of the PostgreSQL test database, read through the returned
    /// connection (its search path is that schema): the same rows the DuckDB store holds.</summary>
    public async Task<NpgsqlConnection> CopyToPostgresAsync(string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(Operational.Settings.ConnectionString) { SearchPath = schema };
        var postgres = new NpgsqlConnection(builder.ConnectionString);
        await postgres.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE SCHEMA {schema}; {AnalyticsStore.Schema.Replace("DOUBLE", "DOUBLE PRECISION", StringComparison.Ordinal)}", postgres))
        {
            await create.ExecuteNonQueryAsync();
        }

        using var duck = Analytics.Open();
        foreach (var table in (string[])["person", "small_area", "locality", "source_record", "care_event", "condition", "referral", "care_plan"])
        {
            using var read = duck.CreateCommand();
            read.CommandText = $"SELECT * FROM {table}";
            using var rows = read.ExecuteReader();
            var types = Enumerable.Range(0, rows.FieldCount).Select(i => TypeOf(rows.GetFieldType(i))).ToArray();
            await using var copy = await postgres.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)");
            while (rows.Read())
            {
                await copy.StartRowAsync();
                for (int i = 0; i < rows.FieldCount; i++)
                {
                    if (rows.IsDBNull(i))
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(rows.GetValue(i), types[i]);
                    }
                }
            }

            await copy.CompleteAsync();
        }

        await using (var index = new NpgsqlCommand($"{AnalyticsStore.PostgresIndexes} ANALYZE;", postgres))
        {
            await index.ExecuteNonQueryAsync();
        }

        return postgres;
    }

    private static NpgsqlDbType TypeOf(Type type) => type switch
    {
        _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
        _ when type == typeof(string) => NpgsqlDbType.Varchar,
        _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
        _ when type == typeof(DateTime) => NpgsqlDbType.Timestamp,
        _ when type == typeof(long) => NpgsqlDbType.Bigint,
        _ when type == typeof(int) => NpgsqlDbType.Integer,
        _ when type == typeof(double) => NpgsqlDbType.Double,
        _ => throw new NotSupportedException($"No PostgreSQL type for {type}."),
    };
}
