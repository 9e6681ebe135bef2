using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;

namespace OnePlace.Testing;

/// <summary>
/// The member of staff who makes each change to a referral in real work: the SPA coordinator runs the queue, and the
/// team holding the referral (or offered it) acts on it. Tests that arrange a referral through the use cases use them,
/// so that the access checks are those of real work.
/// </summary>
public static class ReferralActors
{
    public static readonly StaffActor Coordinator = new("spa", "spa.coordinator@partnership.test", [StaffRoles.SpaCoordinator]);

    /// <summary>The manager of <paramref name="teamCode"/>.</summary>
    public static StaffActor ManagerOf(string teamCode) =>
        new($"manager-{teamCode}", $"manager.{teamCode.ToLowerInvariant()}@partnership.test", [StaffRoles.TeamManager], teamCode);

    /// <summary>Who makes <paramref name="action"/> on <paramref name="referral"/>.</summary>
    public static StaffActor For(Referral referral, ReferralAction action)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return action switch
        {
            ReferralAction.Route or ReferralAction.Decline or ReferralAction.Cancel or ReferralAction.Pause or ReferralAction.Resume => Coordinator,
            ReferralAction.AcceptHandover or ReferralAction.RefuseHandover => ManagerOf(referral.HandoverTeamCode!),
            _ => ManagerOf(referral.TeamCode!),
        };
    }
}
