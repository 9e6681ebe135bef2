using System.CommandLine;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// The `oneplace` command line. Exit codes: 0 done; 1 the command line was not understood; 2 the input was refused
/// (bad rows, a missing folder, an unknown profile) and nothing was changed; 70 an unexpected failure.
/// The store is SQLite under ./data/ unless ConnectionStrings__Postgres (or ConnectionStrings__Sqlite) is set.
/// </summary>
public static class OnePlaceCommand
{
    public const int Done = 0;
    public const int InputRefused = 2;
    public const int Failed = 70;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null, IConfiguration? configuration = null)
    {
        console ??= AnsiConsole.Console;
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var root = new RootCommand("OnePlace: one record, one door, one set of outcomes, one budget for an integrated care partnership.")
        {
            GenerateCommand.Create(console),
            ImportCommand.Create(console, configuration),
            DemoCommand.Create(console, configuration),
            LinkCommand.Create(console),
            RulesCommand.Create(console, configuration),
            AnalyticsCommand.Create(console, configuration),
            IndicatorsCommand.Create(console),
            ScenarioCommand.Create(console, configuration),
            PooledFundCommand.Create(console, configuration),
            OptOutsCommand.Create(console, configuration),
            AuditCommand.Create(console, configuration),
            StaffCommand.Create(console, configuration),
        };
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]Cancelled.[/]");
            return Failed;
        }
#pragma warning disable CA1031 // The last line of defence of a command-line tool: say what went wrong, exit non-zero.
        catch (Exception e)
#pragma warning restore CA1031
        {
            console.MarkupLineInterpolated($"[red]Failed:[/] {e.Message}");
            return Failed;
        }
    }

    internal static StoreSettings Store(IConfiguration configuration) => StoreSettings.From(configuration);
}
