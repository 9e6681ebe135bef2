using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>
/// A crash part-way through an import leaves the store as it was (docs/adr/0002: an import is one transaction). The real
/// `oneplace import` runs as a child process on a large generated extract; once its transaction has demonstrably begun
/// writing, it is killed with SIGKILL, so that no clean-up code of its own can run. The store must then hold exactly what
/// it held before, open and migrate cleanly, and take the same import again. Runs on SQLite, and on PostgreSQL on the
/// suite's second pass.
/// </summary>
public sealed class KillMidImportTests : IDisposable
{
    // Large enough that writing takes some seconds on a 2-core machine, so there is a window to kill it in.
    private const int People = 8000;

    // How long the test waits at most for the import to reach its transaction, and for the re-run to finish: a bound
    // so that a hung child cannot hang the suite, not a performance limit.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-kill-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task An_import_killed_mid_transaction_leaves_the_store_exactly_as_before_and_can_be_run_again()
    {
        await using var store = await TestStore.CreateAsync();
        var earlier = Path.Combine(_work, "earlier");
        var large = Path.Combine(_work, "large");
        Assert.Equal(0, (await Oneplace.RunAsync(null, "generate", "--profile", "walsall", "--people", "300", "--seed", "3", "--out", earlier)).Exit);
        Assert.Equal(0, (await Oneplace.RunAsync(null, "generate", "--profile", "walsall", "--people", People.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "11", "--out", large)).Exit);

        // The store already holds an earlier import, so "as before" is not merely "empty".
        var first = await Oneplace.RunAsync(store, "import", earlier);
        Assert.True(first.Exit == 0, first.Output);
        var before = await StoreFingerprint.TakeAsync(store);
        Assert.True(before.Rows("source_records") > 0);

        using (var import = StartImport(store, large))
        {
            var progress = await WaitUntilWritingAsync(import, store);
            import.Process.Kill(entireProcessTree: true); // SIGKILL on Linux: the process gets no chance to roll back
            await import.Process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.NotEqual(0, import.Process.ExitCode);
            Assert.DoesNotContain("Imported into", import.Output, StringComparison.Ordinal);
            TestContext.Current.SendDiagnosticMessage($"Killed the import after seeing: {progress}");
        }

        if (store.Settings.IsPostgres)
        {
            await WaitForBackendsToEndAsync(store);
        }

        var after = await StoreFingerprint.TakeAsync(store);
        Assert.Empty(after.DifferencesFrom(before));

        await using (var db = store.Open())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        }

        using (var again = StartImport(store, large))
        {
            using var timeout = new CancellationTokenSource(Patience);
            await again.Process.WaitForExitAsync(timeout.Token);
            Assert.True(again.Process.ExitCode == 0, again.Output);
            Assert.Contains("Imported into", again.Output, StringComparison.Ordinal);
        }

        var imported = await StoreFingerprint.TakeAsync(store);
        Assert.True(imported.Rows("source_records") > before.Rows("source_records") + People / 2);
    }

    private sealed class ChildImport(Process process) : IDisposable
    {
        private readonly System.Text.StringBuilder _output = new();

        public Process Process { get; } = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.AppendLine(line);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    /// <summary>Starts the built `oneplace` (copied beside the tests as oneplace.dll) as a user would, configured by
    /// environment variables alone.</summary>
    private static ChildImport StartImport(TestStore store, string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "oneplace.dll"));
        start.ArgumentList.Add("import");
        start.ArgumentList.Add(folder);
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment.Remove("ConnectionStrings__Sqlite");
        start.Environment[store.Settings.IsPostgres ? "ConnectionStrings__Postgres" : "ConnectionStrings__Sqlite"] = store.Settings.ConnectionString;
        var process = new Process { StartInfo = start };
        var child = new ChildImport(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        Assert.True(process.Start());
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Waits until the import is writing inside its transaction: it has said it is importing (the importer reports
    /// "importing FILE" only after BEGIN), and the database confirms an open write transaction — on SQLite the write lock
    /// is held (a probe's BEGIN IMMEDIATE is refused as busy), on PostgreSQL a backend of this database has a
    /// transaction id. Returns the progress line seen.
    /// </summary>
    private static async Task<string> WaitUntilWritingAsync(ChildImport import, TestStore store)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            Assert.False(import.Process.HasExited, "The import ended before it could be killed:\n" + import.Output);
            var line = import.Output.Split('\n').LastOrDefault(l => l.StartsWith("importing ", StringComparison.Ordinal));
            if (line is not null && await TransactionIsOpenAsync(store))
            {
                return line.Trim();
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The import did not begin writing in time:\n" + import.Output);
        return "";
    }

    private static async Task<bool> TransactionIsOpenAsync(TestStore store)
    {
        if (store.Settings.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(store.Settings.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL",
                connection);
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }

        var probe = new SqliteConnectionStringBuilder(store.Settings.ConnectionString) { DefaultTimeout = 1, Pooling = false };
        await using var sqlite = new SqliteConnection(probe.ConnectionString);
        await sqlite.OpenAsync();
        try
        {
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, which asks for the write lock at once.
            await using var transaction = await sqlite.BeginTransactionAsync();
            await transaction.RollbackAsync();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
        {
            return true; // SQLITE_BUSY / SQLITE_LOCKED: another connection holds the write lock
        }

        return false;
    }

    /// <summary>PostgreSQL ends a killed client's backend (rolling its transaction back) when it sees the socket close;
    /// waits until no other backend of this database holds a transaction.</summary>
    private static async Task WaitForBackendsToEndAsync(TestStore store)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            await using var connection = new NpgsqlConnection(store.Settings.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                + "AND (backend_xid IS NOT NULL OR state LIKE 'idle in transaction%')", connection);
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
