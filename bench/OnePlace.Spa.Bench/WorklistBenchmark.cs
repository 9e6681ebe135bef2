using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Routing;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using static System.FormattableString;

namespace OnePlace.Spa.Bench;

/// <summary>
/// Worklist: one team holding N open referrals (default urgent community response, 10,000), then sequential GETs of
/// its worklist page by a signed-in team manager. The referrals arrive through the intake (<c>POST /api/referrals</c>),
/// as fast as four concurrent senders go; the team's capacity is raised first, as a directory administrator would,
/// so that routing does not pass it over when full. Where the host has no worklist page yet (404), the benchmark
/// times <see cref="ReferralReading.WorklistAsync"/> in process on the same store instead, and a minimal signed-in
/// page (<c>/people</c>) for the cost of a signed-in request, and says so.
/// </summary>
internal static class WorklistBenchmark
{
    private const int Warmup = 10;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var store = options.Store();
        var credentials = Credentials.Load(options.Text("credentials"));
        string url = options.Text("url"), storeName = options.Text("store-name"), results = options.Text("results");
        int run = options.Number("run", 1), target = options.Number("open", 10_000), gets = options.Number("gets", 200);
        string team = credentials.Team;

        await SeedAsync(store, url, credentials, target, options.Number("seed", 1) * 1000 + run, storeName, run, results);

        using var staff = await Host.StaffAsync(url, credentials);
        string page = options.Text("page", "/worklists?team={team}").Replace("{team}", Uri.EscapeDataString(team), StringComparison.Ordinal);
        using (var probe = await staff.GetAsync(new Uri(page, UriKind.Relative)))
        {
            if (probe.StatusCode == HttpStatusCode.OK)
            {
                var summary = await TimeGetsAsync(staff, page, gets);
                Console.WriteLine($"  worklist page {page}: {summary}");
                new Measurement(storeName, run, Measurement.WorklistPage, summary, Invariant($"GET {page} as a signed-in team manager; {target:N0} open referrals")).AppendTo(results);
                return summary.Errors == 0 ? 0 : 1;
            }

            if (probe.StatusCode != HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"GET {page} answered {(int)probe.StatusCode}.");
            }
        }

        Console.WriteLine($"  {page} answered 404: no worklist page yet; timing ReferralReading.WorklistAsync in process and a signed-in GET /people");
        var query = await TimeWorklistQueryAsync(store, team, gets);
        Console.WriteLine($"  WorklistAsync (page 1 of {team}): {query}");
        new Measurement(storeName, run, Measurement.WorklistQuery, query, Invariant($"ReferralReading.WorklistAsync(team manager, {team}, page 1) in the benchmark process, fresh DbContext per call; {target:N0} open referrals")).AppendTo(results);
        var signedIn = await TimeGetsAsync(staff, "/people", gets);
        Console.WriteLine($"  GET /people signed in: {signedIn}");
        new Measurement(storeName, run, Measurement.SignedInPage, signedIn, "GET /people (find a person, no query) as a signed-in team manager").AppendTo(results);
        return 0;
    }

    /// <summary>Brings the team to <paramref name="target"/> open referrals through the intake.</summary>
    private static async Task SeedAsync(StoreSettings store, string url, Credentials credentials, int target, int seed, string storeName, int run, string results)
    {
        string team = credentials.Team;
        int open;
        await using (var db = StoreRegistration.Open(store))
        {
            await db.Teams.Where(t => t.Code == team).ExecuteUpdateAsync(s => s.SetProperty(t => t.Capacity, int.MaxValue));
            open = await ReferralRouting.OpenCountAsync(db, team, CancellationToken.None);
        }

        if (open >= target)
        {
            Console.WriteLine(Invariant($"worklist: {team} already holds {open:N0} open referrals"));
            return;
        }

        var people = await BoroughPeople.AdultsAsync(store);
        var referrals = new ReferralMix(people, seed).Urgent(target - open, $"SEED-{run}");
        using var client = await Host.ClientSystemAsync(url, credentials);
        var latencies = new long[referrals.Count];
        int elsewhere = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, referrals.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancel) =>
        {
            long start = Stopwatch.GetTimestamp();
            using var content = new ByteArrayContent(referrals[i].Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri("/api/referrals", UriKind.Relative), content, cancel);
            string body = await response.Content.ReadAsStringAsync(cancel);
            latencies[i] = Stopwatch.GetTimestamp() - start;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                Interlocked.Increment(ref errors);
                return;
            }

            using var json = JsonDocument.Parse(body);
            if (json.RootElement.GetProperty("teamCode").GetString() != team)
            {
                Interlocked.Increment(ref elsewhere);
            }
        });
        clock.Stop();

        await using (var db = StoreRegistration.Open(store))
        {
            open = await ReferralRouting.OpenCountAsync(db, team, CancellationToken.None);
        }

        var summary = LatencySummary.Of(latencies, errors, referrals.Count / clock.Elapsed.TotalSeconds);
        string detail = Invariant($"{referrals.Count:N0} urgent referrals through POST /api/referrals, 4 at a time, in {clock.Elapsed.TotalSeconds:F1} s; {elsewhere} routed elsewhere; {team} now holds {open:N0} open referrals");
        Console.WriteLine($"worklist seed: {detail}; {summary}");
        new Measurement(storeName, run, Measurement.Seed, summary, detail).AppendTo(results);
        if (open != target)
        {
            throw new InvalidOperationException(Invariant($"{team} holds {open:N0} open referrals, not {target:N0}."));
        }
    }

    private static async Task<LatencySummary> TimeGetsAsync(HttpClient client, string path, int count)
    {
        var latencies = new List<long>(count);
        int errors = 0;
        long bytes = 0;
        for (int i = 0; i < Warmup + count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            long took = Stopwatch.GetTimestamp() - start;
            if (i < Warmup)
            {
                continue;
            }

            latencies.Add(took);
            bytes += body.Length;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors++;
            }
        }

        Console.WriteLine(Invariant($"  {path}: {bytes / count:N0} bytes a page"));
        return LatencySummary.Of(latencies, errors, count / (latencies.Sum() / (double)Stopwatch.Frequency));
    }

    private static async Task<LatencySummary> TimeWorklistQueryAsync(StoreSettings store, string team, int count)
    {
        var actor = new StaffActor("bench", $"manager.{team.ToLowerInvariant()}@bench.test", [StaffRoles.TeamManager], team);
        var latencies = new List<long>(count);
        int rows = 0, total = 0;
        for (int i = 0; i < Warmup + count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            await using (var db = StoreRegistration.Open(store))
            {
                var reading = new ReferralReading(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System);
                var worklist = await reading.WorklistAsync(actor, team);
                rows = worklist.Rows.Count;
                total = worklist.Total;
            }

            if (i >= Warmup)
            {
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        }

        Console.WriteLine(Invariant($"  WorklistAsync: {rows} rows of {total:N0}"));
        return LatencySummary.Of(latencies, 0, count / (latencies.Sum() / (double)Stopwatch.Frequency));
    }
}
