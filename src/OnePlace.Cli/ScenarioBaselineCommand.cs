using System.CommandLine;
using System.Globalization;
using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace scenario baseline`: the planning baseline the scenario engine starts from, counted from the analytical
/// store for the twelve months the outcomes framework reports on, written as baseline.csv and population.csv
/// (docs/data-formats.md, "Planning baseline"), with each setting's activity, cost and unit cost printed. The files
/// hold counts per cell and no person's data, so, like `oneplace indicators`, it writes no audit row; it only reads
/// the store.
/// </summary>
internal static class ScenarioBaselineCommand
{
    public const string DefaultFolder = "data/baseline";

    public static Command Create(IAnsiConsole console)
    {
        var file = new Option<FileInfo>("--store")
        {
            Description = "The analytical store's DuckDB file",
            DefaultValueFactory = _ => new FileInfo(AnalyticsStore.DefaultPath),
        };
        var reach = new Option<DateOnly?>("--as-of")
        {
            Description = "The last day the data reach; the baseline year is the twelve whole months ending on or before it (default: the latest event's date)",
        };
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "The folder to write baseline.csv and population.csv to",
            DefaultValueFactory = _ => new DirectoryInfo(DefaultFolder),
        };
        var command = new Command("baseline", "Count the baseline activity, cost and population per locality, age band, sex and deprivation quintile from the analytical store")
        {
            file, reach, output,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                console.MarkupLineInterpolated($"[red]There is no analytical store at {path}:[/] run oneplace analytics refresh first.");
                return OnePlaceCommand.InputRefused;
            }

            var store = new AnalyticsStore(path);
            if ((parse.GetValue(reach) ?? PlanningBaseline.LatestEvent(store)) is not { } date)
            {
                console.MarkupLine("[red]The analytical store has no events:[/] import extracts and refresh it first.");
                return OnePlaceCommand.InputRefused;
            }

            var result = PlanningBaseline.Extract(store, PlanningBaseline.YearFor(date));
            var folder = parse.GetValue(output)!.FullName;
            BaselineFiles.Write(result, folder);

            var table = new Table().AddColumns("setting", "activity", "unit", "cost (£)", "unit cost (£)");
            foreach (var total in result.Totals)
            {
                table.AddRow(total.Setting, total.Activity.ToString("N0", CultureInfo.InvariantCulture), BaselineSetting.UnitOf(total.Setting),
                    total.CostGbp.ToString("N0", CultureInfo.InvariantCulture), total.UnitCostGbp?.ToString("N2", CultureInfo.InvariantCulture) ?? "-");
            }

            console.Write(table);
            if (result.Unplaced.Count > 0 || result.PeopleUnplaced > 0)
            {
                console.MarkupLineInterpolated(
                    $"Not in any cell (no person, no date of birth, or sex not F or M): {result.PeopleUnplaced:N0} people; {string.Join("; ", result.Unplaced.Select(u => $"{u.Setting} {u.Activity:N0}"))}.");
            }

            console.MarkupLineInterpolated(
                $"Baseline year {result.Year.Start:yyyy-MM-dd} to {result.Year.End:yyyy-MM-dd} (ages and population on {result.Year.Census:yyyy-MM-dd}): {result.Activity.Count:N0} rows over {result.Cells:N0} cells and {result.Population.Sum(p => p.People):N0} people in {result.Elapsed.TotalSeconds:F1} s.");
            console.MarkupLineInterpolated($"Wrote {Path.Combine(folder, BaselineFiles.ActivityFile)} and {Path.Combine(folder, BaselineFiles.PopulationFile)}.");
            return OnePlaceCommand.Done;
        });
        return command;
    }
}
