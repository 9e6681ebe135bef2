using OnePlace.Core.Conditions;
using OnePlace.Core.Events;
using OnePlace.Core.People;

namespace OnePlace.Core.Import;

/// <summary>A person row, validated.</summary>
internal sealed record PersonRow(
    string RecordId, string? NhsNumber, string? GivenName, string? FamilyName, DateOnly? DateOfBirth, string? Sex,
    string? Postcode, string? Address, string? Phone, string? Email, string? Ethnicity, string? GpPracticeCode);

/// <summary>An event row, validated; ICD-10 codes in their form without a dot.</summary>
internal sealed record EventRow(
    string EventId, string RecordId, string EventType, DateOnly StartDate, DateOnly? EndDate, string? Code,
    string? DischargeDestination, decimal? HoursPerWeek, string? Status91Days, decimal? UnitCostGbp, string? CauseCode);

/// <summary>
/// Turns the fields of one row into a typed row, or into every reason the row is refused. Validation and writing
/// share these parsers so that what is checked is exactly what is written.
/// </summary>
internal static class ExtractRows
{
    private static string? Opt(string value) => value.Length == 0 ? null : value.Trim();

    public static PersonRow? ParsePerson(string[] f, DateOnly today, List<string> reasons)
    {
        string recordId = f[0].Trim();
        if (recordId.Length == 0)
        {
            reasons.Add("record_id is required");
        }

        string? nhs = Opt(f[1]);
        if (nhs is not null)
        {
            nhs = NhsNumber.Clean(nhs);
            if (NhsNumber.Validate(nhs) is { } why)
            {
                reasons.Add($"nhs_number {why}");
            }
        }

        string? given = Opt(f[2]), family = Opt(f[3]);
        if (given is null && family is null)
        {
            reasons.Add("given_name or family_name is required");
        }

        DateOnly? birth = null;
        if (Opt(f[4]) is { } dob && FieldRules.CheckBirthDate(dob, today, out birth) is { } birthError)
        {
            reasons.Add(birthError);
        }

        string? sex = Opt(f[5]);
        if (sex is not null && !FieldRules.Sexes.Contains(sex))
        {
            reasons.Add($"sex '{sex}' must be M, F or U");
        }

        string? postcode = Opt(f[6]);
        if (postcode is not null)
        {
            var normalised = FieldRules.NormalisePostcode(postcode);
            if (normalised is null)
            {
                reasons.Add($"postcode '{postcode}' is not a UK postcode");
            }

            postcode = normalised;
        }

        string? ethnicity = Opt(f[10]);
        if (ethnicity is not null && !FieldRules.EthnicCategories.Contains(ethnicity))
        {
            reasons.Add($"ethnicity '{ethnicity}' is not an NHS ethnic category code");
        }

        string? practice = Opt(f[11]);
        if (practice is not null && !FieldRules.IsPracticeCode(practice))
        {
            reasons.Add($"gp_practice_code '{practice}' is not a practice code (one letter and five digits)");
        }

        return reasons.Count > 0
            ? null
            : new PersonRow(recordId, nhs, given, family, birth, sex, postcode, Opt(f[7]), Opt(f[8]), Opt(f[9]), ethnicity, practice);
    }

    public static (string RecordId, string Code, DateOnly Recorded)? ParseCondition(string[] f, List<string> reasons)
    {
        string recordId = f[0].Trim(), code = f[1].Trim();
        if (recordId.Length == 0)
        {
            reasons.Add("record_id is required");
        }

        if (ConditionCatalogue.Find(code) is null)
        {
            reasons.Add($"condition_code '{code}' is not a known condition code");
        }

        if (!FieldRules.TryParseDate(f[2], out var recorded))
        {
            reasons.Add($"recorded_date '{f[2]}' is not a date in yyyy-MM-dd form");
        }

        return reasons.Count > 0 ? null : (recordId, code, recorded);
    }

