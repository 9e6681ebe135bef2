using System.Globalization;
using OnePlace.Synthetic.Geography;
using OnePlace.Synthetic.Health;
using OnePlace.Synthetic.Profiles;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.People;

/// <summary>Draws one person's demography, address, contact details and long-term conditions.</summary>
internal sealed class PersonSynthesiser
{
    private readonly BoroughGeography geography;
    private readonly AgeStructure ages;
    private readonly DateOnly periodStart;
    private readonly double[] ethnicityUnder18;
    private readonly double[] ethnicityAdults;
    private readonly double[] ethnicityOlder;
    private readonly char[] ethnicityCodes;
    private readonly RiskCalibration risks = RiskCalibration.England;

    public PersonSynthesiser(BoroughGeography geography, DateOnly periodStart)
    {
        this.geography = geography;
        this.periodStart = periodStart;
        BoroughProfile profile = geography.Profile;
        ages = new AgeStructure(profile.AgeBands);
        ethnicityCodes = profile.Ethnicity.Select(e => e.Code).ToArray();

        // Minority ethnic groups are younger than the White British group (Census 2021): an assumption of 1.3× the
        // borough share among children and 0.4× among people aged 65+, the White British share taking up the rest.
        ethnicityAdults = profile.Ethnicity.Select(e => e.Share).ToArray();
        ethnicityUnder18 = Reweight(1.3);
        ethnicityOlder = Reweight(0.4);
    }

    private double[] Reweight(double minorityFactor)
    {
        var weights = new double[ethnicityAdults.Length];
        double minority = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (ethnicityCodes[i] != 'A')
            {
                weights[i] = ethnicityAdults[i] * minorityFactor;
                minority += weights[i];
            }
        }

        double total = ethnicityAdults.Sum();
        weights[Array.IndexOf(ethnicityCodes, 'A')] = Math.Max(0, total - minority);
        return weights;
    }

    public void Synthesise(SyntheticPerson person, SeededRandom rng)
    {
        int age = ages.Sample(rng.NextDouble());
        person.Age = age;
        person.Female = !rng.Chance(AgeStructure.MaleShare(age));
        int daysSinceBirthday = rng.Next(365);
        person.DateOfBirth = periodStart.AddYears(-age).AddDays(-daysSinceBirthday);

        double[] weights = age < 18 ? ethnicityUnder18 : age < 65 ? ethnicityAdults : ethnicityOlder;
        person.Ethnicity = ethnicityCodes[rng.Weighted(weights)];
        person.Tradition = NameLists.TraditionFor(person.Ethnicity, geography.Profile.WelshNameShare, rng.NextDouble());
        var (female, male) = NameLists.GivenNames(person.Tradition, person.DateOfBirth.Year);
        person.GivenName = rng.Pick(person.Female ? female : male);
        person.FamilyName = FamilyName(person, rng);

        int areaIndex = rng.Next(geography.SmallAreas.Count);
        SmallArea area = geography.SmallAreas[areaIndex];
        person.SmallArea = areaIndex;
        person.Locality = area.Locality;
        person.ImdDecile = area.ImdDecile;
        person.Postcode = rng.Pick(area.Postcodes);
        person.Address = StreetAddress(area.Town.Name, rng);
        person.PracticeCode = rng.Pick(geography.PracticesByLocality[area.Locality]).Code;

        // Ofcom reserves 07700 900000–900999 and 01632 960000–960999 for drama, so these numbers reach nobody.
        person.Phone = rng.Chance(0.85)
            ? rng.Chance(0.7)
                ? "07700 900" + rng.Next(1000).ToString("D3", CultureInfo.InvariantCulture)
                : "01632 960" + rng.Next(1000).ToString("D3", CultureInfo.InvariantCulture)
            : null;

        // example.com/.org/.net are reserved for documentation (RFC 2606).
        person.Email = age is >= 16 and < 80 && rng.Chance(age < 65 ? 0.55 : 0.25)
            ? $"{Ascii(person.GivenName)}.{Ascii(person.FamilyName)}{rng.Next(100)}@example.{rng.Pick(EmailDomains)}"
            : null;

        person.Frailty = RiskCalibration.Frailty(rng.Normal(), person.ImdDecile);
        ulong conditions = 0;
        int count = 0;
        for (int c = 0; c < ConditionModels.Count; c++)
        {
            if (rng.Chance(risks.ConditionProbability(c, age, person.Female, person.Frailty)))
            {
                conditions |= 1UL << c;
                count++;
            }
        }

        person.Conditions = conditions;
        person.ConditionCount = count;
        person.Propensity = rng.Normal();
    }

    private static readonly string[] EmailDomains = ["com", "org", "net"];

    private static string FamilyName(SyntheticPerson person, SeededRandom rng)
    {
        if (person.Female && person.Tradition == NameTradition.SouthAsianIndian && rng.Chance(0.35))
        {
            return "Kaur";
        }

        if (person.Female && person.Tradition == NameTradition.SouthAsianMuslim && rng.Chance(0.15))
        {
            return "Begum";
        }

        return rng.Pick(NameLists.Surnames(person.Tradition));
    }

    public string StreetAddress(string town, SeededRandom rng) =>
        $"{1 + rng.Next(rng.Chance(0.7) ? 80 : 250)} {rng.Pick(geography.Streets)}, {town}";

    private static string Ascii(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        int n = 0;
        foreach (char c in name)
        {
            if (char.IsAsciiLetter(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }
}
