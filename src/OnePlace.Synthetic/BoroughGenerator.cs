using System.Text.Json;
using OnePlace.Core.People;
using OnePlace.Synthetic.Activity;
using OnePlace.Synthetic.Extracts;
using OnePlace.Synthetic.Geography;
using OnePlace.Synthetic.People;
using OnePlace.Synthetic.Profiles;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic;

/// <summary>
/// Generates a synthetic borough: geography, directory, GP practices, and the extracts of the five partners in
/// the formats of docs/data-formats.md, with the truth of which person each record belongs to. The same options
/// always give byte-identical files: every person draws from their own seeded stream, nothing reads the clock,
/// and all text is written with the invariant culture and "\n" line endings.
/// </summary>
public static class BoroughGenerator
{
    private const ulong PersonStream = 0x9E50;

    /// <summary>The borough shapes that can be generated.</summary>
    public static IReadOnlyList<string> Profiles { get; } = BoroughProfiles.All.Select(p => p.Name).ToArray();

    /// <summary>
    /// Writes the synthetic borough into <paramref name="outputDirectory"/> (created if missing; files of the same
    /// names are overwritten).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown profile, People outside 1..900,000, or an unusable period or folder.</exception>
    public static GenerationSummary Generate(GeneratorOptions options, string outputDirectory, IProgress<GenerationProgress>? progress = null) =>
        Generate(options, outputDirectory, progress, options?.Seed ?? 0);

    /// <summary>
    /// As the public overload, with admission diagnoses drawn from <paramref name="diagnosisSeed"/>'s streams rather
    /// than the options' seed: the test that diagnoses change nothing else compares two of these.
    /// </summary>
    internal static GenerationSummary Generate(GeneratorOptions options, string outputDirectory, IProgress<GenerationProgress>? progress, int diagnosisSeed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(outputDirectory))
        {
            throw new ArgumentException("The output folder must be given.", nameof(outputDirectory));
        }

        BoroughProfile profile = BoroughProfiles.Find(options.Profile ?? "")
            ?? throw new ArgumentException(
                $"Unknown profile '{options.Profile}'. Known profiles: {string.Join(", ", Profiles)}.", nameof(options));
        if (options.People < 1 || options.People > TestNhsNumbers.Capacity)
        {
            throw new ArgumentException(
                $"People must be between 1 and {TestNhsNumbers.Capacity:N0} (the test NHS number range bounds it); it was {options.People}.",
                nameof(options));
        }

        if (options.PeriodEnd.Year is < 1950 or > 2100)
        {
            throw new ArgumentException($"PeriodEnd must fall between 1950 and 2100; it was {options.PeriodEnd:yyyy-MM-dd}.", nameof(options));
        }

        DateOnly periodEnd = options.PeriodEnd;
        DateOnly periodStart = periodEnd.AddYears(-3).AddDays(1);
        Directory.CreateDirectory(outputDirectory);
        var rows = new SortedDictionary<string, int>(StringComparer.Ordinal);

        progress?.Report(new GenerationProgress("geography", 0, 1));
        BoroughGeography geography = BoroughGeography.Build(profile, options.People, options.Seed);
        WriteGeography(geography, outputDirectory, rows);
        progress?.Report(new GenerationProgress("geography", 1, 1));

        string[] nhsNumbers = TestNhsNumbers.Draw(options.People, options.Seed);
        var synthesiser = new PersonSynthesiser(geography, periodStart);
        var simulator = new ActivitySimulator(periodStart, periodEnd, new AdmissionDiagnoses(diagnosisSeed));
        var person = new SyntheticPerson();
        var events = new List<ActivityEvent>(256);
        var rng = new SeededRandom(options.Seed, PersonStream, 0);
        int step = Math.Max(1, options.People / 100);
        using (var extracts = new PopulationExtracts(outputDirectory, options.Seed, geography, synthesiser, periodStart, periodEnd))
        {
            for (int i = 0; i < options.People; i++)
            {
                rng.Reseed(options.Seed, PersonStream, (ulong)i);
                person.Index = i;
                person.Key = "P" + (i + 1).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
                person.NhsNumber = nhsNumbers[i];
                synthesiser.Synthesise(person, rng);
                int death = simulator.Simulate(person, rng, events);
                extracts.Write(person, events, death, rng);
                if ((i + 1) % step == 0 || i + 1 == options.People)
                {
                    progress?.Report(new GenerationProgress("people", i + 1, options.People));
                }
            }

            foreach ((string file, int count) in extracts.Rows())
            {
                rows[file] = count;
            }
        }