    public static EventRow? ParseEvent(string partner, string[] f, List<string> reasons)
    {
        string eventId = f[0].Trim(), recordId = f[1].Trim(), type = f[2].Trim();
        if (eventId.Length == 0)
        {
            reasons.Add("event_id is required");
        }

        if (recordId.Length == 0)
        {
            reasons.Add("record_id is required");
        }

        var rule = EventCatalogue.Find(partner, type);
        if (rule is null)
        {
            reasons.Add($"event_type '{type}' is not one this partner sends (allowed: {string.Join(", ", EventCatalogue.TypesFor(partner))})");
        }

        if (!FieldRules.TryParseDate(f[3], out var start))
        {
            reasons.Add($"start_date '{f[3]}' is not a date in yyyy-MM-dd form");
        }

        DateOnly? end = null;
        if (Opt(f[4]) is { } endText)
        {
            if (FieldRules.TryParseDate(endText, out var e))
            {
                end = e;
                if (e < start)
                {
                    reasons.Add($"end_date {endText} is before start_date {f[3]}");
                }
            }
            else
            {
                reasons.Add($"end_date '{endText}' is not a date in yyyy-MM-dd form");
            }
        }

        string? code = Opt(f[5]), destination = Opt(f[6]), status = Opt(f[8]), cause = Opt(f[10]);
        decimal? hours = null, cost = null;
        if (Opt(f[7]) is { } hoursText)
        {
            if (FieldRules.TryParseAmount(hoursText, out var h) && h > 0)
            {
                hours = h;
            }
            else
            {
                reasons.Add($"hours_per_week '{hoursText}' must be a number greater than 0");
            }
        }

        if (Opt(f[9]) is { } costText)
        {
            if (FieldRules.TryParseAmount(costText, out var c))
            {
                cost = c;
            }
            else
            {
                reasons.Add($"unit_cost_gbp '{costText}' must be an amount in pounds such as 245.00");
            }
        }

        if (rule is not null)
        {
            if (rule.Diagnosis)
            {
                code = CheckDiagnosis(code, cause, reasons, out cause);
            }
            else if (cause is not null)
            {
                reasons.Add($"cause_code must be empty for {rule.EventType}");
            }

            CheckAgainstRule(rule, end, code, destination, hours, status, reasons);
        }

        return reasons.Count > 0 ? null : new EventRow(eventId, recordId, type, start, end, code, destination, hours, status, cost, cause);
    }

    /// <summary>
    /// An ICD-10 primary diagnosis and external cause (docs/data-formats.md): each optional, each normalised to the form
    /// without a dot. The cause must come from chapter XX (V01–Y98) and the diagnosis must not, as ICD-10 never puts an
    /// external cause in the primary position.
    /// </summary>
    private static string? CheckDiagnosis(string? code, string? cause, List<string> reasons, out string? normalisedCause)
    {
        string? diagnosis = null;
        if (code is not null)
        {
            diagnosis = FieldRules.NormaliseIcd10Code(code);
            if (diagnosis is null)
            {
                reasons.Add($"code '{code}' is not an ICD-10 code (a letter, two digits and optionally a fourth character, e.g. S720, R55X)");
            }
            else if (FieldRules.IsIcd10ExternalCause(diagnosis))
            {
                reasons.Add($"code '{code}' is an ICD-10 external cause (V01-Y98), not a diagnosis: it belongs in cause_code");
            }
        }

        normalisedCause = null;
        if (cause is not null)
        {
            normalisedCause = FieldRules.NormaliseIcd10Code(cause);
            if (normalisedCause is null || !FieldRules.IsIcd10ExternalCause(normalisedCause))
            {
                reasons.Add($"cause_code '{cause}' is not an ICD-10 external cause code (V01-Y98, e.g. W19 or W190 for a fall)");
            }
        }

        return diagnosis;
    }

    private static void CheckAgainstRule(
        EventCatalogue.EventRule rule, DateOnly? end, string? code, string? destination, decimal? hours, string? status, List<string> reasons)
    {
        if (rule.EndDateRequired && end is null)
        {
            reasons.Add($"end_date is required for {rule.EventType}");
        }

        if (code is not null && !rule.Diagnosis)
        {
            bool known = rule.EventType == "outpatient_attendance"
                ? code.Length == 3 && code.All(char.IsAsciiDigit)
                : rule.Codes?.Contains(code) ?? false;
            if (!known)
            {
                reasons.Add(rule.Codes is null && rule.EventType != "outpatient_attendance"
                    ? $"code must be empty for {rule.EventType}"
                    : $"code '{code}' is not valid for {rule.EventType}");
            }
        }

        if (destination is not null && !EventCatalogue.DischargeDestinations.ContainsKey(destination))
        {
            reasons.Add($"discharge_destination '{destination}' is not a discharge destination code");
        }
        else if (rule.DischargeDestinationRequired && destination is null)
        {
            reasons.Add($"discharge_destination is required for {rule.EventType}");
        }

        if (rule.HoursPerWeekRequired && hours is null)
        {
            reasons.Add($"hours_per_week is required for {rule.EventType}");
        }

        if (status is not null && !EventCatalogue.Status91Days.Contains(status))
        {
            reasons.Add($"status_91_days '{status}' must be one of {string.Join(", ", EventCatalogue.Status91Days)}");
        }
        else if (rule.Status91DaysRequired && status is null)
        {
            reasons.Add($"status_91_days is required for {rule.EventType}");
        }
    }
}
