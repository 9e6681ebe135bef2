using System.Text.Json;
using static System.FormattableString;

namespace OnePlace.Spa.Bench;

/// <summary>
/// Intake: referrals posted to <c>POST /api/referrals</c> by a registered client system at a fixed rate (default 200
/// a second for 60 s, 12,000 referrals), after a warm-up at the same rate that is not counted
/// (default 30 s: a freshly started host is still compiling its hot paths to optimised code for the first 20–30 s,
/// and a Single Point of Access runs for weeks, so its steady state is what is measured).
/// </summary>
internal static class IntakeBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var store = options.Store();
        var credentials = Credentials.Load(options.Text("credentials"));
        int rate = options.Number("rate", 200), seconds = options.Number("seconds", 60), warmup = options.Number("warmup", 30);
        int run = options.Number("run", 1);
        var people = await BoroughPeople.AdultsAsync(store);
        var mix = new ReferralMix(people, options.Number("seed", 1) * 1000 + run);
        var warm = mix.Intake(rate * warmup, $"WARM-{run}");
        var referrals = mix.Intake(rate * seconds, $"RUN-{run}");
        Console.WriteLine(Invariant($"intake: {people.Count:N0} adults of the borough to refer; {warm.Count:N0} warm-up and {referrals.Count:N0} measured referrals at {rate}/s"));

        using var client = await Host.ClientSystemAsync(options.Text("url"), credentials);
        var (warmOutcomes, warmSeconds) = await OpenLoop.RunAsync(client, "/api/referrals", warm, rate);
        Console.WriteLine($"  warm-up (not counted): {Summarise(warmOutcomes, warmSeconds)}");

        int? hostPid = options.Optional("host-pid") is { } pid ? int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture) : null;
        string loadBefore = HostCpu.LoadAverage();
        double? cpuBefore = HostCpu.Seconds(hostPid);
        var (outcomes, elapsed) = await OpenLoop.RunAsync(client, "/api/referrals", referrals, rate);
        double? cpuAfter = HostCpu.Seconds(hostPid);
        var summary = Summarise(outcomes, elapsed);
        string cpu = cpuBefore is { } b && cpuAfter is { } a ? Invariant($"host CPU {(a - b) * 1000 / referrals.Count:F2} ms a referral; ") : "";
        string detail = cpu + Describe(outcomes, referrals) + $"; load average {loadBefore} before, {HostCpu.LoadAverage()} after";
        Console.WriteLine($"  measured: {summary}");
        Console.WriteLine($"  {detail}");
        new Measurement(options.Text("store-name"), run, Measurement.Intake, summary, detail).AppendTo(options.Text("results"));
        return summary.Errors == 0 ? 0 : 1;
    }

    private static LatencySummary Summarise(Outcome[] outcomes, double seconds) =>
        LatencySummary.Of(outcomes.Select(o => o.Latency), outcomes.Count(o => o.Status != 201), outcomes.Length / seconds);

    /// <summary>How the referrals met the person index and routing, the statuses, and how late the sender ever was.</summary>
    private static string Describe(Outcome[] outcomes, List<PlannedReferral> referrals)
    {
        var matches = new Dictionary<string, int>(StringComparer.Ordinal);
        int routed = 0, queued = 0;
        foreach (var o in outcomes.Where(o => o.Status == 201 && o.Body is not null))
        {
            using var json = JsonDocument.Parse(o.Body);
            string match = json.RootElement.GetProperty("personMatch").GetString() ?? "?";
            matches[match] = matches.GetValueOrDefault(match) + 1;
            if (json.RootElement.GetProperty("teamCode").ValueKind == JsonValueKind.Null)
            {
                queued++;
            }
            else
            {
                routed++;
            }
        }

        var statuses = outcomes.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {g.Count()}");
        double lateMs = outcomes.Max(o => o.SendLag) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        var naming = referrals.GroupBy(r => r.Naming).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        return Invariant($"HTTP {string.Join(", ", statuses)}; sent with {string.Join(", ", naming)}; matched {string.Join(", ", matches.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}"))}; routed to a team {routed}, SPA queue {queued}; sender at most {lateMs:F1} ms late");
    }
}
