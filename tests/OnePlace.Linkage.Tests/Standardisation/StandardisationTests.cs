using OnePlace.Linkage.Standardisation;

namespace OnePlace.Linkage.Tests.Standardisation;

public sealed class StandardisationTests
{
    [Theory]
    [InlineData(" O'Brien-Smith ", "obrien smith")]
    [InlineData("JOSÉ", "jose")]
    [InlineData("mary  ann", "mary ann")]
    [InlineData("St.John", "stjohn")]
    [InlineData(" - ", null)]
    public void Names_lose_case_accents_punctuation_and_extra_spaces(string raw, string? expected) =>
        Assert.Equal(expected, Text.NormaliseName(raw));

    [Theory]
    [InlineData("ws1 2ab", "WS1 2AB", "WS1 2", "WS1", "WS")]
    [InlineData("B12AB", "B1 2AB", "B1 2", "B1", "B")]
    [InlineData("sw1a 1aa", "SW1A 1AA", "SW1A 1", "SW1A", "SW")]
    [InlineData("LD1  5LG", "LD1 5LG", "LD1 5", "LD1", "LD")]
    public void A_UK_postcode_splits_into_unit_sector_district_and_area(string raw, string full, string sector, string district, string area)
    {
        var postcode = Postcode.Parse(raw)!.Value;
        Assert.Equal((full, sector, district, area), (postcode.Full, postcode.Sector!, postcode.District!, postcode.Area!));
    }

    [Fact]
    public void A_postcode_that_is_not_UK_shaped_keeps_its_characters_only()
    {
        var postcode = Postcode.Parse("2119")!.Value;
        Assert.Equal("2119", postcode.Full);
        Assert.Null(postcode.Sector);
        Assert.Null(postcode.District);
    }

    // Test-range numbers from the NHS number notes (999 000 0018 … valid; 999 123 456x has check 10).
    [Theory]
    [InlineData("9990000018", true)]
    [InlineData("9990000026", true)]
    [InlineData("9434765919", true)]
    [InlineData("9876544321", false)]
    [InlineData("9991234560", false)]
    [InlineData("4444444444", false)]
    [InlineData("999000001", false)]
    public void NHS_numbers_pass_only_with_a_good_modulus_11_check_digit(string digits, bool valid) =>
        Assert.Equal(valid, NhsNumberCheck.IsValid(digits));

    [Theory]
    [InlineData("1956-04-09", 1956, 4, 9)]
    [InlineData("19560409", 1956, 4, 9)]
    [InlineData("09/04/1956", 1956, 4, 9)]
    public void Birth_dates_are_read_in_the_forms_partners_write_them(string raw, int y, int m, int d) =>
        Assert.Equal(new DateOnly(y, m, d), BirthDate.Parse(raw, new DateOnly(2026, 1, 1)));

    [Theory]
    [InlineData("1956-02-30")]
    [InlineData("2030-01-01")]
    [InlineData("1900-01-01")]
    [InlineData("unknown")]
    public void Impossible_future_and_placeholder_birth_dates_count_as_missing(string raw) =>
        Assert.Null(BirthDate.Parse(raw, new DateOnly(2026, 1, 1)));

    // Worked examples of the US National Archives Soundex specification.
    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Rubin", "R150")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Honeyman", "H555")]
    public void Soundex_follows_the_published_examples(string name, string code) =>
        Assert.Equal(code, Soundex.Encode(name));

    [Theory]
    [InlineData("margaret", "peggy", true)]
    [InlineData("william", "bill", true)]
    [InlineData("bill", "will", true)]
    [InlineData("dafydd", "dai", true)]
    [InlineData("margaret", "william", false)]
    [InlineData("oluwaseun", "seb", false)]
    public void Nicknames_are_variants_of_the_same_given_name(string a, string b, bool variants) =>
        Assert.Equal(variants, Nicknames.AreVariants(a, b));
}
