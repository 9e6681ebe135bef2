using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Core.Import;

/// <summary>Reads an extract file row by row (RFC 4180, via CsvHelper), checking the header and the field count.</summary>
internal static class ExtractReader
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        DetectDelimiter = false,
        BadDataFound = null,
        TrimOptions = TrimOptions.None,
    };

    /// <summary>
    /// Yields each data row with its line number in the file (the header is line 1). A wrong header or a row with the
    /// wrong number of fields is reported through <paramref name="onError"/> and not yielded. A header may leave out up
    /// to <paramref name="optionalTrailing"/> of the last columns; rows are then yielded with those fields empty, so
    /// every row has the full header's fields.
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Rows(
        string path, string file, string[] header, Action<ImportError> onError, int optionalTrailing = 0)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, Configuration);
        if (!parser.Read())
        {
            onError(new ImportError(file, 1, "the file is empty: expected a header row " + string.Join(",", header)));
            yield break;
        }

        var found = parser.Record ?? [];
        int width = found.Length;
        if (width < header.Length - optionalTrailing || !found.SequenceEqual(header.Take(width), StringComparer.Ordinal))
        {
            var optional = optionalTrailing == 0 ? ""
                : $" (the last {(optionalTrailing == 1 ? "column" : $"{optionalTrailing} columns")}, {string.Join(",", header[^optionalTrailing..])}, may be left out)";
            onError(new ImportError(file, 1, $"the header is '{string.Join(",", found)}' but must be '{string.Join(",", header)}'{optional}"));
            yield break;
        }

        while (parser.Read())
        {
            var fields = parser.Record!;
            // RawRow counts physical lines read so far, so a quoted field with a line break keeps later numbers true.
            int line = parser.RawRow;
            if (fields.Length == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Length != width)
            {
                onError(new ImportError(file, line, $"has {fields.Length} fields but the header has {width}"));
                continue;
            }

            if (width < header.Length)
            {
                var padded = new string[header.Length];
                fields.CopyTo(padded, 0);
                Array.Fill(padded, "", width, header.Length - width);
                fields = padded;
            }

            yield return (line, fields);
        }
    }
}
