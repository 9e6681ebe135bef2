using System.Globalization;
using static System.FormattableString;

namespace OnePlace.Spa.Bench;

/// <summary>One measurement of one run, kept as a tab-separated line so that each step can add its own.</summary>
internal sealed record Measurement(string Store, int Run, string Measure, LatencySummary Summary, string Detail)
{
    public const string Intake = "intake";
    public const string WorklistPage = "worklist page";
    public const string WorklistQuery = "WorklistAsync in process";
    public const string SignedInPage = "signed-in page";
    public const string Seed = "seed";

    public void AppendTo(string path)
    {
        var s = Summary;
        File.AppendAllText(path, Invariant($"{Store}\t{Run}\t{Measure}\t{s.Count}\t{s.Errors}\t{s.Rate:F2}\t{s.P50:F2}\t{s.P95:F2}\t{s.P99:F2}\t{s.Max:F2}\t{Detail.Replace('\t', ' ')}\n"));
    }

    public static List<Measurement> ReadAll(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split('\t');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new Measurement(f[0], int.Parse(f[1], CultureInfo.InvariantCulture), f[2],
                new LatencySummary(int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[4], CultureInfo.InvariantCulture), D(5), D(6), D(7), D(8), D(9)), f[10]);
        })];
}
