using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Clocks;
using OnePlace.Core.Referrals.Triage;

namespace OnePlace.Core.Tests.Referrals;

public sealed class TriageTableTests
{
    private const string Header = "rule,need,setting,min_age,max_age,urgency,service,reason\n";

    private static TriageTable Parse(string rows) => TriageTable.Parse("v9", new StringReader(Header + rows));

    [Fact]
    public void The_first_matching_row_decides()
    {
        var table = Parse("""
            A,fall,home,85,,crisis_2h,urgent_community_response,Oldest first
            B,fall,*,,,two_day,therapy,Any other fall
            Z,*,*,,,routine,,Anything else
            """);

        Assert.Equal("A", table.Triage(new TriageInput(ReferralNeed.Fall, CareSetting.Home, 90)).Rule);
        Assert.Equal("B", table.Triage(new TriageInput(ReferralNeed.Fall, CareSetting.Home, 84)).Rule);
        Assert.Equal("B", table.Triage(new TriageInput(ReferralNeed.Fall, CareSetting.CareHome, 90)).Rule);
        var fallback = table.Triage(new TriageInput(ReferralNeed.WoundCare, CareSetting.Home, 50));
        Assert.Equal(("Z", Urgency.Routine, (string?)null), (fallback.Rule, fallback.Urgency, fallback.ServiceKind));
    }

    [Fact]
    public void A_table_whose_last_row_leaves_referrals_untriaged_is_refused()
    {
        var refused = Assert.Throws<TriageTableException>(() => Parse("A,fall,*,,,crisis_2h,urgent_community_response,Falls\n"));

        Assert.Contains(refused.Problems, p => p.Contains("must match every referral", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_row_is_named_by_its_line()
    {
        var refused = Assert.Throws<TriageTableException>(() => Parse("""
            A,toothache,*,,,crisis_2h,,Teeth
            B,fall,garden,,,soon,,Falls
            B,fall,*,90,80,routine,,
            Z,*,*,,,routine,,Anything else
            """));

        Assert.Contains(refused.Problems, p => p.StartsWith("line 2: need 'toothache'", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 3: setting 'garden'", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 3: urgency 'soon'", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 4: rule id 'B'", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 4: min_age is above max_age", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.StartsWith("line 4: a rule needs a reason", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_version_in_the_rules_folder_passes_its_checks_and_one_is_live()
    {
        var rules = TriageRules.Locate(null);

        Assert.Contains("v1", rules.Versions());
        foreach (var version in rules.Versions())
        {
            Assert.Equal(version, rules.Load(version).Version);
        }

        Assert.Contains(rules.LiveVersion(), rules.Versions());
    }

    [Theory]
    [InlineData(ReferralNeed.Fall, CareSetting.Home, 80, Urgency.Crisis2Hour, "urgent_community_response")]
    [InlineData(ReferralNeed.CarerBreakdown, CareSetting.Home, 70, Urgency.Crisis2Hour, "urgent_community_response")]
    [InlineData(ReferralNeed.HospitalDischarge, CareSetting.Hospital, 88, Urgency.TwoDay, "reablement")]
    [InlineData(ReferralNeed.Safeguarding, CareSetting.Home, 40, Urgency.TwoDay, "social_work")]
    [InlineData(ReferralNeed.WoundCare, CareSetting.Home, 75, Urgency.Routine, "district_nursing")]
    [InlineData(ReferralNeed.SocialIsolation, CareSetting.Home, 81, Urgency.Routine, "voluntary")]
    [InlineData(ReferralNeed.Fall, CareSetting.Home, 12, Urgency.Routine, null)]
    public void The_first_live_table_triages_the_nine_ucr_conditions_to_a_two_hour_response_and_the_rest_by_need(
        string need, string setting, int age, string urgency, string? service)
    {
        var result = TriageRules.Locate(null).Load("v1").Triage(new TriageInput(need, setting, age));

        Assert.Equal((urgency, service), (result.Urgency, result.ServiceKind));
    }
}
