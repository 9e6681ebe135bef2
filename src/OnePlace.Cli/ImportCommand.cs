using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Import;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>`oneplace import DIR`: validates and imports a folder of partner extracts, all or nothing.</summary>
internal static class ImportCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var folder = new Argument<DirectoryInfo>("folder") { Description = "Folder of partner extracts (see docs/data-formats.md)" };
        var command = new Command("import", "Import a folder of partner extracts; a folder with any bad row is refused whole") { folder };
        command.SetAction(async (parse, ct) =>
        {
            var store = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(store);
            await db.Database.MigrateAsync(ct);
            return await RunAsync(console, db, store, parse.GetValue(folder)!.FullName, ct);
        });
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, OnePlaceDb db, StoreSettings store, string folder, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        ImportResult? result = null;
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("checking");
                var progress = new SynchronousProgress<ImportProgress>(p =>
                {
                    task.Description = Markup.Escape(p.Stage);
                    if (p.Total > 0)
                    {
                        task.MaxValue = p.Total;
                        task.Value = p.Done;
                    }
                });
                result = await new ExtractImporter(db).ImportFolderAsync(folder, $"cli:{Environment.UserName}", progress, ct);
                task.Value = task.MaxValue;
            });

        if (!result!.Succeeded)
        {
            console.MarkupLineInterpolated($"[red]Import refused: nothing was changed.[/] {result.Errors.Count} problem(s):");
            foreach (var error in result.Errors)
            {
                console.WriteLine(error.ToString());
            }

            return OnePlaceCommand.InputRefused;
        }

        var table = new Table().AddColumn("file").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("new").RightAligned());
        foreach (var file in result.Files)
        {
            table.AddRow(Markup.Escape(file.File), file.AlreadyImported ? "already imported" : $"{file.Rows:N0}", $"{file.Added:N0}");
        }

        console.Write(table);
        console.MarkupLineInterpolated($"Imported into {store.Describe()} in {clock.Elapsed.TotalSeconds:F1} s: {result.PeopleCreated:N0} new people.");
        return OnePlaceCommand.Done;
    }
}
