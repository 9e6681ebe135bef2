using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OnePlace.Linkage.Bench;

/// <summary>Where and how the benchmark ran: the command, the machine, and what was left out.</summary>
internal sealed record ReportContext(
    string Command,
    DateTime MeasuredUtc,
    string Cpu,
    int Cores,
    string Memory,
    string OperatingSystem,
    string DotNet,
    string Commit,
    int Runs,
    string ReferenceFolder,
    double? RecordsPerPerson,
    IReadOnlyList<string> Notes)
{
    public static ReportContext Describe(
        BenchOptions options, IReadOnlyList<string> args, string repository, string referenceFolder, double? recordsPerPerson, IReadOnlyList<string> notes)
    {
        // bench/linkage.sh passes the command as its user typed it; run directly, the command is rebuilt from the arguments.
        string command = Environment.GetEnvironmentVariable("ONEPLACE_BENCH_COMMAND") is { Length: > 0 } given
            ? given
            : "dotnet run -c Release --project bench/OnePlace.Linkage.Bench" + (args.Count > 0 ? " -- " + string.Join(' ', args.Select(Quote)) : "");
        return new ReportContext(
            command,
            DateTime.UtcNow,
            ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            ProcLine("/proc/meminfo", "MemTotal") is { } total && long.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out long kb)
                ? (kb / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) + " GiB"
                : "unknown",
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            CommitOf(repository),
            options.Runs,
            referenceFolder,
            recordsPerPerson,
            notes);
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or '=')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The value of the first "key: value" line of a /proc file, or null.</summary>
    private static string? ProcLine(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (string line in File.ReadLines(file))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == key)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>The commit measured, marked when the working tree differs from it.</summary>
    private static string CommitOf(string repository)
    {
        string? head = Git(repository, "rev-parse --short HEAD");
        if (head is null)
        {
            return "unknown";
        }

        return string.IsNullOrWhiteSpace(Git(repository, "status --porcelain")) ? head : head + " with uncommitted changes";
    }

    private static string? Git(string repository, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = repository,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using Process? git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
#pragma warning disable CA1031 // No git on the machine only means the report names no commit.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
