using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Governance.Programmes;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Staff;

namespace OnePlace.Web.Tests;

/// <summary>
/// Equality impact assessments and the programme on their pages (PRODUCT.md F2, F3), and the flag a triage replay
/// raises when a candidate treats a deprivation quintile differently.
/// </summary>
public sealed class EqualityAndProgrammePagesTests : IDisposable
{
    private readonly string _rules = Path.Combine(Path.GetTempPath(), "oneplace-eqia-rules-" + Guid.NewGuid().ToString("N"));

    /// <summary>A rules folder with the live v1 and a candidate v3 that sees memory concerns at 80 and over within 2 days
    /// (v1 sees them routinely): the change touches only people referred for a memory concern.</summary>
    private Dictionary<string, string?> RulesFolder()
    {
        Directory.CreateDirectory(_rules);
        var repo = TriageRules.Locate(null).Folder;
        File.Copy(Path.Combine(repo, "v1.csv"), Path.Combine(_rules, "v1.csv"));
        File.WriteAllText(Path.Combine(_rules, "live.txt"), "v1\n");
        var lines = File.ReadAllLines(Path.Combine(repo, "v1.csv")).ToList();
        int memory = lines.FindIndex(l => l.StartsWith("R16,", StringComparison.Ordinal));
        lines.Insert(memory, "R16a,memory_concern,*,80,,two_day,mental_health,Memory concern at 80 or over: assessment within 2 days");
        File.WriteAllLines(Path.Combine(_rules, "v3.csv"), lines);
        return new() { ["Rules:Folder"] = _rules };
    }

    /// <summary>Referrals of people of 85: in Pleck (WS1 1AA, IMD decile 2, quintile Q1) and Streetly (WS9 9ZZ, decile 9, Q5),
    /// for a memory concern or for wound care, as many of each as asked.</summary>
    private static async Task ReferAsync(OnePlaceApp app, int q1Memory, int q1Wounds, int q5Memory, int q5Wounds)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var receive = scope.ServiceProvider.GetRequiredService<ReceiveReferral>();
        var actor = new StaffActor("c", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
        int n = 0;
        foreach (var (postcode, need, count) in new[]
        {
            ("WS1 1AA", ReferralNeed.MemoryConcern, q1Memory), ("WS1 1AA", ReferralNeed.WoundCare, q1Wounds),
            ("WS9 9ZZ", ReferralNeed.MemoryConcern, q5Memory), ("WS9 9ZZ", ReferralNeed.WoundCare, q5Wounds),
        })
        {
            for (int i = 0; i < count; i++, n++)
            {
                await receive.ReceiveAsync(actor, new ReferralSubmission(
                    new ReferredPerson(null, "Person" + ((char)('A' + (n % 26))) + (n / 26), "Walker", new DateOnly(1940, 1, 1).AddDays(n), "F", postcode, null, null),
                    "Dr A Patel", "Pleck Health Centre", null, need, CareSetting.Home, "Needs help at home.", true), ReferralSource.Api);
            }
        }
    }

