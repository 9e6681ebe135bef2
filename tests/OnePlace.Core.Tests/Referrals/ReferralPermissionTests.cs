using OnePlace.Core.Access;
using OnePlace.Core.CarePlans;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;

namespace OnePlace.Core.Tests.Referrals;

/// <summary>Who may act on one referral: the team that holds it, never staff of another team or of none (ASVS 5.0 8.2.2).</summary>
public sealed class ReferralPermissionTests
{
    private static Referral HeldBy(string team) => new()
    {
        Reference = "R-1",
        Source = ReferralSource.WebForm,
        SubmittedBy = "spa",
        PersonMatch = "matched",
        ReferrerName = "Dr A Patel",
        ReferrerOrganisation = "Practice",
        Need = ReferralNeed.Fall,
        Setting = CareSetting.Home,
        Details = "Fall at home.",
        Urgency = "2-hour",
        TriageVersion = "v1",
        TriageRule = "r1",
        TriageReason = "fall",
        Status = ReferralStatus.Accepted,
        TeamCode = team,
    };

    [Theory]
    [InlineData(StaffRoles.Practitioner)]
    [InlineData(StaffRoles.TeamManager)]
    public void Only_staff_of_the_holding_team_act_on_a_referral_and_its_care_plan(string role)
    {
        var referral = HeldBy("UCR-ALL");
        var own = new StaffActor("a", "a@partnership.test", [role], "UCR-ALL");
        var other = new StaffActor("b", "b@partnership.test", [role], "DN-NORTH");
        var none = new StaffActor("c", "c@partnership.test", [role]);

        Assert.True(ChangeReferral.MayApply(own, referral, ReferralAction.Accept));
        Assert.False(ChangeReferral.MayApply(other, referral, ReferralAction.Accept));
        Assert.False(ChangeReferral.MayApply(none, referral, ReferralAction.Accept));

        Assert.True(ChangeCarePlan.MayChangePlan(own, "UCR-ALL"));
        Assert.False(ChangeCarePlan.MayChangePlan(other, "UCR-ALL"));
        Assert.False(ChangeCarePlan.MayChangePlan(none, "UCR-ALL"));
    }
}
