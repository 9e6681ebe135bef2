using Microsoft.EntityFrameworkCore;
using OnePlace.Cli;
using OnePlace.Core.People;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>The `oneplace` commands as a user runs them, against a real store (SQLite, then PostgreSQL).</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-cli-" + Guid.NewGuid().ToString("N"));

    private static Task<(int Exit, string Output)> Run(TestStore? store, params string[] args) => Oneplace.RunAsync(store, args);

    [Fact]
    public async Task Generate_then_import_loads_a_borough_whose_people_have_events_from_several_partners()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        var folder = Path.Combine(_work, "borough");

        var (generated, _) = await Run(null, "generate", "--profile", "walsall", "--people", "400", "--seed", "7", "--out", folder);
        var (imported, output) = await Run(store, "import", folder);

        Assert.Equal(0, generated);
        Assert.True(imported == 0, output);
        await using var db = store.Open();
        Assert.InRange(await db.People.CountAsync(), 380, 400);
        var partnersPerPerson = await db.Events.Where(e => e.PersonId != null)
            .GroupBy(e => e.PersonId).Select(g => g.Select(e => e.Partner).Distinct().Count()).ToListAsync();
        Assert.Contains(partnersPerPerson, n => n >= 3);
    }

    [Fact]
    public async Task Importing_a_folder_with_bad_rows_exits_non_zero_names_each_line_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);
        using var folder = new ExtractFolderBuilder().WithGeography()
            .WithPerson(Partner.Gp, "GP1", "9990000018")
            .WithPerson(Partner.Gp, "GP2", "9990000019")
            .WithPerson(Partner.Gp, "GP3", "9990000026", sex: "X");

        var (exit, output) = await Run(store, "import", folder.Write());

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("nothing was changed", output, StringComparison.Ordinal);
        Assert.Contains("gp/people.csv:3: nhs_number fails the Modulus 11 check", output, StringComparison.Ordinal);
        Assert.Contains("gp/people.csv:4: sex 'X' must be M, F or U", output, StringComparison.Ordinal);
        await using var db = store.Open();
        Assert.Equal(0, await db.SourceRecords.CountAsync());
        Assert.Equal(0, await db.Localities.CountAsync());
    }

    [Fact]
    public async Task Importing_a_folder_that_does_not_exist_is_refused_with_a_clear_message()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);

        var (exit, output) = await Run(store, "import", Path.Combine(_work, "missing"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("the folder does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_byte_identical_extracts()
    {
        var first = Path.Combine(_work, "a");
        var second = Path.Combine(_work, "b");

        await Run(null, "generate", "--profile", "powys", "--people", "300", "--seed", "42", "--out", first);
        await Run(null, "generate", "--profile", "powys", "--people", "300", "--seed", "42", "--out", second);

        var files = Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first, f)).Order().ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order());
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), file);
        }
    }

    [Fact]
    public async Task An_unknown_profile_is_a_command_line_error()
    {
        var (exit, _) = await Run(null, "generate", "--profile", "atlantis", "--out", Path.Combine(_work, "x"));

        Assert.Equal(1, exit);
        Assert.False(Directory.Exists(Path.Combine(_work, "x")));
    }

    [Fact]
    public async Task Demo_generates_and_imports_into_the_configured_store()
    {
        await using var store = await TestStore.CreateAsync(migrate: false);

        var (exit, output) = await Run(store, "demo", "--people", "300", "--seed", "3");

        Assert.True(exit == 0, output);
        await using var db = store.Open();
        Assert.True(await db.People.CountAsync() > 250);
        Assert.True(await db.Events.CountAsync() > 1000);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
