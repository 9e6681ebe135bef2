using System.Text.RegularExpressions;
using OnePlace.Cli;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace analytics refresh`, as a user runs it, on a generated borough in a real store.</summary>
public sealed partial class AnalyticsCommandTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-analytics-cli-" + Guid.NewGuid().ToString("N"));

    private static Task<(int Exit, string Output)> Run(TestStore? store, params string[] args) => Oneplace.RunAsync(store, args);

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

    [Fact]
    public async Task Risk_fits_the_admission_model_shows_it_and_scores_everyone()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");
        var analytics = Path.Combine(_work, "analytics.duckdb");
        Assert.Equal(0, (await Run(null, "generate", "--profile", "walsall", "--people", "3000", "--seed", "8", "--out", folder)).Exit);
        Assert.Equal(0, (await Run(store, "import", folder)).Exit);
        Assert.Equal(0, (await Run(store, "analytics", "refresh", "--store", analytics)).Exit);

        var (exit, output) = await Run(null, "analytics", "risk", "--store", analytics);

        Assert.True(exit == 0, output);
        var auc = Auc().Match(output);
        Assert.True(auc.Success, output);
        // A model with any skill ranks a person admitted above one not admitted more often than chance.
        Assert.True(double.Parse(auc.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0.6, output);
        Assert.Contains("efi_deficits", output, StringComparison.Ordinal);
        Assert.Contains("deprivation quintile: 1", output, StringComparison.Ordinal);
        Assert.Matches(@"Scored [\d,]+ living people", output);
    }

    [Fact]
    public async Task Risk_without_a_store_and_refresh_with_a_bad_segment_table_are_refused_and_copy_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        var analytics = Path.Combine(_work, "analytics.duckdb");
        var badTable = Path.Combine(Directory.CreateDirectory(_work).FullName, "segments.csv");
        await File.WriteAllTextAsync(badTable, "segment,name\n1,Healthy\n");

        var (riskExit, riskOutput) = await Run(null, "analytics", "risk", "--store", analytics);
        var (refreshExit, refreshOutput) = await Run(store, "analytics", "refresh", "--store", analytics, "--segments", badTable);

        Assert.Equal(OnePlaceCommand.InputRefused, riskExit);
        Assert.Contains("run oneplace analytics refresh first", riskOutput, StringComparison.Ordinal);
        Assert.Equal(OnePlaceCommand.InputRefused, refreshExit);
        Assert.Contains("the header must be", refreshOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(analytics));
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

    [GeneratedRegex(@"test AUC (\d+\.\d+)")]
    private static partial Regex Auc();
}
