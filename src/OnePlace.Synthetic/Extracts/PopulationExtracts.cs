using System.Runtime.InteropServices;
using OnePlace.Core.People;
using OnePlace.Synthetic.Activity;
using OnePlace.Synthetic.Geography;
using OnePlace.Synthetic.Health;
using OnePlace.Synthetic.People;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.Extracts;

/// <summary>
/// Writes each person, as each partner would hold them, to the partner folders: person rows with that partner's
/// noise, events (split between two record ids when the partner registered the person twice), GP conditions, and
/// the truth file that says which person every record belongs to.
/// </summary>
internal sealed class PopulationExtracts : IDisposable
{
    private static readonly string[] PersonColumns =
    [
        "record_id", "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "phone",
        "email", "ethnicity", "gp_practice_code",
    ];

    private static readonly string[] EventColumns =
    [
        "event_id", "record_id", "event_type", "start_date", "end_date", "code", "discharge_destination", "hours_per_week",
        "status_91_days", "unit_cost_gbp",
    ];

    // cause_code, the optional last column, is written only by the hospital, the one partner that sends it: the other
    // partners' files stay as they were before it existed.
    private static readonly string[] HospitalEventColumns = [.. EventColumns, "cause_code"];

    private static readonly string[] ConditionCodes = ConditionModels.All.Select(m => m.Code).ToArray();

    private readonly BoroughGeography geography;
    private readonly PersonSynthesiser synthesiser;
    private readonly DateOnly periodStart;
    private readonly DateOnly periodEnd;
    private readonly CsvRowWriter[] people = new CsvRowWriter[5];
    private readonly CsvRowWriter[] events = new CsvRowWriter[5];
    private readonly RecordIds[] ids = new RecordIds[5];
    private readonly long[] eventCounters = new long[5];
    private readonly CsvRowWriter conditions;
    private readonly CsvRowWriter truth;
    private readonly string[] recordIds = new string[2];

    public PopulationExtracts(string outputDirectory, int seed, BoroughGeography geography, PersonSynthesiser synthesiser, DateOnly periodStart, DateOnly periodEnd)
    {
        this.geography = geography;
        this.synthesiser = synthesiser;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        for (int p = 0; p < 5; p++)
        {
            PartnerStyle style = PartnerStyle.All[p];
            string folder = Path.Combine(outputDirectory, style.Partner);
            Directory.CreateDirectory(folder);
            people[p] = new CsvRowWriter(Path.Combine(folder, "people.csv"), PersonColumns);
            events[p] = new CsvRowWriter(Path.Combine(folder, "events.csv"), style.Partner == Partner.Hospital ? HospitalEventColumns : EventColumns);
            ids[p] = new RecordIds(style.RecordPrefix, style.RecordDigits, seed, p + 1);
        }

        conditions = new CsvRowWriter(Path.Combine(outputDirectory, Partner.Gp, "conditions.csv"), "record_id", "condition_code", "recorded_date");
        Directory.CreateDirectory(Path.Combine(outputDirectory, "truth"));
        truth = new CsvRowWriter(Path.Combine(outputDirectory, "truth", "records.csv"), "partner", "record_id", "person_key");
    }

    public IEnumerable<(string File, int Rows)> Rows()
    {
        for (int p = 0; p < 5; p++)
        {
            yield return ($"{PartnerStyle.All[p].Partner}/people.csv", people[p].Rows);
            yield return ($"{PartnerStyle.All[p].Partner}/events.csv", events[p].Rows);
        }

        yield return ("gp/conditions.csv", conditions.Rows);
        yield return ("truth/records.csv", truth.Rows);
    }

    public void Write(SyntheticPerson person, List<ActivityEvent> personEvents, int death, SeededRandom rng)
    {
        Span<ActivityEvent> all = CollectionsMarshal.AsSpan(personEvents);
        Span<int> counts = stackalloc int[5];
        foreach (ref readonly ActivityEvent e in all)
        {
            counts[EventKinds.PartnerIndex(e.Kind)]++;
        }

        for (int p = 0; p < 5; p++)
        {
            if (p != 0 && counts[p] == 0)
            {
                continue;
            }

            PartnerStyle style = PartnerStyle.All[p];
            bool duplicate = counts[p] >= 2 && rng.Chance(style.DuplicateChance);
            if (duplicate)
            {
                SplitBetweenTwoRecords(all, p, rng);
            }

            int records = duplicate ? 2 : 1;
            for (int r = 0; r < records; r++)
            {
                recordIds[r] = ids[p].Next();
                WritePersonRow(p, style, recordIds[r], person, primary: r == 0, rng);
                truth.Plain(style.Partner);
                truth.Plain(recordIds[r]);
                truth.Plain(person.Key);
                truth.EndRow();
            }

            if (p == 0)
            {
                WriteConditions(recordIds[0], person, death, rng);
            }

            CsvRowWriter writer = events[p];
            bool hospital = style.Partner == Partner.Hospital;
            foreach (ref readonly ActivityEvent e in all)
            {
                if (EventKinds.PartnerIndex(e.Kind) != p)
                {
                    continue;
                }

                writer.Identifier(style.EventPrefix, ++eventCounters[p], 9);
                writer.Plain(recordIds[e.Record]);
                writer.Plain(EventKinds.TypeOf(e.Kind));
                writer.Date(e.Start);
                writer.Date(e.End);
                writer.Field(e.Code);
                writer.Field(e.Destination);
                if (e.HoursPerWeek > 0)
                {
                    writer.Field(e.HoursPerWeek);
                }
                else
                {
                    writer.Empty();
                }

                writer.Field(e.Status);
                writer.Money(e.CostPence);
                if (hospital)
                {
                    writer.Field(e.Cause);
                }

                writer.EndRow();
            }
        }
    }

