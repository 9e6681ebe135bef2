using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OnePlace.Core.Audit;

namespace OnePlace.Core.Store;

/// <summary>
/// Chooses the store: PostgreSQL when <c>ConnectionStrings:Postgres</c> is configured, otherwise SQLite in a file
/// under <c>./data/</c> (or <c>ConnectionStrings:Sqlite</c>).
/// </summary>
public static class StoreRegistration
{
    public const string DefaultSqlitePath = "data/oneplace.db";

    public static IServiceCollection AddOnePlaceStore(this IServiceCollection services, IConfiguration configuration)
    {
        var store = StoreSettings.From(configuration);
        if (store.IsPostgres)
        {
            services.AddDbContextPool<OnePlaceDb, PostgresOnePlaceDb>(o => ConfigurePostgres(o, store.ConnectionString));
        }
        else
        {
            services.AddDbContextPool<OnePlaceDb, SqliteOnePlaceDb>(o => ConfigureSqlite(o, store.ConnectionString));
        }

        return services;
    }

    /// <summary>Opens a context on the configured store outside dependency injection (the CLI).</summary>
    public static OnePlaceDb Open(StoreSettings store)
    {
        if (store.IsPostgres)
        {
            var b = new DbContextOptionsBuilder<PostgresOnePlaceDb>();
            ConfigurePostgres(b, store.ConnectionString);
            return new PostgresOnePlaceDb(b.Options);
        }

        var s = new DbContextOptionsBuilder<SqliteOnePlaceDb>();
        ConfigureSqlite(s, store.ConnectionString);
        return new SqliteOnePlaceDb(s.Options);
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        ChainAfterMigrating(options.UseSqlite(connectionString, o => o.CommandTimeout(600)));

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        ChainAfterMigrating(options.UseNpgsql(WithAutoPrepare(connectionString), o => o.CommandTimeout(600)));

    /// <summary>Every Migrate, wherever it is called, ends by chaining an old store's audit rows (docs/adr/0018).</summary>
    private static void ChainAfterMigrating(DbContextOptionsBuilder options) =>
        options
            .UseSeeding((context, _) => ChainExistingAuditRows.RunAsync(context, CancellationToken.None).GetAwaiter().GetResult())
            .UseAsyncSeeding((context, _, cancellationToken) => ChainExistingAuditRows.RunAsync(context, cancellationToken));

    /// <summary>
    /// Unless the connection string says otherwise, Npgsql prepares the statements a connection runs repeatedly
    /// (Npgsql automatic preparation), so PostgreSQL parses and plans the Single Point of Access's per-referral
    /// queries once per connection rather than on every referral (docs/benchmarks/spa.md: median intake latency at
    /// 200 referrals/s fell from 25 to 10 ms).
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}

/// <summary>Which store to use, read from configuration.</summary>
public sealed record StoreSettings(bool IsPostgres, string ConnectionString)
{
    public static StoreSettings From(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            return new StoreSettings(true, WithVerifiedTls(postgres));
        }

        var sqlite = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Sqlite") ?? "");
        if (string.IsNullOrWhiteSpace(sqlite.DataSource))
        {
            sqlite.DataSource = StoreRegistration.DefaultSqlitePath;
        }

        // A file store's folder is made on first use, so that a fresh clone needs no set-up step.
        if (sqlite.DataSource != ":memory:" && sqlite.Mode != SqliteOpenMode.Memory)
        {
            sqlite.DataSource = Path.GetFullPath(sqlite.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        }

        return new StoreSettings(false, sqlite.ConnectionString);
    }

    /// <summary>
    /// A PostgreSQL server on another machine is reached only over TLS with its certificate checked (ASVS 5.0 12.3.1,
    /// 12.3.2: person data crosses the network). Npgsql's own default, <c>Prefer</c>, falls back to plain text and
    /// checks no certificate, so when the connection string names no SSL mode, <c>VerifyFull</c> is used; a weaker mode
    /// given for a remote server is refused with the reason. A server on this machine (loopback or a Unix socket) is
    /// left as configured: its traffic does not leave the host.
    /// </summary>
    /// <exception cref="InvalidOperationException">A remote server with an SSL mode that does not check the certificate.</exception>
    public static string WithVerifiedTls(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var hosts = (builder.Host ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (hosts.Length == 0 || hosts.All(IsOnThisMachine))
        {
            return connectionString;
        }

        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool modeGiven = given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal) is var key
            && (key.Equals("SslMode", StringComparison.OrdinalIgnoreCase) || key.Equals("SSLMode", StringComparison.OrdinalIgnoreCase)));
        if (!modeGiven)
        {
            builder.SslMode = SslMode.VerifyFull;
            return builder.ConnectionString;
        }

        if (builder.SslMode is SslMode.VerifyFull or SslMode.VerifyCA)
        {
            return connectionString;
        }

        throw new InvalidOperationException(
            $"The PostgreSQL store at {string.Join(", ", hosts)} is on another machine, so its connection must be encrypted and the server's " +
            $"certificate checked: set SSL Mode=VerifyFull (or VerifyCA) in ConnectionStrings:Postgres, not {builder.SslMode}.");
    }

    private static bool IsOnThisMachine(string host)
    {
        // Npgsql writes "host:port" for a host with its own port; a path is a Unix socket directory.
        if (host.StartsWith('/'))
        {
            return true;
        }

        string name = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)]
            : host.Count(c => c == ':') == 1 ? host[..host.IndexOf(':', StringComparison.Ordinal)] : host;
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(name, out var address) && System.Net.IPAddress.IsLoopback(address));
    }

    public string Describe() => IsPostgres ? "PostgreSQL" : $"SQLite ({new SqliteConnectionStringBuilder(ConnectionString).DataSource})";
}

/// <summary>Design-time factories so that `dotnet ef migrations add` builds each provider's migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOnePlaceDb>
{
    public SqliteOnePlaceDb CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteOnePlaceDb>();
        StoreRegistration.ConfigureSqlite(b, "Data Source=design.db");
        return new SqliteOnePlaceDb(b.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOnePlaceDb>
{
    public PostgresOnePlaceDb CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresOnePlaceDb>();
        StoreRegistration.ConfigurePostgres(b, "Host=localhost;Database=oneplace_design");
        return new PostgresOnePlaceDb(b.Options);
    }
}
