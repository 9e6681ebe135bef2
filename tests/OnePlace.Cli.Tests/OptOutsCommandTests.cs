using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Privacy;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

public sealed class OptOutsCommandTests
{
    [Fact]
    public async Task Opt_outs_import_replaces_the_list_from_a_clean_file_and_refuses_a_bad_one_whole_naming_each_line()
    {
        await using var store = await TestStore.CreateAsync();
        var folder = Directory.CreateTempSubdirectory("oneplace-optouts-").FullName;
        string good = Path.Combine(folder, "MBX001-090126-0001.dat");
        string bad = Path.Combine(folder, "MBX001-100126-0001.dat");
        await File.WriteAllTextAsync(good, $"{TestNhsNumbers.Number(1)},\n{TestNhsNumbers.Number(2)},\n");
        await File.WriteAllTextAsync(bad, $"{TestNhsNumbers.Number(3)},\n12345,\n");

        var (imported, importedOutput) = await Oneplace.RunAsync(store, "opt-outs", "import", "--checked-on", "2026-01-09", good);
        var (refused, refusedOutput) = await Oneplace.RunAsync(store, "opt-outs", "import", "--checked-on", "2026-01-10", bad);
        var (badDate, badDateOutput) = await Oneplace.RunAsync(store, "opt-outs", "import", "--checked-on", "9 January", good);

        Assert.Equal(0, imported);
        Assert.Contains("now holds 2 NHS numbers, checked on 2026-01-09", importedOutput, StringComparison.Ordinal);
        Assert.Equal(2, refused);
        Assert.Contains("MBX001-100126-0001.dat:2: is not a valid NHS number: it must be 10 digits", refusedOutput, StringComparison.Ordinal);
        Assert.Equal(2, badDate);
        Assert.Contains("is not a date written yyyy-MM-dd", badDateOutput, StringComparison.Ordinal);
        await using var db = store.Open();
        Assert.Equal(2, await db.NationalDataOptOuts.CountAsync());
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == OptOutAuditAction.ListImported && a.Actor.StartsWith("cli:")));
        Directory.Delete(folder, recursive: true);
    }
}