    /// <summary>The same person registered twice: each record gets its own share of the events, at least one each.</summary>
    private static void SplitBetweenTwoRecords(Span<ActivityEvent> all, int partner, SeededRandom rng)
    {
        int first = -1;
        int last = -1;
        int onSecond = 0;
        int total = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (EventKinds.PartnerIndex(all[i].Kind) != partner)
            {
                continue;
            }

            first = first < 0 ? i : first;
            last = i;
            total++;
            all[i].Record = (byte)(rng.Chance(0.4) ? 1 : 0);
            onSecond += all[i].Record;
        }

        if (onSecond == total)
        {
            all[first].Record = 0;
        }
        else if (onSecond == 0)
        {
            all[last].Record = 1;
        }
    }

    private void WritePersonRow(int p, PartnerStyle style, string recordId, SyntheticPerson person, bool primary, SeededRandom rng)
    {
        double noise = style.NoiseScale;
        string given = person.GivenName;
        string family = person.FamilyName;
        if (NameLists.NicknamesOf(given) is { } nicknames && rng.Chance(style.NicknameChance))
        {
            given = rng.Pick(nicknames);
        }

        if (rng.Chance(0.03 * noise))
        {
            if (rng.Chance(0.5))
            {
                given = RecordNoise.Typo(given, rng);
            }
            else
            {
                family = RecordNoise.Typo(family, rng);
            }
        }

        // A woman's surname before (or after) marriage: the partners disagree on it (assumption: 4% of records).
        if (person.Female && person.Age is >= 20 and < 66 && rng.Chance(0.04 * noise))
        {
            string other;
            do
            {
                other = rng.Pick(NameLists.AllSurnames);
            }
            while (other == family);
            family = other;
        }

        if (rng.Chance(style.FamilyNameUpperCase))
        {
            family = family.ToUpperInvariant();
        }

        bool nhsRecorded = p == 0 ? primary || rng.Chance(0.7) : rng.Chance(style.NhsNumberRecorded);

        DateOnly? birth = person.DateOfBirth;
        if (rng.Chance(style.BirthDateMissing))
        {
            birth = null;
        }
        else if (rng.Chance(0.015 * noise))
        {
            birth = RecordNoise.TransposeDayAndMonth(person.DateOfBirth) ?? birth;
        }

        string? sex = rng.Chance(0.01 * noise) ? "U" : person.Female ? "F" : "M";
        if (p == 4 && rng.Chance(0.1))
        {
            sex = null;
        }

        string? postcode = person.Postcode;
        string? address = person.Address;
        if (rng.Chance(0.08 * noise))
        {
            // An older address: the person has moved within the borough since this partner last saw them.
            int k = rng.Next(geography.AllPostcodes.Count);
            postcode = geography.AllPostcodes[k];
            address = synthesiser.StreetAddress(geography.PostcodeTowns[k], rng);
        }

        if (rng.Chance(style.PostcodeMissing))
        {
            postcode = null;
        }
        else if (rng.Chance(style.PostcodeUnformatted))
        {
            postcode = rng.Chance(0.5) ? postcode.Replace(" ", "", StringComparison.Ordinal) : postcode.ToLowerInvariant();
        }

        if (rng.Chance(style.PostcodeMissing))
        {
            address = null;
        }

        string? phone = person.Phone is not null && rng.Chance(style.PhoneKept) ? person.Phone : null;
        string? email = person.Email is not null && rng.Chance(style.EmailKept) ? person.Email : null;
        char? ethnicity = p == 0 || rng.Chance(style.EthnicityRecorded)
            ? rng.Chance(0.04) ? 'Z' : person.Ethnicity
            : null;
        string? practice = rng.Chance(style.PracticeRecorded) ? person.PracticeCode : null;

        CsvRowWriter writer = people[p];
        writer.Plain(recordId);
        writer.Plain(nhsRecorded ? person.NhsNumber : "");
        writer.Field(given);
        writer.Field(family);
        writer.Date(birth);
        writer.Field(sex);
        writer.Field(postcode);
        writer.Field(address);
        writer.Field(phone);
        writer.Field(email);
        if (ethnicity is { } code)
        {
            Span<char> one = [code];
            writer.Plain(one);
        }
        else
        {
            writer.Empty();
        }

        writer.Field(practice);
        writer.EndRow();
    }

    /// <summary>
    /// Conditions with the date first recorded: most before the period (up to 20 years, never before the usual age
    /// of onset), about 8% newly recorded during it (assumption), never after death.
    /// </summary>
    private void WriteConditions(string recordId, SyntheticPerson person, int death, SeededRandom rng)
    {
        int start = periodStart.DayNumber;
        int aliveEnd = Math.Min(death, periodEnd.DayNumber);
        int birth = person.DateOfBirth.DayNumber;
        for (int c = 0; c < ConditionCodes.Length; c++)
        {
            if (!person.Has(c))
            {
                continue;
            }

            int onset = Math.Max(birth, Math.Max(person.DateOfBirth.AddYears(ConditionModels.All[c].OnsetAge).DayNumber, start - 7305));
            int day;
            if (onset >= start || rng.Chance(0.08))
            {
                int from = Math.Min(Math.Max(onset, start), aliveEnd);
                day = from + rng.Next(aliveEnd - from + 1);
            }
            else
            {
                day = onset + rng.Next(start - onset);
            }

            conditions.Plain(recordId);
            conditions.Plain(ConditionCodes[c]);
            conditions.Date(day);
            conditions.EndRow();
        }
    }

    public void Dispose()
    {
        foreach (CsvRowWriter w in people)
        {
            w.Dispose();
        }

        foreach (CsvRowWriter w in events)
        {
            w.Dispose();
        }

        conditions.Dispose();
        truth.Dispose();
    }
}
