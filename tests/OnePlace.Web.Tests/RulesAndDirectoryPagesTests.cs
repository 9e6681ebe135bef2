using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

public sealed class RulesAndDirectoryPagesTests
{
    [Fact]
    public async Task The_rules_page_shows_the_live_table_and_replays_a_candidate_against_past_referrals()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var receive = scope.ServiceProvider.GetRequiredService<ReceiveReferral>();
            var actor = new StaffActor("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
            foreach (var (given, born) in new[] { ("Edith", new DateOnly(1932, 5, 1)), ("Frank", new DateOnly(1975, 5, 1)) })
            {
                await receive.ReceiveAsync(actor, new ReferralSubmission(new ReferredPerson(null, given, "Walker", born, "F", "WS1 1AA", null, null),
                    "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Mobility, CareSetting.Home, "Struggling with stairs.", true), ReferralSource.Api);
            }
        }

        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);
        var page = await analyst.GetPageAsync("/rules/triage");
        var replay = await analyst.GetPageAsync("/rules/triage?replay=v2&last=100");

        Assert.Contains("R01", page, StringComparison.Ordinal);
        Assert.Contains("Live", page, StringComparison.Ordinal);
        Assert.Contains("Of the last 2 referrals, 1 would have been triaged differently: 1 more urgent, 0 less urgent, 0 to another service.", replay, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "triage.replayed" && a.PersonId == null));
    }

    [Fact]
    public async Task An_administrator_changes_a_team_capacity_and_others_cannot()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough);
        using var admin = await app.SignedInAsync(StaffRoles.Administrator);
        using var practitioner = await app.SignedInAsync(StaffRoles.Practitioner);

        var saved = await admin.SubmitAsync("/directory", "team-THR-N", new Dictionary<string, string> { ["Change.Code"] = "THR-N", ["Change.Capacity"] = "7" });
        var refused = await practitioner.PostWithTokenFromAsync("/directory", "/directory", "team-THR-N", new Dictionary<string, string> { ["Change.Code"] = "THR-N", ["Change.Capacity"] = "9" });
        var invalid = await admin.SubmitAsync("/directory", "team-THR-S", new Dictionary<string, string> { ["Change.Code"] = "THR-S", ["Change.Capacity"] = "lots" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Capacity must be a whole number", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(7, await db.Teams.Where(t => t.Code == "THR-N").Select(t => t.Capacity).SingleAsync());
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "directory.team_capacity_changed"));
    }
}
