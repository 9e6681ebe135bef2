using System.Globalization;

namespace OnePlace.Planning.Demography;

/// <summary>
/// A population projection by broad age band (0–17, 18–64, 65–84, 85+), variant and year, in the format of
/// reference/demography/walsall_snpp2018_bands.csv. The demographic factor of a cell is its band's population in the
/// year over the baseline year's, in the run's variant (D_demand_finance §4.3 equation 2). A five-year band of the
/// baseline maps to a projection band by its lower age.
/// </summary>
public sealed class PopulationProjection
{
    /// <summary>The built-in projection: ONS 2018-based SNPP for Walsall (E08000030), principal and 10 variants.</summary>
    public const string WalsallSnpp2018 = "walsall-snpp-2018";

    public static readonly IReadOnlyList<string> Bands = ["0-17", "18-64", "65-84", "85+"];

    private static readonly string[] Columns = ["variant", "year", "age_0_17", "age_18_64", "age_65_84", "age_85_plus"];

    private readonly Dictionary<(string Variant, int Year), double[]> _populations;

    private PopulationProjection(string name, Dictionary<(string Variant, int Year), double[]> populations)
    {
        Name = name;
        _populations = populations;
        Variants = [.. populations.Keys.Select(k => k.Variant).Distinct().Order(StringComparer.Ordinal)];
        Years = [.. populations.Keys.Select(k => k.Year).Distinct().Order()];
    }

    public string Name { get; }

    public IReadOnlyList<string> Variants { get; }

    public IReadOnlyList<int> Years { get; }

    /// <summary>The projection band (0..3) of an age band by its lower age.</summary>
    public static int BandOf(int lowerAge) => lowerAge switch
    {
        < 18 => 0,
        < 65 => 1,
        < 85 => 2,
        _ => 3,
    };

    public static PopulationProjection Walsall()
    {
        using var stream = typeof(PopulationProjection).Assembly.GetManifestResourceStream("OnePlace.Planning.walsall_snpp2018_bands.csv")
            ?? throw new InvalidOperationException("The built-in Walsall projection is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader, WalsallSnpp2018);
    }

    /// <summary>Reads a projection CSV with the columns variant, year, age_0_17, age_18_64, age_65_84, age_85_plus
    /// (others ignored).</summary>
    /// <exception cref="FormatException">A column is missing or a value is not a positive number.</exception>
    public static PopulationProjection Parse(TextReader reader, string name)
    {
        var header = (reader.ReadLine() ?? throw new FormatException($"{name}: the projection file is empty.")).Split(',');
        var at = Columns.Select(c => Array.IndexOf(header, c)).ToArray();
        if (at.Any(i => i < 0))
        {
            throw new FormatException($"{name}: the projection needs the columns {string.Join(", ", Columns)}.");
        }

        var populations = new Dictionary<(string, int), double[]>();
        int line = 1;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            if (!int.TryParse(fields[at[1]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int year))
            {
                throw new FormatException($"{name}: line {line}: the year '{fields[at[1]]}' is not a year.");
            }

            var bands = new double[4];
            for (int b = 0; b < 4; b++)
            {
                if (!double.TryParse(fields[at[2 + b]], NumberStyles.Float, CultureInfo.InvariantCulture, out bands[b]) || bands[b] <= 0)
                {
                    throw new FormatException($"{name}: line {line}: the population '{fields[at[2 + b]]}' is not a positive number.");
                }
            }

            populations[(fields[at[0]], year)] = bands;
        }

        return populations.Count == 0 ? throw new FormatException($"{name}: the projection has no rows.") : new PopulationProjection(name, populations);
    }

    public bool Covers(string variant, int year) => _populations.ContainsKey((variant, year));

    public double Population(string variant, int year, int band) => _populations[(variant, year)][band];

    /// <summary>Population in <paramref name="year"/> over population in <paramref name="baseYear"/> for a band.</summary>
    public double Factor(string variant, int baseYear, int year, int band) =>
        Population(variant, year, band) / Population(variant, baseYear, band);
}
