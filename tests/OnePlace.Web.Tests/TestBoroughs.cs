using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using static OnePlace.Web.Tests.SmallBorough;

namespace OnePlace.Web.Tests;

/// <summary>The boroughs the web tests share: built fresh for each test, never copied between them.</summary>
public static class TestBoroughs
{
    /// <summary>
    /// Margaret Oakes, known to all five partners with a year of events; Margaret Oakley and John Smith (misspelt "Smithe" by
    /// his GP) to tell apart; one hospital record awaiting linkage.
    /// </summary>
    public static (SmallBorough Borough, PersonPlan Margaret) Standard()
    {
        var borough = new SmallBorough();
        var margaret = borough.Person("Margaret", "Oakes", new DateOnly(1938, 4, 12))
            .KnownTo(Partner.Gp,
                Event("gp_contact", "2025-01-06", code: "F2F", cost: 42m),
                Event("gp_contact", "2025-03-14", code: "HOME", cost: 95m))
            .KnownTo(Partner.Hospital,
                Event("ae_attendance", "2025-02-01", cost: 180m),
                Event("emergency_admission", "2025-02-01", end: "2025-02-09", discharge: "19", cost: 3950m))
            .KnownTo(Partner.Community,
                Event("community_contact", "2025-02-11", code: "district_nursing", cost: 56m))
            .KnownTo(Partner.Council,
                Event("social_care_assessment", "2025-02-10", code: "services"),
                Event("home_care_package", "2025-02-12", hours: 10.5m, cost: 262.5m))
            .KnownTo(Partner.Voluntary,
                Event("vcs_contact", "2025-04-02", code: "befriending"));
        borough.Person("Margaret", "Oakley", new DateOnly(1951, 9, 30), postcode: "WS9 9ZZ")
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-05-01", code: "TEL"));
        borough.Person("John", "Smith", new DateOnly(1944, 1, 2), sex: "M")
            .KnownAs(Partner.Gp, "Smithe", Event("gp_contact", "2024-11-20", code: "F2F"))
            .KnownTo(Partner.Hospital, Event("outpatient_attendance", "2024-12-01", code: "110"));
        borough.UnlinkedHospitalRecord("Jon", "Smyth");
        return (borough, margaret);
    }

    /// <summary>Thirteen of the 36 eFI deficits (Clegg et al. 2016): severe frailty. Kidney disease (EFI06) and heart
    /// failure (EFI14) are left out, so that two admissions keep the person in segment 8 rather than 7.</summary>
    public static readonly string[] SevereFrailty =
        ["EFI01", "EFI02", "EFI03", "EFI04", "EFI05", "EFI07", "EFI08", "EFI09", "EFI10", "EFI11", "EFI12", "EFI13", "EFI15"];

    /// <summary>
    /// For case finding in the North: Margaret Oakes, living with severe frailty, with two emergency admissions in the
    /// year to 30 June 2025 and no care plan (the cohort's one person); Edith Moss, as frail with one admission; Walter
    /// Finch, as frail with two, in the South.
    /// </summary>
    public static (SmallBorough Borough, PersonPlan Margaret) CaseFinding()
    {
        var borough = new SmallBorough();
        var margaret = borough.Person("Margaret", "Oakes", new DateOnly(1938, 4, 12))
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-01-06", code: "F2F"))
            .KnownTo(Partner.Hospital,
                Event("emergency_admission", "2025-01-10", end: "2025-01-15", discharge: "19"),
                Event("emergency_admission", "2025-04-20", end: "2025-04-29", discharge: "19"))
            .WithConditions(SevereFrailty);
        borough.Person("Edith", "Moss", new DateOnly(1935, 8, 3))
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-02-06", code: "F2F"))
            .KnownTo(Partner.Hospital, Event("emergency_admission", "2025-03-01", end: "2025-03-04", discharge: "19"))
            .WithConditions(SevereFrailty);
        borough.Person("Walter", "Finch", new DateOnly(1933, 1, 23), sex: "M", postcode: "WS9 9ZZ")
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-02-06", code: "F2F"))
            .KnownTo(Partner.Hospital,
                Event("emergency_admission", "2025-02-01", end: "2025-02-04", discharge: "19"),
                Event("emergency_admission", "2025-05-01", end: "2025-05-04", discharge: "19"))
            .WithConditions(SevereFrailty);
        return (borough, margaret);
    }

    /// <summary>How the person index explained Bill's council record joining William: a nickname, an old postcode.</summary>
    public static readonly LinkExplanation BillToWilliam = new(11.52, -8.28,
    [
        new("nhs_number", "missing", 0), new("given_name", "nickname", 3.53), new("family_name", "exact", 7.75),
        new("date_of_birth", "exact", 8.28), new("sex", "same", 1.0), new("postcode", "same sector", -0.77),
    ]);

    /// <summary>Why a voluntary-sector "W. Hartley" might be William: same family name and birth year, little else.</summary>
    public static readonly LinkExplanation MaybeWilliam = new(1.61, -8.28,
    [
        new("nhs_number", "missing", 0), new("given_name", "initial only", 1.2), new("family_name", "exact", 7.75),
        new("date_of_birth", "within a year", 0.4), new("sex", "same", 1.0), new("postcode", "same district", -0.46),
    ]);

    /// <summary>
    /// For the person index: William Hartley, registered with his GP, with a council record the person index linked
    /// under his nickname "Bill"; a "W Hartley" known only to a voluntary service, whom the last run could not tell
    /// apart from him with certainty (an open review pair); and Margaret Oakley, known to her GP.
    /// </summary>
    public static (SmallBorough Borough, PersonPlan William, PersonPlan WHartley) PersonIndex()
    {
        var borough = new SmallBorough();
        var william = borough.Person("William", "Hartley", new DateOnly(1941, 3, 2), sex: "M")
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-01-06", code: "F2F", cost: 42m))
            .LinkedThroughDetails(Partner.Council, "Bill", 0.9997, BillToWilliam, Event("social_care_assessment", "2025-02-10", code: "services"));
        var wHartley = borough.Person("W", "Hartley", new DateOnly(1940, 11, 30), sex: "M", postcode: "WS9 9ZZ", withNhsNumber: false)
            .KnownTo(Partner.Voluntary, Event("vcs_contact", "2025-04-02", code: "befriending"));
        borough.Person("Margaret", "Oakley", new DateOnly(1951, 9, 30), postcode: "WS9 9ZZ")
            .KnownTo(Partner.Gp, Event("gp_contact", "2025-05-01", code: "TEL"));
        borough.ReviewPair(william, wHartley, 0.754, MaybeWilliam);
        return (borough, william, wHartley);
    }
}
