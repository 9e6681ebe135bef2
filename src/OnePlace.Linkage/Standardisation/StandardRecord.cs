namespace OnePlace.Linkage.Standardisation;

/// <summary>A record after standardisation: every field in the one form the comparisons and blocking rules expect.</summary>
internal sealed class StandardRecord
{
    public string? Identifier;
    public bool NhsNumberValid;
    public string? GivenFirst;
    public string? GivenAll;
    public string? Family;
    public string? FamilyCompact;
    public DateOnly? DateOfBirth;
    public string? DateOfBirthDigits;
    public char Sex;
    public Postcode? Postcode;
    public string? Address;
    public string? Phone;
    public string? Email;
    public string? GivenSoundex;
    public string? FamilySoundex;
    public int GivenGroup = -1;
    public int[] GivenGroups = [];
    public string[] AddressWords = [];

    // Relative frequencies of the values in the run, for term-frequency adjustment (filled in by the linker).
    public double GivenFrequency;
    public double FamilyFrequency;
    public double PostcodeFrequency;

    public static StandardRecord From(LinkRecord record, DateOnly today)
    {
        var s = new StandardRecord();
        if (Text.Digits(record.NhsNumber) is { Length: >= 4 } digits)
        {
            s.Identifier = digits;
            s.NhsNumberValid = NhsNumberCheck.IsValid(digits);
        }
        else if (Text.NormaliseFreeText(record.NhsNumber) is { } other)
        {
            s.Identifier = other.Replace(" ", "", StringComparison.Ordinal);
        }

        s.GivenAll = Text.NormaliseName(record.GivenName);
        s.GivenFirst = s.GivenAll is { } g ? FirstToken(g) : null;
        s.Family = Text.NormaliseName(record.FamilyName);
        s.FamilyCompact = s.Family?.Replace(" ", "", StringComparison.Ordinal);
        s.DateOfBirth = BirthDate.Parse(record.DateOfBirth, today);
        s.DateOfBirthDigits = s.DateOfBirth?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        s.Sex = Text.NormaliseName(record.Sex) switch
        {
            "m" or "male" or "man" => 'M',
            "f" or "female" or "woman" => 'F',
            _ => record.Sex?.Trim() switch { "1" => 'M', "2" => 'F', _ => '\0' },
        };
        s.Postcode = Standardisation.Postcode.Parse(record.Postcode);
        s.Address = Text.NormaliseFreeText(record.Address);
        s.Phone = Text.Digits(record.Phone) is { Length: >= 7 } phone ? phone[Math.Max(0, phone.Length - 10)..] : null;
        s.Email = string.IsNullOrWhiteSpace(record.Email) ? null : record.Email.Trim().ToLowerInvariant();
        s.GivenSoundex = Soundex.Encode(s.GivenFirst);
        s.FamilySoundex = Soundex.Encode(s.FamilyCompact);
        s.GivenGroups = s.GivenFirst is { } first ? Nicknames.GroupsOf(first) : [];
        s.GivenGroup = s.GivenGroups.Length > 0 ? s.GivenGroups[0] : -1;
        s.AddressWords = s.Address is { } address ? [.. address.Split(' ').Distinct(StringComparer.Ordinal)] : [];
        return s;
    }

    private static string FirstToken(string name)
    {
        int space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? name : name[..space];
    }
}
