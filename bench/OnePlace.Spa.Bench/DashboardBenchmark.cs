using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace OnePlace.Spa.Bench;

/// <summary>
/// Dashboards: a signed-in member of staff reads every outcome dashboard page in turn (the overview, each indicator,
/// each locality profile, frailty), round after round, one request at a time; the latency of each GET (to the last
/// byte) is recorded by kind of page. The pages are found from the overview's links, so every indicator the framework
/// holds is read.
/// </summary>
internal static partial class DashboardBenchmark
{
    private const int WarmupRounds = 2;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var credentials = Credentials.Load(options.Text("credentials"));
        string url = options.Text("url"), results = options.Text("results");
        int rounds = options.Number("rounds", 20), run = options.Number("run", 1);

        using var staff = await Host.StaffAsync(url, credentials);
        string overview = await staff.GetStringAsync(new Uri("/outcomes", UriKind.Relative));
        var pages = new List<(string Kind, string Path)> { ("overview", "/outcomes"), ("frailty", "/outcomes/frailty") };
        pages.AddRange(Links().Matches(overview).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct()
            .Select(p => (p.StartsWith("/outcomes/indicators/", StringComparison.Ordinal) ? "indicator" : "locality", p)));
        if (!pages.Any(p => p.Kind == "indicator"))
        {
            throw new InvalidOperationException("The overview lists no indicators: run oneplace indicators on the analytical store first.");
        }

        var byKind = pages.Select(p => p.Kind).Distinct().ToDictionary(k => k, _ => new List<long>());
        int errors = 0;
        long bytes = 0;
        for (int round = 0; round < WarmupRounds + rounds; round++)
        {
            foreach (var (kind, path) in pages)
            {
                long start = Stopwatch.GetTimestamp();
                using var response = await staff.GetAsync(new Uri(path, UriKind.Relative));
                byte[] body = await response.Content.ReadAsByteArrayAsync();
                long took = Stopwatch.GetTimestamp() - start;
                if (round < WarmupRounds)
                {
                    continue;
                }

                byKind[kind].Add(took);
                bytes += body.Length;
                errors += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            }
        }

        var lines = new StringBuilder();
        var all = LatencySummary.Of(byKind.Values.SelectMany(v => v), errors, 0);
        lines.AppendLine(Invariant($"{run}\tall pages\t{all.Count}\t{all.Errors}\t{all.P50:F2}\t{all.P95:F2}\t{all.P99:F2}\t{all.Max:F2}"));
        Console.WriteLine(Invariant($"  {pages.Count} pages x {rounds} rounds, {bytes / Math.Max(1, all.Count):N0} bytes a page: {all}"));
        foreach (var (kind, ticks) in byKind)
        {
            var summary = LatencySummary.Of(ticks, 0, 0);
            Console.WriteLine(Invariant($"  {kind}: {summary}"));
            lines.AppendLine(Invariant($"{run}\t{kind}\t{summary.Count}\t0\t{summary.P50:F2}\t{summary.P95:F2}\t{summary.P99:F2}\t{summary.Max:F2}"));
        }

        File.AppendAllText(results, lines.ToString());
        return errors == 0 ? 0 : 1;
    }

    [GeneratedRegex("href=\"(/outcomes/(?:indicators|localities)/[^\"]+)\"")]
    private static partial Regex Links();
}
