namespace OnePlace.Core.Events;

/// <summary>
/// Events that fall in sensitive categories, withheld from a person's timeline unless the reader's role allows them
/// (<see cref="Access.Permission.ViewSensitiveCategories"/>). The categories are those the NHS Summary Care Record and
/// GP Connect leave out of shared records by default, through the RCGP sensitive data set ("GP summary data sharing
/// exclusion" code lists): assisted fertilisation and IVF, sexually transmitted infections (HIV included),
/// termination of pregnancy and gender reassignment; and safeguarding, which the partnership's safeguarding policy
/// shares only with those who need it. Events here carry ICD-10 diagnoses (admissions) and external causes, and NHS
/// Data Dictionary treatment function codes (outpatient attendances), so the lists below are in those systems.
/// </summary>
public static class SensitiveCategories
{
    /// <summary>ICD-10 code prefixes (without the dot) and the category each belongs to.</summary>
    private static readonly (string Prefix, string Category)[] Icd10 =
    [
        // Infections with a predominantly sexual mode of transmission (A50–A64) and HIV disease (B20–B24, Z21).
        ("A50", "sexual-health"), ("A51", "sexual-health"), ("A52", "sexual-health"), ("A53", "sexual-health"),
        ("A54", "sexual-health"), ("A55", "sexual-health"), ("A56", "sexual-health"), ("A57", "sexual-health"),
        ("A58", "sexual-health"), ("A59", "sexual-health"), ("A60", "sexual-health"), ("A63", "sexual-health"),
        ("A64", "sexual-health"), ("B20", "sexual-health"), ("B21", "sexual-health"), ("B22", "sexual-health"),
        ("B23", "sexual-health"), ("B24", "sexual-health"), ("Z21", "sexual-health"),
        // Termination of pregnancy: medical abortion, other and unspecified abortion, failed attempted abortion.
        ("O04", "termination"), ("O05", "termination"), ("O06", "termination"), ("O07", "termination"),
        // Assisted conception: female and male infertility, procreative management (artificial insemination, IVF).
        ("N97", "assisted-conception"), ("N46", "assisted-conception"), ("Z31", "assisted-conception"),
        // Gender reassignment: gender identity disorders.
        ("F64", "gender-reassignment"),
        // Safeguarding: maltreatment syndromes, and neglect or maltreatment by another as the external cause.
        ("T74", "safeguarding"), ("Y06", "safeguarding"), ("Y07", "safeguarding"),
    ];

    /// <summary>NHS Data Dictionary treatment function codes of sensitive clinics: 360 genitourinary medicine.</summary>
    private static readonly (string Code, string Category)[] TreatmentFunctions = [("360", "sexual-health")];

    /// <summary>The sensitive category of an event, or null when it is in none.</summary>
    public static string? Of(string eventType, string? code, string? causeCode)
    {
        if (eventType is "emergency_admission" or "elective_admission" or "ae_attendance")
        {
            return Icd10Category(code) ?? Icd10Category(causeCode);
        }

        if (eventType == "outpatient_attendance" && code is not null)
        {
            return TreatmentFunctions.FirstOrDefault(t => t.Code == code.Trim()).Category;
        }

        return null;
    }

    private static string? Icd10Category(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var plain = code.Replace(".", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        return Icd10.FirstOrDefault(i => plain.StartsWith(i.Prefix, StringComparison.Ordinal)).Category;
    }
}
