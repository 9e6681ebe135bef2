using System.CommandLine;
using System.Diagnostics;
using OnePlace.Synthetic;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>`oneplace generate`: writes a synthetic borough's partner extracts (docs/data-formats.md).</summary>
internal static class GenerateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var profile = new Option<string>("--profile") { Description = "Borough profile", DefaultValueFactory = _ => "walsall" };
        profile.AcceptOnlyFromAmong([.. BoroughGenerator.Profiles]);
        var people = new Option<int>("--people") { Description = "Population size", DefaultValueFactory = _ => 50_000 };
        people.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 2_000_000)
            {
                r.AddError("--people must be between 1 and 2,000,000.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives byte-identical extracts", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the extracts to", Required = true };

        var command = new Command("generate", "Generate a synthetic borough's partner extracts") { profile, people, seed, output };
        command.SetAction(parse =>
        {
            var options = new GeneratorOptions(parse.GetValue(profile)!, parse.GetValue(people), parse.GetValue(seed));
            var folder = parse.GetValue(output)!.FullName;
            var clock = Stopwatch.StartNew();
            GenerationSummary? summary = null;
            console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("generating");
                    var progress = new SynchronousProgress<GenerationProgress>(p =>
                    {
                        task.Description = p.Stage;
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    });
                    summary = BoroughGenerator.Generate(options, folder, progress);
                    task.Value = task.MaxValue;
                });

            var table = new Table().AddColumn("file").AddColumn(new TableColumn("rows").RightAligned());
            foreach (var (file, rows) in summary!.RowsByFile.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(file), rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            console.Write(table);
            console.MarkupLineInterpolated($"Generated {summary.People:N0} people ({options.Profile}, seed {options.Seed}) in {clock.Elapsed.TotalSeconds:F1} s into {folder}");
            return OnePlaceCommand.Done;
        });
        return command;
    }
}

/// <summary>An IProgress that reports on the calling thread, so progress bars stay in step with the work.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
