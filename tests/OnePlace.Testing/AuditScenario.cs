using Microsoft.AspNetCore.Identity;
using OnePlace.Core.Access;
using OnePlace.Core.ApiClients;
using OnePlace.Core.Audit;
using OnePlace.Core.People;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Testing;

/// <summary>
/// A small audit log to review: two people (Ada, whose NHS number is <see cref="AdaNhsNumber"/>, and Ben), a nurse and a
/// coordinator with their roles and organisations, a registered client system, and rows written through the real
/// <see cref="AuditWriter"/> (so they are hash-chained) on known days in January 2026.
/// </summary>
public sealed class AuditScenario
{
    public const string Nurse = "nurse@partnership.test";
    public const string Coordinator = "spa@partnership.test";
    public const string ClientId = "gp-system";

    public static readonly string AdaNhsNumber = TestNhsNumbers.Number(41);

    public Guid Ada { get; } = Guid.NewGuid();

    public Guid Ben { get; } = Guid.NewGuid();

    /// <summary>Rows written, oldest first: ids are given in this order.</summary>
    public static async Task<AuditScenario> SeedAsync(OnePlaceDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var scenario = new AuditScenario();
        db.People.Add(new Person { Id = scenario.Ada, GivenName = "Ada", FamilyName = "Lovelace", NhsNumber = AdaNhsNumber, DateOfBirth = new DateOnly(1940, 12, 10) });
        db.People.Add(new Person { Id = scenario.Ben, GivenName = "Ben", FamilyName = "Nevis", NhsNumber = TestNhsNumbers.Number(42), DateOfBirth = new DateOnly(1950, 1, 1) });
        AddStaff(db, Nurse, "Nora Nurse", "Northside Community Trust", StaffRoles.Practitioner);
        AddStaff(db, Coordinator, "Sam Coordinator", "Borough Council", StaffRoles.SpaCoordinator);
        db.ApiClients.Add(new ApiClient { ClientId = ClientId, Name = "Riverside GP system", Organisation = "Riverside Surgery", SecretHash = "x" });
        await db.SaveChangesAsync();

        var clock = new FixedClock(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var audit = new AuditWriter(db, clock);
        int written = 0;
        async Task Row(string actor, string action, Guid? person, string? reason, string? detail, int day)
        {
            clock.Advance(new DateTimeOffset(2026, 1, day, 9, written++, 0, TimeSpan.Zero) - clock.GetUtcNow());
            audit.Add(actor, action, person, reason, detail);
            await db.SaveChangesAsync();
        }

        await Row("import:test", AuditAction.Import, scenario.Ada, "Partner extract import", null, 5);
        await Row("person-index", AuditAction.LinkPerson, scenario.Ada, "Person index linkage", "records_linked=1", 5);
        await Row(Nurse, AuditAction.SearchPeople, null, AccessReason.DirectCare, "fields=family_name,date_of_birth; matches=1; shown=1", 6);
        await Row(Nurse, AuditAction.ListPerson, scenario.Ada, AccessReason.DirectCare, "shown in search results", 6);
        await Row(Nurse, AuditAction.ViewPerson, scenario.Ada, AccessReason.DirectCare, "records=1; events_shown=3 of 3", 6);
        await Row(ApiClientRegistry.ActorName(ClientId), ReferralAuditAction.Create, scenario.Ada, AccessReason.ReferralTriage, "referral=R-1", 7);
        await Row(Coordinator, ReferralAuditAction.Change, scenario.Ada, AccessReason.DirectCare, "referral=R-1; action=accepted", 8);
        await Row(Coordinator, ReferralAuditAction.View, scenario.Ben, AccessReason.DirectCare, "referral=R-2", 8);
        await Row(Coordinator, "person.break_glass", scenario.Ada, AccessReason.DirectCare, "why=unconscious in ED", 9);
        await Row(Coordinator, "person.some_future_action", scenario.Ada, AccessReason.DirectCare, null, 9);
        await Row(Nurse, AccessAuditAction.ViewDenied, scenario.Ben, AccessReason.DirectCare, "attempted=open", 10);
        await Row(Nurse, AuditAction.SignIn, null, null, null, 10);
        return scenario;
    }

    /// <summary>How many rows <see cref="SeedAsync"/> writes.</summary>
    public const int Rows = 12;

    private static void AddStaff(OnePlaceDb db, string userName, string displayName, string organisation, string role)
    {
        var user = new StaffUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), Email = userName, DisplayName = displayName, Organisation = organisation };
        // The web host creates the roles at start-up; a bare store has none.
        string normalized = role.ToUpperInvariant();
        var stored = db.Roles.SingleOrDefault(r => r.NormalizedName == normalized);
        if (stored is null)
        {
            stored = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
            db.Roles.Add(stored);
        }

        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = stored.Id });
    }
}
