using OnePlace.Core.Import;
using OnePlace.Core.People;

namespace OnePlace.Core.Referrals;

/// <summary>The person a referral is for, as the referrer describes them.</summary>
public sealed record ReferredPerson(
    string? NhsNumber,
    string GivenName,
    string FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    string? Address,
    string? Phone);

/// <summary>
/// A referral as it arrives by any of the three doors (web form, JSON API, FHIR): each door maps its payload onto
/// this one shape, so that validation, matching, triage and routing are the same whichever way it came in.
/// </summary>
public sealed record ReferralSubmission(
    ReferredPerson Person,
    string ReferrerName,
    string ReferrerOrganisation,
    string? ReferrerContact,
    string Need,
    string Setting,
    string Details,
    bool PersonConsented,
    string? SenderIdentifier = null,
    string? CorrelationId = null)
{
    public const int DetailsMaxLength = 4000;

    /// <summary>
    /// Every problem with the submission, each naming its field (the names are the JSON API's property paths; the
    /// web form maps them onto its inputs). Empty when the referral can be received.
    /// </summary>
    public IReadOnlyList<FieldError> Problems(DateOnly today)
    {
        var problems = new List<FieldError>();
        void Require(string field, string? value, string what, int max = 200)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add(new FieldError(field, $"Enter {what}"));
            }
            else if (value.Length > max)
            {
                problems.Add(new FieldError(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be {max} characters or fewer"));
            }
        }

        if (!string.IsNullOrWhiteSpace(Person.NhsNumber) && People.NhsNumber.Validate(People.NhsNumber.Clean(Person.NhsNumber)) is { } nhsProblem)
        {
            problems.Add(new FieldError("person.nhsNumber", $"NHS number {nhsProblem}"));
        }

        Require("person.givenName", Person.GivenName, "the person's given name", 100);
        Require("person.familyName", Person.FamilyName, "the person's family name", 100);
        if (Person.DateOfBirth is not { } born)
        {
            problems.Add(new FieldError("person.dateOfBirth", "Enter the person's date of birth"));
        }
        else if (born > today)
        {
            problems.Add(new FieldError("person.dateOfBirth", "Date of birth must be today or in the past"));
        }
        else if (born.Year < 1900)
        {
            problems.Add(new FieldError("person.dateOfBirth", "Date of birth must be after 1900"));
        }

        if (Person.Sex is not null and not "" && !FieldRules.Sexes.Contains(Person.Sex))
        {
            problems.Add(new FieldError("person.sex", "Sex must be M, F or U"));
        }

        if (string.IsNullOrWhiteSpace(Person.Postcode))
        {
            problems.Add(new FieldError("person.postcode", "Enter the person's postcode"));
        }
        else if (FieldRules.NormalisePostcode(Person.Postcode) is null)
        {
            problems.Add(new FieldError("person.postcode", "Enter a real postcode, like WS1 1AA"));
        }

        Require("referrerName", ReferrerName, "your name");
        Require("referrerOrganisation", ReferrerOrganisation, "your organisation");
        if (!ReferralNeed.IsKnown(Need))
        {
            problems.Add(new FieldError("need", "Select the main reason for the referral"));
        }

        if (!CareSetting.IsKnown(Setting))
        {
            problems.Add(new FieldError("setting", "Select where the person is now"));
        }

        Require("details", Details, "what is happening and what help is needed", DetailsMaxLength);
        if (!PersonConsented)
        {
            problems.Add(new FieldError("personConsented", "Confirm the person agrees to the referral, or that it is in their best interests"));
        }

        if (SenderIdentifier is { Length: > 200 })
        {
            problems.Add(new FieldError("senderIdentifier", "Sender identifier must be 200 characters or fewer"));
        }

        return problems;
    }
}

/// <summary>A problem with one field of a submission, in words a referrer can act on (GOV.UK error message style).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The submission was refused; nothing was stored.</summary>
public sealed class ReferralValidationException(IReadOnlyList<FieldError> problems)
    : Exception("The referral has problems: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Message}")))
{
    public IReadOnlyList<FieldError> Problems { get; } = problems;
}
