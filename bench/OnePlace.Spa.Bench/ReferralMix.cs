using System.Globalization;
using System.Text.Json;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;

namespace OnePlace.Spa.Bench;

/// <summary>One referral ready to send: its JSON body, made before the clock starts, and how it names its person.</summary>
internal sealed record PlannedReferral(byte[] Body, string Naming);

/// <summary>
/// Varied referrals for real people of the borough, seeded so that a run can be repeated. People are drawn with older
/// people more often (as the Single Point of Access sees them); most referrals carry the person's NHS number, some
/// only their name, birth date and postcode (matched on those), some a misspelt name (a provisional person) and
/// some an NHS number new to the borough (a new person). Needs and settings follow a plausible mix of the nine
/// urgent community response conditions and the planned services.
/// </summary>
internal sealed class ReferralMix(IReadOnlyList<BoroughPerson> people, int seed)
{
    public const string WithNhsNumber = "nhs_number";
    public const string NameBirthPostcode = "name_birth_postcode";
    public const string MisspeltName = "misspelt_name";
    public const string NewNhsNumber = "new_nhs_number";

    private static readonly (string Need, int Weight)[] IntakeNeeds =
    [
        (ReferralNeed.Fall, 14), (ReferralNeed.FrailtyDecompensation, 6), (ReferralNeed.ReducedFunction, 6), (ReferralNeed.EndOfLifeCrisis, 2),
        (ReferralNeed.UrgentEquipment, 2), (ReferralNeed.ConfusionDelirium, 4), (ReferralNeed.UrgentCatheterCare, 3), (ReferralNeed.DiabetesSupport, 2),
        (ReferralNeed.CarerBreakdown, 2), (ReferralNeed.HospitalDischarge, 15), (ReferralNeed.WoundCare, 10), (ReferralNeed.PersonalCare, 10),
        (ReferralNeed.Safeguarding, 5), (ReferralNeed.MentalHealth, 6), (ReferralNeed.MemoryConcern, 6), (ReferralNeed.Mobility, 8),
        (ReferralNeed.SocialIsolation, 4), (ReferralNeed.CareHomeReview, 3),
    ];

    /// <summary>The nine conditions triage sends to urgent community response (rules/triage, R01–R09).</summary>
    private static readonly (string Need, int Weight)[] UrgentNeeds =
    [
        (ReferralNeed.Fall, 14), (ReferralNeed.FrailtyDecompensation, 6), (ReferralNeed.ReducedFunction, 6), (ReferralNeed.EndOfLifeCrisis, 2),
        (ReferralNeed.UrgentEquipment, 2), (ReferralNeed.ConfusionDelirium, 4), (ReferralNeed.UrgentCatheterCare, 3), (ReferralNeed.DiabetesSupport, 2),
        (ReferralNeed.CarerBreakdown, 2),
    ];

    private static readonly string[] Referrers =
    [
        "Pleck Health Centre", "Bloxwich Medical Practice", "Darlaston Family Practice", "Manor Hospital discharge hub", "NHS 111 West Midlands",
        "West Midlands Ambulance Service", "Aldridge Surgery", "Willenhall Medical Centre", "Brownhills Community Pharmacy", "Adult Social Care front door",
    ];

    private static readonly string[] Openings =
    [
        "Found on the floor this morning, unhurt but unable to get up alone.", "More confused than usual over the last two days, not eating well.",
        "Daughter reports struggling with stairs and personal care since the weekend.", "Leg ulcer dressing needs changing every two days; no one to help.",
        "Discharged yesterday after a chest infection, weaker than before admission.", "Carer has been taken ill and cannot visit for the next week.",
        "Low mood and withdrawn since the death of her husband in the spring.", "Catheter blocked overnight; district nurse not available until Monday.",
        "Asked for help with shopping and getting to the lunch club.", "Neighbour concerned about bruising and unpaid bills.",
    ];

    private static readonly string[] More =
    [
        "", " Lives alone with a key safe.", " Has a pendant alarm but did not use it.", " Known to the frailty service; last reviewed in March.",
        " Speaks Punjabi; daughter interprets. Please ring her first on the number given.",
        " Takes warfarin and has had two falls this year. Family visit daily but work full time and cannot stay overnight; the person wants to remain at home.",
    ];

    private readonly Random _random = new(seed);
    private readonly double[] _cumulative = Cumulative(people);
    private readonly HashSet<string> _usedNumbers = new(people.Select(p => p.NhsNumber).OfType<string>(), StringComparer.Ordinal);

