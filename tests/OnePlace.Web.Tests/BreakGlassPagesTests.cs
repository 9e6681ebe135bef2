using System.Net;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>The refused record page, break-glass through its form, the privacy officer's alerts and the "why" panel.</summary>
public sealed class BreakGlassPagesTests
{
    [Fact]
    public async Task A_record_without_a_relationship_is_refused_with_why_and_the_glass_can_be_broken_which_alerts_the_privacy_officer()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var nurse = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);
        using var privacy = await app.SignedInAsync(StaffRoles.PrivacyOfficer);
        var path = $"/people/{margaret.Id}?reason=direct-care";

        var refused = await nurse.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("You have no legitimate relationship with this person", html, StringComparison.Ordinal);
        Assert.Contains("id=\"break-glass\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("OAKES", html, StringComparison.Ordinal);

        var tooShort = await nurse.SubmitAsync(path, "break-glass", new Dictionary<string, string> { ["BreakGlassReason"] = BreakGlassReason.UrgentCare, ["Justification"] = "urgent" });
        Assert.Contains("Explain why in at least 20", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenStore())
        {
            Assert.Equal(0, await db.BreakGlassGrants.CountAsync(TestContext.Current.CancellationToken));
        }

        Assert.DoesNotContain("id=\"break-glass-count\"", await privacy.GetPageAsync("/"), StringComparison.Ordinal);
        var broken = await nurse.SubmitAsync(path, "break-glass", new Dictionary<string, string>
        {
            ["BreakGlassReason"] = BreakGlassReason.UrgentCare,
            ["Justification"] = "Called out overnight; the referral is not on the system yet.",
        });
        Assert.Equal(HttpStatusCode.Redirect, broken.StatusCode);
        var opened = await nurse.GetPageAsync(path);
        Assert.Contains("OAKES, Margaret", opened, StringComparison.Ordinal);
        Assert.Contains("data-basis=\"BreakGlass\"", opened, StringComparison.Ordinal);
        Assert.Contains("You broke the glass: access until", opened, StringComparison.Ordinal);

        var header = await privacy.GetPageAsync("/");
        Assert.Contains("id=\"break-glass-count\"", header, StringComparison.Ordinal);
        var alerts = await privacy.GetPageAsync("/privacy/break-glass");
        Assert.Contains(nurse.Email!, alerts, StringComparison.Ordinal);
        Assert.Contains("Called out overnight", alerts, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync("/privacy/break-glass")).StatusCode);

        long grant;
        await using (var db = app.OpenStore())
        {
            grant = (await db.BreakGlassGrants.SingleAsync(TestContext.Current.CancellationToken)).Id;
            var audited = await db.AuditLog.Where(a => a.Actor == nurse.Email && a.PersonId == margaret.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([AccessAuditAction.ViewDenied, AccessAuditAction.ViewDenied, AccessAuditAction.ViewDenied, BreakGlass.AuditActionName, AuditAction.ViewPerson], audited);
        }

        var reviewed = await privacy.SubmitAsync($"/privacy/break-glass/{grant}", "break-glass-review", new Dictionary<string, string> { ["Outcome"] = BreakGlassOutcome.Justified });
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.DoesNotContain("id=\"break-glass-count\"", await privacy.GetPageAsync("/"), StringComparison.Ordinal);
        await using (var db = app.OpenStore())
        {
            var row = await db.BreakGlassGrants.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal((privacy.Email, BreakGlassOutcome.Justified), (row.ReviewedBy, row.ReviewOutcome));
            Assert.True(await db.AuditLog.AnyAsync(a => a.Action == BreakGlass.ReviewAuditAction && a.Actor == privacy.Email, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task The_person_page_says_why_the_team_may_see_the_record()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        var referral = await TestReferrals.CareForAsync(app, margaret);
        using var nurse = await app.SignedInToTeamAsync(StaffRoles.Practitioner, TestReferrals.UrgentResponseTeam);

        var html = await nurse.GetPageAsync($"/people/{margaret.Id}?reason=direct-care");

        Assert.Contains("Why can I see this record?", html, StringComparison.Ordinal);
        Assert.Contains($"Your team (UCR-ALL) accepted referral {referral.Reference} on", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_is_refused_records_without_the_offer_of_break_glass()
    {
        var (borough, margaret) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var admin = await app.SignedInAsync(StaffRoles.Administrator);

        var response = await admin.GetAsync($"/people/{margaret.Id}?reason=direct-care");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("id=\"break-glass\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
