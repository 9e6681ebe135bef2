using System.Globalization;

namespace OnePlace.Linkage.Bench;

/// <summary>The command line of the linkage benchmark.</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        Record linkage benchmark: accuracy, speed and memory of OnePlace.Linkage on the public reference sets and on
        synthetic boroughs, written to a Markdown report.

        dotnet run -c Release --project bench/OnePlace.Linkage.Bench -- [options]
          --reference DIR     reference linkage folder (default <repo>/../shared/reference/linkage; skipped if absent)
          --runs N            linker runs per dataset; the median is reported (default 3)
          --sizes LIST        synthetic borough sizes in records, comma-separated, or "none" (default 10000,100000,1000000)
          --only LIST         only these datasets, comma-separated (febrl1 … historical_50k, synthetic)
          --out FILE          report to write (default <repo>/docs/benchmarks/linkage.md)
        """;

    public string? Reference { get; init; }
    public int Runs { get; init; } = 3;
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000, 1_000_000];
    public IReadOnlySet<string>? Only { get; init; }
    public string? Out { get; init; }

    /// <summary>Internal: measure this one dataset in this process and print the result as JSON.</summary>
    public string? One { get; init; }

    /// <summary>Internal: the generated borough folder for <c>--one synthetic</c>.</summary>
    public string? Data { get; init; }

    public bool Includes(string dataset) => Only is null || Only.Contains(dataset);

    /// <exception cref="ArgumentException">An unknown option or a value that does not parse.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--reference" => options with { Reference = Value() },
                "--runs" => options with { Runs = PositiveInt(name, Value()) },
                "--sizes" => options with { Sizes = ParseSizes(Value()) },
                "--only" => options with { Only = Datasets(Value()) },
                "--out" => options with { Out = Value() },
                "--one" => options with { One = Value() },
                "--data" => options with { Data = Value() },
                "-h" or "--help" => throw new ArgumentException("Usage:"),
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }

        return options;
    }

    private static HashSet<string> Datasets(string value)
    {
        HashSet<string> known = [.. ReferenceDatasets.Names, "synthetic"];
        string[] names = List(value);
        string[] unknown = names.Where(n => !known.Contains(n)).ToArray();
        return unknown.Length == 0
            ? names.ToHashSet(StringComparer.Ordinal)
            : throw new ArgumentException($"--only: unknown dataset {string.Join(", ", unknown)}; known: {string.Join(", ", known)}.");
    }

    private static int[] ParseSizes(string value) =>
        value.Trim() is "" or "none" ? [] : List(value).Select(v => PositiveInt("--sizes", v)).ToArray();

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes whole numbers above 0; '{value}' is not one.");
}
