using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using OnePlace.Planning.Appraisal;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Output;
using OnePlace.Planning.Scenarios;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace scenario`: demand and financial scenarios (docs/scenarios.md). `run` runs a scenario file's "do nothing"
/// and named scenarios with Monte Carlo uncertainty and writes every total, the gap bridge and the runs' parameters
/// as CSV and an Excel workbook; `appraise` ranks the options of an appraisal file and shows how the ranking moves
/// with the weights. Each subcommand is one entry of <see cref="Create"/>.
/// </summary>
internal static class ScenarioCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        _ = configuration;
        return new Command("scenario", "Demand and financial scenarios: their baseline from the analytical store, do nothing, named scenarios, the gap bridge, options appraisal")
        {
            ScenarioBaselineCommand.Create(console),
            Run(console),
            Appraise(console),
        };
    }

    private static Command Appraise(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The appraisal file (YAML; docs/scenarios.md, \"Options appraisal\")" };
        var command = new Command("appraise", "Rank options against weighted criteria and show the weights at which the leader changes") { file };
        command.SetAction(parse =>
        {
            OptionsAppraisal appraisal;
            try
            {
                appraisal = AppraisalFile.Load(parse.GetValue(file)!.FullName);
            }
            catch (AppraisalFileException e)
            {
                console.MarkupLineInterpolated($"[red]The appraisal file cannot be used:[/]{Environment.NewLine}{e.Message}");
                return OnePlaceCommand.InputRefused;
            }

            var names = appraisal.Options.ToDictionary(o => o.Id, o => o.Name);
            var ranking = new Table().AddColumns("rank", "option", "weighted total");
            foreach (var option in AppraisalResult.Rank(appraisal))
            {
                ranking.AddRow(option.Rank.ToString(CultureInfo.InvariantCulture), Markup.Escape(names[option.Option]), option.Total.ToString("F2", CultureInfo.InvariantCulture));
            }

            console.Write(ranking);
            var sensitivity = new Table().AddColumns("criterion", "weight", "leader at 0", "leader at double", "leader changes at weight");
            foreach (var criterion in AppraisalResult.Sensitivity(appraisal))
            {
                sensitivity.AddRow(Markup.Escape(criterion.Criterion), criterion.Weight.ToString("G4", CultureInfo.InvariantCulture),
                    Markup.Escape(criterion.Steps[0].Ranking[0].Option), Markup.Escape(criterion.Steps[^1].Ranking[0].Option),
                    criterion.LeaderChanges.Count == 0 ? "never" : Markup.Escape(string.Join("; ", criterion.LeaderChanges.Select(c =>
                        string.Create(CultureInfo.InvariantCulture, $"{c.Weight:F1}: {c.From} → {c.To}")))));
            }

            console.Write(sensitivity);
            return OnePlaceCommand.Done;
        });
        return command;
    }

    private static Command Run(IAnsiConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The scenario file (YAML; docs/scenarios.md)" };
        var runs = new Option<int>("--runs") { Description = "Monte Carlo runs (0 for the midpoint run alone)", DefaultValueFactory = _ => RunSettings.DefaultRuns };
        var seed = new Option<ulong>("--seed") { Description = "The master seed: the same seed gives the same results", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads (results do not depend on it)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var baseline = new Option<FileInfo?>("--baseline") { Description = "A baseline CSV to use instead of the file's (e.g. from oneplace scenario baseline)" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Write summary.csv, bridge.csv, parameters.csv and scenario.xlsx to this folder" };
        var command = new Command("run", "Run a scenario file's do nothing and named scenarios with Monte Carlo uncertainty")
        {
            file, runs, seed, threads, baseline, output,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(runs) is < 0 or > 1_000_000)
            {
                console.MarkupLine("[red]--runs must be 0 to 1,000,000.[/]");
                return OnePlaceCommand.InputRefused;
            }

            if (parse.GetValue(threads) < 1)
            {
                console.MarkupLine("[red]--threads must be 1 or more.[/]");
                return OnePlaceCommand.InputRefused;
            }

            ScenarioModel model;
            try
            {
                model = ScenarioFile.Load(parse.GetValue(file)!.FullName, parse.GetValue(baseline)?.FullName);
            }
            catch (ScenarioFileException e)
            {
                console.MarkupLineInterpolated($"[red]The scenario file cannot be used:[/]{Environment.NewLine}{e.Message}");
                return OnePlaceCommand.InputRefused;
            }

            var result = ScenarioEngine.Run(model, new RunSettings { Runs = parse.GetValue(runs), Seed = parse.GetValue(seed), Threads = parse.GetValue(threads) });
            var gap = new Metric(Level.System, "", Measure.Gap);
            var cost = new Metric(Level.System, "", Measure.Cost);
            int horizon = result.Years.Count - 1;
            var table = new Table().AddColumns("scenario", $"cost {ScenarioModel.FinancialYear(result.Years[horizon])}", "gap mean", "gap P10", "gap P50", "gap P90", "gap midpoint");
            foreach (var outcome in result.Scenarios)
            {
                var g = outcome.Summarise(gap, horizon);
                table.AddRow(Markup.Escape(outcome.Id), Millions(outcome.Summarise(cost, horizon).Mean), Millions(g.Mean), Millions(g.P10), Millions(g.P50), Millions(g.P90), Millions(g.Midpoint));
            }

            console.Write(table);
            if (parse.GetValue(output) is { } folder)
            {
                folder.Create();
                var summary = ScenarioTables.Summary(result).ToList();
                var bridge = ScenarioTables.Bridge(result).ToList();
                var parameters = ScenarioTables.Parameters(result).ToList();
                List<string> parameterColumns = ["run", .. result.Parameters.Names];
                Write(Path.Combine(folder.FullName, "summary.csv"), ScenarioTables.SummaryColumns, summary);
                Write(Path.Combine(folder.FullName, "bridge.csv"), ScenarioTables.BridgeColumns, bridge);
                Write(Path.Combine(folder.FullName, "parameters.csv"), parameterColumns, parameters);
                using (var excel = File.Create(Path.Combine(folder.FullName, "scenario.xlsx")))
                {
                    ScenarioWorkbook.Write(result, excel);
                }

                console.MarkupLineInterpolated($"Wrote {summary.Count:N0} totals, {bridge.Count:N0} bridge steps and {parameters.Count:N0} runs' parameters to {folder.FullName}.");
            }

            console.MarkupLineInterpolated($"Ran {result.Scenarios.Count} scenarios × {result.Runs:N0} runs × {result.Years.Count - 1} years over {result.Cells:N0} cells (seed {result.Settings.Seed}) in {result.Elapsed.TotalSeconds:F2} s.");
            return OnePlaceCommand.Done;
        });
        return command;
    }

    private static string Millions(double pounds) => string.Create(CultureInfo.InvariantCulture, $"£{pounds / 1e6:N1}m");

    private static void Write(string path, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        using var writer = new StreamWriter(path);
        ScenarioTables.WriteCsv(columns, rows, writer);
    }
}
