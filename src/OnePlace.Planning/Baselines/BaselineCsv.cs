using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Planning.Baselines;

/// <summary>
/// Reads a baseline CSV (header exactly <see cref="Header"/>). Every row is checked and every problem reported with its
/// line, so a baseline is used whole or not at all.
/// </summary>
public static class BaselineCsv
{
    public const string Header = "locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp";

    public static readonly IReadOnlyList<string> Quintiles = ["1", "2", "3", "4", "5", "U"];

    /// <exception cref="FormatException">The header differs or rows are invalid; the message lists each problem.</exception>
    public static IReadOnlyList<BaselineRow> Read(TextReader text, string name)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = true, TrimOptions = TrimOptions.Trim };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader() || string.Join(',', csv.HeaderRecord ?? []) != Header)
        {
            throw new FormatException($"{name}: the header must be exactly {Header}.");
        }

        var rows = new List<BaselineRow>();
        var problems = new List<string>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            var fields = Enumerable.Range(0, 7).Select(i => csv.TryGetField(i, out string? f) ? f ?? "" : "").ToArray();
            var row = Check(fields, $"{name}: line {line}", problems);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        if (problems.Count > 0)
        {
            throw new FormatException(string.Join(Environment.NewLine, problems.Take(50)) + (problems.Count > 50 ? $"{Environment.NewLine}… and {problems.Count - 50} more" : ""));
        }

        return rows.Count == 0 ? throw new FormatException($"{name}: the baseline has no rows.") : rows;
    }

    /// <summary>Checks one row's seven fields; adds each problem under <paramref name="where"/>.</summary>
    public static BaselineRow? Check(IReadOnlyList<string> fields, string where, List<string> problems)
    {
        int before = problems.Count;
        string locality = fields[0].Trim();
        if (locality.Length == 0)
        {
            problems.Add($"{where}: the locality is empty (write Unknown when it is not known).");
        }

        if (BaselineRow.LowerAge(fields[1]) is null)
        {
            problems.Add($"{where}: the age band '{fields[1]}' is not written A-B or A+.");
        }

        if (fields[2] is not ("F" or "M"))
        {
            problems.Add($"{where}: the sex '{fields[2]}' is not F or M.");
        }

        if (!Quintiles.Contains(fields[3]))
        {
            problems.Add($"{where}: the deprivation quintile '{fields[3]}' is not 1 to 5 or U.");
        }

        if (fields[4].Trim().Length == 0)
        {
            problems.Add($"{where}: the setting is empty.");
        }

        double activity = Number(fields[5], "activity");
        double cost = Number(fields[6], "cost_gbp");
        return problems.Count > before ? null : new BaselineRow(locality, fields[1].Trim(), fields[2], fields[3], fields[4].Trim(), activity, cost);

        double Number(string field, string column)
        {
            if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && double.IsFinite(value))
            {
                return value;
            }

            problems.Add($"{where}: {column} '{field}' is not a number of 0 or more.");
            return 0;
        }
    }

    public static void Write(IEnumerable<BaselineRow> rows, TextWriter writer)
    {
        writer.WriteLine(Header);
        foreach (var r in rows)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Locality},{r.AgeBand},{r.Sex},{r.DeprivationQuintile},{r.Setting},{r.Activity:R},{r.CostGbp:R}"));
        }
    }
}
