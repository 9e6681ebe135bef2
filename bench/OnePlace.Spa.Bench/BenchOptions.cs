using System.Globalization;
using OnePlace.Core.Store;

namespace OnePlace.Spa.Bench;

/// <summary>The command line of the Single Point of Access benchmark: a step, then <c>--name value</c> options.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Single Point of Access benchmark (bench/spa.sh runs the steps in order; docs/benchmarks/spa.md).

        OnePlace.Spa.Bench prepare  --sqlite FILE | --postgres CONNECTION  --team CODE --out FILE [--describe FILE --store-name NAME]
            registers an API client and a team manager of CODE in the store; writes their credentials to FILE
        OnePlace.Spa.Bench intake   --url URL --credentials FILE (--sqlite … | --postgres …) --results FILE --store-name NAME --run N
                                    [--rate 200] [--seconds 60] [--warmup 30] [--seed 1]
            posts referrals for the borough's people on a fixed arrival schedule (open loop) and records every latency
        OnePlace.Spa.Bench worklist --url URL --credentials FILE (--sqlite … | --postgres …) --results FILE --store-name NAME --run N
                                    [--team UCR-ALL] [--open 10000] [--gets 200] [--page "/worklists?team={team}"] [--seed 1]
            fills the team to N open referrals through the API, then times the signed-in worklist page
        OnePlace.Spa.Bench dashboards --url URL --credentials FILE --results FILE [--rounds 20] [--run N]
            reads every outcome dashboard page in turn as a signed-in member of staff and appends latencies by kind of page
        OnePlace.Spa.Bench report   --results FILE --command TEXT --out FILE [--context FILE]
            prints the medians and writes the Markdown report
        """;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public required string Step { get; init; }

    /// <exception cref="ArgumentException">No step, an unknown step, or an option without its value.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("prepare" or "intake" or "worklist" or "dashboards" or "report"))
        {
            throw new ArgumentException("Name a step: prepare, intake, worklist, dashboards or report.");
        }

        var options = new BenchOptions { Step = args[0] };
        for (int i = 1; i < args.Count; i++)
        {
            string name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{name}' is not an option with a value.");
            }

            options._values[name[2..]] = args[++i];
        }

        return options;
    }

    public string Text(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required for {Step}.");

    public string Text(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public int Number(string name, int fallback) =>
        !_values.TryGetValue(name, out var value) ? fallback
        : int.TryParse(value.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n
        : throw new ArgumentException($"--{name} takes a whole number above 0; '{value}' is not one.");

    /// <summary>The store named by <c>--sqlite FILE</c> or <c>--postgres CONNECTION</c>.</summary>
    public StoreSettings Store() =>
        Optional("postgres") is { } postgres ? new StoreSettings(true, postgres)
        : Optional("sqlite") is { } sqlite ? new StoreSettings(false, $"Data Source={Path.GetFullPath(sqlite)}")
        : throw new ArgumentException($"{Step} needs --sqlite FILE or --postgres CONNECTION.");
}
