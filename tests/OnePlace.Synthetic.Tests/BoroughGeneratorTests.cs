using System.Globalization;
using OnePlace.Core.Conditions;
using OnePlace.Core.Events;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using static OnePlace.Synthetic.Tests.GeneratedBoroughs;

namespace OnePlace.Synthetic.Tests;

public sealed class BoroughGeneratorTests
{
    private static readonly DateOnly PeriodStart = new(2023, 4, 1);
    private static readonly DateOnly PeriodEnd = new(2026, 3, 31);

    [Fact]
    public void Same_seed_gives_byte_identical_extracts()
    {
        string first = FreshFolder("same-a");
        string second = FreshFolder("same-b");
        var options = new GeneratorOptions("walsall", 2_000, 42);

        BoroughGenerator.Generate(options, first);
        BoroughGenerator.Generate(options, second);

        string[] files = Directory.GetFiles(first, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("manifest.json", files);
        Assert.Contains(Path.Combine("truth", "records.csv"), files);
        foreach (string file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))),
                $"{file} differs between two runs with the same seed");
        }
    }

    [Fact]
    public void Different_seed_gives_different_extracts()
    {
        string one = Get("walsall", 2_000, 1);
        string two = Get("walsall", 2_000, 2);

        Assert.NotEqual(File.ReadAllText(Path.Combine(one, "gp", "people.csv")), File.ReadAllText(Path.Combine(two, "gp", "people.csv")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(one, "hospital", "events.csv")), File.ReadAllText(Path.Combine(two, "hospital", "events.csv")));
    }

    [Fact]
    public void Every_file_has_the_documented_header_and_parses_as_rfc_4180()
    {
        string dir = Get("walsall", 2_000);
        string[] person = ["record_id", "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "phone", "email", "ethnicity", "gp_practice_code"];
        string[] events = ["event_id", "record_id", "event_type", "start_date", "end_date", "code", "discharge_destination", "hours_per_week", "status_91_days", "unit_cost_gbp"];
        var expected = new Dictionary<string, string[]>
        {
            ["geography/localities.csv"] = ["locality_code", "locality_name"],
            ["geography/small_areas.csv"] = ["small_area_code", "small_area_name", "locality_code", "imd_decile"],
            ["geography/postcodes.csv"] = ["postcode", "small_area_code"],
            ["directory/services.csv"] = ["service_code", "service_name", "partner", "service_kind"],
            ["directory/teams.csv"] = ["team_code", "team_name", "service_code", "locality_code"],
            ["gp/practices.csv"] = ["practice_code", "practice_name", "locality_code", "postcode"],
            ["gp/conditions.csv"] = ["record_id", "condition_code", "recorded_date"],
            ["truth/records.csv"] = ["partner", "record_id", "person_key"],
        };
        foreach (string partner in PartnerFolders)
        {
            expected[$"{partner}/people.csv"] = person;
            expected[$"{partner}/events.csv"] = events;
        }

        // The optional last column, cause_code, is written by the one partner that sends it.
        expected["hospital/events.csv"] = [.. events, "cause_code"];

        foreach ((string file, string[] header) in expected)
        {
            (string[] actual, var rows) = Read(dir, file);
            Assert.Equal(header, actual);
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.Equal(header.Length, r.Count));
        }

        // Addresses hold commas, so they must come back whole through a real CSV parser.
        Assert.All(Read(dir, "gp/people.csv").Rows, r => Assert.Contains(", ", r["address"], StringComparison.Ordinal));
        Assert.DoesNotContain('\r', File.ReadAllText(Path.Combine(dir, "gp", "people.csv")));
    }

    [Fact]
    public void Every_nhs_number_in_every_extract_is_valid_and_belongs_to_one_person()
    {
        string dir = Get("walsall", 2_000);
        var truth = Read(dir, "truth/records.csv").Rows.ToDictionary(r => (r["partner"], r["record_id"]), r => r["person_key"]);
        var personOfNumber = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string partner in PartnerFolders)
        {
            foreach (var row in Read(dir, $"{partner}/people.csv").Rows)
            {
                string nhs = row["nhs_number"];
                if (nhs.Length == 0)
                {
                    continue;
                }

                Assert.True(NhsNumber.IsValid(nhs), $"{partner} {row["record_id"]} has invalid NHS number {nhs}");
                Assert.StartsWith("999", nhs, StringComparison.Ordinal);
                string person = truth[(partner, row["record_id"])];
                Assert.Equal(personOfNumber.GetValueOrDefault(nhs, person), person);
                personOfNumber[nhs] = person;
            }
        }

        Assert.Equal(2_000, personOfNumber.Count);
    }

    [Fact]
    public void Voluntary_records_carry_no_nhs_numbers_and_council_records_often_lack_them()
    {
        string dir = Get("walsall", 20_000);

        var voluntary = Read(dir, "voluntary/people.csv").Rows;
        var council = Read(dir, "council/people.csv").Rows;

        Assert.NotEmpty(voluntary);
        Assert.All(voluntary, r => Assert.Equal("", r["nhs_number"]));
        double missing = council.Count(r => r["nhs_number"].Length == 0) / (double)council.Count;
        Assert.InRange(missing, 0.30, 0.50);
    }

    [Fact]
    public void Every_record_is_in_truth_and_every_non_gp_record_has_events()
    {
        string dir = Get("walsall", 2_000);
        var truth = Read(dir, "truth/records.csv").Rows;
        var truthKeys = truth.Select(r => (r["partner"], r["record_id"])).ToHashSet();
        Assert.Equal(truth.Count, truthKeys.Count);

        int records = 0;
        foreach (string partner in PartnerFolders)
        {
            var people = Read(dir, $"{partner}/people.csv").Rows;
            var ids = people.Select(r => r["record_id"]).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(people.Count, ids.Count);
            Assert.All(ids, id => Assert.Contains((partner, id), truthKeys));
            records += ids.Count;

            var events = Read(dir, $"{partner}/events.csv").Rows;
            Assert.Equal(events.Count, events.Select(e => e["event_id"]).Distinct(StringComparer.Ordinal).Count());
            var withEvents = events.Select(e => e["record_id"]).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(ids, withEvents);
            if (partner != Partner.Gp)
            {
                Assert.Equal(ids, withEvents);
            }
        }

        Assert.Equal(truth.Count, records);
        Assert.Equal(2_000, truth.Where(r => r["partner"] == Partner.Gp).Select(r => r["person_key"]).Distinct().Count());
    }

    [Fact]
    public void Walsall_age_bands_match_the_ons_2018_projection_within_two_points()
    {
        // ONS 2018-based SNPP, principal, Walsall 2018 (shared/reference/demography/walsall_snpp2018_bands.csv):
        // 0-17 68,157; 18-64 165,355; 65-84 43,308; 85+ 6,559; total 283,379.
        double[] expected = [68_157 / 283_379.0, 165_355 / 283_379.0, 43_308 / 283_379.0, 6_559 / 283_379.0];
        double[] actual = AgeBandShares(Get("walsall", 20_000));

        for (int band = 0; band < 4; band++)
        {
            Assert.InRange(actual[band], expected[band] - 0.02, expected[band] + 0.02);
        }
    }

    [Fact]
    public void Powys_has_a_larger_share_aged_65_and_over_than_walsall()
    {
        double[] walsall = AgeBandShares(Get("walsall", 5_000));
        double[] powys = AgeBandShares(Get("powys", 5_000));

        Assert.True(powys[2] + powys[3] > walsall[2] + walsall[3] + 0.05, $"Powys 65+ {powys[2] + powys[3]:P1}, Walsall {walsall[2] + walsall[3]:P1}");
        Assert.InRange(powys[2] + powys[3], 0.23, 0.29);
    }

    [Fact]
    public void Every_event_follows_the_event_catalogue_and_falls_in_the_period()
    {
        string dir = Get("walsall", 5_000);
        foreach (string partner in PartnerFolders)
        {
            foreach (var e in Read(dir, $"{partner}/events.csv").Rows)
            {
                EventCatalogue.EventRule? rule = EventCatalogue.Find(partner, e["event_type"]);
                Assert.True(rule is not null, $"{partner} may not send {e["event_type"]}");
                if (rule.Codes is not null)
                {
                    Assert.Contains(e["code"], rule.Codes);
                }

                var start = DateOnly.ParseExact(e["start_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                Assert.InRange(start, PeriodStart, PeriodEnd);
                if (rule.EndDateRequired)
                {
                    Assert.NotEqual("", e["end_date"]);
                }

                if (e["end_date"].Length > 0)
                {
                    var end = DateOnly.ParseExact(e["end_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    Assert.InRange(end, start, PeriodEnd);
                }

                if (rule.DischargeDestinationRequired)
                {
                    Assert.Contains(e["discharge_destination"], EventCatalogue.DischargeDestinations.Keys);
                }

                if (rule.HoursPerWeekRequired)
                {
                    Assert.True(double.Parse(e["hours_per_week"], CultureInfo.InvariantCulture) > 0);
                }

                if (rule.Status91DaysRequired)
                {
                    Assert.Contains(e["status_91_days"], EventCatalogue.Status91Days);
                }

                if (e["event_type"] == "outpatient_attendance")
                {
                    Assert.Matches("^[0-9]{3}$", e["code"]);
                }

                if (rule.Diagnosis)
                {
                    Assert.Equal(e["code"], FieldRules.NormaliseIcd10Code(e["code"]));
                    Assert.False(FieldRules.IsIcd10ExternalCause(e["code"]), $"{e["code"]} is an external cause");
                    Assert.True(e["cause_code"].Length == 0 || FieldRules.IsIcd10ExternalCause(FieldRules.NormaliseIcd10Code(e["cause_code"]) ?? ""),
                        $"cause_code {e["cause_code"]}");
                }
                else if (partner == Partner.Hospital)
                {
                    Assert.Equal("", e["cause_code"]);
                }

                if (e["unit_cost_gbp"].Length > 0)
                {
                    Assert.Matches(@"^[0-9]+\.[0-9]{2}$", e["unit_cost_gbp"]);
                }
            }
        }
    }

    [Fact]
    public void Every_condition_code_is_in_the_condition_catalogue_and_recorded_by_the_period_end()
    {
        string dir = Get("walsall", 5_000);
        var gpRecords = Read(dir, "gp/people.csv").Rows.Select(r => r["record_id"]).ToHashSet(StringComparer.Ordinal);
        var conditions = Read(dir, "gp/conditions.csv").Rows;

        Assert.NotEmpty(conditions);
        foreach (var c in conditions)
        {
            Assert.NotNull(ConditionCatalogue.Find(c["condition_code"]));
            Assert.Contains(c["record_id"], gpRecords);
            Assert.True(DateOnly.ParseExact(c["recorded_date"], "yyyy-MM-dd", CultureInfo.InvariantCulture) <= PeriodEnd);
        }

        Assert.Equal(conditions.Count, conditions.Select(c => (c["record_id"], c["condition_code"])).Distinct().Count());
    }

    [Fact]
    public void Crude_death_rate_and_emergency_admission_rate_are_plausible()
    {
        // England: about 1% of people die each year (ONS) and there are about 0.11 emergency admissions per person (HES).
        string dir = Get("walsall", 20_000);
        double personYears = 20_000 * 3.0;

        int deaths = Read(dir, "gp/events.csv").Rows.Count(e => e["event_type"] == "death");
        int admissions = Read(dir, "hospital/events.csv").Rows.Count(e => e["event_type"] == "emergency_admission");

        Assert.InRange(deaths / personYears, 0.006, 0.013);
        Assert.InRange(admissions / personYears, 0.07, 0.16);
    }

    [Fact]
    public void Falls_admissions_of_people_aged_65_and_over_come_at_about_the_england_rate()
    {
        // PHOF C29 (Fingertips 22401): emergency admissions with a primary diagnosis of injury (S00-T98) and an external
        // cause of a fall (W00-W19) per 100,000 aged 65+. England 2022/23: 1,933, directly age standardised (Lancashire
        // Insight, "Falls", which gives its districts from 1,553 to 2,277 that year). This is a crude rate of one
        // synthetic borough of 20,000 people, so the range is broad.
        string dir = Get("walsall", 20_000);
        var truth = Read(dir, "truth/records.csv").Rows.ToDictionary(r => (r["partner"], r["record_id"]), r => r["person_key"]);
        var birth = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var p in Read(dir, "gp/people.csv").Rows)
        {
            birth.TryAdd(truth[("gp", p["record_id"])], Day(p["date_of_birth"]));
        }

        var fallers = Read(dir, "gp/conditions.csv").Rows.Where(c => c["condition_code"] == "EFI10")
            .Select(c => truth[("gp", c["record_id"])]).ToHashSet(StringComparer.Ordinal);
        var death = Read(dir, "gp/events.csv").Rows.Where(e => e["event_type"] == "death")
            .ToDictionary(e => truth[("gp", e["record_id"])], e => Day(e["start_date"]), StringComparer.Ordinal);

        // Person-years lived aged 65+ in the period, and each person's falls admissions at 65+.
        double personYears = 0, fallerYears = 0;
        foreach ((string person, DateOnly born) in birth)
        {
            DateOnly from = new[] { PeriodStart, born.AddYears(65) }.Max();
            DateOnly to = death.TryGetValue(person, out DateOnly died) && died < PeriodEnd ? died : PeriodEnd;
            double years = from <= to ? (to.DayNumber - from.DayNumber + 1) / 365.25 : 0;
            personYears += years;
            fallerYears += fallers.Contains(person) ? years : 0;
        }

        int falls = 0, fallsOfFallers = 0, hips = 0, admissions = 0, youngFalls = 0, young = 0;
        foreach (var e in Read(dir, "hospital/events.csv").Rows.Where(e => e["event_type"] == "emergency_admission"))
        {
            string person = truth[("hospital", e["record_id"])];
            bool fall = e["code"][0] is 'S' or 'T' && e["cause_code"].Length >= 3
                && e["cause_code"][0] == 'W' && int.Parse(e["cause_code"].AsSpan(1, 2), CultureInfo.InvariantCulture) <= 19;
            if (AgeOn(birth[person], Day(e["start_date"])) < 65)
            {
                young++;
                youngFalls += fall ? 1 : 0;
                continue;
            }

            admissions++;
            falls += fall ? 1 : 0;
            fallsOfFallers += fall && fallers.Contains(person) ? 1 : 0;
            hips += fall && e["code"].StartsWith("S72", StringComparison.Ordinal) ? 1 : 0;
        }

        double rate = 100_000 * falls / personYears;
        Assert.InRange(rate, 1_300, 2_900);
        double fallerRate = fallsOfFallers / fallerYears, othersRate = (falls - fallsOfFallers) / (personYears - fallerYears);
        Assert.True(fallerRate > 3 * othersRate, $"fallers {fallerRate:F4} a year, others {othersRate:F4}");
        // Hip fractures are about three in ten falls admissions (PHOF hip fractures 65+: England 589 per 100,000 in 2015/16).
        Assert.InRange(hips / (double)falls, 0.18, 0.45);
        // Younger people are admitted with falls injuries too, but as a small share of their emergency admissions.
        Assert.InRange(youngFalls / (double)young, 0.01, 0.08);
        Assert.InRange(falls / (double)admissions, 0.03, 0.10);
    }

    [Fact]
    public void Admission_diagnoses_change_no_other_generated_value_of_a_seed()
    {
        // Diagnoses draw from streams of their own: drawing them from another seed's streams must leave every other
        // value of every file as it was, so that adding or changing diagnoses never moves the people and events of a seed.
        string first = FreshFolder("diagnoses-a");
        string second = FreshFolder("diagnoses-b");
        var options = new GeneratorOptions("walsall", 3_000, 11);

        BoroughGenerator.Generate(options, first, null, diagnosisSeed: 11);
        BoroughGenerator.Generate(options, second, null, diagnosisSeed: 12);

        string[] files = Directory.GetFiles(first, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(first, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(files, Directory.GetFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order(StringComparer.Ordinal));
        foreach (string file in files.Where(f => f != Path.Combine("hospital", "events.csv")))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))),
                $"{file} differs when only the diagnoses are drawn differently");
        }

        var a = Read(first, "hospital/events.csv").Rows;
        var b = Read(second, "hospital/events.csv").Rows;
        Assert.Equal(a.Count, b.Count);
        int differentDiagnoses = 0;
        for (int i = 0; i < a.Count; i++)
        {
            bool admission = a[i]["event_type"] == "emergency_admission";
            differentDiagnoses += admission && (a[i]["code"] != b[i]["code"] || a[i]["cause_code"] != b[i]["cause_code"]) ? 1 : 0;
            Assert.Equal(WithoutDiagnosis(a[i], admission), WithoutDiagnosis(b[i], admission));
        }

        Assert.True(differentDiagnoses > 100, $"only {differentDiagnoses} admissions have a different diagnosis");

        static string WithoutDiagnosis(Dictionary<string, string> row, bool admission) =>
            string.Join(",", row.Where(f => f.Key != "cause_code" && !(admission && f.Key == "code")).Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public void Nothing_happens_to_a_person_after_their_death()
    {
        string dir = Get("walsall", 5_000);
        var truth = Read(dir, "truth/records.csv").Rows.ToDictionary(r => (r["partner"], r["record_id"]), r => r["person_key"]);
        var deaths = Read(dir, "gp/events.csv").Rows.Where(e => e["event_type"] == "death")
            .ToDictionary(e => truth[("gp", e["record_id"])], e => e["start_date"], StringComparer.Ordinal);
        Assert.NotEmpty(deaths);

        foreach (string partner in PartnerFolders)
        {
            foreach (var e in Read(dir, $"{partner}/events.csv").Rows)
            {
                if (deaths.TryGetValue(truth[(partner, e["record_id"])], out string? died))
                {
                    Assert.True(string.CompareOrdinal(e["start_date"], died) <= 0, $"{partner} {e["event_type"]} on {e["start_date"]} after death on {died}");
                    Assert.True(e["end_date"].Length == 0 || string.CompareOrdinal(e["end_date"], died) <= 0);
                }
            }
        }
    }

    [Fact]
    public void Manifest_lists_profile_seed_period_and_row_counts_of_the_summary()
    {
        string dir = FreshFolder("manifest");
        GenerationSummary summary = BoroughGenerator.Generate(new GeneratorOptions("powys", 1_000, 7), dir);

        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")));
        var root = manifest.RootElement;
        Assert.Equal("powys", root.GetProperty("profile").GetString());
        Assert.Equal(7, root.GetProperty("seed").GetInt32());
        Assert.Equal("2023-04-01", root.GetProperty("period_start").GetString());
        Assert.Equal("2026-03-31", root.GetProperty("period_end").GetString());
        Assert.Equal(1_000, summary.People);
        foreach ((string file, int rows) in summary.RowsByFile)
        {
            Assert.Equal(rows, root.GetProperty("rows").GetProperty(file).GetInt32());
            Assert.Equal(rows, File.ReadAllLines(Path.Combine(dir, file)).Length - 1);
        }

        Assert.Equal(1_000, summary.RowsByFile["gp/people.csv"] - CountDuplicates(dir, "gp"));
        Assert.All(Read(dir, "geography/small_areas.csv").Rows, r => Assert.Matches("^W01[0-9]{6}$", r["small_area_code"]));
        Assert.All(Read(dir, "gp/practices.csv").Rows, r => Assert.Matches("^W[0-9]{5}$", r["practice_code"]));
    }

    [Fact]
    public void Geography_directory_and_practices_cover_every_locality()
    {
        string dir = Get("walsall", 2_000);
        var localities = Read(dir, "geography/localities.csv").Rows.Select(r => r["locality_code"]).ToList();
        Assert.Equal(["N", "S", "E", "W"], localities);

        var areas = Read(dir, "geography/small_areas.csv").Rows;
        Assert.All(localities, l => Assert.True(areas.Count(a => a["locality_code"] == l) >= 4));
        Assert.All(areas, a => Assert.Matches("^E01[0-9]{6}$", a["small_area_code"]));
        Assert.All(Read(dir, "geography/postcodes.csv").Rows, p => Assert.Matches("^(WS|WV)[0-9]{1,2} [0-9][A-Z]{2}$", p["postcode"]));
        var practices = Read(dir, "gp/practices.csv").Rows;
        Assert.All(localities, l => Assert.Contains(practices, p => p["locality_code"] == l));
        Assert.All(practices, p => Assert.Matches("^M91[0-9]{3}$", p["practice_code"]));

        var services = Read(dir, "directory/services.csv").Rows;
        Assert.Equal(EventCatalogue.ServiceKinds.Order(StringComparer.Ordinal), services.Select(s => s["service_kind"]).Order(StringComparer.Ordinal));
        var teams = Read(dir, "directory/teams.csv").Rows;
        Assert.Contains(teams, t => t["service_code"] == "UCR" && t["locality_code"] == "");
        Assert.Equal(7 * 4 + 1, teams.Count);
    }

    [Fact]
    public void Partner_copies_of_a_person_carry_realistic_noise()
    {
        string dir = Get("walsall", 20_000);
        var truth = Read(dir, "truth/records.csv").Rows.ToDictionary(r => (r["partner"], r["record_id"]), r => r["person_key"]);
        var gp = Read(dir, "gp/people.csv").Rows.GroupBy(r => truth[("gp", r["record_id"])]).ToDictionary(g => g.Key, g => g.First());
        var hospital = Read(dir, "hospital/people.csv").Rows;

        int differentGiven = hospital.Count(h => !string.Equals(h["given_name"], gp[truth[("hospital", h["record_id"])]]["given_name"], StringComparison.OrdinalIgnoreCase));
        int differentPostcode = hospital.Count(h => h["postcode"] != gp[truth[("hospital", h["record_id"])]]["postcode"]);
        int duplicates = hospital.Count - hospital.Select(h => truth[("hospital", h["record_id"])]).Distinct().Count();

        Assert.InRange(differentGiven / (double)hospital.Count, 0.01, 0.15);
        Assert.InRange(differentPostcode / (double)hospital.Count, 0.03, 0.25);
        Assert.True(duplicates > 0, "the hospital extract should register some people twice");
    }

    [Fact]
    public void Unknown_profile_or_impossible_size_is_rejected_with_a_clear_message()
    {
        string dir = FreshFolder("rejected");

        var unknown = Assert.Throws<ArgumentException>(() => BoroughGenerator.Generate(new GeneratorOptions("atlantis"), dir));
        Assert.Contains("walsall", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("atlantis", unknown.Message, StringComparison.Ordinal);
        var none = Assert.Throws<ArgumentException>(() => BoroughGenerator.Generate(new GeneratorOptions("walsall", 0), dir));
        Assert.Contains("People", none.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => BoroughGenerator.Generate(new GeneratorOptions("walsall", 1_000_000), dir));
        Assert.Throws<ArgumentException>(() => BoroughGenerator.Generate(new GeneratorOptions(), " "));
        Assert.Equal(["walsall", "powys"], BoroughGenerator.Profiles);
    }

    [Fact]
    public void Progress_is_reported_by_stage_up_to_the_whole_population()
    {
        var reports = new List<GenerationProgress>();
        BoroughGenerator.Generate(new GeneratorOptions("walsall", 500, 3), FreshFolder("progress"), new SynchronousProgress(reports.Add));

        Assert.Contains(reports, r => r.Stage == "people" && r.Done == 500 && r.Total == 500);
        Assert.Contains(reports, r => r.Stage == "geography");
        Assert.Equal("writing manifest", reports[^1].Stage);
    }

    private sealed class SynchronousProgress(Action<GenerationProgress> report) : IProgress<GenerationProgress>
    {
        public void Report(GenerationProgress value) => report(value);
    }

    private static DateOnly Day(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int CountDuplicates(string dir, string partner)
    {
        var truth = Read(dir, "truth/records.csv").Rows.Where(r => r["partner"] == partner).ToList();
        return truth.Count - truth.Select(r => r["person_key"]).Distinct().Count();
    }

    /// <summary>Shares aged 0–17, 18–64, 65–84 and 85+ on the first day of the period, one GP record per person.</summary>
    private static double[] AgeBandShares(string dir)
    {
        var truth = Read(dir, "truth/records.csv").Rows.Where(r => r["partner"] == "gp").ToDictionary(r => r["record_id"], r => r["person_key"]);
        var people = Read(dir, "gp/people.csv").Rows.GroupBy(r => truth[r["record_id"]]).Select(g => g.First()).ToList();
        var counts = new double[4];
        foreach (var p in people)
        {
            int age = AgeOn(DateOnly.ParseExact(p["date_of_birth"], "yyyy-MM-dd", CultureInfo.InvariantCulture), PeriodStart);
            counts[age < 18 ? 0 : age < 65 ? 1 : age < 85 ? 2 : 3]++;
        }

        return counts.Select(c => c / people.Count).ToArray();
    }
}
