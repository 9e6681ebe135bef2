using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Configuration;
using OnePlace.Cli;
using Spectre.Console.Testing;

namespace OnePlace.Cli.Tests;

/// <summary>`oneplace link` as a user runs it, on real files in a temporary folder.</summary>
public sealed class LinkCommandTests : IDisposable
{
    private const string Header = "record_id,source,nhs_number,given_name,family_name,date_of_birth,sex,postcode,address,phone,email";

    private readonly string _work = Path.Combine(Path.GetTempPath(), "oneplace-link-" + Guid.NewGuid().ToString("N"));

    public LinkCommandTests() => Directory.CreateDirectory(_work);

    private string InWork(string name) => Path.Combine(_work, name);

    private static async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        var configuration = new ConfigurationBuilder().Build();
        int exit = await OnePlaceCommand.RunAsync(args, console, configuration);
        return (exit, console.Output);
    }

    /// <summary>What the last successful <see cref="Link"/> printed.</summary>
    private string _console = "";

    private async Task<IReadOnlyList<OutputRow>> Link(string output, double threshold, params string[] inputs)
    {
        var args = new List<string> { "link" };
        foreach (var input in inputs)
        {
            args.AddRange(["--input", input]);
        }

        args.AddRange(["--output", output, "--threshold", threshold.ToString(CultureInfo.InvariantCulture)]);
        var (exit, console) = await Run([.. args]);
        Assert.True(exit == OnePlaceCommand.Done, console);
        _console = console;
        return OutputRow.Read(output);
    }

    // ---- what the output says ----

    [Fact]
    public async Task Records_of_the_same_person_get_the_same_person_id_and_different_people_different_ones()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).WithPopulation(0, 300, "gp")
            .With("JANE-GP", "gp", nhs: "9434765919", given: "Jane", family: "Oakley", dob: "1948-03-14", sex: "F", postcode: "WS1 1AA", address: "1 Bridge Street", phone: "01922 650001")
            .With("ROB-GP", "gp", nhs: "9434765870", given: "Robert", family: "Featherstone", dob: "1955-07-02", sex: "M", postcode: "WS2 9ZZ", address: "14 Mill Lane")
            .With("MARY-GP", "gp", nhs: "9434765862", given: "Mary", family: "Oakley", dob: "1951-11-30", sex: "F", postcode: "WS5 4QT", address: "77 Lichfield Road")
            .Write();
        var council = new PersonRecordsFile(InWork("council.csv")).WithPopulation(0, 150, "council")
            .With("JANE-HOSP", "hospital", nhs: "9434765919", given: "Jane", family: "Oakley", dob: "1948-03-14", sex: "F", postcode: "WS1 1AA")
            .With("BOB-COUNCIL", "council", given: "Bob", family: "Featherstone", dob: "1955-07-02", sex: "M", postcode: "WS2 9ZZ", address: "14 Mill Lane")
            .Write();

        var rows = await Link(InWork("people.csv"), 0.95, gp, council);

        var person = rows.ToDictionary(r => r.RecordId, r => r.PersonId);
        Assert.Equal(person["JANE-GP"], person["JANE-HOSP"]);
        Assert.Equal(person["ROB-GP"], person["BOB-COUNCIL"]);
        Assert.NotEqual(person["JANE-GP"], person["ROB-GP"]);
        Assert.NotEqual(person["JANE-GP"], person["MARY-GP"]);
        Assert.NotEqual(person["G0001"], person["G0002"]);
        Assert.Equal(person["G0001"], person["C0001"]);
    }

    [Fact]
    public async Task Two_inputs_are_linked_as_one_and_written_one_row_per_record_in_input_order()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).WithPopulation(0, 200, "gp")
            .With("GP,\"7\"", "gp", nhs: "9434765919", given: "Jane", family: "Oakley", dob: "1948-03-14", sex: "F", postcode: "WS1 1AA", address: "Flat 2, \"The Maltings\"\n3 Bridge Street")
            .Write();
        var council = new PersonRecordsFile(InWork("council.csv")).WithPopulation(100, 150, "council")
            .With("C-JANE", "council", nhs: "9434765919", given: "Jane", family: "Oakley", dob: "1948-03-14", sex: "F", postcode: "WS1 1AA")
            .Write();
        var output = InWork("people.csv");

        var rows = await Link(output, 0.95, gp, council);

        Assert.Equal("record_id,person_id,match_probability,linked_to", File.ReadLines(output).First());
        Assert.Contains($"Linked {rows.Count} records into {rows.Select(r => r.PersonId).Distinct().Count()} people in ", _console, StringComparison.Ordinal);
        var expectedOrder = PersonRecordsFile.RecordIds(gp).Concat(PersonRecordsFile.RecordIds(council)).ToList();
        Assert.Equal(expectedOrder, rows.Select(r => r.RecordId));
        var person = rows.ToDictionary(r => r.RecordId, r => r.PersonId);
        Assert.Equal(person["GP,\"7\""], person["C-JANE"]);

        // People are numbered P000001, P000002, … in order of their first record in the input.
        int seen = 0;
        foreach (var row in rows)
        {
            Assert.Matches("^P[0-9]{6,}$", row.PersonId);
            int number = int.Parse(row.PersonId[1..], CultureInfo.InvariantCulture);
            Assert.True(number <= seen + 1, $"{row.PersonId} appears before P{seen + 1:D6}");
            seen = Math.Max(seen, number);
        }

        // A linked record names its strongest link, a record of the same person; a record on its own names none.
        foreach (var row in rows)
        {
            if (row.LinkedTo.Length == 0)
            {
                Assert.Equal("", row.MatchProbability);
                Assert.Single(rows, r => r.PersonId == row.PersonId);
            }
            else
            {
                Assert.Matches(@"^[01]\.[0-9]{4}$", row.MatchProbability);
                Assert.Equal(row.PersonId, person[row.LinkedTo]);
                Assert.NotEqual(row.RecordId, row.LinkedTo);
            }
        }
    }

    [Fact]
    public async Task The_same_input_gives_byte_identical_output()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).WithPopulation(0, 200, "gp").Write();
        var hospital = new PersonRecordsFile(InWork("hospital.csv")).WithPopulation(50, 100, "hospital").Write();

        await Link(InWork("first.csv"), 0.95, gp, hospital);
        await Link(InWork("second.csv"), 0.95, gp, hospital);

        Assert.Equal(File.ReadAllBytes(InWork("first.csv")), File.ReadAllBytes(InWork("second.csv")));
    }

    [Fact]
    public async Task Raising_the_threshold_never_joins_more_records()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).WithPopulation(0, 250, "gp").WithWeakPairs().Write();
        var council = new PersonRecordsFile(InWork("council.csv")).WithPopulation(0, 120, "council", degraded: true).Write();

        var loose = await Link(InWork("loose.csv"), 0.5, gp, council);
        var usual = await Link(InWork("usual.csv"), 0.95, gp, council);
        var strict = await Link(InWork("strict.csv"), 0.999999, gp, council);

        AssertEveryPersonOf(usual, liesWithinOnePersonOf: loose);
        AssertEveryPersonOf(strict, liesWithinOnePersonOf: usual);
        Assert.True(loose.Select(r => r.PersonId).Distinct().Count() <= strict.Select(r => r.PersonId).Distinct().Count());
    }

    [Fact]
    public async Task A_link_weaker_than_the_threshold_does_not_join_its_records()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).WithPopulation(0, 250, "gp").WithWeakPairs().Write();
        var council = new PersonRecordsFile(InWork("council.csv")).WithPopulation(0, 120, "council", degraded: true).Write();

        var loose = await Link(InWork("loose.csv"), 0.5, gp, council);

        // A pair of records that is a person on its own at a low threshold, joined by a link short of certainty.
        var pair = loose.GroupBy(r => r.PersonId).Where(g => g.Count() == 2)
            .Select(g => g.First(r => r.LinkedTo.Length > 0))
            .OrderBy(r => double.Parse(r.MatchProbability, CultureInfo.InvariantCulture)).First();
        double probability = double.Parse(pair.MatchProbability, CultureInfo.InvariantCulture);
        Assert.True(probability < 0.9999, $"the weakest link found is {probability}: the test data should hold a weaker pair");

        var strict = await Link(InWork("strict.csv"), Math.Min(0.99995, probability + 0.0001), gp, council);

        var person = strict.ToDictionary(r => r.RecordId, r => r.PersonId);
        Assert.NotEqual(person[pair.RecordId], person[pair.LinkedTo]);
    }

    private static void AssertEveryPersonOf(IReadOnlyList<OutputRow> stricter, IReadOnlyList<OutputRow> liesWithinOnePersonOf)
    {
        var looser = liesWithinOnePersonOf.ToDictionary(r => r.RecordId, r => r.PersonId);
        foreach (var person in stricter.GroupBy(r => r.PersonId))
        {
            var looserPeople = person.Select(r => looser[r.RecordId]).Distinct().ToList();
            Assert.True(looserPeople.Count == 1, $"{string.Join(", ", person.Select(r => r.RecordId))} are one person at the higher threshold but not at the lower");
        }
    }

    // ---- what is refused ----

    [Fact]
    public async Task A_file_whose_header_is_not_the_contract_header_is_refused_at_line_1()
    {
        var input = InWork("gp.csv");
        File.WriteAllText(input, "record_id,source,nhs_number,forename,family_name,date_of_birth,sex,postcode,address,phone,email\nG1,gp,,Jane,Oakley,,,,,,\n");

        var (exit, output) = await Run("link", "--input", input, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("no output was written", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:1: the header is 'record_id,source,nhs_number,forename,", output, StringComparison.Ordinal);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    [Fact]
    public async Task Each_bad_row_is_named_by_its_file_and_line_and_no_output_is_written()
    {
        var input = new PersonRecordsFile(InWork("gp.csv"))
            .With("G1", "gp", given: "Jane", family: "Oakley", address: "Flat 2\n3 Bridge Street")   // lines 2-3
            .WithLine("")                                                                            // line 4
            .WithLine("G2,gp,,Ann,Lee,1950-01-01,F,WS1 1AA,,")                                       // line 5: 10 fields
            .With("", "gp", given: "Tom", family: "Hart")                                            // line 6
            .With("G4", "", given: "Sam", family: "Wood")                                            // line 7
            .With("G5", "gp", given: "Amy", family: "Cole", dob: "1960-05-05")                       // line 8: fine
            .Write();

        var (exit, output) = await Run("link", "--input", input, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("3 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:5: has 10 fields but the header has 11", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:6: record_id is empty", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:7: source is empty", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_work, "people.csv*"));
        Assert.Empty(Directory.GetFiles(_work, ".people.csv*"));
    }

    [Fact]
    public async Task A_record_id_used_in_two_input_files_is_refused_naming_both_places()
    {
        var gp = new PersonRecordsFile(InWork("gp.csv")).With("R1", "gp", given: "Jane").With("R2", "gp", given: "Ann").Write();
        var council = new PersonRecordsFile(InWork("council.csv")).With("R3", "council", given: "Tom").With("R2", "council", given: "Ann").Write();

        var (exit, output) = await Run("link", "--input", gp, "--input", council, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains($"{council}:3: record_id 'R2' is already used at {gp}:3", output, StringComparison.Ordinal);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("1980-13-01")]
    [InlineData("14/03/1980")]
    [InlineData("1980-3-14")]
    [InlineData("19800314")]
    [InlineData(" 1980-03-14")]
    public async Task A_date_of_birth_that_is_not_a_real_yyyy_mm_dd_date_is_refused(string date)
    {
        var input = new PersonRecordsFile(InWork("gp.csv"))
            .With("G1", "gp", given: "Jane", dob: "1980-03-14")
            .With("G2", "gp", given: "Ann", dob: date)
            .Write();

        var (exit, output) = await Run("link", "--input", input, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains($"{input}:3: date_of_birth '{date}' is not a real date in the form yyyy-mm-dd", output, StringComparison.Ordinal);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("-0.2")]
    [InlineData("high")]
    public async Task A_threshold_that_is_not_a_probability_between_0_and_1_is_a_command_line_error(string threshold)
    {
        var input = new PersonRecordsFile(InWork("gp.csv")).With("G1", "gp", given: "Jane").Write();

        var (exit, _) = await Run("link", "--input", input, "--output", InWork("people.csv"), "--threshold", threshold);

        Assert.Equal(1, exit);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    [Fact]
    public async Task A_refused_run_leaves_an_earlier_output_as_it_was()
    {
        var output = InWork("people.csv");
        File.WriteAllText(output, "earlier output\n");
        var input = new PersonRecordsFile(InWork("gp.csv")).With("G1", "gp", dob: "1980-02-30").Write();

        var (exit, _) = await Run("link", "--input", input, "--output", output);

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Equal("earlier output\n", File.ReadAllText(output));
        Assert.Equal(new[] { output }, Directory.GetFiles(_work, "*people.csv*"));
    }

    [Fact]
    public async Task Only_the_first_twenty_problems_are_listed_and_the_rest_are_counted()
    {
        var file = new PersonRecordsFile(InWork("gp.csv"));
        for (int i = 1; i <= 25; i++)
        {
            file.With($"G{i}", "", given: "Jane");
        }

        var input = file.Write();

        var (exit, output) = await Run("link", "--input", input, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains("25 problem(s)", output, StringComparison.Ordinal);
        Assert.Contains($"{input}:21: source is empty", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{input}:22:", output, StringComparison.Ordinal);
        Assert.Contains("and 5 more", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_file_that_does_not_exist_is_refused_with_a_clear_message()
    {
        var missing = InWork("missing.csv");

        var (exit, output) = await Run("link", "--input", missing, "--output", InWork("people.csv"));

        Assert.Equal(OnePlaceCommand.InputRefused, exit);
        Assert.Contains($"{missing}: the file does not exist", output, StringComparison.Ordinal);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    [Fact]
    public async Task Running_without_an_input_is_a_command_line_error()
    {
        var (exit, _) = await Run("link", "--output", InWork("people.csv"));

        Assert.Equal(1, exit);
        Assert.False(File.Exists(InWork("people.csv")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }

    private sealed record OutputRow(string RecordId, string PersonId, string MatchProbability, string LinkedTo)
    {
        public static List<OutputRow> Read(string path)
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
            Assert.True(parser.Read());
            var rows = new List<OutputRow>();
            while (parser.Read())
            {
                var f = parser.Record!;
                rows.Add(new OutputRow(f[0], f[1], f[2], f[3]));
            }

            return rows;
        }
    }

    /// <summary>
    /// Builds an input file for `oneplace link`: the contract header, then records. A population gives the linker's
    /// model something to learn from: person k has the same details wherever it appears (record G0001 in gp, C0001 in
    /// council …), and no two people share a name, birth date or postcode.
    /// </summary>
    private sealed class PersonRecordsFile(string path)
    {
        private static readonly string[] GivenNames =
            ["Aisha", "Barbara", "Carl", "Deborah", "Edward", "Fatima", "Graham", "Harjit", "Irene", "Jacob", "Kevin", "Lorraine",
             "Mohammed", "Norma", "Owen", "Priya", "Quentin", "Rachel", "Stanley", "Tariq", "Ursula", "Vernon", "Wendy", "Yusuf"];

        private static readonly string[] FamilyNames =
            ["Adeyemi", "Blackwood", "Chaudhry", "Dunmore", "Ellison", "Fairbairn", "Goodridge", "Hollister", "Ibbotson", "Jedrzejczak",
             "Kowalczyk", "Lockwood", "Mahmood", "Nightingale", "Oyelaran", "Pemberton", "Quigley", "Rasmussen", "Szymanski", "Thistlethwaite"];

        private readonly List<string> _lines = [Header];

        public PersonRecordsFile With(string recordId, string source, string nhs = "", string given = "", string family = "", string dob = "",
            string sex = "", string postcode = "", string address = "", string phone = "", string email = "")
        {
            _lines.Add(string.Join(",", new[] { recordId, source, nhs, given, family, dob, sex, postcode, address, phone, email }.Select(Quoted)));
            return this;
        }

        public PersonRecordsFile WithLine(string line)
        {
            _lines.Add(line);
            return this;
        }

        /// <summary>People <paramref name="first"/> .. first + count − 1, as <paramref name="source"/> holds them.</summary>
        /// <param name="degraded">Records as a partner with patchier data holds them: no NHS number, phone or email.</param>
        public PersonRecordsFile WithPopulation(int first, int count, string source, bool degraded = false)
        {
            for (int k = first + 1; k <= first + count; k++)
            {
                var given = GivenNames[k % GivenNames.Length];
                var family = FamilyNames[k / GivenNames.Length % FamilyNames.Length];
                var dob = new DateOnly(1925, 1, 1).AddDays(k * 97 % 30_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var postcode = $"WV{k / 100 + 1} {k % 10}{(char)('A' + k / 10 % 10)}{(char)('P' + k % 7)}";
                var address = $"{k % 150 + 1} {FamilyNames[k % FamilyNames.Length]} Road";
                With($"{char.ToUpperInvariant(source[0])}{k:D4}", source,
                    nhs: degraded ? "" : NhsNumber(k),
                    given: given, family: family, dob: dob, sex: k % 2 == 0 ? "F" : "M", postcode: postcode, address: address,
                    phone: degraded ? "" : $"07700 9{k:D5}",
                    email: degraded ? "" : $"{given.ToLowerInvariant()}.{k}@example.org");
            }

            return this;
        }

        /// <summary>
        /// Pairs whose records agree on little beyond a name (one has no birth date, or their postcodes differ), so
        /// that their match probability falls short of certainty in any model that weighs evidence.
        /// </summary>
        public PersonRecordsFile WithWeakPairs()
        {
            With("WEAK-1A", "gp", given: "Marjorie", family: "Quenby", dob: "1940-08-19", sex: "F");
            With("WEAK-1B", "council", given: "Marjorie", family: "Quenby", sex: "F");
            With("WEAK-2A", "gp", given: "Trevor", family: "Mountford", dob: "1958-01-01", sex: "M");
            With("WEAK-2B", "council", given: "Trevor", family: "Mountford");
            With("WEAK-3A", "gp", given: "Kieran", family: "Oduya", sex: "M", postcode: "WV14 6XY");
            With("WEAK-3B", "council", given: "Kieran", family: "Oduya", sex: "M", postcode: "WV14 6XZ");
            With("WEAK-4A", "gp", given: "Lesley", family: "Ashworth", dob: "1971-04-05", sex: "F", postcode: "B14 7QH");
            With("WEAK-4B", "council", given: "Leslie", family: "Ashworth", dob: "1971-04-06", postcode: "B14 7QH");
            return this;
        }

        public string Write()
        {
            File.WriteAllText(path, string.Join("\n", _lines) + "\n");
            return path;
        }

        public static List<string> RecordIds(string file)
        {
            using var reader = new StreamReader(file, Encoding.UTF8);
            using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
            Assert.True(parser.Read());
            var ids = new List<string>();
            while (parser.Read())
            {
                ids.Add(parser.Record![0]);
            }

            return ids;
        }

        private static string Quoted(string field) =>
            field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

        /// <summary>A number in the test range 999 000 0000 – 999 999 9999 that passes the NHS Modulus 11 check.</summary>
        private static string NhsNumber(int k)
        {
            for (long candidate = 999_000_000L + k * 13L; ; candidate++)
            {
                var digits = candidate.ToString(CultureInfo.InvariantCulture);
                int sum = 0;
                for (int i = 0; i < 9; i++)
                {
                    sum += (digits[i] - '0') * (10 - i);
                }

                int check = 11 - sum % 11;
                if (check == 11)
                {
                    check = 0;
                }

                if (check != 10)
                {
                    return digits + (char)('0' + check);
                }
            }
        }
    }
}
