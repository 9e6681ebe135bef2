using OnePlace.Core.People;
using OnePlace.Synthetic.Profiles;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.Geography;

internal sealed record SmallArea(string Code, string Name, int Locality, int ImdDecile, Town Town, IReadOnlyList<string> Postcodes);

internal sealed record Practice(string Code, string Name, int Locality, string Postcode);

internal sealed record Service(string Code, string Name, string Partner, string Kind, bool BoroughWide);

internal sealed record Team(string Code, string Name, string ServiceCode, string? LocalityCode);

/// <summary>
/// The synthetic borough's places: localities, LSOA-like small areas of about 1,500 people (the ONS LSOA design
/// size is 1,000–3,000 residents) with a deprivation decile each, postcodes, GP practices (about one per 7,000
/// people) and the community and social care services and teams of the directory.
/// </summary>
internal sealed class BoroughGeography
{
    private const int PeoplePerSmallArea = 1_500;
    private const int PeoplePerPractice = 7_000;

    /// <summary>Letters used in the inward part of a postcode (Royal Mail never uses C, I, K, M, O or V there).</summary>
    private const string InwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

    private BoroughGeography(BoroughProfile profile) => Profile = profile;

    public BoroughProfile Profile { get; }

    public List<SmallArea> SmallAreas { get; } = [];

    public List<Practice> Practices { get; } = [];

    public List<List<Practice>> PracticesByLocality { get; } = [];

    public List<string> AllPostcodes { get; } = [];

    /// <summary>The town of each postcode in <see cref="AllPostcodes"/>, for addresses.</summary>
    public List<string> PostcodeTowns { get; } = [];

    public List<string> Streets { get; } = [];

    public static IReadOnlyList<Service> Services { get; } =
    [
        new("UCR", "Urgent Community Response", Partner.Community, "urgent_community_response", true),
        new("REA", "Reablement", Partner.Council, "reablement", false),
        new("DN", "District Nursing", Partner.Community, "district_nursing", false),
        new("ASW", "Adult Social Work", Partner.Council, "social_work", false),
        new("THR", "Community Therapy", Partner.Community, "therapy", false),
        new("CMH", "Community Mental Health", Partner.Community, "mental_health", false),
        new("VCS", "Community Connectors", Partner.Voluntary, "voluntary", false),
        new("CHS", "Care Home Support", Partner.Community, "care_home_support", false),
    ];

    public IEnumerable<Team> Teams()
    {
        foreach (Service service in Services)
        {
            if (service.BoroughWide)
            {
                yield return new Team($"{service.Code}-ALL", $"{service.Name} ({Profile.BoroughName})", service.Code, null);
                continue;
            }

            foreach (LocalityShape locality in Profile.Localities)
            {
                yield return new Team($"{service.Code}-{locality.Code}", $"{service.Name} {locality.Name}", service.Code, locality.Code);
            }
        }
    }

    public static BoroughGeography Build(BoroughProfile profile, int people, int seed)
    {
        var geography = new BoroughGeography(profile);
        var rng = new SeededRandom(seed, 0x6E06, 0);
        int localities = profile.Localities.Count;
        int areas = Math.Max(4 * localities, (int)Math.Round(people / (double)PeoplePerSmallArea));

        // Deprivation deciles are laid out in exact proportion to the profile's shares, then shuffled over areas.
        var deciles = new int[areas];
        for (int i = 0; i < areas; i++)
        {
            double u = (i + 0.5) / areas;
            int decile = 0;
            double running = 0;
            while (decile < 9 && u > running + profile.DeprivationDecileShares[decile])
            {
                running += profile.DeprivationDecileShares[decile];
                decile++;
            }

            deciles[i] = decile + 1;
        }

        for (int i = areas - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (deciles[i], deciles[j]) = (deciles[j], deciles[i]);
        }

        var usedPostcodes = new HashSet<string>(StringComparer.Ordinal);
        Span<char> inward = stackalloc char[3];
        for (int i = 0; i < areas; i++)
        {
            int locality = i % localities;
            int withinLocality = i / localities;
            LocalityShape shape = profile.Localities[locality];
            Town town = shape.Towns[withinLocality % shape.Towns.Count];
            int postcodeCount = 6 + rng.Next(5);
            var postcodes = new List<string>(postcodeCount);
            while (postcodes.Count < postcodeCount)
            {
                string district = rng.Pick(town.PostcodeDistricts);
                inward[0] = (char)('1' + rng.Next(9));
                inward[1] = InwardLetters[rng.Next(InwardLetters.Length)];
                inward[2] = InwardLetters[rng.Next(InwardLetters.Length)];
                string postcode = district + " " + new string(inward);
                if (usedPostcodes.Add(postcode))
                {
                    postcodes.Add(postcode);
                    geography.AllPostcodes.Add(postcode);
                    geography.PostcodeTowns.Add(town.Name);
                }
            }

            string code = $"{profile.SmallAreaPrefix}{900_001 + i:D6}";
            string name = $"{profile.BoroughName} {(i / 4) + 1:D3}{(char)('A' + (i % 4))}";
            geography.SmallAreas.Add(new SmallArea(code, name, locality, deciles[i], town, postcodes));
        }

        geography.Streets.AddRange(People.NameLists.CommonStreets);
        geography.Streets.AddRange(profile.LocalStreets);

        int practices = Math.Max(localities, (int)Math.Round(people / (double)PeoplePerPractice));
        string[] practiceStyles = ["Medical Centre", "Surgery", "Health Centre", "Family Practice", "Medical Practice"];
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        for (int l = 0; l < localities; l++)
        {
            geography.PracticesByLocality.Add([]);
        }

        for (int k = 0; k < practices; k++)
        {
            int locality = k % localities;
            var areasHere = geography.SmallAreas.Where(a => a.Locality == locality).ToList();
            SmallArea area = areasHere[rng.Next(areasHere.Count)];
            string name = rng.Chance(0.5)
                ? $"{area.Town.Name} {rng.Pick(practiceStyles)}"
                : $"{rng.Pick(geography.Streets)} {rng.Pick(practiceStyles)}";
            if (!usedNames.Add(name))
            {
                name = $"{name} ({k + 1})";
                usedNames.Add(name);
            }

            string practiceCode = profile.PracticePrefix + (1 + k).ToString(new string('0', profile.PracticeDigits), System.Globalization.CultureInfo.InvariantCulture);
            var practice = new Practice(practiceCode, name, locality, area.Postcodes[0]);
            geography.Practices.Add(practice);
            geography.PracticesByLocality[locality].Add(practice);
        }

        return geography;
    }
}
