namespace OnePlace.Core.Import;

/// <summary>A partner file that has been imported; its content hash makes a repeat import a no-op.</summary>
public sealed class ImportedFile
{
    public long Id { get; set; }
    public required string Partner { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public int RowCount { get; set; }
    public DateTime ImportedAtUtc { get; set; }
}
