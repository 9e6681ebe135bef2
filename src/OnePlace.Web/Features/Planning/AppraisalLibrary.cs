using OnePlace.Planning.Appraisal;

namespace OnePlace.Web.Features.Planning;

/// <summary>An options appraisal file: its appraisal, or why it cannot be read.</summary>
public sealed record AppraisalEntry(string Id, string Path, OptionsAppraisal? Appraisal, string? Problem);

/// <summary>
/// The options appraisal files (<c>appraisals/*.yaml</c>, docs/scenarios.md): the configured folder; else the nearest
/// <c>appraisals</c> folder above the working folder (a checkout); else the copy beside the program. The files are
/// small and read at each request, so an edited file shows at once.
/// </summary>
public sealed class AppraisalLibrary(string folder)
{
    public const string DefaultFolder = "appraisals";

    public string Folder { get; } = folder;

    public static AppraisalLibrary Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AppraisalLibrary(System.IO.Path.GetFullPath(configured));
        }

        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, DefaultFolder);
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.yaml").Any())
            {
                return new AppraisalLibrary(candidate);
            }
        }

        return new AppraisalLibrary(System.IO.Path.Combine(AppContext.BaseDirectory, DefaultFolder));
    }

    public IReadOnlyList<AppraisalEntry> Entries() => !System.IO.Directory.Exists(Folder)
        ? []
        : [.. System.IO.Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).Select(Read)];

    public AppraisalEntry? Find(string id) => Entries().FirstOrDefault(e => e.Id == id && e.Appraisal is not null);

    private static AppraisalEntry Read(string path)
    {
        try
        {
            var appraisal = AppraisalFile.Load(path);
            return new AppraisalEntry(appraisal.Id, path, appraisal, null);
        }
        catch (AppraisalFileException e)
        {
            return new AppraisalEntry(System.IO.Path.GetFileNameWithoutExtension(path), path, null, e.Message);
        }
    }
}
