using Microsoft.EntityFrameworkCore;
using Npgsql;
using OnePlace.Core.Store;

namespace OnePlace.Testing;

/// <summary>
/// A real, empty, migrated store for one test: a SQLite file in a temporary folder, or — when the suite runs
/// against PostgreSQL (ONEPLACE_TEST_STORE=postgres, as scripts/test.sh does on its second pass) — a fresh
/// database on the throwaway server named by ONEPLACE_TEST_POSTGRES. Dropped again on dispose.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresServer;

    private TestStore(StoreSettings settings, string? sqliteFolder, string? postgresServer, string? postgresDatabase)
    {
        Settings = settings;
        _sqliteFolder = sqliteFolder;
        _postgresServer = postgresServer;
        _postgresDatabase = postgresDatabase;
    }

    public StoreSettings Settings { get; }

    /// <summary>The configuration key and value that point the application at this store.</summary>
    public KeyValuePair<string, string?> ConnectionSetting => Settings.IsPostgres
        ? new("ConnectionStrings:Postgres", Settings.ConnectionString)
        : new("ConnectionStrings:Sqlite", Settings.ConnectionString);

    public static bool UsesPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("ONEPLACE_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Creates an empty store; <paramref name="migrate"/> applies the migrations as the application would.</summary>
    public static async Task<TestStore> CreateAsync(bool migrate = true)
    {
        TestStore store;
        if (UsesPostgres)
        {
            var server = Environment.GetEnvironmentVariable("ONEPLACE_TEST_POSTGRES")
                ?? throw new InvalidOperationException("ONEPLACE_TEST_STORE=postgres needs ONEPLACE_TEST_POSTGRES, a connection string to a PostgreSQL server.");
            var name = "oneplace_test_" + Guid.NewGuid().ToString("N")[..16];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            store = new TestStore(new StoreSettings(true, builder.ConnectionString), null, server, name);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "oneplace-test-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            // Pooling off so that the file can be deleted when the test ends.
            store = new TestStore(new StoreSettings(false, $"Data Source={Path.Combine(folder, "oneplace.db")};Pooling=False"), folder, null, null);
        }

        if (migrate)
        {
            await using var db = store.Open();
            await db.Database.MigrateAsync();
        }

        return store;
    }

    public OnePlaceDb Open() => StoreRegistration.Open(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        if (_sqliteFolder is not null)
        {
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a pooled connection is left for the OS to clean from the temp folder.
            }
        }
    }
}
