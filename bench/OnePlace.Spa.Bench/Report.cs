using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using static System.FormattableString;

namespace OnePlace.Spa.Bench;

/// <summary>
/// The medians of every run, on the console and in docs/benchmarks/spa.md. Whatever follows the
/// <see cref="HandWritten"/> line of an existing report (findings, fixes) is kept when the report is written again.
/// </summary>
internal static partial class Report
{
    public const string HandWritten = "<!-- Everything below this line is written by hand and kept when bench/spa.sh writes the report again. -->";
    private const double IntakeP99TargetMs = 25, WorklistP95TargetMs = 100;

    public static int Write(BenchOptions options)
    {
        var all = Measurement.ReadAll(options.Text("results"));
        string outPath = options.Text("out");
        var context = options.Optional("context") is { } c && File.Exists(c) ? File.ReadAllLines(c).Where(l => l.Length > 0).ToList() : [];
        var stores = all.Select(m => m.Store).Distinct(StringComparer.Ordinal).ToList();
        int rate = options.Number("rate", 200), seconds = options.Number("seconds", 60), open = options.Number("open", 10_000);

        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(Invariant(text)).Append('\n');
        Line($"# Single Point of Access benchmark");
        Line($"");
        Line($"Command: `{options.Text("command")}`");
        Line($"");
        Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Cpu()}, {Environment.ProcessorCount} cores, {MemoryGiB():F0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}.");
        foreach (string line in context)
        {
            Line($"{line}");
        }

        Line($"");
        Line($"Written by `bench/spa.sh` with `bench/OnePlace.Spa.Bench`. Each run starts from a fresh copy of the loaded borough, starts the Release build of");
        Line($"`src/OnePlace.Web` as its own process on Kestrel at 127.0.0.1 (Production environment, demo mode off), registers an API client and a team");
        Line($"manager through the product's code, then measures. Figures are medians of the runs; latencies in milliseconds, percentiles by nearest rank.");
        Line($"");
        Line($"- **Intake**: `POST /api/referrals` with a bearer token from `POST /api/token`, open loop: referral *i* is due at start + *i*/{rate} s");
        Line($"  whatever happened to the others, and its latency runs from that due time to the last byte of the answer, so queueing counts");
        Line($"  (no coordinated omission). {rate * seconds:N0} referrals in {seconds} s after an uncounted warm-up at the same rate. The people are real adults");
        Line($"  of the borough (older people drawn more often); 80% carry the NHS number, 10% only name, birth date and postcode, 5% a misspelt");
        Line($"  name (a provisional person), 5% an NHS number new to the borough; 18 needs and 3 settings in a plausible mix; every referral has a");
        Line($"  sender identifier. A request not answered within the client's 30 s time-out is an error and counts in the latencies at");
        Line($"  the time it was given up. The load generator runs on the same 2 cores as the host (and the database).");
        Line($"- **Worklist**: the urgent community response team (`UCR-ALL`) brought to {open:N0} open referrals through the same intake (its capacity");
        Line($"  raised first so routing keeps sending it referrals), then sequential GETs by a team manager signed in through the `/sign-in` form.");
        Line($"");

        Line($"## Against the targets");
        Line($"");
        Line($"| target | {string.Join(" | ", stores)} |");
        Line($"|---|{string.Concat(stores.Select(_ => "---|"))}");
        Line($"| intake: {rate}/s sustained for {seconds} s, p99 under {IntakeP99TargetMs} ms | {string.Join(" | ", stores.Select(s => IntakeVerdict(all, s, rate)))} |");
        Line($"| worklist of {open:N0} open referrals served in under {WorklistP95TargetMs} ms at p95 | {string.Join(" | ", stores.Select(s => WorklistVerdict(all, s)))} |");
        Line($"");

