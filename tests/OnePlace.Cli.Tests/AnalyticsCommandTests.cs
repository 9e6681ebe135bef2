using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OnePlace.Cli;
using OnePlace.Testing;
using Spectre.Console.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace analytics refresh`, as a user runs it, on a generated borough in a real store.</summary>
public sealed partial class AnalyticsCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-analytics-cli-" + Guid.NewGuid().ToString("N"));

    private static async Task<(int Exit, string Output)> Run(TestStore? store, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var settings = new Dictionary<string, string?>();
        if (store is not null)
        {
            settings[store.ConnectionSetting.Key] = store.ConnectionSetting.Value;
        }

        int exit = await OnePlaceCommand.RunAsync(args, console, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return (exit, console.Output);
    }

    [Fact]
    public async Task Refresh_copies_the_borough_and_a_second_refresh_adds_no_events()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        var analytics = Path.Combine(_work, "analytics.duckdb");
        Assert.Equal(0, (await Run(null, "generate", "--profile", "walsall", "--people", "300", "--seed", "5", "--out", folder)).Exit);
        Assert.Equal(0, (await Run(store, "import", folder)).Exit);

        var (firstExit, first) = await Run(store, "analytics", "refresh", "--store", analytics, "--as-of", "2025-03-31");
        var (secondExit, second) = await Run(store, "analytics", "refresh", "--store", analytics);

        Assert.True(firstExit == 0, first);
        Assert.True(secondExit == 0, second);
        var added = Added().Match(first);
        Assert.True(added.Success, first);
        Assert.True(int.Parse(added.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) > 300, first);
        Assert.Contains(" 0 events added", second, StringComparison.Ordinal);
        Assert.Contains("Person measures at 2025-03-31 for ", first, StringComparison.Ordinal);
        Assert.Contains("(v1)", first, StringComparison.Ordinal);
        Assert.True(File.Exists(analytics));
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    [GeneratedRegex(@"([\d,]+) events added")]
    private static partial Regex Added();
}
