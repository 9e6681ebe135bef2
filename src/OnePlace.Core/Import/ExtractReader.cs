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
    /// wrong number of fields is reported through <paramref name="onError"/> and not yielded.
    /// </summary>
    public static IEnumerable<(int Line, string[] Fields)> Rows(string path, string file, string[] header, Action<ImportError> onError)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, Configuration);
        if (!parser.Read())
        {
            onError(new ImportError(file, 1, "the file is empty: expected a header row " + string.Join(",", header)));
            yield break;
        }

        var found = parser.Record ?? [];
        if (!found.SequenceEqual(header, StringComparer.Ordinal))
        {
            onError(new ImportError(file, 1, $"the header is '{string.Join(",", found)}' but must be '{string.Join(",", header)}'"));
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

            if (fields.Length != header.Length)
            {
                onError(new ImportError(file, line, $"has {fields.Length} fields but the header has {header.Length}"));
                continue;
            }

            yield return (line, fields);
        }
    }
}
