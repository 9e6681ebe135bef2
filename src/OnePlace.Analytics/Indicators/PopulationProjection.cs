using System.Globalization;
using CsvHelper;

namespace OnePlace.Analytics.Indicators;

/// <summary>A locality's people in one broad age band, now and in later years.</summary>
public sealed record ProjectedBand(string Band, long Now, IReadOnlyDictionary<int, long> ByYear);

/// <summary>
/// Projections of a locality's population by broad age band, by the apportionment method local authorities use when
/// ONS projects only the whole area: each band of the locality grows as the area's band does in the ONS 2018-based
/// subnational projections (principal variant), from the year of the person measures.
/// </summary>
public sealed class PopulationProjection
{
    /// <summary>The bands of the projection file, with the ages each holds.</summary>
    public static readonly IReadOnlyList<(string Band, string Column, int From, int To)> Bands =
    [
        ("0-17", "age_0_17", 0, 17), ("18-64", "age_18_64", 18, 64), ("65-84", "age_65_84", 65, 84), ("85+", "age_85_plus", 85, 200),
    ];

    private readonly Dictionary<int, Dictionary<string, double>> _byYear;

    private PopulationProjection(Dictionary<int, Dictionary<string, double>> byYear) => _byYear = byYear;

    public IReadOnlyCollection<int> Years => _byYear.Keys;

    /// <summary>Reads the principal variant from an ONS SNPP band file (reference/demography).</summary>
    /// <exception cref="InvalidDataException">The file has no principal rows or lacks a band column.</exception>
    public static PopulationProjection Load(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var byYear = new Dictionary<int, Dictionary<string, double>>();
        foreach (var row in csv.GetRecords<dynamic>().Cast<IDictionary<string, object>>())
        {
            if ((string)row["variant"] != "principal")
            {
                continue;
            }

            int year = int.Parse((string)row["year"], CultureInfo.InvariantCulture);
            byYear[year] = Bands.ToDictionary(b => b.Band, b => row.TryGetValue(b.Column, out var v)
                ? double.Parse((string)v, CultureInfo.InvariantCulture)
                : throw new InvalidDataException($"{path} has no column {b.Column}."));
        }

        return byYear.Count == 0 ? throw new InvalidDataException($"{path} has no principal projection.") : new PopulationProjection(byYear);
    }

    /// <summary>The locality's bands now (<paramref name="peopleByAge"/>: people by single year of age) and in each
    /// of <paramref name="years"/> the projection holds, from <paramref name="baseYear"/> (the last projected year
    /// when the base is beyond it).</summary>
    public IReadOnlyList<ProjectedBand> Project(IReadOnlyDictionary<int, long> peopleByAge, int baseYear, IEnumerable<int> years)
    {
        ArgumentNullException.ThrowIfNull(peopleByAge);
        int from = Math.Min(baseYear, _byYear.Keys.Max());
        var chosen = years.Where(_byYear.ContainsKey).Order().ToList();
        return
        [
            .. Bands.Select(b =>
            {
                long now = peopleByAge.Where(p => p.Key >= b.From && p.Key <= b.To).Sum(p => p.Value);
                return new ProjectedBand(b.Band, now, chosen.ToDictionary(y => y, y => (long)Math.Round(now * _byYear[y][b.Band] / _byYear[from][b.Band])));
            }),
        ];
    }
}