        foreach (var (title, measures) in new[]
                 {
                     ("Intake", new[] { Measurement.Intake }),
                     ("Worklist", new[] { Measurement.WorklistPage, Measurement.WorklistQuery, Measurement.SignedInPage, Measurement.Seed }),
                 })
        {
            var rows = all.Where(m => measures.Contains(m.Measure)).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            Line($"## {title}");
            Line($"");
            Line($"Medians of the runs (requests/s: all requests over the time from the first to the last answer or time-out; answered/s: the successful ones only; host CPU: the web host's user + system CPU time over the measured requests, divided by their number):");
            Line($"");
            Line($"| store | measure | runs | requests | errors (all runs) | requests/s | answered/s | p50 | p95 | p99 | max | host CPU ms/request |");
            Line($"|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in rows.GroupBy(m => (m.Store, m.Measure)).OrderBy(g => stores.IndexOf(g.Key.Store)).ThenBy(g => Array.IndexOf(measures, g.Key.Measure)))
            {
                var g = group.ToList();
                Line($"| {group.Key.Store} | {group.Key.Measure} | {g.Count} | {Median(g, s => s.Count):F0} | {g.Sum(m => m.Summary.Errors)} | {Median(g, s => s.Rate):F1} | {Median(g, Answered):F1} | {Median(g, s => s.P50):F2} | {Median(g, s => s.P95):F2} | {Median(g, s => s.P99):F2} | {Median(g, s => s.Max):F2} | {HostCpuMedian(g)} |");
            }

            Line($"");
            Line($"Each run:");
            Line($"");
            Line($"| store | run | measure | requests | errors | requests/s | answered/s | p50 | p95 | p99 | max | what happened |");
            Line($"|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var m in rows.OrderBy(m => stores.IndexOf(m.Store)).ThenBy(m => Array.IndexOf(measures, m.Measure)).ThenBy(m => m.Run))
            {
                var s = m.Summary;
                Line($"| {m.Store} | {m.Run} | {m.Measure} | {s.Count} | {s.Errors} | {s.Rate:F1} | {Answered(s):F1} | {s.P50:F2} | {s.P95:F2} | {s.P99:F2} | {s.Max:F2} | {m.Detail} |");
            }

            Line($"");
        }

        string kept = File.Exists(outPath) && File.ReadAllText(outPath) is var old && old.IndexOf(HandWritten, StringComparison.Ordinal) is var at and >= 0
            ? old[(at + HandWritten.Length)..].TrimStart('\n')
            : "\n## Findings\n\n(none yet)\n";
        md.Append(HandWritten).Append("\n\n").Append(kept);
        File.WriteAllText(outPath, md.ToString());

        Console.WriteLine();
        foreach (var group in all.GroupBy(m => (m.Store, m.Measure)))
        {
            var g = group.ToList();
            Console.WriteLine(Invariant($"{group.Key.Store,-11} {group.Key.Measure,-26} runs {g.Count}  rate {Median(g, s => s.Rate),7:F1}/s  p50 {Median(g, s => s.P50),8:F2}  p95 {Median(g, s => s.P95),8:F2}  p99 {Median(g, s => s.P99),8:F2}  max {Median(g, s => s.Max),8:F2} ms  errors {g.Sum(m => m.Summary.Errors)}"));
        }

        foreach (string store in stores)
        {
            Console.WriteLine($"{store}: intake {IntakeVerdict(all, store, rate).Replace("*", "", StringComparison.Ordinal)}; worklist {WorklistVerdict(all, store).Replace("*", "", StringComparison.Ordinal)}");
        }

        Console.WriteLine($"Wrote {outPath}");
        return 0;
    }

    private static string IntakeVerdict(List<Measurement> all, string store, int rate)
    {
        var runs = all.Where(m => m.Store == store && m.Measure == Measurement.Intake).ToList();
        if (runs.Count == 0)
        {
            return "not measured";
        }

        double p99 = Median(runs, s => s.P99), achieved = Median(runs, Answered);
        int errors = runs.Sum(m => m.Summary.Errors);
        bool met = p99 < IntakeP99TargetMs && achieved >= rate * 0.99 && errors == 0;
        return Invariant($"{(met ? "**met**" : "**missed**")}: {achieved:F1} answered/s, p99 {p99:F1} ms, {errors} errors in {runs.Count} runs");
    }

    private static string WorklistVerdict(List<Measurement> all, string store)
    {
        var page = all.Where(m => m.Store == store && m.Measure == Measurement.WorklistPage).ToList();
        if (page.Count > 0)
        {
            double p95 = Median(page, s => s.P95);
            return Invariant($"{(p95 < WorklistP95TargetMs ? "**met**" : "**missed**")}: page p95 {p95:F1} ms");
        }

        var query = all.Where(m => m.Store == store && m.Measure == Measurement.WorklistQuery).ToList();
        var signedIn = all.Where(m => m.Store == store && m.Measure == Measurement.SignedInPage).ToList();
        if (query.Count == 0)
        {
            return "not measured";
        }

        double q = Median(query, s => s.P95), p = signedIn.Count > 0 ? Median(signedIn, s => s.P95) : double.NaN;
        return Invariant($"no worklist page to measure; WorklistAsync p95 {q:F1} ms + a signed-in page p95 {p:F1} ms = {q + p:F1} ms (indicative)");
    }

    /// <summary>Successful requests per second: the measured rate covers every request, answered or timed out.</summary>
    private static double Answered(LatencySummary s) => s.Count == 0 ? 0 : s.Rate * (s.Count - s.Errors) / s.Count;

    private static string HostCpuMedian(List<Measurement> runs)
    {
        var values = runs.Select(m => HostCpuPattern().Match(m.Detail)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToArray();
        return values.Length == 0 ? "" : Invariant($"{(values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2):F2}");
    }

    [GeneratedRegex("host CPU ([0-9.]+) ms")]
    private static partial Regex HostCpuPattern();

    private static double Median(List<Measurement> runs, Func<LatencySummary, double> value)
    {
        var v = runs.Select(m => value(m.Summary)).Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Cpu()
    {
        const string path = "/proc/cpuinfo";
        var model = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return model?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static double MemoryGiB()
    {
        const string path = "/proc/meminfo";
        var total = File.Exists(path) ? File.ReadLines(path).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return total is null
            ? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0
            : double.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;
    }
}
