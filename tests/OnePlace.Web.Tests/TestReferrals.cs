using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Testing;

namespace OnePlace.Web.Tests;

/// <summary>Referrals for page tests, made and moved through the application's own use cases.</summary>
public static class TestReferrals
{
    /// <summary>The SPA coordinator who files the test referrals.</summary>
    public static readonly StaffActor Coordinator = new("spa", "spa.coordinator@partnership.test", [StaffRoles.SpaCoordinator]);


    /// <summary>A referral for <paramref name="person"/> received by the web form's door: a fall at home goes to the
    /// borough-wide urgent community response team, UCR-ALL, on a 2-hour clock.</summary>
    public static async Task<Referral> ReceiveAsync(OnePlaceApp app, SmallBorough.PersonPlan person, string need = ReferralNeed.Fall, string setting = CareSetting.Home)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var receive = scope.ServiceProvider.GetRequiredService<ReceiveReferral>();
        var submission = new ReferralSubmission(
            new ReferredPerson(person.NhsNumberOrNull, person.Given, person.Family, person.DateOfBirth, person.Sex, person.Postcode, null, null),
            "Dr A Patel", SmallBorough.PracticeName, "01922 000000", need, setting,
            "Found on the floor this morning, unhurt but unable to get up alone.", PersonConsented: true);
        return (await receive.ReceiveAsync(Coordinator, submission, ReferralSource.WebForm)).Referral;
    }

    /// <summary>Applies changes in turn, each on the version the last one left, each by whoever makes it in real work
    /// (<see cref="ReferralActors.For"/>).</summary>
    public static async Task<Referral> ChangeAsync(OnePlaceApp app, Referral referral, params ReferralChange[] changes)
    {
        foreach (var change in changes)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            referral = (await scope.ServiceProvider.GetRequiredService<ChangeReferral>().ApplyAsync(ReferralActors.For(referral, change.Action), referral.Id, referral.Version, change))!;
        }

        return referral;
    }

    /// <summary>
    /// Gives the urgent community response team (UCR-ALL) a legitimate relationship with <paramref name="person"/> as real
    /// work does: a fall referral received, then accepted by the team's manager. Staff of UCR-ALL may then open the record.
    /// </summary>
    public static async Task<Referral> CareForAsync(OnePlaceApp app, SmallBorough.PersonPlan person)
    {
        var referral = await ReceiveAsync(app, person);
        Assert.Equal(UrgentResponseTeam, referral.TeamCode);
        return await ChangeAsync(app, referral, new ReferralChange(ReferralAction.Accept));
    }

    /// <summary>The borough-wide urgent community response team a fall at home is routed to.</summary>
    public const string UrgentResponseTeam = "UCR-ALL";

    /// <summary>Moves a referral's arrival and clock back by <paramref name="age"/>, as if it had come in earlier.</summary>
    public static async Task AgeAsync(OnePlaceApp app, Guid referralId, TimeSpan age)
    {
        await using var db = app.OpenStore();
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId);
        referral.ReceivedAtUtc -= age;
        referral.ClockStartedAtUtc -= age;
        referral.DueAtUtc -= age;
        await db.SaveChangesAsync();
    }
}
