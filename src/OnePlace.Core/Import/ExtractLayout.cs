using OnePlace.Core.People;

namespace OnePlace.Core.Import;

/// <summary>The files of a partner extract folder, their exact headers and the order they are imported in (docs/data-formats.md).</summary>
public static class ExtractLayout
{
    public const string Localities = "geography/localities.csv";
    public const string SmallAreas = "geography/small_areas.csv";
    public const string Postcodes = "geography/postcodes.csv";
    public const string Services = "directory/services.csv";
    public const string Teams = "directory/teams.csv";
    public const string Practices = "gp/practices.csv";
    public const string Conditions = "gp/conditions.csv";

    public static string PeopleFile(string partner) => $"{partner}/people.csv";

    public static string EventsFile(string partner) => $"{partner}/events.csv";

    public static readonly IReadOnlyDictionary<string, string[]> Headers = BuildHeaders();

    private static Dictionary<string, string[]> BuildHeaders()
    {
        var headers = new Dictionary<string, string[]>
        {
            [Localities] = ["locality_code", "locality_name"],
            [SmallAreas] = ["small_area_code", "small_area_name", "locality_code", "imd_decile"],
            [Postcodes] = ["postcode", "small_area_code"],
            [Services] = ["service_code", "service_name", "partner", "service_kind"],
            [Teams] = ["team_code", "team_name", "service_code", "locality_code"],
            [Practices] = ["practice_code", "practice_name", "locality_code", "postcode"],
            [Conditions] = ["record_id", "condition_code", "recorded_date"],
        };
        foreach (var partner in Partner.All)
        {
            headers[PeopleFile(partner)] =
                ["record_id", "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "phone", "email", "ethnicity", "gp_practice_code"];
            headers[EventsFile(partner)] =
                ["event_id", "record_id", "event_type", "start_date", "end_date", "code", "discharge_destination", "hours_per_week", "status_91_days", "unit_cost_gbp", "cause_code"];
        }

        return headers;
    }

    /// <summary>
    /// How many of a file's last columns a file may leave out of its header (their cells are then empty). The event file's
    /// <c>cause_code</c> came after the format was in use, and only hospital admissions carry it: extracts written before
    /// it, and partners that never send one, stay valid without it.
    /// </summary>
    public static int OptionalTrailingColumns(string file) =>
        file.EndsWith("/events.csv", StringComparison.Ordinal) && Headers.ContainsKey(file) ? 1 : 0;

    /// <summary>Reference files first, then people before the conditions and events that refer to them.</summary>
    public static IEnumerable<string> ImportOrder()
    {
        yield return Localities;
        yield return SmallAreas;
        yield return Postcodes;
        yield return Services;
        yield return Teams;
        yield return Practices;
        foreach (var partner in Partner.All)
        {
            yield return PeopleFile(partner);
        }

        yield return Conditions;
        foreach (var partner in Partner.All)
        {
            yield return EventsFile(partner);
        }
    }
}
