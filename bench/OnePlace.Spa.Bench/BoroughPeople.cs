using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Store;

namespace OnePlace.Spa.Bench;

/// <summary>A real person of the loaded borough, as a referrer would describe them.</summary>
internal sealed record BoroughPerson(string? NhsNumber, string GivenName, string FamilyName, DateOnly DateOfBirth, string? Sex, string Postcode, int Age);

/// <summary>
/// The adults of the loaded borough (alive, not merged, with a name, birth date and postcode), read from the store so
/// that every referral names someone the person index holds and person matching, place look-up and routing meet the
/// store's real table sizes.
/// </summary>
internal static class BoroughPeople
{
    public static async Task<IReadOnlyList<BoroughPerson>> AdultsAsync(StoreSettings store)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var adultBy = today.AddYears(-18);
        await using var db = StoreRegistration.Open(store);
        var rows = await db.People.AsNoTracking()
            .Where(p => p.MergedIntoId == null && p.DateOfDeath == null && p.DateOfBirth != null && p.DateOfBirth <= adultBy
                        && p.GivenName != null && p.FamilyName != null && p.Postcode != null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.NhsNumber, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Postcode })
            .ToListAsync();
        return rows.Select(p => new BoroughPerson(p.NhsNumber, p.GivenName!, p.FamilyName!, p.DateOfBirth!.Value, p.Sex, p.Postcode!, AgeOn(p.DateOfBirth.Value, today)))
            .ToList();
    }

    private static int AgeOn(DateOnly born, DateOnly day)
    {
        int age = day.Year - born.Year;
        return born > day.AddYears(-age) ? age - 1 : age;
    }
}
