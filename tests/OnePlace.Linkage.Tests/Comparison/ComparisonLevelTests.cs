using OnePlace.Linkage.Comparison;
using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Tests.Comparison;

/// <summary>Every level of every comparison, reached by a pair built for it.</summary>
public sealed class ComparisonLevelTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly LinkRecord Base = new("a", "gp")
    {
        NhsNumber = "9990000018",
        GivenName = "Margaret",
        FamilyName = "Oakes",
        DateOfBirth = "1941-03-07",
        Sex = "F",
        Postcode = "WS1 2AB",
        Address = "12 High Street, Walsall",
        Phone = "01922 650000",
        Email = "m.oakes@example.org",
    };

    private static string LevelOf(LinkRecord other, int field)
    {
        int pattern = Comparisons.Compare(StandardRecord.From(Base, Today), StandardRecord.From(other with { RecordId = "b" }, Today));
        return Comparisons.Levels[field][Comparisons.LevelOf(pattern, field)];
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("999 000 0018", "exact")]
    [InlineData("9990000019", "one character different")]
    [InlineData("9990000026", "different")]
    public void NHS_numbers_compare_equal_one_keying_error_or_different(string? nhs, string level) =>
        Assert.Equal(level, LevelOf(Base with { NhsNumber = nhs }, Comparisons.NhsNumber));

    [Fact]
    public void Two_valid_NHS_numbers_one_digit_apart_are_different_not_a_typo()
    {
        // 9990000018 and 9990000026 are both issued-form numbers; 999000001x variants that pass Modulus 11 are too.
        var other = Base with { NhsNumber = "9990000026" };
        Assert.Equal("different", LevelOf(other, Comparisons.NhsNumber));
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("MARGARET ANN", "exact")]
    [InlineData("Peggy", "nickname")]
    [InlineData("Margret", "Jaro-Winkler ≥ 0.92")]
    [InlineData("Margo", "Jaro-Winkler ≥ 0.80")]
    [InlineData("M", "initial only")]
    [InlineData("Oakes", "swapped with family name")]
    [InlineData("Susan", "different")]
    public void Given_names_compare_through_every_level(string? given, string level)
    {
        var other = given == "Oakes" ? Base with { GivenName = "Oakes", FamilyName = "Margaret" } : Base with { GivenName = given };
        Assert.Equal(level, LevelOf(other, Comparisons.GivenName));
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("oakes", "exact")]
    [InlineData("Oaks", "Jaro-Winkler ≥ 0.92")]
    [InlineData("Oakley", "Jaro-Winkler ≥ 0.80")]
    [InlineData("Hughes-Oakes", "one part in common")]
    [InlineData("Patel", "different")]
    public void Family_names_compare_through_every_level(string? family, string level) =>
        Assert.Equal(level, LevelOf(Base with { FamilyName = family }, Comparisons.FamilyName));

    [Fact]
    public void Given_and_family_names_swapped_are_recognised_on_the_family_name_too() =>
        Assert.Equal("swapped with given name", LevelOf(Base with { GivenName = "Oakes", FamilyName = "Margaret" }, Comparisons.FamilyName));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("07/03/1941", "exact")]
    [InlineData("1941-07-03", "day and month transposed")]
    [InlineData("1941-03-01", "one digit different")]
    [InlineData("1941-03-28", "same month and year")]
    [InlineData("1940-11-20", "within a year")]
    [InlineData("1951-03-07", "one digit different")]
    [InlineData("1962-08-19", "different")]
    public void Birth_dates_compare_through_every_level(string? dob, string level) =>
        Assert.Equal(level, LevelOf(Base with { DateOfBirth = dob }, Comparisons.DateOfBirth));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("female", "same")]
    [InlineData("M", "different")]
    public void Sex_compares_same_or_different(string? sex, string level) =>
        Assert.Equal(level, LevelOf(Base with { Sex = sex }, Comparisons.Sex));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("ws12ab", "exact")]
    [InlineData("WS1 2XY", "same sector")]
    [InlineData("WS1 4AB", "same district")]
    [InlineData("WS9 2AB", "same area")]
    [InlineData("B1 2AB", "different")]
    public void Postcodes_compare_by_unit_sector_district_and_area(string? postcode, string level) =>
        Assert.Equal(level, LevelOf(Base with { Postcode = postcode }, Comparisons.Postcode));

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("12 HIGH STREET WALSALL", "exact")]
    [InlineData("12 High Street", "most words in common")]
    [InlineData("3 Mill Lane, Pelsall", "different")]
    public void Addresses_compare_exactly_or_by_shared_words(string? address, string level) =>
        Assert.Equal(level, LevelOf(Base with { Address = address }, Comparisons.Address));

    [Theory]
    [InlineData(null, null, "missing", "missing")]
    [InlineData("(01922) 650000", "M.Oakes@example.org ", "exact", "exact")]
    [InlineData("01922 650001", "peggy@example.org", "different", "different")]
    public void Phone_and_email_compare_exactly(string? phone, string? email, string phoneLevel, string emailLevel)
    {
        var other = Base with { Phone = phone, Email = email };
        Assert.Equal(phoneLevel, LevelOf(other, Comparisons.Phone));
        Assert.Equal(emailLevel, LevelOf(other, Comparisons.Email));
    }
}
