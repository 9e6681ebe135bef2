using System.Globalization;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Synthetic;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>
/// An analytical store holding a real framework run over a borough whose emergency admissions of people aged 65 and
/// over surge in its last month: a generated borough's hospital extract gets, in the month of its latest admission, one
/// more emergency admission for each of its residents aged 65 and over (as a winter surge or an outbreak in care homes
/// would bring), is imported, refreshed and run as <see cref="OutcomesStore"/> is. The surge lies far beyond the XmR
/// chart's upper limit, so the indicator's latest month is special-cause variation of concern.
/// </summary>
public sealed class RisingAdmissionsStore : IAsyncLifetime
{
    public const string Indicator = "emergency-admissions-65";

    private string _folder = "";

    public string Path => System.IO.Path.Combine(_folder, "analytics.duckdb");

    public FrameworkResult Result { get; private set; } = null!;

    public KeyValuePair<string, string?> Setting => new("Analytics:Store", Path);

    public async ValueTask InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("oneplace-rising-").FullName;
        var extract = System.IO.Path.Combine(folder, "extract");
        BoroughGenerator.Generate(new GeneratorOptions("walsall", 4_000, 7), extract);
        AddSurge(System.IO.Path.Combine(extract, Partner.Hospital));
        var analytics = new AnalyticsStore(System.IO.Path.Combine(folder, "analytics.duckdb"));
        await using (var store = await TestStore.CreateAsync())
        await using (var db = store.Open())
        {
            await new ExtractImporter(db).ImportFolderAsync(extract, "importer@partnership.test");
            await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(analytics, "analyst@partnership.test");
        }

        var reach = PersonMeasures.DataReach(analytics)!.Value;
        OnePlace.Analytics.Risk.AdmissionRisk.Train(analytics, SegmentTable.Load(System.IO.Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv")), reach);
        var indicators = IndicatorCatalogue.Load(System.IO.Path.Combine(AppContext.BaseDirectory, IndicatorCatalogue.DefaultFolder));
        Result = FrameworkOutput.Run(analytics, indicators, FrameworkPeriod.For(reach));
        FrameworkOutput.Save(analytics, Result);
        _folder = folder;
    }

    /// <summary>One more emergency admission, copied from the extract's own rows, for each hospital record of someone
    /// aged 65 or over, spread over the days of the month of the latest emergency admission up to that admission.</summary>
    private static void AddSurge(string hospital)
    {
        var people = Read(System.IO.Path.Combine(hospital, "people.csv")).Rows;
        var eventsPath = System.IO.Path.Combine(hospital, "events.csv");
        var (header, events) = Read(eventsPath);
        var admissions = events.Where(e => e["event_type"] == "emergency_admission").ToList();
        var last = admissions.Max(e => Day(e["start_date"]));
        var template = admissions.First(e => e["end_date"].Length > 0);
        var older = people.Where(p => p["date_of_birth"].Length > 0 && Day(p["date_of_birth"]).AddYears(66) <= last).Select(p => p["record_id"]).ToList();
        Assert.True(older.Count > 100, $"Only {older.Count} hospital records of people aged 65 and over.");

        using var writer = new StreamWriter(eventsPath, append: true);
        using var csv = new CsvHelper.CsvWriter(writer, CultureInfo.InvariantCulture);
        for (int i = 0; i < older.Count; i++)
        {
            var start = new DateOnly(last.Year, last.Month, 1).AddDays(i % last.Day);
            var row = new Dictionary<string, string>(template)
            {
                ["event_id"] = string.Create(CultureInfo.InvariantCulture, $"SURGE{i:00000}"),
                ["record_id"] = older[i],
                ["start_date"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end_date"] = start.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            };
            foreach (var column in header)
            {
                csv.WriteField(row[column]);
            }

            csv.NextRecord();
        }
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (string[] Header, List<Dictionary<string, string>> Rows) Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvHelper.CsvReader(reader, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h) ?? "", StringComparer.Ordinal));
        }

        return (header, rows);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, true);
        return ValueTask.CompletedTask;
    }
}
