using OnePlace.Core.Import;

namespace OnePlace.Testing;

/// <summary>
/// Builds a small folder of partner extracts in the formats of docs/data-formats.md, row by row, for import tests.
/// Values are written exactly as given, so tests can also write bad rows.
/// </summary>
public sealed class ExtractFolderBuilder : IDisposable
{
    private readonly Dictionary<string, List<string>> _lines = [];

    public ExtractFolderBuilder()
    {
        Folder = Path.Combine(Path.GetTempPath(), "oneplace-extract-" + Guid.NewGuid().ToString("N"));
    }

    public string Folder { get; }

    /// <summary>A borough of one locality, one small area and two postcodes: enough for people to be placed.</summary>
    public ExtractFolderBuilder WithGeography() =>
        Row(ExtractLayout.Localities, "N", "North")
            .Row(ExtractLayout.SmallAreas, "E01000001", "North 001", "N", "2")
            .Row(ExtractLayout.Postcodes, "WS1 1AA", "E01000001")
            .Row(ExtractLayout.Postcodes, "WS1 1AB", "E01000001");

    public ExtractFolderBuilder WithPerson(
        string partner, string recordId, string nhsNumber = "", string given = "Ada", string family = "Lovelace",
        string dateOfBirth = "1940-12-10", string sex = "F", string postcode = "WS1 1AA", string ethnicity = "A", string practice = "") =>
        Row(ExtractLayout.PeopleFile(partner), recordId, nhsNumber, given, family, dateOfBirth, sex, postcode, "1 High Street", "", "", ethnicity, practice);

    public ExtractFolderBuilder WithEvent(
        string partner, string eventId, string recordId, string type, string start, string end = "", string code = "",
        string destination = "", string hours = "", string status91 = "", string cost = "", string cause = "") =>
        Row(ExtractLayout.EventsFile(partner), eventId, recordId, type, start, end, code, destination, hours, status91, cost, cause);

    public ExtractFolderBuilder WithCondition(string recordId, string code, string recorded) =>
        Row(ExtractLayout.Conditions, recordId, code, recorded);

    /// <summary>Adds a row to a file (the header is written for you).</summary>
    public ExtractFolderBuilder Row(string file, params string[] fields)
    {
        if (!_lines.TryGetValue(file, out var lines))
        {
            _lines[file] = lines = [string.Join(",", ExtractLayout.Headers[file])];
        }

        lines.Add(string.Join(",", fields.Select(Quote)));
        return this;
    }

    /// <summary>Adds a raw line, exactly as given, to a file.</summary>
    public ExtractFolderBuilder RawLine(string file, string line)
    {
        if (!_lines.TryGetValue(file, out var lines))
        {
            _lines[file] = lines = [string.Join(",", ExtractLayout.Headers[file])];
        }

        lines.Add(line);
        return this;
    }

    public string Write()
    {
        foreach (var (file, lines) in _lines)
        {
            var path = Path.Combine(Folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
        }

        return Folder;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
