using System.Text.RegularExpressions;

namespace OnePlace.Core.Referrals.Triage;

/// <summary>
/// The folder of triage tables (rules/triage): each version a file <c>vN.csv</c>, and <c>live.txt</c> naming the one
/// in use. Tables are read when asked for, so an edited or added file is seen without a restart; a table that fails
/// its checks is never used (the error names the line).
/// </summary>
public sealed partial class TriageRules(string folder)
{
    public string Folder { get; } = folder;

    public IReadOnlyList<string> Versions() =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.csv").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Where(v => VersionName().IsMatch(v)).OrderBy(v => int.Parse(v[1..], System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [];

    public string LiveVersion()
    {
        string path = Path.Combine(Folder, "live.txt");
        string version = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
        return VersionName().IsMatch(version)
            ? version
            : throw new TriageTableException(version, [$"{path} must name the live version (e.g. v1)"]);
    }

    public TriageTable Live() => Load(LiveVersion());

    public TriageTable Load(string version)
    {
        if (!VersionName().IsMatch(version))
        {
            throw new TriageTableException(version, ["a version is 'v' and a number, e.g. v2"]);
        }

        string path = Path.Combine(Folder, version + ".csv");
        if (!File.Exists(path))
        {
            throw new TriageTableException(version, [$"there is no {version}.csv in {Folder}"]);
        }

        // Every referral is triaged with the live table: parse a file once, and again only when it changes on disk.
        var stamp = File.GetLastWriteTimeUtc(path);
        if (_parsed.TryGetValue(path, out var cached) && cached.Stamp == stamp)
        {
            return cached.Table;
        }

        using var reader = File.OpenText(path);
        var table = TriageTable.Parse(version, reader);
        _parsed[path] = (stamp, table);
        return table;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Stamp, TriageTable Table)> _parsed = new(StringComparer.Ordinal);

    /// <summary>The raw text of a version, for the rules page.</summary>
    public string Text(string version) => File.ReadAllText(Path.Combine(Folder, Load(version).Version + ".csv"));

    /// <summary>
    /// Where the rules are: <paramref name="configured"/> when given; else the nearest <c>rules/triage</c> above the
    /// working folder (a checkout, where staff edit the files); else the copy beside the program.
    /// </summary>
    public static TriageRules Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new TriageRules(Path.GetFullPath(configured));
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "rules", "triage");
            if (File.Exists(Path.Combine(candidate, "live.txt")))
            {
                return new TriageRules(candidate);
            }
        }

        return new TriageRules(Path.Combine(AppContext.BaseDirectory, "rules", "triage"));
    }

    [GeneratedRegex("^v[0-9]{1,6}$")]
    private static partial Regex VersionName();
}
