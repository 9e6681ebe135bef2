using Microsoft.EntityFrameworkCore;
using OnePlace.Synthetic.Demo;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

public sealed class PooledFundCommandTests
{
    private static async Task<(string Folder, int Agreement)> SeedAsync(TestStore store)
    {
        await using var db = store.Open();
        await DemoPooledFunds.EnsureAsync(db, TimeProvider.System);
        int walsall = await db.PooledFundAgreements.Where(a => a.Name.StartsWith("Walsall")).Select(a => a.Id).SingleAsync();
        var folder = Path.Combine(Path.GetTempPath(), "oneplace-actuals-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return (folder, walsall);
    }

    [Fact]
    public async Task Import_actuals_adds_a_clean_file_and_refuses_a_bad_one_whole_naming_each_line()
    {
        await using var store = await TestStore.CreateAsync();
        var (folder, walsall) = await SeedAsync(store);
        string good = Path.Combine(folder, "november.csv");
        string bad = Path.Combine(folder, "december.csv");
        await File.WriteAllTextAsync(good, "scheme,partner,month,amount\nHOMECARE,E08000030,2019-11,1272000.00\nUCR,05Y,2019-11,291000.00\n");
        await File.WriteAllTextAsync(bad, "scheme,partner,month,amount\nHOMECARE,E08000030,2019-12,1272000.00\nUCR,05Y,2019-12,lots\n");
        await using var db = store.Open();
        int before = await db.SchemeActuals.CountAsync();

        var (imported, importedOutput) = await Oneplace.RunAsync(store, "pooled-fund", "import-actuals", "--agreement", $"{walsall}", good);
        var (refused, refusedOutput) = await Oneplace.RunAsync(store, "pooled-fund", "import-actuals", "--agreement", $"{walsall}", bad);
        var (again, againOutput) = await Oneplace.RunAsync(store, "pooled-fund", "import-actuals", "--agreement", $"{walsall}", good);
        var (replaced, replacedOutput) = await Oneplace.RunAsync(store, "pooled-fund", "import-actuals", "--agreement", $"{walsall}", "--replace", good);

        Assert.Equal(0, imported);
        Assert.Contains("Imported 2 rows of actuals for 2019-11", importedOutput, StringComparison.Ordinal);
        Assert.Equal(2, refused);
        Assert.Contains("december.csv:3: amount 'lots' is not an amount", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(2, again);
        Assert.Contains("november.csv:2: actuals for scheme HOMECARE in 2019-11 are already held", againOutput, StringComparison.Ordinal);
        Assert.Equal(0, replaced);
        Assert.Contains("2 rows replaced", replacedOutput, StringComparison.Ordinal);
        Assert.Equal(before + 2, await db.SchemeActuals.CountAsync());
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == "pooled_fund.actuals_imported" && a.Actor.StartsWith("cli:") && a.Detail!.Contains("november.csv")));
        Directory.Delete(folder, recursive: true);
    }
}
