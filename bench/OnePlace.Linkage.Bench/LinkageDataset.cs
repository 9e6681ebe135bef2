using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Linkage.Bench;

/// <summary>Records to link, with the true entity of each and, for a link-only task, the source whose pairs count.</summary>
/// <param name="Name">Short name used on the command line and in the report (febrl3, historical_50k, synthetic …).</param>
/// <param name="Task">dedupe, link-only, or link + dedupe.</param>
/// <param name="TrueEntity">The true entity of each record, in record order.</param>
/// <param name="CrossSourceOf">For a link-only task, the source of each record; only pairs across sources are scored.</param>
/// <param name="IdentifierIsReliable">Whether two different values of <see cref="LinkRecord.NhsNumber"/> always mean two people.</param>
internal sealed record LinkageDataset(
    string Name,
    string Task,
    IReadOnlyList<LinkRecord> Records,
    IReadOnlyList<string> TrueEntity,
    IReadOnlyList<string>? CrossSourceOf,
    bool IdentifierIsReliable);

/// <summary>Reading CSV files cell by cell by column name, with blank cells as null.</summary>
internal static class CsvFiles
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        // FEBRL files have a space after every comma, in the header as well as in the values.
        TrimOptions = TrimOptions.Trim,
        PrepareHeaderForMatch = args => args.Header.Trim(),
    };

    /// <summary>Calls <paramref name="row"/> for every data row, with a reader positioned on it.</summary>
    public static void ReadRows(string path, Action<CsvRow> row)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        if (!csv.Read())
        {
            return;
        }

        csv.ReadHeader();
        var current = new CsvRow(csv);
        while (csv.Read())
        {
            row(current);
        }
    }
}

/// <summary>The row a <see cref="CsvReader"/> is on.</summary>
internal sealed class CsvRow(CsvReader csv)
{
    /// <summary>The trimmed cell, or null when it is blank.</summary>
    public string? this[string column]
    {
        get
        {
            string? value = csv.GetField(column);
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
    }

    /// <summary>The trimmed cell; an error naming the column when it is blank.</summary>
    public string Required(string column) =>
        this[column] ?? throw new InvalidDataException($"Row {csv.Parser.Row}: {column} is empty.");
}
