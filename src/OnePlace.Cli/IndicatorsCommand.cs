using System.CommandLine;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace indicators`: runs the outcomes framework (the indicator files in indicators/) on the analytical store,
/// keeps the results in the store for the dashboards and, with --out, writes one row per indicator × period ×
/// breakdown group, as CSV or an Excel workbook (docs/indicators.md).
/// </summary>
internal static class IndicatorsCommand
{
    /// <summary>The nearest indicators/ folder above the working folder, else the copy beside the program.</summary>
    internal static string LocateIndicators()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, IndicatorCatalogue.DefaultFolder);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.yaml").Any())
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder);
    }

    public static Command Create(IAnsiConsole console)
    {
        var file = new Option<FileInfo>("--store")
        {
            Description = "The analytical store's DuckDB file",
            DefaultValueFactory = _ => new FileInfo(AnalyticsStore.DefaultPath),
        };
        var folder = new Option<DirectoryInfo?>("--indicators") { Description = "The folder of indicator files (default: indicators/)" };
        var reach = new Option<DateOnly?>("--as-of") { Description = "The last day the data reach (default: the latest event's date)" };
        var months = new Option<int>("--months") { Description = "Months in the trend (12 or more)", DefaultValueFactory = _ => 24 };
        var output = new Option<FileInfo?>("--out") { Description = "Write every figure to this file: CSV, or an Excel workbook when it ends in .xlsx" };
        var timings = new Option<bool>("--timings") { Description = "Show how long each stage took (for benchmarks)" };
        var command = new Command("indicators", "Run the outcomes framework on the analytical store and keep its results for the dashboards")
        {
            file, folder, reach, months, output, timings,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                console.MarkupLineInterpolated($"[red]There is no analytical store at {path}:[/] run oneplace analytics refresh first.");
                return OnePlaceCommand.InputRefused;
            }

            if (parse.GetValue(months) < 12)
            {
                console.MarkupLine("[red]--months must be 12 or more:[/] SPC charts need at least 12 points.");
                return OnePlaceCommand.InputRefused;
            }

            IReadOnlyList<IndicatorDefinition> indicators;
            try
            {
                indicators = IndicatorCatalogue.Load(parse.GetValue(folder)?.FullName ?? LocateIndicators());
            }
            catch (IndicatorFileException e)
            {
                console.MarkupLineInterpolated($"[red]The indicators cannot be used:[/]{Environment.NewLine}{e.Message}");
                return OnePlaceCommand.InputRefused;
            }

            var store = new AnalyticsStore(path);
            if ((parse.GetValue(reach) ?? PersonMeasures.DataReach(store)) is not { } date)
            {
                console.MarkupLine("[red]The analytical store has no events:[/] import extracts and refresh it first.");
                return OnePlaceCommand.InputRefused;
            }

            var result = FrameworkOutput.Run(store, indicators, FrameworkPeriod.For(date, parse.GetValue(months)));
            var saving = System.Diagnostics.Stopwatch.StartNew();
            FrameworkOutput.Save(store, result);
            saving.Stop();
            var year = result.Periods[^1];
            var table = new Table().AddColumns("indicator", year.Label, "95% limits", "RAG", "SPC");
            foreach (var outcome in result.Indicators)
            {
                var latest = outcome.Latest;
                table.AddRow(Markup.Escape(outcome.Definition.Title), latest?.Value is { } v ? $"{v:N1} {Markup.Escape(outcome.Definition.Unit)}" : "-",
                    latest?.Lower is { } l && latest.Upper is { } u ? $"{l:N1} to {u:N1}" : "-", outcome.Rag.ToString(),
                    outcome.Trend?.LatestVariation.ToString() ?? "-");
            }

            console.Write(table);
            if (parse.GetValue(output) is { } target)
            {
                if (string.Equals(target.Extension, ".xlsx", StringComparison.OrdinalIgnoreCase))
                {
                    using var stream = File.Create(target.FullName);
                    FrameworkOutput.WriteExcel(FrameworkOutput.Rows(result), stream);
                }
                else
                {
                    using var writer = new StreamWriter(target.FullName);
                    FrameworkOutput.WriteCsv(result, writer);
                }

                console.MarkupLineInterpolated($"Wrote {FrameworkOutput.Rows(result).Count():N0} rows to {target.FullName}.");
            }

            if (parse.GetValue(timings))
            {
                var stages = new Table().AddColumns("stage", "seconds");
                foreach (var stage in result.Stages.Append(new FrameworkStage("save", saving.Elapsed)))
                {
                    stages.AddRow(Markup.Escape(stage.Name), stage.Elapsed.TotalSeconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
                }

                console.Write(stages);
            }

            console.MarkupLineInterpolated($"Ran {result.Indicators.Count} indicators over {result.Periods.Count} periods to {date:yyyy-MM-dd} in {result.Elapsed.TotalSeconds:F1} s and saved the results in {saving.Elapsed.TotalSeconds:F1} s.");
            return OnePlaceCommand.Done;
        });
        return command;
    }
}
