using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Analytics.Baseline;

/// <summary>
/// The planning baseline's files (docs/data-formats.md, "Planning baseline"): <c>baseline.csv</c>, the contract the
/// scenario engine reads, and <c>population.csv</c>, each cell's people for rates. RFC 4180, invariant culture, rows in
/// the result's stable order.
/// </summary>
public static class BaselineFiles
{
    public const string ActivityFile = "baseline.csv";
    public const string PopulationFile = "population.csv";

    /// <summary>The contract's header, exactly.</summary>
    public static IReadOnlyList<string> ActivityColumns { get; } =
        ["locality", "age_band", "sex", "deprivation_quintile", "setting", "activity", "cost_gbp"];

    public static IReadOnlyList<string> PopulationColumns { get; } = ["locality", "age_band", "sex", "deprivation_quintile", "people"];

    /// <summary>Writes both files into <paramref name="folder"/> (made if missing), replacing any there.</summary>
    public static void Write(PlanningBaselineResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(folder);
        using (var writer = new StreamWriter(Path.Combine(folder, ActivityFile)))
        {
            WriteActivity(result.Activity, writer);
        }

        using (var writer = new StreamWriter(Path.Combine(folder, PopulationFile)))
        {
            WritePopulation(result.Population, writer);
        }
    }

    public static void WriteActivity(IEnumerable<BaselineActivity> rows, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.Context.RegisterClassMap<ActivityMap>();
        csv.WriteRecords(rows);
    }

    public static void WritePopulation(IEnumerable<BaselinePopulation> rows, TextWriter writer)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        csv.Context.RegisterClassMap<PopulationMap>();
        csv.WriteRecords(rows);
    }

    private sealed class ActivityMap : ClassMap<BaselineActivity>
    {
        public ActivityMap()
        {
            Map(r => r.Locality).Name("locality").Index(0);
            Map(r => r.AgeBand).Name("age_band").Index(1);
            Map(r => r.Sex).Name("sex").Index(2);
            Map(r => r.DeprivationQuintile).Name("deprivation_quintile").Index(3);
            Map(r => r.Setting).Name("setting").Index(4);
            Map(r => r.Activity).Name("activity").Index(5);
            Map(r => r.CostGbp).Name("cost_gbp").Index(6);
        }
    }

    private sealed class PopulationMap : ClassMap<BaselinePopulation>
    {
        public PopulationMap()
        {
            Map(r => r.Locality).Name("locality").Index(0);
            Map(r => r.AgeBand).Name("age_band").Index(1);
            Map(r => r.Sex).Name("sex").Index(2);
            Map(r => r.DeprivationQuintile).Name("deprivation_quintile").Index(3);
            Map(r => r.People).Name("people").Index(4);
        }
    }
}
