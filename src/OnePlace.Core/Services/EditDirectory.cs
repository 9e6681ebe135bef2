using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.Services;

/// <summary>What an administrator may change of a service: who it is for and when it is open.</summary>
public sealed record ServiceOffer(string Eligibility, int MinimumAge, int? MaximumAge, TimeOnly OpensAt, TimeOnly ClosesAt, bool OpenAtWeekends);

/// <summary>The change was refused (a field named); nothing was changed.</summary>
public sealed class DirectoryChangeException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Administrators keep the services and teams directory (PRODUCT.md B3): eligibility, opening hours and each team's
/// capacity, which routing reads on every referral. Each change is audited with what it was before.
/// </summary>
public sealed class EditDirectory(OnePlaceDb db, AuditWriter audit)
{
    public static bool MayEdit(StaffActor actor) => actor.May(Permission.EditDirectory);

    public async Task UpdateServiceAsync(StaffActor actor, string code, ServiceOffer offer, CancellationToken cancellationToken = default)
    {
        Refuse(actor);
        var service = await db.Services.SingleOrDefaultAsync(s => s.Code == code, cancellationToken)
            ?? throw new DirectoryChangeException("code", $"There is no service {code}.");
        if (string.IsNullOrWhiteSpace(offer.Eligibility) || offer.Eligibility.Length > 1000)
        {
            throw new DirectoryChangeException("eligibility", "Describe who the service is for, in 1,000 characters or fewer");
        }

        if (offer.MinimumAge is < 0 or > 130 || offer.MaximumAge is < 0 or > 130 || offer.MaximumAge < offer.MinimumAge)
        {
            throw new DirectoryChangeException("minimumAge", "Ages must be between 0 and 130, the oldest no younger than the youngest");
        }

        if (offer.ClosesAt <= offer.OpensAt)
        {
            throw new DirectoryChangeException("closesAt", "The service must close after it opens");
        }

        string before = $"{service.Eligibility}|{service.MinimumAge}-{service.MaximumAge}|{service.OpensAt}-{service.ClosesAt}|weekends={service.OpenAtWeekends}";
        service.Eligibility = offer.Eligibility.Trim();
        service.MinimumAge = offer.MinimumAge;
        service.MaximumAge = offer.MaximumAge;
        service.OpensAt = offer.OpensAt;
        service.ClosesAt = offer.ClosesAt;
        service.OpenAtWeekends = offer.OpenAtWeekends;
        audit.Add(actor.AuditName, "directory.service_changed", detail: $"service={code}; before={before}");
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetTeamCapacityAsync(StaffActor actor, string teamCode, int capacity, CancellationToken cancellationToken = default)
    {
        Refuse(actor);
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Code == teamCode, cancellationToken)
            ?? throw new DirectoryChangeException("team", $"There is no team {teamCode}.");
        if (capacity is < 0 or > 100_000)
        {
            throw new DirectoryChangeException("capacity", "Capacity must be a whole number from 0 to 100,000");
        }

        audit.Add(actor.AuditName, "directory.team_capacity_changed", detail: $"team={teamCode}; before={team.Capacity}; after={capacity}");
        team.Capacity = capacity;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Refuse(StaffActor actor)
    {
        if (!MayEdit(actor))
        {
            throw new PersonAccessDeniedException();
        }
    }
}
