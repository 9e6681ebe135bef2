using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Store;
using OnePlace.Synthetic;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>`oneplace demo`: generates a synthetic borough and imports it into the configured store.</summary>
internal static class DemoCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var profile = new Option<string>("--profile") { Description = "Borough profile", DefaultValueFactory = _ => "walsall" };
        profile.AcceptOnlyFromAmong([.. BoroughGenerator.Profiles]);
        var people = new Option<int>("--people") { Description = "Population size", DefaultValueFactory = _ => 50_000 };
        var seed = new Option<int>("--seed") { Description = "Seed", DefaultValueFactory = _ => 20260401 };
        var command = new Command("demo", "Generate a synthetic borough and import it into the configured store") { profile, people, seed };
        command.SetAction(async (parse, ct) =>
        {
            var folder = Path.Combine(Path.GetTempPath(), $"oneplace-demo-{Guid.NewGuid():N}");
            try
            {
                int generated = await GenerateCommand.Create(console).Parse(
                    ["--profile", parse.GetValue(profile)!, "--people", $"{parse.GetValue(people)}", "--seed", $"{parse.GetValue(seed)}", "--out", folder]).InvokeAsync(cancellationToken: ct);
                if (generated != OnePlaceCommand.Done)
                {
                    return generated;
                }

                var store = OnePlaceCommand.Store(configuration);
                await using var db = StoreRegistration.Open(store);
                await db.Database.MigrateAsync(ct);
                return await ImportCommand.RunAsync(console, db, store, folder, ct);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        });
        return command;
    }
}
