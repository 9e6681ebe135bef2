using OnePlace.Analytics.Measures;

namespace OnePlace.Analytics.Tests.Measures;

/// <summary>The default Bridges to Health table (rules/segments/v1.csv) puts each kind of person in the segment its
/// priority order says, and a bad table is refused with every problem named.</summary>
public sealed class PopulationSegmentTests
{
    private static readonly SegmentTable Default = SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv"));

    private static PersonProfile Person(int age, FrailtyCategory frailty = FrailtyCategory.Fit, int admissions = 0, string[]? codes = null) =>
        new(age, (codes ?? []).ToHashSet(StringComparer.Ordinal), frailty, admissions);

    public static TheoryData<string, PersonProfile, int> People => new()
    {
        { "a healthy adult", Person(40), 1 },
        { "a baby", Person(0), 2 },
        { "one emergency admission, no long-term condition", Person(50, admissions: 1), 3 },
        { "hypertension", Person(60, codes: ["EFI17"]), 4 },
        { "cancer with one admission", Person(70, admissions: 1, codes: ["CAN"]), 4 },
        { "a learning disability", Person(30, codes: ["LD"]), 5 },
        { "cancer with two admissions", Person(70, admissions: 2, codes: ["CAN"]), 6 },
        { "heart failure with two admissions", Person(80, admissions: 2, codes: ["EFI14", "EFI17"]), 7 },
        { "dementia and three other conditions", Person(85, codes: ["DEM", "EFI07", "EFI17", "EFI19"]), 8 },
        { "severe frailty without dementia", Person(88, FrailtyCategory.Severe, codes: ["EFI17"]), 8 },
        { "moderate frailty and hypertension", Person(88, FrailtyCategory.Moderate, codes: ["EFI17"]), 4 },
    };

    [Theory]
    [MemberData(nameof(People))]
    public void Each_person_is_in_the_segment_of_the_first_rule_they_meet(string who, PersonProfile person, int segment)
    {
        var assigned = Default.Assign(person);

        Assert.True(segment == assigned.Segment, $"{who}: expected segment {segment}, got {assigned.Segment} ({assigned.Reason})");
        Assert.False(string.IsNullOrEmpty(assigned.Reason));
    }

    [Fact]
    public void The_default_table_covers_all_eight_segments()
    {
        Assert.Equal(Enumerable.Range(1, 8), Default.Rules.Select(r => r.Segment).Distinct().Order());
    }

    [Fact]
    public void A_table_without_a_rule_for_everyone_or_with_bad_values_is_refused_naming_each_line()
    {
        const string Table = """
            segment,name,any_condition,frailty_at_least,age_from,age_to,emergency_admissions_12m_at_least,long_term_conditions_at_least,reason
            8,Decline,,very,,,,,Frailty
            2,Infants,,,5,1,,,Young
            """;

        var refused = Assert.Throws<SegmentTableException>(() => SegmentTable.Parse("bad", new StringReader(Table)));

        Assert.Contains(refused.Problems, p => p.StartsWith("line 2: frailty_at_least 'very'", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 3: age_from is above age_to", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Contains("must match everyone", StringComparison.Ordinal));
    }
}
