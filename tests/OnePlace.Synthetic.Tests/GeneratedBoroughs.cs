using System.Collections.Concurrent;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Synthetic.Tests;

/// <summary>
/// Generates each small borough once per test run and shares it between tests (generation is the slow part).
/// Folders live under one temporary folder that is removed when the test process exits.
/// </summary>
internal static class GeneratedBoroughs
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), $"oneplace-synthetic-tests-{Environment.ProcessId}");
    private static readonly ConcurrentDictionary<(string, int, int), Lazy<string>> Cache = new();

    static GeneratedBoroughs() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    };

    public static string Get(string profile, int people, int seed = 1) =>
        Cache.GetOrAdd((profile, people, seed), key => new Lazy<string>(() =>
        {
            string dir = FreshFolder($"{key.Item1}-{key.Item2}-{key.Item3}");
            BoroughGenerator.Generate(new GeneratorOptions(key.Item1, key.Item2, key.Item3), dir);
            return dir;
        })).Value;

    public static string FreshFolder(string name)
    {
        string dir = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static readonly string[] PartnerFolders = ["gp", "hospital", "community", "council", "voluntary"];

    /// <summary>Reads a CSV file with CsvHelper (RFC 4180), returning its header and rows as dictionaries.</summary>
    public static (string[] Header, List<Dictionary<string, string>> Rows) Read(string dir, string relativePath)
    {
        using var reader = new StreamReader(Path.Combine(dir, relativePath));
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        string[] header = csv.HeaderRecord ?? [];
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            foreach (string column in header)
            {
                row[column] = csv.GetField(column) ?? "";
            }

            rows.Add(row);
        }

        return (header, rows);
    }

    public static int AgeOn(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - (on.Month < birth.Month || (on.Month == birth.Month && on.Day < birth.Day) ? 1 : 0);
}
