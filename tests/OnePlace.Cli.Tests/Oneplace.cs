using Microsoft.Extensions.Configuration;
using OnePlace.Cli;
using OnePlace.Testing;
using Spectre.Console.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>Runs `oneplace` as a user does, against a store (or none), and returns its exit code and what it printed.</summary>
internal static class Oneplace
{
    public static async Task<(int Exit, string Output)> RunAsync(TestStore? store, params string[] args)
    {
        var console = new TestConsole();
        // Wide enough that no line the tests look for is wrapped.
        console.Profile.Width = 400;
        var settings = new Dictionary<string, string?>();
        if (store is not null)
        {
            settings[store.ConnectionSetting.Key] = store.ConnectionSetting.Value;
        }

        int exit = await OnePlaceCommand.RunAsync(args, console, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return (exit, console.Output);
    }
}
