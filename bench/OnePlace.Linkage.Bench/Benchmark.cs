using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using static System.FormattableString;

namespace OnePlace.Linkage.Bench;

/// <summary>
/// Runs the benchmark: every dataset is loaded and linked in a fresh process of this program (<c>--one NAME</c>), so
/// that the peak memory reported is that dataset's alone and no run inherits another's heap or JIT state.
/// </summary>
internal static class Benchmark
{
    private const string ResultMarker = "LINKAGE-BENCH-RESULT ";
    private static readonly JsonSerializerOptions Json = new();

    public static int Run(BenchOptions options, IReadOnlyList<string> args)
    {
        string repository = RepositoryRoot();
        string reference = Path.GetFullPath(options.Reference ?? Path.Combine(repository, "..", "shared", "reference", "linkage"));
        string output = Path.GetFullPath(options.Out ?? Path.Combine(repository, "docs", "benchmarks", "linkage.md"));
        var notes = new List<string>();
        var results = new List<DatasetMeasurement>();

        List<string> referenceSets = ReferenceDatasets.Names.Where(options.Includes).ToList();
        if (referenceSets.Count > 0 && !Directory.Exists(reference))
        {
            Note(notes, $"The reference folder {reference} was not found, so the reference datasets were skipped.");
        }
        else
        {
            foreach (string name in referenceSets)
            {
                string[] missing = ReferenceDatasets.Files(name).Where(f => !File.Exists(Path.Combine(reference, f))).ToArray();
                if (missing.Length > 0)
                {
                    Note(notes, $"{name} skipped: {string.Join(", ", missing)} not found in {reference}.");
                    continue;
                }

                Console.Error.WriteLine($"{name}:");
                results.Add(MeasureInFreshProcess(name, ReferenceDatasets.Describe(name), ["--one", name, "--reference", reference, "--runs", Text(options.Runs)]));
            }
        }

        double? recordsPerPerson = null;
        if (options.Sizes.Count > 0 && options.Includes("synthetic"))
        {
            recordsPerPerson = MeasureSyntheticBoroughs(options, results);
        }

        var context = ReportContext.Describe(options, args, repository, reference, recordsPerPerson, notes);
        Report.PrintConsole(results, context);
        Report.WriteMarkdown(output, results, context);
        Console.WriteLine($"Report written to {output}");
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }

    /// <summary>The <c>--one NAME</c> mode: load one dataset, link it, print the measurement as one JSON line.</summary>
    public static int MeasureOne(BenchOptions options)
    {
        string name = options.One!;
        var clock = Stopwatch.StartNew();
        (LinkageDataset dataset, string description) = name == "synthetic"
            ? (SyntheticBorough.Load(name, options.Data ?? throw new ArgumentException("--one synthetic needs --data.")), SyntheticBorough.Description)
            : (ReferenceDatasets.Load(name, options.Reference ?? throw new ArgumentException("--one needs --reference.")), ReferenceDatasets.Describe(name));
        double loadSeconds = clock.Elapsed.TotalSeconds;
        DatasetMeasurement measurement = DatasetMeasurement.Measure(dataset, description, options.Runs, loadSeconds);
        Console.WriteLine(ResultMarker + JsonSerializer.Serialize(measurement, Json));
        return 0;
    }

    /// <summary>
    /// Sizes the borough by records: a small borough gives the person-file rows per person, then each size is
    /// generated into a temporary folder, measured in a fresh process, and deleted.
    /// </summary>
    private static double MeasureSyntheticBoroughs(BenchOptions options, List<DatasetMeasurement> results)
    {
        string root = Path.Combine(Path.GetTempPath(), $"oneplace-linkage-bench-{Environment.ProcessId}");
        try
        {
            string calibration = Path.Combine(root, "calibration");
            double recordsPerPerson = SyntheticBorough.MeasureRecordsPerPerson(options.Sizes.Min(), calibration);
            double firstMeasure = recordsPerPerson;
            Directory.Delete(calibration, recursive: true);
            Console.Error.WriteLine(Invariant($"synthetic borough: {recordsPerPerson:F3} person-file records per person"));
            foreach (int size in options.Sizes.Distinct().Order())
            {
                string folder = Path.Combine(root, Text(size));
                Console.Error.WriteLine(Invariant($"synthetic {size:N0}: generating …"));
                (int people, int records, double seconds) = SyntheticBorough.Generate(size, recordsPerPerson, folder);
                Console.Error.WriteLine(Invariant($"synthetic {size:N0}: {people:N0} people, {records:N0} records in {seconds:F1} s"));
                DatasetMeasurement measured = MeasureInFreshProcess("synthetic", SyntheticBorough.Description, ["--one", "synthetic", "--data", folder, "--runs", Text(options.Runs)]);
                results.Add(measured with { Name = Invariant($"synthetic {size:N0}"), RequestedRecords = size, People = people, GenerateSeconds = seconds });
                Directory.Delete(folder, recursive: true);

                // Records per person drift a little with size: size the next borough by this one.
                recordsPerPerson = (double)records / people;
            }

            return firstMeasure;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static DatasetMeasurement MeasureInFreshProcess(string name, string description, IEnumerable<string> arguments)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is not known.");
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Started as `dotnet OnePlace.Linkage.Bench.dll`: start the child the same way.
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the measuring process.");
        string? result = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(ResultMarker, StringComparison.Ordinal))
            {
                result = line[ResultMarker.Length..];
            }
            else
            {
                Console.WriteLine(line);
            }
        }

        child.WaitForExit();
        return child.ExitCode == 0 && result is not null
            ? JsonSerializer.Deserialize<DatasetMeasurement>(result, Json)!
            : new DatasetMeasurement
            {
                Name = name,
                Description = description,
                Error = $"the measuring process ended with exit code {child.ExitCode} (its messages are in the console output)",
            };
    }

    private static void Note(List<string> notes, string note)
    {
        Console.Error.WriteLine(note);
        notes.Add(note);
    }

    /// <summary>The folder holding OnePlace.slnx, searched upwards from the working folder, then from this program.</summary>
    private static string RepositoryRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "OnePlace.slnx")))
                {
                    return folder.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static string Text(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