    /// <summary>Referrals as the Single Point of Access receives them from every kind of referrer.</summary>
    public List<PlannedReferral> Intake(int count, string senderPrefix) =>
        [.. Enumerable.Range(0, count).Select(i => Make(Pick(IntakeNeeds), $"{senderPrefix}-{i:D6}", allowNewPeople: true))];

    /// <summary>Referrals for the nine urgent conditions, which triage sends to urgent community response.</summary>
    public List<PlannedReferral> Urgent(int count, string senderPrefix) =>
        [.. Enumerable.Range(0, count).Select(i => Make(Pick(UrgentNeeds), $"{senderPrefix}-{i:D6}", allowNewPeople: false))];

    private PlannedReferral Make(string need, string senderIdentifier, bool allowNewPeople)
    {
        var person = PickPerson();
        double roll = _random.NextDouble();
        string naming = roll < 0.80 && person.NhsNumber is not null ? WithNhsNumber
            : roll < 0.90 || !allowNewPeople ? NameBirthPostcode
            : roll < 0.95 ? MisspeltName
            : NewNhsNumber;
        string given = naming == MisspeltName ? Misspell(person.GivenName) : person.GivenName;
        string? nhs = naming switch
        {
            WithNhsNumber => person.NhsNumber,
            NewNhsNumber => NewNumber(),
            _ => null,
        };
        var born = naming == NewNhsNumber ? person.DateOfBirth.AddDays(_random.Next(1, 300)) : person.DateOfBirth;
        string setting = need switch
        {
            ReferralNeed.CareHomeReview => CareSetting.CareHome,
            ReferralNeed.HospitalDischarge => _random.NextDouble() < 0.85 ? CareSetting.Hospital : CareSetting.Home,
            _ => _random.NextDouble() switch { < 0.78 => CareSetting.Home, < 0.88 => CareSetting.CareHome, _ => CareSetting.Hospital },
        };
        var body = new
        {
            person = new
            {
                nhsNumber = nhs,
                givenName = given,
                familyName = person.FamilyName,
                dateOfBirth = born,
                sex = person.Sex,
                postcode = person.Postcode,
                phone = _random.NextDouble() < 0.6 ? string.Create(CultureInfo.InvariantCulture, $"01632 {_random.Next(960000, 961000)}") : null,
            },
            referrerName = $"Dr {(char)('A' + _random.Next(26))} {Referrers[_random.Next(Referrers.Length)].Split(' ')[0]}",
            referrerOrganisation = Referrers[_random.Next(Referrers.Length)],
            referrerContact = "01632 960000",
            need,
            setting,
            details = Openings[_random.Next(Openings.Length)] + More[_random.Next(More.Length)],
            personConsented = true,
            senderIdentifier,
        };
        return new PlannedReferral(JsonSerializer.SerializeToUtf8Bytes(body), naming);
    }

    private BoroughPerson PickPerson()
    {
        int i = Array.BinarySearch(_cumulative, _random.NextDouble() * _cumulative[^1]);
        return people[Math.Min(i < 0 ? ~i : i, people.Count - 1)];
    }

    private string Pick((string Need, int Weight)[] needs)
    {
        int roll = _random.Next(needs.Sum(n => n.Weight));
        foreach (var (need, weight) in needs)
        {
            if ((roll -= weight) < 0)
            {
                return need;
            }
        }

        return needs[^1].Need;
    }

    private string Misspell(string name) =>
        name.Length > 3 ? name.Remove(_random.Next(1, name.Length - 1), 1) : name + "e";

    /// <summary>A valid NHS number from the test range (999…) that no one in the borough, nor any earlier referral, has.</summary>
    private string NewNumber()
    {
        while (true)
        {
            string nine = string.Create(CultureInfo.InvariantCulture, $"999{_random.Next(0, 1_000_000):D6}");
            if (NhsNumber.CheckDigit(nine) is { } check && _usedNumbers.Add(nine + check.ToString(CultureInfo.InvariantCulture)))
            {
                return nine + check.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Older people are referred more: 18–64 weigh 1, 65–79 weigh 4, 80 and over weigh 8.</summary>
    private static double[] Cumulative(IReadOnlyList<BoroughPerson> people)
    {
        var sums = new double[people.Count];
        double total = 0;
        for (int i = 0; i < people.Count; i++)
        {
            total += people[i].Age switch { >= 80 => 8, >= 65 => 4, _ => 1 };
            sums[i] = total;
        }

        return sums;
    }
}
