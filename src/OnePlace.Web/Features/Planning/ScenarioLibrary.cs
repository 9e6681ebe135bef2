using OnePlace.Planning.Scenarios;

namespace OnePlace.Web.Features.Planning;

/// <summary>A scenario file of the library: its model, or why it cannot be read; <paramref name="Version"/> changes
/// whenever the file or the baseline it was read with does.</summary>
public sealed record ScenarioEntry(string Id, string Path, ScenarioModel? Model, string? Problem, string Version = "");

/// <summary>
/// The scenario files (docs/scenarios.md): the configured folder; else the nearest <c>scenarios</c> folder above the
/// working folder (a checkout, where users version the files); else the copy beside the program. Files are read
/// again when they change, so an edited file shows at the next request. Each file is read on its own, so one bad
/// file is reported on the list without hiding the others.
/// </summary>
public sealed class ScenarioLibrary(string folder, StoreBaseline? storeBaseline = null)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTime Modified, ScenarioEntry Entry)> _read = new(StringComparer.Ordinal);

    /// <summary>Whether each file, as last written, takes its baseline from the store: known without reading the
    /// file again at every request.</summary>
    private readonly Dictionary<string, (DateTime Modified, bool FromStore)> _fromStore = new(StringComparer.Ordinal);

    public string Folder { get; } = folder;

    public static ScenarioLibrary Locate(string? configured, StoreBaseline? storeBaseline = null)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new ScenarioLibrary(System.IO.Path.GetFullPath(configured), storeBaseline);
        }

        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, ScenarioFile.DefaultFolder);
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.yaml").Any())
            {
                return new ScenarioLibrary(candidate, storeBaseline);
            }
        }

        return new ScenarioLibrary(System.IO.Path.Combine(AppContext.BaseDirectory, ScenarioFile.DefaultFolder), storeBaseline);
    }

    /// <summary>Every file of the folder, in the order of their names.</summary>
    public IReadOnlyList<ScenarioEntry> Entries()
    {
        if (!System.IO.Directory.Exists(Folder))
        {
            return [];
        }

        var files = System.IO.Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).ToList();
        lock (_gate)
        {
            foreach (var gone in _read.Keys.Except(files).ToList())
            {
                _read.Remove(gone);
                _fromStore.Remove(gone);
            }

            return [.. files.Select(Read)];
        }
    }

    /// <summary>The file whose model has this id, or null.</summary>
    public ScenarioEntry? Find(string id) => Entries().FirstOrDefault(e => e.Id == id);

    private ScenarioEntry Read(string path)
    {
        var modified = File.GetLastWriteTimeUtc(path);
        if (!_fromStore.TryGetValue(path, out var kind) || kind.Modified != modified)
        {
            kind = (modified, ScenarioFile.BaselineFromStore(path));
            _fromStore[path] = kind;
        }

        string? baseline = null;
        if (kind.FromStore)
        {
            // The baseline is the analytical store's: read the file again whenever that baseline is made anew.
            var (csv, made, problem) = storeBaseline?.Current() ?? (null, default, "This host has no analytical store to make the baseline from.");
            if (csv is null)
            {
                return new ScenarioEntry(System.IO.Path.GetFileNameWithoutExtension(path), path, null, problem);
            }

            baseline = csv;
            modified = made > modified ? made : modified;
        }

        if (_read.TryGetValue(path, out var known) && known.Modified == modified)
        {
            return known.Entry;
        }

        string version = modified.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ScenarioEntry entry;
        try
        {
            var model = ScenarioFile.Load(path, baseline);
            entry = new ScenarioEntry(model.Id, path, model, null, version);
        }
        catch (ScenarioFileException e)
        {
            entry = new ScenarioEntry(System.IO.Path.GetFileNameWithoutExtension(path), path, null, e.Message, version);
        }

        _read[path] = (modified, entry);
        return entry;
    }
}
