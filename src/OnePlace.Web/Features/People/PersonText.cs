using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Events;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.People;

/// <summary>How person data is written on screen, in the reader's language.</summary>
public static partial class PersonText
{
    /// <summary>Family name in capitals, then given name ("SMITH, John"), as NHS patient banners show it.</summary>
    public static string DisplayName(string? givenName, string? familyName) =>
        (familyName, givenName) switch
        {
            ({ Length: > 0 } f, { Length: > 0 } g) => $"{f.ToUpperInvariant()}, {g}",
            ({ Length: > 0 } f, _) => f.ToUpperInvariant(),
            (_, { Length: > 0 } g) => g,
            _ => "–",
        };

    /// <summary>"15 March 1984" (NHS.UK style: no leading zero, month in words), or "Not recorded".</summary>
    public static string Date(DateOnly? date, IStringLocalizer<SharedResource> t) =>
        date?.ToString("d MMMM yyyy", CultureInfo.CurrentCulture) ?? t["NotRecorded"];

    public static string Sex(string? code, IStringLocalizer<SharedResource> t) => code switch
    {
        "M" => t["Sex_M"],
        "F" => t["Sex_F"],
        "U" => t["Sex_U"],
        null or "" => t["NotRecorded"],
        _ => code,
    };

    /// <summary>NHS Data Dictionary "ETHNIC CATEGORY" (2001 census) description for a code letter.</summary>
    public static string Ethnicity(string? code, IStringLocalizer<SharedResource> t)
    {
        if (string.IsNullOrEmpty(code))
        {
            return t["NotRecorded"];
        }

        var text = t["Ethnicity_" + code];
        return text.ResourceNotFound ? code : $"{text.Value} ({code})";
    }

    public static string EventType(string eventType, IStringLocalizer<SharedResource> t) => Lookup(t, "EventType_" + eventType, eventType);

    public static string Partner(string partner, IStringLocalizer<SharedResource> t) => Lookup(t, "Partner_" + partner, partner);

    /// <summary>The event's code in words: the GP contact mode, community service, assessment outcome or VCS service.</summary>
    public static string? EventCode(string eventType, string? code, IStringLocalizer<SharedResource> t)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        return eventType == "outpatient_attendance"
            ? t["TreatmentFunction", code]
            : Lookup(t, $"Code_{eventType}_{code}", code);
    }

    public static string DischargeDestination(string code, IStringLocalizer<SharedResource> t) =>
        Lookup(t, "Discharge_" + code, EventCatalogue.DischargeDestinations.GetValueOrDefault(code, code));

    public static string Status91Days(string code, IStringLocalizer<SharedResource> t) => Lookup(t, "Status91_" + code, code);

    public static string Money(decimal amount) => amount.ToString("C2", CultureInfo.GetCultureInfo("en-GB"));

    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>A full UK postcode in any case and spacing, or just its outward code (e.g. WS1).</summary>
    public static bool IsPostcodeShape(string value) => PostcodeShape().IsMatch(value);

    [GeneratedRegex(@"^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(\s*[0-9][A-Za-z]{2})?\s*$")]
    private static partial Regex PostcodeShape();

    private static string Lookup(IStringLocalizer<SharedResource> t, string key, string fallback)
    {
        var text = t[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
