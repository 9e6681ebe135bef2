using System.Globalization;
using OnePlace.Core.People;

namespace OnePlace.Testing;

/// <summary>
/// Valid NHS numbers from the 999 range the NHS Data Dictionary reserves for test data, numbered from 1. Numbers
/// whose check digit would be 10 are never issued and are skipped.
/// </summary>
public static class TestNhsNumbers
{
    public static string Number(int n)
    {
        for (int candidate = n; ; candidate += 100_000)
        {
            var nine = "999" + candidate.ToString("D6", CultureInfo.InvariantCulture);
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }
}

/// <summary>
/// A crowd of people around the few a test is about, for the person index to learn from: probabilistic linkage
/// estimates how often names, birth dates and postcodes agree among the same person's records and by chance from the
/// records it is given (Fellegi and Sunter 1969), so it needs records with the noise real extracts have. Each crowd
/// member has a GP and a hospital record with their NHS number (the hospital sometimes misspelling the family name)
/// and, two times in three, a council record without one (sometimes under a nickname or an old postcode). Seeded:
/// the same crowd every time.
/// </summary>
public static class Crowd
{
    private static readonly string[] Given =
    [
        "Margaret", "William", "Elizabeth", "Robert", "Susan", "James", "Patricia", "John", "Dorothy", "Thomas", "Jennifer",
        "Edward", "Mary", "Richard", "Katherine", "Michael", "Gillian", "Anthony", "Deborah", "Peter", "Amrit", "Oluwaseun",
        "Katarzyna", "Rhiannon",
    ];

    private static readonly string[] Family =
    [
        "Oakes", "Patel", "Smith", "Jones", "Okafor", "Evans", "Nowak", "Hughes", "Khan", "Taylor", "Brown", "Wilson", "Begum",
        "Walker", "Wright", "Thompson", "White", "Hall", "Green", "Clarke", "Ahmed", "Lewis", "Davies", "Price", "Morgan", "Kaur",
    ];

    private static readonly Dictionary<string, string> Nicknames = new(StringComparer.Ordinal)
    {
        ["Margaret"] = "Peggy",
        ["William"] = "Bill",
        ["Elizabeth"] = "Betty",
        ["Robert"] = "Bob",
        ["James"] = "Jim",
        ["Thomas"] = "Tom",
        ["Edward"] = "Ted",
        ["Katherine"] = "Kate",
    };

    /// <summary>
    /// Adds <paramref name="people"/> crowd members. Their NHS numbers start at 10,000 and their record ids at "CROWD-",
    /// so that they never collide with a test's own people.
    /// </summary>
    public static ExtractFolderBuilder WithCrowd(this ExtractFolderBuilder folder, int people = 200, int seed = 7)
    {
        var random = new Random(seed);
        for (int i = 0; i < people; i++)
        {
            var given = Given[random.Next(Given.Length)];
            var family = Family[random.Next(Family.Length)];
            var born = new DateOnly(1930, 1, 1).AddDays(random.Next(25_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var sex = random.Next(2) == 0 ? "F" : "M";
            var postcode = Postcode(random);
            var oldPostcode = Postcode(random);
            var nhs = TestNhsNumbers.Number(10_000 + i);
            folder.WithPerson(Partner.Gp, $"CROWD-GP-{i}", nhs, given, family, born, sex, postcode)
                .WithPerson(Partner.Hospital, $"CROWD-H-{i}", nhs, given, random.Next(5) == 0 ? family[..^1] : family, born, sex, postcode);
            if (random.Next(3) > 0)
            {
                var councilGiven = Nicknames.TryGetValue(given, out var nickname) && random.Next(2) == 0 ? nickname : given;
                folder.WithPerson(Partner.Council, $"CROWD-C-{i}", "", councilGiven, family, born, sex, random.Next(3) == 0 ? oldPostcode : postcode);
            }
        }

        return folder;
    }

    private static string Postcode(Random random) =>
        $"WS{1 + random.Next(9)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
}
