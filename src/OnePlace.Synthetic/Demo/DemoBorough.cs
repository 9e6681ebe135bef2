using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Import;
using OnePlace.Core.Store;

namespace OnePlace.Synthetic.Demo;

/// <summary>The demo borough: which profile, how many people, which seed.</summary>
public sealed record DemoBoroughOptions(string Profile = "walsall", int People = 50_000, int Seed = 20260401);

public sealed record DemoLoadResult(bool LoadedNow, int People, TimeSpan Elapsed);

/// <summary>
/// Makes sure the store holds a demo borough: migrates it, and when it holds no people yet, generates the synthetic
/// borough's partner extracts into a temporary folder and imports them exactly as a real partner's files would be.
/// </summary>
public static class DemoBorough
{
    public const string DemoActor = "system:demo";

    public static async Task<DemoLoadResult> EnsureLoadedAsync(
        OnePlaceDb db, DemoBoroughOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await db.Database.MigrateAsync(cancellationToken);
        if (await db.People.AnyAsync(cancellationToken))
        {
            return new DemoLoadResult(false, await db.People.CountAsync(cancellationToken), clock.Elapsed);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"oneplace-demo-{Guid.NewGuid():N}");
        try
        {
            progress?.Report($"Generating the {options.Profile} demo borough ({options.People:N0} people, seed {options.Seed})");
            var generated = BoroughGenerator.Generate(new GeneratorOptions(options.Profile, options.People, options.Seed), folder);
            progress?.Report($"Generated {generated.RowsByFile.Values.Sum():N0} rows in {clock.Elapsed.TotalSeconds:F1} s; importing");
            var importer = new ExtractImporter(db);
            var result = await importer.ImportFolderAsync(folder, DemoActor, null, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    "The generated demo borough failed import validation: " + string.Join(Environment.NewLine, result.Errors.Take(20)));
            }

            progress?.Report($"Imported {result.PeopleCreated:N0} people in {clock.Elapsed.TotalSeconds:F1} s");
            return new DemoLoadResult(true, result.PeopleCreated, clock.Elapsed);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
