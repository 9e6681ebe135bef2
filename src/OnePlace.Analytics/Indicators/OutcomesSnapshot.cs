using System.Globalization;
using DuckDB.NET.Data;
using OnePlace.Analytics.Disclosure;

namespace OnePlace.Analytics.Indicators;

/// <summary>An indicator as the last framework run left it: its definition, RAG, SPC icons and inequality indices.</summary>
public sealed record IndicatorSummary(
    string Id, int Version, DateTime RunAtUtc, DateOnly Reach, string Title, string Domain, string Definition, string Statistic,
    double Multiplier, string Unit, string Polarity, double? Target, string? TargetSource, string Source, string? Reference, string Rag,
    string? Variation, string? Assurance, double? Sii, double? SiiLower, double? SiiUpper, double? Rii, double? RiiLower,
    double? RiiUpper, string Notes);

/// <summary>A stored figure (see <see cref="IndicatorValue"/>).</summary>
public sealed record StoredValue(
    string IndicatorId, PeriodKind Kind, DateOnly Start, DateOnly End, string Breakdown, string Group, double? Value,
    double? Lower, double? Upper, double? Numerator, double? Denominator, bool Suppressed, string? Note);

/// <summary>A month of an indicator's XmR chart.</summary>
public sealed record TrendPoint(string IndicatorId, DateOnly Period, double Value, double Mean, double LowerLimit, double UpperLimit, string Variation);

/// <summary>A count of people in a locality by one or two groups (sex and age band, frailty, segment); null when
/// withheld as a small number.</summary>
public sealed record ProfileCount(string Locality, string Group, string Subgroup, long? People);

