using System.Diagnostics;
using OnePlace.Synthetic;

namespace OnePlace.Linkage.Bench;

/// <summary>
/// The synthetic borough (src/OnePlace.Synthetic, walsall profile, seed 1) as a linkage benchmark: the person files
/// of all five partners linked together (across partners and within each), scored against truth/records.csv.
/// NHS numbers in it are blank or correct, never another person's, so a cluster holding two is a false merge.
/// </summary>
internal static class SyntheticBorough
{
    public const string Profile = "walsall";
    public const int Seed = 1;

    public const string Description =
        "synthetic borough (walsall profile, seed 1): the person files of all five partners, linked across and within partners";

    /// <summary>First guess of person-file rows per person, refined by <see cref="MeasureRecordsPerPerson"/>.</summary>
    private const double RecordsPerPersonGuess = 2.2;

    /// <summary>
    /// Generates a small borough of about <paramref name="records"/> records and counts its person-file rows per
    /// person, so that larger boroughs can be sized by records rather than by people.
    /// </summary>
    public static double MeasureRecordsPerPerson(int records, string folder)
    {
        int people = (int)Math.Round(records / RecordsPerPersonGuess);
        GenerationSummary summary = BoroughGenerator.Generate(new GeneratorOptions(Profile, people, Seed), folder);
        return (double)PersonFileRows(summary) / people;
    }

    /// <summary>Writes a borough with about <paramref name="records"/> person-file rows; returns its people and the time taken.</summary>
    public static (int People, int Records, double Seconds) Generate(int records, double recordsPerPerson, string folder)
    {
        int people = (int)Math.Clamp(Math.Round(records / recordsPerPerson), 1, 900_000);
        var clock = Stopwatch.StartNew();
        GenerationSummary summary = BoroughGenerator.Generate(new GeneratorOptions(Profile, people, Seed), folder);
        return (people, PersonFileRows(summary), clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads every partner's people.csv, with the truth of each record from truth/records.csv.</summary>
    public static LinkageDataset Load(string name, string folder)
    {
        var personOf = new Dictionary<string, string>(StringComparer.Ordinal);
        CsvFiles.ReadRows(Path.Combine(folder, "truth", "records.csv"), row =>
            personOf[$"{row.Required("partner")}/{row.Required("record_id")}"] = row.Required("person_key"));

        var records = new List<LinkRecord>(personOf.Count);
        var truth = new List<string>(personOf.Count);
        foreach (string partnerFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(partnerFolder, "people.csv");
            if (!File.Exists(file))
            {
                continue;
            }

            string partner = Path.GetFileName(partnerFolder);
            CsvFiles.ReadRows(file, row =>
            {
                string id = $"{partner}/{row.Required("record_id")}";
                records.Add(new LinkRecord(id, partner)
                {
                    NhsNumber = row["nhs_number"],
                    GivenName = row["given_name"],
                    FamilyName = row["family_name"],
                    DateOfBirth = row["date_of_birth"],
                    Sex = row["sex"],
                    Postcode = row["postcode"],
                    Address = row["address"],
                    Phone = row["phone"],
                    Email = row["email"],
                });
                truth.Add(personOf.TryGetValue(id, out string? person)
                    ? person
                    : throw new InvalidDataException($"{id} is not in truth/records.csv."));
            });
        }

        return new LinkageDataset(name, "link + dedupe", records, truth, null, IdentifierIsReliable: true);
    }

    private static int PersonFileRows(GenerationSummary summary) =>
        summary.RowsByFile.Where(f => f.Key.EndsWith("/people.csv", StringComparison.Ordinal)).Sum(f => f.Value);
}
