using System.Globalization;

namespace OnePlace.Spa.Bench;

/// <summary>
/// CPU time the host process has used (user + system, from /proc/PID/stat), so that a run can say how much CPU each
/// request cost the host: a figure that, unlike latency, barely moves when other work shares the machine.
/// </summary>
internal static class HostCpu
{
    /// <summary>Seconds of CPU used by <paramref name="pid"/> so far; null when it cannot be read (not Linux, no pid).</summary>
    public static double? Seconds(int? pid)
    {
        string path = $"/proc/{pid}/stat";
        if (pid is null || !File.Exists(path))
        {
            return null;
        }

        // Fields after the command name, which is in parentheses and may contain spaces: utime and stime are the 14th and 15th.
        string stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>The machine's load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