        progress?.Report(new GenerationProgress("writing manifest", 0, 1));
        WriteManifest(outputDirectory, profile, options, periodStart, periodEnd, rows);
        progress?.Report(new GenerationProgress("writing manifest", 1, 1));
        return new GenerationSummary(options.People, rows);
    }

    private static void WriteGeography(BoroughGeography geography, string outputDirectory, SortedDictionary<string, int> rows)
    {
        string folder = Path.Combine(outputDirectory, "geography");
        Directory.CreateDirectory(folder);
        using (var w = new CsvRowWriter(Path.Combine(folder, "localities.csv"), "locality_code", "locality_name"))
        {
            foreach (LocalityShape locality in geography.Profile.Localities)
            {
                w.Field(locality.Code);
                w.Field(locality.Name);
                w.EndRow();
            }

            rows["geography/localities.csv"] = w.Rows;
        }

        using (var w = new CsvRowWriter(Path.Combine(folder, "small_areas.csv"), "small_area_code", "small_area_name", "locality_code", "imd_decile"))
        {
            foreach (SmallArea area in geography.SmallAreas)
            {
                w.Field(area.Code);
                w.Field(area.Name);
                w.Field(geography.Profile.Localities[area.Locality].Code);
                w.Field(area.ImdDecile);
                w.EndRow();
            }

            rows["geography/small_areas.csv"] = w.Rows;
        }

        using (var w = new CsvRowWriter(Path.Combine(folder, "postcodes.csv"), "postcode", "small_area_code"))
        {
            foreach (SmallArea area in geography.SmallAreas)
            {
                foreach (string postcode in area.Postcodes)
                {
                    w.Field(postcode);
                    w.Field(area.Code);
                    w.EndRow();
                }
            }

            rows["geography/postcodes.csv"] = w.Rows;
        }

        string directory = Path.Combine(outputDirectory, "directory");
        Directory.CreateDirectory(directory);
        using (var w = new CsvRowWriter(Path.Combine(directory, "services.csv"), "service_code", "service_name", "partner", "service_kind"))
        {
            foreach (Service service in BoroughGeography.Services)
            {
                w.Field(service.Code);
                w.Field(service.Name);
                w.Field(service.Partner);
                w.Field(service.Kind);
                w.EndRow();
            }

            rows["directory/services.csv"] = w.Rows;
        }

        using (var w = new CsvRowWriter(Path.Combine(directory, "teams.csv"), "team_code", "team_name", "service_code", "locality_code"))
        {
            foreach (Team team in geography.Teams())
            {
                w.Field(team.Code);
                w.Field(team.Name);
                w.Field(team.ServiceCode);
                w.Field(team.LocalityCode);
                w.EndRow();
            }

            rows["directory/teams.csv"] = w.Rows;
        }

        string gp = Path.Combine(outputDirectory, Partner.Gp);
        Directory.CreateDirectory(gp);
        using (var w = new CsvRowWriter(Path.Combine(gp, "practices.csv"), "practice_code", "practice_name", "locality_code", "postcode"))
        {
            foreach (Practice practice in geography.Practices)
            {
                w.Field(practice.Code);
                w.Field(practice.Name);
                w.Field(geography.Profile.Localities[practice.Locality].Code);
                w.Field(practice.Postcode);
                w.EndRow();
            }

            rows["gp/practices.csv"] = w.Rows;
        }
    }

    /// <summary>manifest.json: informational, with no timestamp so that it too is identical for the same options.</summary>
    private static void WriteManifest(string outputDirectory, BoroughProfile profile, GeneratorOptions options, DateOnly periodStart,
        DateOnly periodEnd, SortedDictionary<string, int> rows)
    {
        using var stream = new FileStream(Path.Combine(outputDirectory, "manifest.json"), FileMode.Create, FileAccess.Write);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("generator", "OnePlace.Synthetic");
            json.WriteString("profile", profile.Name);
            json.WriteNumber("seed", options.Seed);
            json.WriteNumber("people", options.People);
            json.WriteString("period_start", periodStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("period_end", periodEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("partners");
            foreach (string partner in Partner.All)
            {
                json.WriteStringValue(partner);
            }

            json.WriteEndArray();
            json.WriteStartObject("rows");
            foreach ((string file, int count) in rows)
            {
                json.WriteNumber(file, count);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}
