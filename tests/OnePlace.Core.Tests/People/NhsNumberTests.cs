using OnePlace.Core.People;

namespace OnePlace.Core.Tests.People;

public class NhsNumberTests
{
    // Valid and invalid examples from the NHS Data Dictionary "NHS NUMBER" worked example and the 999 test range.
    [Theory]
    [InlineData("9434765919")]
    [InlineData("9990000018")]
    [InlineData("9990000026")]
    [InlineData("9990000107")]
    public void A_number_with_a_correct_modulus_11_check_digit_is_valid(string value) =>
        Assert.True(NhsNumber.IsValid(value));

    [Fact]
    public void The_data_dictionary_syntax_example_fails_the_check() =>
        Assert.Equal("fails the Modulus 11 check", NhsNumber.Validate("9876544321"));

    [Theory]
    [InlineData("0000000000")]
    [InlineData("4444444444")]
    [InlineData("9999999999")]
    public void One_digit_repeated_ten_times_is_refused_although_it_passes_the_checksum(string value) =>
        Assert.Contains("repeated", NhsNumber.Validate(value), StringComparison.Ordinal);

    [Fact]
    public void A_prefix_whose_check_digit_would_be_ten_is_never_valid()
    {
        Assert.Null(NhsNumber.CheckDigit("999123456"));
        for (int last = 0; last <= 9; last++)
        {
            Assert.False(NhsNumber.IsValid($"999123456{last}"));
        }
    }

    [Theory]
    [InlineData("943476591")]
    [InlineData("94347659190")]
    [InlineData("943476591X")]
    public void Anything_but_ten_digits_is_refused(string value) =>
        Assert.Equal("must be 10 digits", NhsNumber.Validate(value));

    [Fact]
    public void Spaces_and_hyphens_are_removed_before_checking() =>
        Assert.True(NhsNumber.IsValid(NhsNumber.Clean("943 476-5919")));

    [Fact]
    public void Every_single_digit_substitution_is_detected()
    {
        const string valid = "9434765919";
        for (int i = 0; i < 10; i++)
        {
            for (char d = '0'; d <= '9'; d++)
            {
                if (d == valid[i])
                {
                    continue;
                }

                var changed = string.Concat(valid.AsSpan(0, i), d.ToString(), valid.AsSpan(i + 1));
                Assert.False(NhsNumber.IsValid(changed), changed);
            }
        }
    }
}
