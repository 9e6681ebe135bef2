using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using OnePlace.Linkage.Evaluation;

namespace OnePlace.Linkage.Bench;

/// <summary>Wall time of each phase of one run, in seconds, as the linker reports it.</summary>
internal sealed record PhaseSeconds(double Standardise, double Blocking, double Training, double Scoring, double Clustering);

/// <summary>One run of the linker on one dataset.</summary>
/// <param name="Seconds">Wall time of <see cref="Linker.Link"/>, standardisation to clusters.</param>
/// <param name="Assignment">FNV-1a hash of the cluster of every record, to check that runs agree.</param>
internal sealed record RunMeasurement(double Seconds, PhaseSeconds Phases, long CandidatePairs, int EmIterations, string Assignment);

/// <summary>The scores of <see cref="ClusterAccuracy"/>, flattened for the report.</summary>
internal sealed record AccuracyFigures(
    double PairwisePrecision,
    double PairwiseRecall,
    double PairwiseF1,
    double BCubedPrecision,
    double BCubedRecall,
    double BCubedF1,
    long TruePairs,
    long PredictedPairs,
    long TruePositivePairs,
    int Clusters,
    int Entities)
{
    public static AccuracyFigures From(ClusterAccuracy a) => new(
        a.PairwisePrecision, a.PairwiseRecall, a.PairwiseF1, a.BCubedPrecision, a.BCubedRecall, a.BCubedF1,
        a.TruePairs, a.PredictedPairs, a.TruePositivePairs, a.PredictedClusters, a.Entities);
}

/// <summary>Everything measured on one dataset, in one process of its own.</summary>
internal sealed record DatasetMeasurement
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public string Task { get; init; } = "";
    public int Records { get; init; }
    public int Sources { get; init; }

    /// <summary>For the synthetic borough: the records asked for, the people generated and the time to generate them.</summary>
    public int? RequestedRecords { get; init; }
    public int? People { get; init; }
    public double? GenerateSeconds { get; init; }

    /// <summary>Reading the CSV files into records (not part of the linkage time).</summary>
    public double LoadSeconds { get; init; }

    public IReadOnlyList<RunMeasurement> Runs { get; init; } = [];
    public AccuracyFigures? Accuracy { get; init; }

    /// <summary>Clusters holding two different NHS numbers; only where those always mean two people.</summary>
    public int? ClustersWithTwoNhsNumbers { get; init; }

    /// <summary>Peak resident set of the process that loaded and linked this dataset alone (VmHWM).</summary>
    public double PeakRssMiB { get; init; }

    public string? Error { get; init; }

    /// <summary>The run with the median wall time (the lower middle one for an even number of runs).</summary>
    [JsonIgnore]
    public RunMeasurement? Median => Runs.Count == 0 ? null : Runs.OrderBy(r => r.Seconds).ElementAt((Runs.Count - 1) / 2);

    [JsonIgnore]
    public bool Deterministic => Runs.Select(r => r.Assignment).Distinct().Count() <= 1;

    /// <summary>Candidate pairs scored per second of scoring, per core.</summary>
    public double? ComparisonsPerSecondPerCore(int cores) => Median is { Phases.Scoring: > 0 } m
        ? m.CandidatePairs / m.Phases.Scoring / cores
        : null;

    /// <summary>Links <paramref name="dataset"/> <paramref name="runs"/> times with default options and scores the result.</summary>
    public static DatasetMeasurement Measure(LinkageDataset dataset, string description, int runs, double loadSeconds)
    {
        var measured = new List<RunMeasurement>();
        LinkageResult? last = null;
        string? error = null;
        try
        {
            for (int run = 0; run < runs; run++)
            {
                // Each run starts from a collected heap, so that one run's garbage is not charged to the next.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                LinkageResult result = Linker.Link(dataset.Records, new LinkageOptions());
                double seconds = clock.Elapsed.TotalSeconds;
                LinkageTimings t = result.Timings;
                measured.Add(new RunMeasurement(
                    seconds,
                    new PhaseSeconds(t.Standardise.TotalSeconds, t.Blocking.TotalSeconds, t.Training.TotalSeconds, t.Scoring.TotalSeconds, t.Clustering.TotalSeconds),
                    t.CandidatePairs,
                    t.EmIterations,
                    Fingerprint(result.ClusterOfRecord)));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {dataset.Name} run {run + 1}/{runs}: {seconds:F2} s, {t.CandidatePairs:N0} candidate pairs, {result.ClusterCount:N0} clusters"));
                last = result;
            }
        }
#pragma warning disable CA1031 // A failing linker is reported in the benchmark rather than ending it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = $"{e.GetType().Name}: {e.Message}";
            Console.Error.WriteLine($"  {dataset.Name}: {error}");
        }

        AccuracyFigures? accuracy = null;
        int? conflicts = null;
        if (last is not null)
        {
            accuracy = AccuracyFigures.From(ClusterAccuracy.Measure(last.ClusterOfRecord, dataset.TrueEntity, dataset.CrossSourceOf));
            conflicts = dataset.IdentifierIsReliable ? CountClustersWithTwoNhsNumbers(dataset.Records, last.ClusterOfRecord) : null;
        }

        return new DatasetMeasurement
        {
            Name = dataset.Name,
            Description = description,
            Task = dataset.Task,
            Records = dataset.Records.Count,
            Sources = dataset.Records.Select(r => r.Source).Distinct(StringComparer.Ordinal).Count(),
            LoadSeconds = loadSeconds,
            Runs = measured,
            Accuracy = accuracy,
            ClustersWithTwoNhsNumbers = conflicts,
            PeakRssMiB = PeakResidentMiB(),
            Error = error,
        };
    }

    /// <summary>Clusters whose records carry two different NHS numbers (compared as digits only).</summary>
    private static int CountClustersWithTwoNhsNumbers(IReadOnlyList<LinkRecord> records, IReadOnlyList<int> clusterOf)
    {
        var first = new Dictionary<int, string>();
        var conflicting = new HashSet<int>();
        for (int r = 0; r < records.Count; r++)
        {
            string digits = new((records[r].NhsNumber ?? "").Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 0)
            {
                continue;
            }

            if (!first.TryAdd(clusterOf[r], digits) && first[clusterOf[r]] != digits)
            {
                conflicting.Add(clusterOf[r]);
            }
        }

        return conflicting.Count;
    }

    private static string Fingerprint(IReadOnlyList<int> clusterOf)
    {
        // FNV-1a, 64-bit (Fowler, Noll and Vo): enough to tell whether two runs gave the same assignment.
        ulong hash = 14695981039346656037UL;
        foreach (int c in clusterOf)
        {
            hash = (hash ^ (uint)c) * 1099511628211UL;
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>VmHWM from /proc/self/status (Linux), else the runtime's peak working set.</summary>
    private static double PeakResidentMiB()
    {
        const string Status = "/proc/self/status";
        if (File.Exists(Status))
        {
            foreach (string line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    string kb = line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim();
                    return double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
                }
            }
        }

        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64 / 1048576.0;
    }
}
