
namespace OnePlace.Synthetic.Extracts;

/// <summary>
/// How one partner's system records people: its identifier style, how often it holds the NHS number and other
/// fields, how often it registers the same person twice, and how noisy its demographics are. All rates are
/// assumptions chosen to resemble the data quality problems linkage meets in practice (research note C): the
/// GP record is the cleanest, council records often lack the NHS number, voluntary groups never hold it.
/// </summary>
internal sealed record PartnerStyle(
    string Partner,
    string RecordPrefix,
    int RecordDigits,
    string EventPrefix,
    double NhsNumberRecorded,
    double DuplicateChance,
    double NoiseScale,
    double BirthDateMissing,
    double PostcodeMissing,
    double EthnicityRecorded,
    double PracticeRecorded,
    double PhoneKept,
    double EmailKept,
    double NicknameChance,
    double FamilyNameUpperCase,
    double PostcodeUnformatted)
{
    public static readonly IReadOnlyList<PartnerStyle> All =
    [
        new(Core.People.Partner.Gp, "GP", 6, "GPE", 1.0, 0.01, 0.15, 0, 0, 1.0, 1.0, 0.95, 0.9, 0.01, 0, 0),
        new(Core.People.Partner.Hospital, "RBK", 7, "HSE", 0.95, 0.02, 1.0, 0.01, 0.02, 0.85, 0.9, 0.85, 0.4, 0.05, 0.25, 0),
        new(Core.People.Partner.Community, "CH", 7, "CHE", 0.92, 0.015, 1.0, 0.02, 0.03, 0.75, 0.9, 0.9, 0.3, 0.06, 0, 0.02),
        new(Core.People.Partner.Council, "ASC-", 8, "ASE", 0.60, 0.03, 1.2, 0.03, 0.03, 0.7, 0.6, 0.85, 0.5, 0.08, 0.1, 0.03),
        new(Core.People.Partner.Voluntary, "VCS", 6, "VSE", 0, 0.04, 1.5, 0.15, 0.1, 0.5, 0.2, 0.8, 0.6, 0.25, 0, 0.1),
    ];
}
