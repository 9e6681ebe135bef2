using System.Collections.Concurrent;

namespace OnePlace.Core.Store;

/// <summary>
/// SQLite lets one connection write at a time, and Microsoft.Data.Sqlite waits for a busy write lock by sleeping
/// 150 ms between tries on the calling thread (<c>SqliteCommand</c>: <c>Thread.Sleep(150)</c> while SQLITE_BUSY). With
/// referrals arriving concurrently those sleeps, not the work, set the latency and starve the thread pool (in the SPA
/// benchmark, 1,950 of 2,000 referrals sent at 200/s got no answer within 30 s). Writers of one
/// store in this process therefore queue here, without holding a thread, and meet SQLite's lock free. PostgreSQL
/// locks rows rather than the whole store, so it has no gate.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for this store's turn to write; dispose the result to let the next writer in.</summary>
    public static async Task<IDisposable> EnterAsync(string connectionString, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(connectionString, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
