using System.Text.Json;
using OnePlace.Core.People;

namespace OnePlace.Core.PersonIndex;

/// <summary>
/// A person's own details at one moment, kept with a merge so that undoing it puts both people back exactly as they
/// were (their NHS number, demographics, place and date of death).
/// </summary>
public sealed record PersonDetailsSnapshot(
    string? NhsNumber,
    string? GivenName,
    string? FamilyName,
    DateOnly? DateOfBirth,
    string? Sex,
    string? Postcode,
    string? SmallAreaCode,
    string? LocalityCode,
    string? EthnicCategory,
    string? GpPracticeCode,
    DateOnly? DateOfDeath)
{
    public static PersonDetailsSnapshot Of(Person p) => new(
        p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Postcode, p.SmallAreaCode, p.LocalityCode,
        p.EthnicCategory, p.GpPracticeCode, p.DateOfDeath);

    /// <summary>The demographics only (not the NHS number or date of death), for comparing who a person is shown as.</summary>
    public PersonDetailsSnapshot Demographics() => this with { NhsNumber = null, DateOfDeath = null };

    public void ApplyDemographicsTo(Person p)
    {
        p.GivenName = GivenName;
        p.FamilyName = FamilyName;
        p.DateOfBirth = DateOfBirth;
        p.Sex = Sex;
        p.Postcode = Postcode;
        p.SmallAreaCode = SmallAreaCode;
        p.LocalityCode = LocalityCode;
        p.EthnicCategory = EthnicCategory;
        p.GpPracticeCode = GpPracticeCode;
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PersonDetailsSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<PersonDetailsSnapshot>(json) ?? throw new InvalidOperationException("A merge's snapshot is empty.");
}
