using OnePlace.Core.Import;

namespace OnePlace.Core.Tests.Import;

public class Icd10CodeTests
{
    [Theory]
    [InlineData("S720", "S720")]   // fracture of neck of femur
    [InlineData("S72.0", "S720")]
    [InlineData(" s720 ", "S720")]
    [InlineData("S0600", "S0600")] // concussion, UK fifth character
    [InlineData("S06.00", "S0600")]
    [InlineData("R55X", "R55X")]   // a three-character category padded with X, as HES holds it
    [InlineData("R55", "R55")]
    [InlineData("W190", "W190")]   // unspecified fall at home
    public void An_icd10_code_is_accepted_in_its_form_without_a_dot(string value, string expected) =>
        Assert.Equal(expected, FieldRules.NormaliseIcd10Code(value));

    [Theory]
    [InlineData("")]
    [InlineData("S7")]
    [InlineData("S72000")]
    [InlineData("72.0")]
    [InlineData("SS72")]
    [InlineData("S7.20")]
    [InlineData("R55X1")]
    [InlineData("FALL")]
    public void A_value_not_shaped_like_an_icd10_code_is_not_one(string value) =>
        Assert.Null(FieldRules.NormaliseIcd10Code(value));

    [Theory]
    [InlineData("W19", true)]
    [InlineData("V435", true)]
    [InlineData("X600", true)]
    [InlineData("Y044", true)]
    [InlineData("S720", false)]
    [InlineData("T391", false)]
    [InlineData("U071", false)]
    public void Chapter_twenty_codes_are_external_causes(string code, bool external) =>
        Assert.Equal(external, FieldRules.IsIcd10ExternalCause(code));
}
