using System.Globalization;
using OnePlace.Core.Referrals;

namespace OnePlace.Web.Features.Referrals;

/// <summary>
/// The referral form as posted: every field as the referrer typed it (strings, so that whatever was typed is shown
/// back with its error), and its mapping onto the one <see cref="ReferralSubmission"/> every door of the Single Point
/// of Access uses.
/// </summary>
public sealed class ReferralForm
{
    /// <summary>The value the consent checkbox posts when ticked.</summary>
    public const string Agreed = "yes";

    public string? NhsNumber { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? DobDay { get; set; }
    public string? DobMonth { get; set; }
    public string? DobYear { get; set; }
    public string? Sex { get; set; }
    public string? Postcode { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Setting { get; set; }
    public string? Need { get; set; }
    public string? Details { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerOrganisation { get; set; }
    public string? ReferrerContact { get; set; }
    public string? Consent { get; set; }

    public DateOfBirthInput DateOfBirth => DateOfBirthInput.Parse(DobDay, DobMonth, DobYear);

    /// <summary>The submission as the core receives it; a date of birth that is not a date goes as none, which the
    /// core refuses (the form then shows its own, more precise message in place of the core's).</summary>
    public ReferralSubmission ToSubmission() => new(
        new ReferredPerson(Blank(NhsNumber), GivenName ?? "", FamilyName ?? "", DateOfBirth.Value, Blank(Sex), Blank(Postcode), Blank(Address), Blank(Phone)),
        ReferrerName ?? "", ReferrerOrganisation ?? "", Blank(ReferrerContact), Need ?? "", Setting ?? "", Details ?? "", Consent == Agreed);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// A date typed into the GOV.UK date-input pattern (day, month, year as three boxes), read as the pattern asks: all
/// three or none; numbers only; a four-digit year; a day that exists in that month. When something is wrong it names
/// the resource key of the message and the boxes to mark, so that only the wrong boxes are highlighted and the error
/// summary links to the first of them (GOV.UK Design System, "Date input: error messages").
/// </summary>
public sealed record DateOfBirthInput(DateOnly? Value, string? ProblemKey, IReadOnlyList<string> WrongParts)
{
    public const string Day = "day";
    public const string Month = "month";
    public const string Year = "year";

    public static DateOfBirthInput Parse(string? day, string? month, string? year)
    {
        var parts = new[] { (Day, day?.Trim()), (Month, month?.Trim()), (Year, year?.Trim()) };
        var missing = parts.Where(p => string.IsNullOrEmpty(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count == 3)
        {
            // Nothing typed: the core's "Enter the person's date of birth" says it best.
            return new DateOfBirthInput(null, null, [Day, Month, Year]);
        }

        if (missing.Count > 0)
        {
            return new DateOfBirthInput(null, "ErrorDobIncomplete", missing);
        }

        if (!int.TryParse(day, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int d)
            || !int.TryParse(month, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int m)
            || !int.TryParse(year, NumberStyles.None | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int y))
        {
            return new DateOfBirthInput(null, "ErrorDobNotReal", [Day, Month, Year]);
        }

        if (year!.Trim().Length != 4)
        {
            return new DateOfBirthInput(null, "ErrorDobYearFourDigits", [Year]);
        }

        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return new DateOfBirthInput(null, "ErrorDobNotReal", [Day, Month, Year]);
        }

        return new DateOfBirthInput(new DateOnly(y, m, d), null, []);
    }

    public bool IsWrong(string part) => WrongParts.Contains(part);
}
