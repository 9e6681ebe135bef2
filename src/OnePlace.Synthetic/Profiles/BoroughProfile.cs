namespace OnePlace.Synthetic.Profiles;

/// <summary>A town of a locality, with the postcode districts its small areas draw from.</summary>
internal sealed record Town(string Name, IReadOnlyList<string> PostcodeDistricts);

/// <summary>A locality of the borough: the unit of community and social care teams.</summary>
internal sealed record LocalityShape(string Code, string Name, IReadOnlyList<Town> Towns);

/// <summary>
/// The published shape of a real borough that the generator reproduces at any size. Every figure is cited in
/// docs/data-formats.md, "Calibration"; the ones without a source are marked there as assumptions.
/// </summary>
internal sealed record BoroughProfile(
    string Name,
    string BoroughName,
    int PublishedPopulation,
    AgeBands AgeBands,
    IReadOnlyList<LocalityShape> Localities,
    IReadOnlyList<double> DeprivationDecileShares,
    IReadOnlyList<(char Code, double Share)> Ethnicity,
    double WelshNameShare,
    string SmallAreaPrefix,
    string PracticePrefix,
    int PracticeDigits,
    IReadOnlyList<string> LocalStreets);

/// <summary>Population counts in the four bands the ONS and Welsh Government projections are summarised in.</summary>
internal sealed record AgeBands(int Age0To17, int Age18To64, int Age65To84, int Age85Plus)
{
    public int Total => Age0To17 + Age18To64 + Age65To84 + Age85Plus;
}

internal static class BoroughProfiles
{
    /// <summary>
    /// Walsall (E08000030). Age bands: ONS 2018-based subnational population projections, principal, 2018 row
    /// (shared/reference/demography/walsall_snpp2018_bands.csv; research note D §3.1). Ethnicity: Census 2021
    /// (TS021) for Walsall, rounded. Deprivation: ~30% of small areas in the most deprived national decile, as the
    /// brief asks; note D §3.1 recalls about a quarter (unverified), so the shares below are an assumption.
    /// </summary>
    public static readonly BoroughProfile Walsall = new(
        Name: "walsall",
        BoroughName: "Walsall",
        PublishedPopulation: 283_379,
        AgeBands: new AgeBands(68_157, 165_355, 43_308, 6_559),
        Localities:
        [
            new("N", "North", [new("Bloxwich", ["WS3"]), new("Brownhills", ["WS8"]), new("Pelsall", ["WS3", "WS4"])]),
            new("S", "South", [new("Walsall", ["WS1", "WS2"]), new("Palfrey", ["WS1"]), new("Park Hall", ["WS5"])]),
            new("E", "East", [new("Aldridge", ["WS9"]), new("Streetly", ["WS9"]), new("Rushall", ["WS4"])]),
            new("W", "West", [new("Willenhall", ["WV12", "WV13"]), new("Darlaston", ["WS10"]), new("Short Heath", ["WV12"])]),
        ],
        DeprivationDecileShares: [0.30, 0.18, 0.13, 0.10, 0.08, 0.06, 0.05, 0.04, 0.03, 0.03],
        Ethnicity:
        [
            ('A', 73.0), ('B', 0.6), ('C', 3.1), ('D', 1.6), ('E', 0.3), ('F', 0.6), ('G', 0.6),
            ('H', 6.6), ('J', 5.0), ('K', 2.3), ('L', 1.0), ('M', 1.2), ('N', 1.8), ('P', 0.4), ('R', 0.3), ('S', 1.6),
        ],
        WelshNameShare: 0.02,
        SmallAreaPrefix: "E01",
        PracticePrefix: "M91",
        PracticeDigits: 3,
        LocalStreets:
        [
            "Lichfield Road", "Stafford Street", "Wolverhampton Road", "Walsall Road", "Cannock Road", "Chester Road",
            "Birmingham Road", "Bloxwich Road", "Pleck Road", "Caldmore Green", "Darlaston Road", "Wednesbury Road",
            "Leamore Lane", "Lichfield Street", "Bridgeman Street", "Sutton Road", "Broadway North", "Pelsall Lane",
        ]);

    /// <summary>
    /// Powys (W06000023). Wales is outside the ONS SNPP; the bands are an assumption built from the figures in
    /// research note D §3.2: about 133,000 residents (Census 2011 and 2021), 65+ share 25.3% and 85+ 3.4% (Powys
    /// BI insight document) rising since (65+ grew 22.3% between the 2011 and 2021 censuses). Deprivation deciles
    /// (Welsh Index of Multiple Deprivation) mostly 4 to 8: assumption. Ethnicity: Census 2021 for Powys, rounded.
    /// </summary>
    public static readonly BoroughProfile Powys = new(
        Name: "powys",
        BoroughName: "Powys",
        PublishedPopulation: 132_500,
        AgeBands: new AgeBands(24_600, 73_400, 29_900, 4_600),
        Localities:
        [
            new("N", "North",
            [
                new("Welshpool", ["SY21"]), new("Newtown", ["SY16"]), new("Llanidloes", ["SY18"]),
                new("Machynlleth", ["SY20"]), new("Llanfyllin", ["SY22"]), new("Montgomery", ["SY15"]),
            ]),
            new("M", "Mid",
            [
                new("Llandrindod Wells", ["LD1"]), new("Builth Wells", ["LD2"]), new("Rhayader", ["LD6"]),
                new("Knighton", ["LD7"]), new("Presteigne", ["LD8"]),
            ]),
            new("S", "South",
            [
                new("Brecon", ["LD3"]), new("Crickhowell", ["NP8"]), new("Talgarth", ["LD3"]), new("Llanwrtyd Wells", ["LD5"]),
            ]),
        ],
        DeprivationDecileShares: [0.01, 0.03, 0.07, 0.13, 0.17, 0.19, 0.17, 0.12, 0.07, 0.04],
        Ethnicity:
        [
            ('A', 94.7), ('B', 0.3), ('C', 2.6), ('D', 0.2), ('E', 0.1), ('F', 0.4), ('G', 0.3),
            ('H', 0.2), ('J', 0.05), ('K', 0.1), ('L', 0.25), ('M', 0.05), ('N', 0.12), ('P', 0.03), ('R', 0.3), ('S', 0.3),
        ],
        WelshNameShare: 0.35,
        SmallAreaPrefix: "W01",
        PracticePrefix: "W9",
        PracticeDigits: 4,
        LocalStreets:
        [
            "Heol y Dwr", "Ffordd Newydd", "Maes y Dre", "Heol Maes", "Pen y Bont", "Bryn Road", "Severn Street",
            "Broad Street", "Wye View", "Temple Street", "Ship Street", "Ithon Road", "Heol Cerrig", "Ffordd Garth",
            "Tan y Bryn", "Glan yr Afon", "Lion Street", "Castle Road",
        ]);

    public static readonly IReadOnlyList<BoroughProfile> All = [Walsall, Powys];

    public static BoroughProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