    [Fact]
    public async Task A_replayed_rule_change_that_treats_a_deprivation_quintile_differently_flags_an_equality_impact_assessment_with_its_breakdown()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough, RulesFolder());
        // Q1: 16 of 20 referred for a memory concern; Q5: 2 of 20. v3 changes 80% of Q1's triage against 10% of Q5's.
        await ReferAsync(app, q1Memory: 16, q1Wounds: 4, q5Memory: 2, q5Wounds: 18);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var replay = await analyst.GetPageAsync("/rules/triage?replay=v3&last=100");

        Assert.Contains("id=\"eqia-flag\"", replay, StringComparison.Ordinal);
        Assert.Contains("An equality impact assessment is needed before v3 goes live", replay, StringComparison.Ordinal);
        Assert.Contains("Deprivation quintile Q1", replay, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        var eqia = await db.EqualityImpactAssessments.AsNoTracking().SingleAsync();
        Assert.Equal((EqiaSubjectKind.TriageRules, "v3", EqiaStatus.Draft), (eqia.SubjectKind, eqia.Subject, eqia.Status));
        Assert.Contains($"href=\"/governance/equality/{eqia.Id}\"", replay, StringComparison.Ordinal);
        Assert.StartsWith("Replay of v3 against 40 referrals: urgency or service changed for 80% in deprivation quintile Q1 against 10% elsewhere", eqia.RaisedBecause, StringComparison.Ordinal);
        var evidence = await db.EqiaEvidence.AsNoTracking().SingleAsync();
        Assert.Equal(EqiaEvidenceKind.TriageReplay, evidence.Kind);
        var q1 = ReplayBreakdown.Parse(evidence.Body)!.Groups.Single(g => g.Dimension == "deprivation quintile" && g.Group == "Q1");
        Assert.Equal((20, 16, true), (q1.Referrals, q1.Changed, q1.Disparity));
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.EqiaRaisedByReplay && a.Actor == analyst.Email));

        // The versions list carries the flag; the assessment shows the breakdown as a table to the programme office.
        var list = await analyst.GetPageAsync("/rules/triage");
        Assert.Contains("Equality impact assessment needed", list, StringComparison.Ordinal);
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        var page = await office.GetPageAsync($"/governance/equality/{eqia.Id}");
        Assert.Contains("class=\"nhsuk-table eqia-replay\"", page, StringComparison.Ordinal);
        Assert.Contains("80.0%", page, StringComparison.Ordinal);
        Assert.Contains("Different", page, StringComparison.Ordinal);

        // A replay again with the same referrals attaches nothing new.
        await analyst.GetPageAsync("/rules/triage?replay=v3&last=100");
        Assert.Equal(1, await db.EqiaEvidence.CountAsync());
    }

    [Fact]
    public async Task A_replayed_rule_change_that_treats_every_quintile_alike_raises_nothing()
    {
        var (borough, _) = TestBoroughs.Standard();
        await using var app = await OnePlaceApp.StartAsync(borough, RulesFolder());
        await ReferAsync(app, q1Memory: 8, q1Wounds: 12, q5Memory: 8, q5Wounds: 12);
        using var analyst = await app.SignedInAsync(StaffRoles.Analyst);

        var replay = await analyst.GetPageAsync("/rules/triage?replay=v3&last=100");

        Assert.Contains("Of the last 40 referrals, 16 would have been triaged differently", replay, StringComparison.Ordinal);
        Assert.DoesNotContain("eqia-flag", replay, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(0, await db.EqualityImpactAssessments.CountAsync());
    }

    [Fact]
    public async Task The_programme_office_starts_and_assesses_a_board_member_signs_off_and_others_are_refused()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        using var nurse = await app.SignedInAsync(StaffRoles.Practitioner);
        int year = DateTime.UtcNow.Year + 1;

        var refused = await office.SubmitAsync("/governance/equality/new", "eqia", new Dictionary<string, string>
        {
            ["Eqia.Title"] = "",
            ["Eqia.Proposal"] = "Close on Sundays.",
            ["Eqia.Kind"] = "ServiceChange",
            ["Eqia.ServiceChange"] = "Day centre hours",
            ["Eqia.Owner"] = "Head of adult social care",
            ["Eqia.DueDay"] = "31",
            ["Eqia.DueMonth"] = "3",
            ["Eqia.DueYear"] = $"{year}",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Enter a title of at most 200 characters.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var started = await office.SubmitAsync("/governance/equality/new", "eqia", new Dictionary<string, string>
        {
            ["Eqia.Title"] = "Day centre Sunday closing",
            ["Eqia.Proposal"] = "Close on Sundays.",
            ["Eqia.Kind"] = "ServiceChange",
            ["Eqia.ServiceChange"] = "Day centre hours",
            ["Eqia.Owner"] = "Head of adult social care",
            ["Eqia.DueDay"] = "31",
            ["Eqia.DueMonth"] = "3",
            ["Eqia.DueYear"] = $"{year}",
        });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!;
        string path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
        int id = int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

        var negative = await office.SubmitAsync(path, "assess", new Dictionary<string, string>
        {
            ["Assess.Version"] = "1",
            ["Assess.Characteristic"] = "Carers",
            ["Assess.Impact"] = "Negative",
            ["Assess.Evidence"] = "Carers' forum, May.",
            ["Assess.Mitigation"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("A negative impact needs its mitigation", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The rest assessed through the use case; the last one, and submitting, through the page.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var assess = scope.ServiceProvider.GetRequiredService<AssessCharacteristic>();
            var actor = new StaffActor("p", office.Email!, [StaffRoles.ProgrammeOffice]);
            int version = 1;
            foreach (var c in Enum.GetValues<Characteristic>().Where(c => c != Characteristic.Carers))
            {
                version = (await assess.AssessAsync(actor, id, version, c, EqiaImpact.Neutral, "No difference expected.", null)).Version;
            }
        }

        var assessed = await office.SubmitAsync(path, "assess", new Dictionary<string, string>
        {
            ["Assess.Version"] = "11",
            ["Assess.Characteristic"] = "Carers",
            ["Assess.Impact"] = "Negative",
            ["Assess.Evidence"] = "Carers' forum, May.",
            ["Assess.Mitigation"] = "Sunday sitting service offered through the carers' centre.",
        });
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.SubmitAsync(path, "submit", new Dictionary<string, string> { ["Submit.Version"] = "12" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostWithTokenFromAsync(path, path, "sign-off", new Dictionary<string, string>
        {
            ["SignOff.Version"] = "13",
            ["SignOff.Decision"] = "Adjust",
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync("/governance/equality")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await board.GetAsync("/governance/equality/new")).StatusCode);

        var signed = await board.SubmitAsync(path, "sign-off", new Dictionary<string, string>
        {
            ["SignOff.Version"] = "13",
            ["SignOff.Decision"] = "Continue",
            ["SignOff.Rationale"] = "Sunday demand is low and the sitting service covers carers.",
        });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var page = await board.GetPageAsync(path);
        Assert.Contains("Continue despite the impact", page, StringComparison.Ordinal);
        Assert.Contains("Sunday sitting service offered through the carers", page, StringComparison.Ordinal);
        var listed = await board.GetPageAsync("/governance/equality");
        Assert.Contains("Signed off", listed, StringComparison.Ordinal);
        await using var db = app.OpenStore();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.EqiaSignedOff && a.Actor == board.Email));
    }

    [Fact]
    public async Task The_programme_page_shows_phases_milestones_and_benefits_and_takes_changes_from_the_programme_office_only()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        int phaseId;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var office = new StaffActor("p", "programme@partnership.test", [StaffRoles.ProgrammeOffice]);
            var programme = await scope.ServiceProvider.GetRequiredService<SetUpProgramme>().SetUpAsync(office, "Care in one place", "Integrated care.", "Director of Transformation",
            [
                new("Assessment", today.AddYears(-2), today.AddYears(-1)),
                new("Implementation", today.AddYears(-1).AddDays(1), today.AddMonths(6)),
                new("Benefits realisation", today.AddMonths(6).AddDays(1), today.AddYears(2)),
            ]);
            await using var db = app.OpenStore();
            phaseId = await db.ProgrammePhases.Where(p => p.ProgrammeId == programme.Id && p.Order == 2).Select(p => p.Id).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<AddMilestone>().AddAsync(office, phaseId, "Single point of access live", "Head of SPA", today.AddDays(-10));
            await scope.ServiceProvider.GetRequiredService<AddBenefit>().AddAsync(office, programme.Id,
                new BenefitPlan("Fewer emergency admissions", "Clinical lead", "emergency-admissions-65", 250, today.AddYears(-2), 225, today.AddYears(2)), ["emergency-admissions-65"]);
        }

        using var office2 = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        using var nurse = await app.SignedInAsync(StaffRoles.Practitioner);

        var page = await board.GetPageAsync("/governance/programme");
        Assert.Contains("Implementation", page, StringComparison.Ordinal);
        Assert.Contains("Current", page, StringComparison.Ordinal);
        Assert.Contains("Overdue", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/outcomes/indicators/emergency-admissions-65\"", page, StringComparison.Ordinal);
        Assert.Contains("No data", page, StringComparison.Ordinal);
        Assert.DoesNotContain("milestone-form", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.GetAsync("/governance/programme")).StatusCode);

        var added = await office2.SubmitAsync("/governance/programme", "milestone", new Dictionary<string, string>
        {
            ["Milestone.Phase"] = $"{phaseId}",
            ["Milestone.Title"] = "Reablement in every locality",
            ["Milestone.Owner"] = "Head of reablement",
            ["Milestone.DueDay"] = "1",
            ["Milestone.DueMonth"] = "6",
            ["Milestone.DueYear"] = $"{today.Year + 1}",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var refusedBoard = await board.PostWithTokenFromAsync("/governance/programme", "/governance/programme", "milestone", new Dictionary<string, string>
        {
            ["Milestone.Phase"] = $"{phaseId}",
            ["Milestone.Title"] = "Not mine",
            ["Milestone.Owner"] = "Board",
            ["Milestone.DueDay"] = "1",
            ["Milestone.DueMonth"] = "6",
            ["Milestone.DueYear"] = $"{today.Year + 1}",
        });
        Assert.Equal(HttpStatusCode.Forbidden, refusedBoard.StatusCode);
        var badBenefit = await office2.SubmitAsync("/governance/programme", "benefit", new Dictionary<string, string>
        {
            ["Benefit.Programme"] = "1",
            ["Benefit.Title"] = "More at home",
            ["Benefit.Owner"] = "Lead",
            ["Benefit.Indicator"] = "made-up",
            ["Benefit.Baseline"] = "60",
            ["Benefit.BaselineDay"] = "1",
            ["Benefit.BaselineMonth"] = "4",
            ["Benefit.BaselineYear"] = "2024",
            ["Benefit.Target"] = "70",
            ["Benefit.TargetDay"] = "1",
            ["Benefit.TargetMonth"] = "4",
            ["Benefit.TargetYear"] = "2027",
        });
        Assert.Equal(HttpStatusCode.BadRequest, badBenefit.StatusCode);
        Assert.Contains("Choose an indicator of the outcomes framework.", await badBenefit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db2 = app.OpenStore();
        Assert.Equal(2, await db2.Milestones.CountAsync());
        Assert.Equal(1, await db2.Benefits.CountAsync());
    }

    [Fact]
    public async Task The_programme_office_sets_up_a_programme_with_its_phases_and_a_bad_one_or_someone_else_changes_nothing()
    {
        await using var app = await OnePlaceApp.StartAsync();
        using var office = await app.SignedInAsync(StaffRoles.ProgrammeOffice);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        int year = DateTime.UtcNow.Year;

        var empty = await office.GetPageAsync("/governance/programme");
        Assert.Contains("No programme has been set up.", empty, StringComparison.Ordinal);
        Assert.Contains("programme-setup-form", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("programme-setup-form", await board.GetPageAsync("/governance/programme"), StringComparison.Ordinal);

        Dictionary<string, string> Form(string secondStartYear) => new()
        {
            ["Setup.Name"] = "Care closer to home",
            ["Setup.Description"] = "Older people's services in one place.",
            ["Setup.Owner"] = "Director of Transformation",
            ["Setup.Phases[0].Name"] = "Assessment",
            ["Setup.Phases[0].StartDay"] = "1",
            ["Setup.Phases[0].StartMonth"] = "4",
            ["Setup.Phases[0].StartYear"] = $"{year}",
            ["Setup.Phases[0].EndDay"] = "30",
            ["Setup.Phases[0].EndMonth"] = "9",
            ["Setup.Phases[0].EndYear"] = $"{year}",
            ["Setup.Phases[1].Name"] = "Implementation",
            ["Setup.Phases[1].StartDay"] = "1",
            ["Setup.Phases[1].StartMonth"] = "10",
            ["Setup.Phases[1].StartYear"] = secondStartYear,
            ["Setup.Phases[1].EndDay"] = "31",
            ["Setup.Phases[1].EndMonth"] = "3",
            ["Setup.Phases[1].EndYear"] = $"{year + 2}",
            ["Setup.Phases[2].Name"] = "",
            ["Setup.Phases[3].Name"] = "",
        };

        // The second phase starts before the first ends: refused with the phases' words, nothing written.
        var overlapping = await office.SubmitAsync("/governance/programme", "setup", Form($"{year - 1}"));
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("Check the phases", await overlapping.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badDate = Form($"{year}");
        badDate["Setup.Phases[1].EndMonth"] = "13";
        var notADate = await office.SubmitAsync("/governance/programme", "setup", badDate);
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Contains("Enter a real start and end date for each phase.", await notADate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await board.PostWithTokenFromAsync("/governance/programme", "/governance/programme", "setup", Form($"{year}"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await using (var db = app.OpenStore())
        {
            Assert.Equal(0, await db.Programmes.CountAsync());
        }

        var made = await office.SubmitAsync("/governance/programme", "setup", Form($"{year}"));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        await using var store = app.OpenStore();
        var programme = await store.Programmes.SingleAsync();
        Assert.Equal(("Care closer to home", "Director of Transformation"), (programme.Name, programme.Owner));
        Assert.Equal(
            [("Assessment", new DateOnly(year, 4, 1), new DateOnly(year, 9, 30)), ("Implementation", new DateOnly(year, 10, 1), new DateOnly(year + 2, 3, 31))],
            (await store.ProgrammePhases.OrderBy(p => p.Order).ToListAsync()).Select(p => (p.Name, p.Start, p.End)));
        Assert.Equal(1, await store.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.ProgrammeChanged));
        Assert.Contains("Care closer to home", await board.GetPageAsync("/governance/programme"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_programme_and_assessments_are_added_once_through_the_use_cases()
    {
        await using var app = await OnePlaceApp.StartAsync();
        var latest = new Dictionary<string, double?>
        {
            ["emergency-admissions-65"] = 24_000,
            ["care-home-admissions-65"] = 600,
            ["still-at-home-91-days"] = 82,
            ["ucr-seen-within-2-hours"] = null,
        };
        await using var db = app.OpenStore();

        Assert.True(await OnePlace.Synthetic.Demo.DemoProgramme.EnsureAsync(db, TimeProvider.System, TriageRules.Locate(null), latest));
        Assert.False(await OnePlace.Synthetic.Demo.DemoProgramme.EnsureAsync(db, TimeProvider.System, TriageRules.Locate(null), latest));

        Assert.Equal(["Assessment", "Implementation", "Benefits realisation"], await db.ProgrammePhases.OrderBy(p => p.Order).Select(p => p.Name).ToListAsync());
        Assert.Equal(8, await db.Milestones.CountAsync());
        // The UCR indicator has no value (withheld): its benefit is left out.
        Assert.Equal(["care-home-admissions-65", "emergency-admissions-65", "still-at-home-91-days"], (await db.Benefits.Select(b => b.IndicatorId).ToListAsync()).Order(StringComparer.Ordinal));
        var eqias = await db.EqualityImpactAssessments.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([EqiaStatus.SignedOff, EqiaStatus.Draft], eqias.Select(a => a.Status));
        Assert.True(await db.AuditLog.CountAsync(a => a.Action == GovernanceAuditAction.ProgrammeChanged) >= 1 + 8 + 3);
        using var board = await app.SignedInAsync(StaffRoles.BoardMember);
        var page = await board.GetPageAsync("/governance/programme");
        Assert.Contains("Care in one place", page, StringComparison.Ordinal);
        Assert.Contains("Shared care record open to all partners", page, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_rules))
        {
            Directory.Delete(_rules, recursive: true);
        }
    }
}
