using System.Globalization;
using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Tests;

/// <summary>
/// A seeded small population for linker tests: each person has a GP record and a hospital record (both with the NHS
/// number) and often a council record without one, with a nickname, a typo or an old postcode.
/// </summary>
internal sealed class PopulationBuilder
{
    private static readonly string[] Given = ["margaret", "william", "elizabeth", "robert", "susan", "james", "patricia", "john", "dorothy", "thomas", "jennifer", "edward", "mary", "richard", "katherine", "michael", "gillian", "anthony", "deborah", "peter", "amrit", "oluwaseun", "katarzyna", "rhiannon"];
    private static readonly string[] Family = ["oakes", "patel", "smith", "jones", "okafor", "evans", "nowak", "hughes", "khan", "taylor", "brown", "wilson", "begum", "walker", "wright", "thompson", "white", "hall", "green", "clarke", "ahmed", "lewis", "davies", "price", "morgan", "kaur"];
    private static readonly Dictionary<string, string> Nickname = new() { ["margaret"] = "peggy", ["william"] = "bill", ["elizabeth"] = "betty", ["robert"] = "bob", ["james"] = "jim", ["thomas"] = "tom", ["edward"] = "ted", ["katherine"] = "kate" };

    public List<LinkRecord> Records { get; } = [];
    public List<string> Truth { get; } = [];

    public static PopulationBuilder Build(int people, int seed = 7)
    {
        var b = new PopulationBuilder();
        var random = new Random(seed);
        int nhs = 0;
        for (int p = 0; p < people; p++)
        {
            string given = Given[random.Next(Given.Length)];
            string family = Family[random.Next(Family.Length)];
            var dob = new DateOnly(1930, 1, 1).AddDays(random.Next(25_000));
            string sex = random.Next(2) == 0 ? "F" : "M";
            string postcode = $"WS{1 + random.Next(9)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
            string oldPostcode = $"WS{1 + random.Next(9)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}";
            string number = NextNhsNumber(ref nhs);
            string key = $"P{p}";
            string date = dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            b.Add(key, new LinkRecord($"gp-{p}", "gp") { NhsNumber = number, GivenName = given, FamilyName = family, DateOfBirth = date, Sex = sex, Postcode = postcode });
            b.Add(key, new LinkRecord($"hospital-{p}", "hospital")
            {
                NhsNumber = number,
                GivenName = given,
                FamilyName = random.Next(5) == 0 ? family[..^1] : family,
                DateOfBirth = date,
                Sex = sex,
                Postcode = postcode,
            });
            if (random.Next(3) > 0)
            {
                b.Add(key, new LinkRecord($"council-{p}", "council")
                {
                    GivenName = Nickname.TryGetValue(given, out var nick) && random.Next(2) == 0 ? nick : given,
                    FamilyName = family,
                    DateOfBirth = date,
                    Sex = sex,
                    Postcode = random.Next(3) == 0 ? oldPostcode : postcode,
                });
            }
        }

        return b;
    }

    private void Add(string person, LinkRecord record)
    {
        Records.Add(record);
        Truth.Add(person);
    }

    /// <summary>The next valid number of the 999 test range (999 000 0018, …).</summary>
    public static string NextNhsNumber(ref int counter)
    {
        while (true)
        {
            string candidate = $"999{counter++:D6}";
            for (int check = 0; check < 10; check++)
            {
                if (NhsNumberCheck.IsValid(candidate + check))
                {
                    return candidate + check;
                }
            }
        }
    }
}
