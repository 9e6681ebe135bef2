using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace OnePlace.Analytics.Measures;

/// <summary>What the segment rules look at for one person.</summary>
/// <param name="Age">Age in whole years.</param>
/// <param name="ConditionCodes">Condition codes recorded for the person (ConditionCatalogue in Core).</param>
/// <param name="Frailty">eFI category.</param>
/// <param name="EmergencyAdmissions12Months">Emergency admissions in the 12 months to the reference date.</param>
public sealed record PersonProfile(int Age, IReadOnlySet<string> ConditionCodes, FrailtyCategory Frailty, int EmergencyAdmissions12Months)
{
    /// <summary>Long-term conditions: the person's conditions that are conditions of the Cambridge Multimorbidity
    /// Score (Payne et al. 2020), so that the count means the same as the score.</summary>
    public int LongTermConditions => ConditionCodes.Count(CambridgeMultimorbidityScore.ConditionOfCode.ContainsKey);
}

/// <summary>One row of a segment table: every column given must hold (blank columns hold for everyone).</summary>
public sealed record SegmentRule(
    int Line, int Segment, string Name, IReadOnlySet<string> AnyCondition, FrailtyCategory? FrailtyAtLeast, int? AgeFrom, int? AgeTo,
    int? EmergencyAdmissionsAtLeast, int? LongTermConditionsAtLeast, string Reason)
{
    public bool Matches(PersonProfile person) =>
        (AnyCondition.Count == 0 || AnyCondition.Overlaps(person.ConditionCodes))
        && (FrailtyAtLeast is null || person.Frailty >= FrailtyAtLeast)
        && (AgeFrom is null || person.Age >= AgeFrom)
        && (AgeTo is null || person.Age <= AgeTo)
        && (EmergencyAdmissionsAtLeast is null || person.EmergencyAdmissions12Months >= EmergencyAdmissionsAtLeast)
        && (LongTermConditionsAtLeast is null || person.LongTermConditions >= LongTermConditionsAtLeast);

    public bool MatchesEverything =>
        AnyCondition.Count == 0 && FrailtyAtLeast is null && AgeFrom is null && AgeTo is null && EmergencyAdmissionsAtLeast is null && LongTermConditionsAtLeast is null;
}

/// <summary>A person's segment and the rule that put them there.</summary>
public sealed record SegmentAssignment(int Segment, string Name, string Reason, int RuleLine);

/// <summary>
/// Population segments from a priority-ordered rule table (rules/segments/vN.csv): the first row a person meets gives
/// their segment, so a person is in exactly one. The default table gives the eight Bridges to Health segments (Lynn et
/// al., Milbank Q 2007;85(2):185–208), ordered as segmentations in practice order them, from the end of life towards
/// health; the paper defines the segments, not rules, so the rules are the partnership's to edit.
/// </summary>
public sealed class SegmentTable
{
    private static readonly string[] Header =
        ["segment", "name", "any_condition", "frailty_at_least", "age_from", "age_to", "emergency_admissions_12m_at_least", "long_term_conditions_at_least", "reason"];

    private SegmentTable(string version, IReadOnlyList<SegmentRule> rules)
    {
        Version = version;
        Rules = rules;
    }

    public string Version { get; }

    public IReadOnlyList<SegmentRule> Rules { get; }

    /// <summary>The segment of the first rule the person meets.</summary>
    public SegmentAssignment Assign(PersonProfile person)
    {
        ArgumentNullException.ThrowIfNull(person);
        // Parse insists that the last rule matches everyone, so First always finds one.
        var rule = Rules.First(r => r.Matches(person));
        return new SegmentAssignment(rule.Segment, rule.Name, rule.Reason, rule.Line);
    }

    /// <exception cref="SegmentTableException">The file names every bad line.</exception>
    public static SegmentTable Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(Path.GetFileNameWithoutExtension(path), reader);
    }

    /// <summary>Reads a table; throws <see cref="SegmentTableException"/> naming every bad line.</summary>
    public static SegmentTable Parse(string version, TextReader text)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { AllowComments = true, Comment = '#', TrimOptions = TrimOptions.Trim };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new SegmentTableException(version, ["the table is empty"]);
        }

        if (!csv.HeaderRecord!.SequenceEqual(Header, StringComparer.Ordinal))
        {
            throw new SegmentTableException(version, [$"the header must be: {string.Join(',', Header)}"]);
        }

        var problems = new List<string>();
        var rules = new List<SegmentRule>();
        while (csv.Read())
        {
            int line = csv.Parser.RawRow;
            string Field(int i) => csv.GetField(i) ?? "";
            int? Whole(int column, int max)
            {
                string value = Field(column);
                if (value == "")
                {
                    return null;
                }

                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number <= max)
                {
                    return number;
                }

                problems.Add($"line {line}: {Header[column]} '{value}' is not a whole number from 0 to {max}");
                return null;
            }

            int segment = Whole(0, 99) ?? 0;
            if (Field(0) == "")
            {
                problems.Add($"line {line}: a rule needs a segment number");
            }

            FrailtyCategory? frailty = null;
            if (Field(3) != "")
            {
                if (Enum.TryParse<FrailtyCategory>(Field(3), ignoreCase: true, out var category) && Enum.IsDefined(category))
                {
                    frailty = category;
                }
                else
                {
                    problems.Add($"line {line}: frailty_at_least '{Field(3)}' is not one of fit, mild, moderate, severe");
                }
            }

            int? ageFrom = Whole(4, 130);
            int? ageTo = Whole(5, 130);
            if (ageFrom > ageTo)
            {
                problems.Add($"line {line}: age_from is above age_to");
            }

            if (Field(1) == "" || Field(8) == "")
            {
                problems.Add($"line {line}: a rule needs a name and a reason (they are shown beside each person's segment)");
            }

            var conditions = Field(2).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            rules.Add(new SegmentRule(line, segment, Field(1), conditions, frailty, ageFrom, ageTo, Whole(6, 1000), Whole(7, 100), Field(8)));
        }

        if (rules.Count == 0)
        {
            problems.Add("the table has no rules");
        }
        else if (!rules[^1].MatchesEverything)
        {
            problems.Add($"the last rule (line {rules[^1].Line}) must match everyone (all its conditions blank), so that every person has a segment");
        }

        return problems.Count > 0 ? throw new SegmentTableException(version, problems) : new SegmentTable(version, rules);
    }
}

public sealed class SegmentTableException(string version, IReadOnlyList<string> problems)
    : Exception($"Segment table {version} cannot be used: {string.Join("; ", problems)}")
{
    public string Version { get; } = version;

    public IReadOnlyList<string> Problems { get; } = problems;
}
