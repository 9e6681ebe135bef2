using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Referrals;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Referrals;

/// <summary>
/// The words of the referral form: which input each of the core's field names is, in page order; the needs in the
/// order a referrer should meet them; and the core's validation messages in the reader's language.
/// </summary>
public static partial class ReferralFormText
{
    /// <summary>
    /// The core's field names (the JSON API's property paths) and the id of the input each is on the form, in the
    /// order the form asks for them, which is the order the error summary lists them (GOV.UK error summary).
    /// A radio group's id is its first radio's, so that the summary's link lands on something focusable.
    /// </summary>
    public static readonly IReadOnlyList<(string Field, string InputId)> Fields =
    [
        ("person.nhsNumber", "nhs-number"),
        ("person.givenName", "given-name"),
        ("person.familyName", "family-name"),
        ("person.dateOfBirth", "dob-day"),
        ("person.sex", "sex"),
        ("person.postcode", "postcode"),
        ("person.address", "address"),
        ("person.phone", "phone"),
        ("setting", "setting"),
        ("need", "need"),
        ("details", "details"),
        ("referrerName", "referrer-name"),
        ("referrerOrganisation", "referrer-organisation"),
        ("referrerContact", "referrer-contact"),
        ("personConsented", "consent"),
    ];

    /// <summary>
    /// The nine clinical conditions NHS England's Urgent Community Response guidance (2022) lists for a 2-hour
    /// response, shown first: a referrer with one of these should find it before anything else.
    /// </summary>
    public static readonly IReadOnlyList<string> UrgentNeeds =
    [
        ReferralNeed.Fall, ReferralNeed.FrailtyDecompensation, ReferralNeed.ReducedFunction, ReferralNeed.EndOfLifeCrisis,
        ReferralNeed.UrgentEquipment, ReferralNeed.ConfusionDelirium, ReferralNeed.UrgentCatheterCare, ReferralNeed.DiabetesSupport,
        ReferralNeed.CarerBreakdown,
    ];

    /// <summary>Every other need the partnership's services meet, in the core's order.</summary>
    public static IReadOnlyList<string> OtherNeeds { get; } = [.. ReferralNeed.All.Except(UrgentNeeds)];

    /// <summary>The input id for one of the core's field names; unknown names (not asked on the form) go to the form itself.</summary>
    public static string InputIdOf(string field) => Fields.FirstOrDefault(f => f.Field == field).InputId ?? "referral-form";

    public static int OrderOf(string field)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (Fields[i].Field == field)
            {
                return i;
            }
        }

        return Fields.Count;
    }

    /// <summary>The resource key of each fixed message the core gives (ReferralSubmission.Problems), worded the same in English.</summary>
    private static readonly Dictionary<string, string> FixedMessages = new(StringComparer.Ordinal)
    {
        ["Enter the person's given name"] = "ReferralErrorGivenName",
        ["Enter the person's family name"] = "ReferralErrorFamilyName",
        ["Enter the person's date of birth"] = "ReferralErrorDateOfBirth",
        ["Date of birth must be today or in the past"] = "ReferralErrorDateOfBirthFuture",
        ["Date of birth must be after 1900"] = "ReferralErrorDateOfBirthBefore1900",
        ["Sex must be M, F or U"] = "ReferralErrorSex",
        ["Enter the person's postcode"] = "ReferralErrorPostcode",
        ["Enter a real postcode, like WS1 1AA"] = "ReferralErrorPostcodeNotReal",
        ["Enter your name"] = "ReferralErrorReferrerName",
        ["Enter your organisation"] = "ReferralErrorReferrerOrganisation",
        ["Select the main reason for the referral"] = "ReferralErrorNeed",
        ["Select where the person is now"] = "ReferralErrorSetting",
        ["Enter what is happening and what help is needed"] = "ReferralErrorDetails",
        ["Confirm the person agrees to the referral, or that it is in their best interests"] = "ReferralErrorConsent",
    };

    /// <summary>
    /// The resource key and arguments of the reader's-language message for a problem the core found, or null when
    /// the core has a message this form does not know yet (it is then shown in the core's own words).
    /// </summary>
    public static (string Key, object[] Arguments)? MessageKeyOf(FieldError problem)
    {
        if (problem.Field == "person.nhsNumber")
        {
            // The core says why in detail (length, repeated digit, check digit); the form says what to do, as Find a person does.
            return (problem.Message.EndsWith("must be 10 digits", StringComparison.Ordinal) ? "ErrorNhsNumberDigits" : "ErrorNhsNumberInvalid", []);
        }

        if (FixedMessages.TryGetValue(problem.Message, out var key))
        {
            return (key, []);
        }

        var tooLong = TooLong().Match(problem.Message);
        string? tooLongKey = problem.Field switch
        {
            "person.givenName" => "ReferralErrorGivenNameTooLong",
            "person.familyName" => "ReferralErrorFamilyNameTooLong",
            "referrerName" => "ReferralErrorReferrerNameTooLong",
            "referrerOrganisation" => "ReferralErrorReferrerOrganisationTooLong",
            "details" => "ReferralErrorDetailsTooLong",
            _ => null,
        };
        return tooLong.Success && tooLongKey is not null
            ? (tooLongKey, [int.Parse(tooLong.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.CurrentCulture)])
            : null;
    }

    public static string Message(FieldError problem, IStringLocalizer<SharedResource> t) =>
        MessageKeyOf(problem) is var (key, arguments) ? t[key, arguments] : problem.Message;

    [GeneratedRegex(@"must be (\d+) characters or fewer$")]
    private static partial Regex TooLong();
}