/// <summary>
/// What the outcome dashboards show, read at once from the analytical store: the last framework run and aggregate
/// profiles of the population from the person measures (counts only, small numbers withheld). The store is opened
/// read-only and closed again, so that a refresh can take it while the dashboards keep this snapshot.
/// </summary>
public sealed record OutcomesSnapshot(
    DateTime ModifiedUtc, DateOnly? MeasuresAsOf, IReadOnlyList<IndicatorSummary> Indicators, IReadOnlyList<StoredValue> Values,
    IReadOnlyList<TrendPoint> Trend, IReadOnlyList<ProfileCount> Population, IReadOnlyList<ProfileCount> Frailty,
    IReadOnlyList<ProfileCount> Segments, IReadOnlyDictionary<string, IReadOnlyDictionary<int, long>> AgesByLocality)
{
    public static readonly OutcomesSnapshot Empty = new(DateTime.MinValue, null, [], [], [], [], [], [], new Dictionary<string, IReadOnlyDictionary<int, long>>());

    public IndicatorSummary? Find(string id) => Indicators.FirstOrDefault(i => i.Id == id);

    /// <summary>Adults by locality and band of 12-month emergency admission risk (band ids 1–5, <see cref="RiskBands"/>),
    /// once <c>oneplace analytics risk</c> has scored them; empty before.</summary>
    public IReadOnlyList<ProfileCount> Risk { get; init; } = [];

    /// <summary>The risk bands: id, and the lower and upper risk each holds (the upper excluded).</summary>
    public static readonly IReadOnlyList<(string Id, double From, double To)> RiskBands =
        [("1", 0, 0.05), ("2", 0.05, 0.10), ("3", 0.10, 0.20), ("4", 0.20, 0.40), ("5", 0.40, 1.01)];

    public IEnumerable<string> Localities => Population.Select(p => p.Locality).Distinct().Order(StringComparer.Ordinal);

    /// <summary>Reads the store at <paramref name="path"/>; an empty snapshot when it does not exist or the framework
    /// has not run on it yet.</summary>
    public static OutcomesSnapshot Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        var modified = File.GetLastWriteTimeUtc(path);
        using var duck = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        duck.Open();
        var tables = Strings(duck, "SELECT table_name FROM information_schema.tables").ToHashSet(StringComparer.Ordinal);
        if (!tables.Contains("indicator_summary"))
        {
            return Empty with { ModifiedUtc = modified };
        }

        var indicators = Read(duck, """
            SELECT indicator_id, version, run_at, reach, title, domain, definition, statistic, multiplier, unit, polarity, target, target_source,
                   source, reference, rag, variation, assurance, sii, sii_lower, sii_upper, rii, rii_lower, rii_upper, notes
            FROM indicator_summary ORDER BY domain, title
            """, r => new IndicatorSummary(
            r.GetString(0), r.GetInt32(1), r.GetDateTime(2), r.GetFieldValue<DateOnly>(3), r.GetString(4), r.GetString(5), r.GetString(6),
            r.GetString(7), r.GetDouble(8), r.GetString(9), r.GetString(10), Double(r, 11), Text(r, 12), r.GetString(13), Text(r, 14), r.GetString(15),
            Text(r, 16), Text(r, 17), Double(r, 18), Double(r, 19), Double(r, 20), Double(r, 21), Double(r, 22), Double(r, 23), r.GetString(24)));
        var values = Read(duck, """
            SELECT indicator_id, period_kind, period_start, period_end, breakdown, group_name, value, lower_ci_95, upper_ci_95,
                   numerator, denominator, suppressed, note
            FROM indicator_value
            """, r => new StoredValue(
            r.GetString(0), r.GetString(1) == "year" ? PeriodKind.Year : PeriodKind.Month, r.GetFieldValue<DateOnly>(2), r.GetFieldValue<DateOnly>(3),
            r.GetString(4), r.GetString(5), Double(r, 6), Double(r, 7), Double(r, 8), Double(r, 9), Double(r, 10), r.GetBoolean(11), Text(r, 12)));
        var trend = Read(duck, "SELECT indicator_id, period_start, value, mean, lower_limit, upper_limit, variation FROM indicator_trend ORDER BY indicator_id, period_start",
            r => new TrendPoint(r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetString(6)));

        if (!tables.Contains("person_measure"))
        {
            return new OutcomesSnapshot(modified, null, indicators, values, trend, [], [], [], new Dictionary<string, IReadOnlyDictionary<int, long>>());
        }

        var asOf = Read(duck, "SELECT max(as_of) FROM person_measure", r => r.IsDBNull(0) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(0)).Single();
        const string locality = "coalesce(l.name, 'Unknown')";
        const string from = "FROM person_measure m LEFT JOIN locality l ON l.locality_code = m.locality_code";
        var population = Counts(duck, $"SELECT {locality}, CASE m.sex WHEN 'F' THEN 'Female' WHEN 'M' THEN 'Male' ELSE 'Unknown' END, m.age_band, count(*) {from} GROUP BY 1, 2, 3");
        var frailty = Counts(duck, $"SELECT {locality}, m.efi_category, '', count(*) {from} WHERE m.age >= 65 GROUP BY 1, 2");
        var segments = Counts(duck, $"SELECT {locality}, CAST(m.segment AS VARCHAR) || ' ' || m.segment_name, '', count(*) {from} GROUP BY 1, 2");
        // Single years of age, for projections only: never shown as they are.
        var ages = Read(duck, $"SELECT {locality}, m.age, count(*) {from} GROUP BY 1, 2",
                r => (Locality: r.GetString(0), Age: r.GetInt32(1), People: Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)))
            .GroupBy(r => r.Locality)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, long>)g.ToDictionary(r => r.Age, r => r.People), StringComparer.Ordinal);
        var columns = Strings(duck, "SELECT column_name FROM information_schema.columns WHERE table_name = 'person_measure'").ToHashSet(StringComparer.Ordinal);
        List<ProfileCount> risk = [];
        if (columns.Contains("risk_12m"))
        {
            string bands = string.Join(" ", RiskBands.Select(b => string.Create(CultureInfo.InvariantCulture, $"WHEN m.risk_12m < {b.To} THEN '{b.Id}'")));
            risk = Counts(duck, $"SELECT {locality}, CASE {bands} END, '', count(*) {from} WHERE m.age >= 18 AND m.risk_12m IS NOT NULL GROUP BY 1, 2");
        }

        return new OutcomesSnapshot(modified, asOf, indicators, values, trend, population, frailty, segments, ages) { Risk = risk };
    }

    /// <summary>Counts by locality with small numbers withheld within each locality (whose total is shown).</summary>
    private static List<ProfileCount> Counts(DuckDBConnection duck, string sql)
    {
        var rows = Read(duck, sql, r => (Locality: r.GetString(0), Group: r.GetString(1), Subgroup: r.GetString(2), People: Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)));
        var counts = new List<ProfileCount>();
        foreach (var place in rows.GroupBy(r => r.Locality))
        {
            var cells = place.OrderBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Subgroup, StringComparer.Ordinal).ToList();
            var withheld = SmallNumberSuppression.Suppress([.. cells.Select(c => c.People)]);
            counts.AddRange(cells.Select((c, i) => new ProfileCount(c.Locality, c.Group, c.Subgroup, withheld[i] ? null : c.People)));
        }

        return counts;
    }

    private static List<T> Read<T>(DuckDBConnection duck, string sql, Func<DuckDBDataReader, T> map)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static List<string> Strings(DuckDBConnection duck, string sql) => Read(duck, sql, r => r.GetString(0));

    private static double? Double(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static string? Text(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
