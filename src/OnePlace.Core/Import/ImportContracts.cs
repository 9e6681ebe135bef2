namespace OnePlace.Core.Import;

/// <summary>One reason a row of a partner file was refused. Line numbers count the header as line 1.</summary>
public sealed record ImportError(string File, int Line, string Reason)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
}

/// <summary>What happened to one file of an import.</summary>
public sealed record FileOutcome(string File, int Rows, int Added, bool AlreadyImported);

/// <summary>
/// The outcome of importing a folder. When any row of any file is bad, nothing is written and
/// <see cref="Errors"/> names every bad line and why. <see cref="PeopleCreated"/> counts the people created on a new
/// NHS number and by the person index's linkage run, which <see cref="Linkage"/> describes.
/// </summary>
public sealed record ImportResult(
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<FileOutcome> Files,
    int PeopleCreated,
    PersonIndex.LinkRunResult? Linkage = null)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Progress of a long import, for progress bars.</summary>
public sealed record ImportProgress(string Stage, long Done, long Total);
