using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.Privacy;
using OnePlace.Core.Referrals;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Services;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Store;

/// <summary>
/// The National Data Opt-out on a real operational store (SQLite, or PostgreSQL when the suite runs against it): a
/// person on the list is left out of the analytical store at refresh, and so out of every output read from it, while
/// their record and referrals work as before (docs/adr/0017).
/// </summary>
public sealed class NationalDataOptOutTests : IDisposable
{
    private static readonly StaffActor Steward = new("steward-1", "steward@partnership.test", [StaffRoles.DataSteward]);
    private static readonly StaffActor Coordinator = new("spa-1", "coordinator@partnership.test", [StaffRoles.SpaCoordinator]);
    private static readonly DateOnly Checked = new(2026, 1, 5);
    private static readonly IReadOnlyList<FrameworkPeriod> Periods = FrameworkPeriod.For(new DateOnly(2025, 12, 31), 12);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneplace-optout-" + Guid.NewGuid().ToString("N"));

    private AnalyticsStore Analytics => new(Path.Combine(_folder, "analytics.duckdb"));

    /// <summary>Emergency admissions per 1,000 people aged 70 and over (everyone here is 84 or 85).</summary>
    private static readonly IndicatorDefinition AdmissionRate = IndicatorCatalogue.Parse("""
        id: test
        version: 1
        title: Test
        domain: Test
        definition: Test.
        unit: test
        source: Test
        statistic: crude_rate
        multiplier: 1000
        polarity: lower
        population: age >= 70
        numerator:
          from: events
          where: event_type = 'emergency_admission'
        denominator:
          from: people
        """, "test.yaml");

    /// <summary>Ten people known to the GP and the hospital, each admitted once in 2025, except the tenth (NHS number
    /// 10), admitted three times and with a frailty condition: twelve admissions among ten people.</summary>
    private static ExtractFolderBuilder Borough()
    {
        var builder = new ExtractFolderBuilder().WithGeography();
        for (int i = 1; i <= 10; i++)
        {
            string nhs = TestNhsNumbers.Number(i);
            builder.WithPerson(Partner.Gp, $"GP-{i}", nhs, "Person", $"Number{i}", "1940-12-10", i % 2 == 0 ? "F" : "M", "WS1 1AA")
                .WithPerson(Partner.Hospital, $"HOSP-{i}", nhs, "Person", $"Number{i}", "1940-12-10", i % 2 == 0 ? "F" : "M", "WS1 1AA")
                .WithEvent(Partner.Gp, $"E{i}", $"GP-{i}", "gp_contact", "2025-01-06", code: "F2F")
                .WithEvent(Partner.Hospital, $"H{i}", $"HOSP-{i}", "emergency_admission", $"2025-03-{i:00}", end: $"2025-03-{i + 2:00}", code: "J189", destination: "19");
        }

        return builder
            .WithEvent(Partner.Hospital, "H10b", "HOSP-10", "emergency_admission", "2025-06-01", end: "2025-06-04", code: "J189", destination: "19")
            .WithEvent(Partner.Hospital, "H10c", "HOSP-10", "emergency_admission", "2025-09-01", end: "2025-09-02", code: "J189", destination: "19")
            .WithCondition("GP-10", "EFI17", "2020-05-01");
    }

    [Fact]
    public async Task A_person_on_the_list_leaves_the_analytical_store_and_an_indicator_and_the_baseline_lose_exactly_their_part()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await ImportAsync(db, Borough());
        var tenth = await PersonAsync(db, 10);
        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        PersonMeasures.Compute(Analytics, Segments(), new DateOnly(2025, 12, 31));
        var before = Year(FrameworkOutput.Run(Analytics, [AdmissionRate], Periods));
        var baselineBefore = PlanningBaseline.Extract(Analytics, Periods[^1]);

        await ImportListAsync(db, TestNhsNumbers.Number(10));
        var refresh = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        var after = Year(FrameworkOutput.Run(Analytics, [AdmissionRate], Periods));
        var baselineAfter = PlanningBaseline.Extract(Analytics, Periods[^1]);
        Assert.Equal((12d, 10d), (before.Numerator, before.Denominator));
        Assert.Equal((9d, 9d), (after.Numerator, after.Denominator));
        Assert.Equal((1, 9), (refresh.PeopleLeftOut, refresh.People));
        Assert.Equal(12d, Admissions(baselineBefore));
        Assert.Equal(9d, Admissions(baselineAfter));
        Assert.Equal(10, baselineBefore.Population.Sum(p => p.People));
        Assert.Equal(9, baselineAfter.Population.Sum(p => p.People));

        using var duck = Analytics.Open();
        Assert.Equal(0, Count(duck, $"SELECT count(*) FROM person WHERE person_id = '{tenth}'"));
        Assert.Equal(0, Count(duck, $"SELECT count(*) FROM source_record WHERE person_id = '{tenth}'"));
        Assert.Equal(0, Count(duck, $"SELECT count(*) FROM person_measure WHERE person_id = '{tenth}'"));
        // The three admissions, the GP contact and the condition copied before the list came are gone, not just unlinked.
        Assert.Equal(18, Count(duck, "SELECT count(*) FROM care_event"));
        Assert.Equal(0, Count(duck, "SELECT count(*) FROM condition"));
        var audit = await db.AuditLog.Where(a => a.Action == RefreshAnalytics.AuditAction).OrderBy(a => a.Id).Select(a => a.Detail).LastAsync();
        Assert.Contains("people_left_out_opt_out=1", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_comes_off_the_list_is_back_with_their_earlier_events_at_the_next_refresh()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await ImportAsync(db, Borough());
        var tenth = await PersonAsync(db, 10);
        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        await ImportListAsync(db, TestNhsNumbers.Number(10));
        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        await ImportListAsync(db, TestNhsNumbers.Number(50));
        var back = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        Assert.Equal((0, 10, 22), (back.PeopleLeftOut, back.People, back.Events));
        using var duck = Analytics.Open();
        Assert.Equal(4, Count(duck, $"SELECT count(*) FROM person_event WHERE person_id = '{tenth}'"));
        Assert.Equal(1, Count(duck, $"SELECT count(*) FROM person_condition WHERE person_id = '{tenth}'"));
        Assert.Equal(22, Count(duck, "SELECT count(DISTINCT event_id) FROM care_event"));
        var rate = Year(FrameworkOutput.Run(Analytics, [AdmissionRate], Periods));
        Assert.Equal((12d, 10d), (rate.Numerator, rate.Denominator));
    }

    [Fact]
    public async Task A_person_on_the_list_imported_after_the_list_never_reaches_the_analytical_store()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await ImportListAsync(db, TestNhsNumbers.Number(10));
        await ImportAsync(db, Borough());

        var first = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        Assert.Equal((1, 9, 18, 0), (first.PeopleLeftOut, first.People, first.Events, first.ConditionsAdded));
    }

    [Fact]
    public async Task Direct_care_is_unaffected_the_record_opens_in_full_and_a_referral_finds_and_routes_the_person()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        await ImportAsync(db, Borough());
        db.Services.Add(new Service { Code = "UCR", Name = "Urgent Community Response", Partner = Partner.Community, Kind = "urgent_community_response" });
        db.Teams.Add(new Team { Code = "UCR-ALL", Name = "UCR", ServiceCode = "UCR" });
        await db.SaveChangesAsync();
        var tenth = await PersonAsync(db, 10);
        await ImportListAsync(db, TestNhsNumbers.Number(10));
        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        var story = await new PersonRecordAccess(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).OpenAsync(Steward, tenth, AccessReason.DataQuality);
        var receipt = await new ReceiveReferral(db, new AuditWriter(db, TimeProvider.System), TriageRules.Locate(null), TimeProvider.System).ReceiveAsync(
            Coordinator,
            new ReferralSubmission(new ReferredPerson(TestNhsNumbers.Number(10), "Person", "Number10", new DateOnly(1940, 12, 10), "F", "WS1 1AA", null, null),
                "Dr A Patel", "Pleck Health Centre", null, ReferralNeed.Fall, CareSetting.Home, "Fell at home.", true, null),
            ReferralSource.WebForm);

        Assert.Equal((2, 4), (story!.Records.Count, story.TimelineTotal));
        Assert.True(receipt.Created);
        Assert.Equal((tenth, "UCR-ALL"), (receipt.Referral.PersonId, receipt.Referral.TeamCode));
        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        using var duck = Analytics.Open();
        Assert.Equal(0, Count(duck, $"SELECT count(*) FROM referral WHERE person_id = '{tenth}'"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, true);
        }
    }

    private static IndicatorValue Year(FrameworkResult result) =>
        result.Indicators[0].Values.Single(v => v.Period.Kind == PeriodKind.Year && v.Breakdown == Breakdown.Overall);

    private static double Admissions(PlanningBaselineResult baseline) =>
        baseline.Totals.Single(t => t.Setting == BaselineSetting.EmergencyAdmission).Activity;

    private static SegmentTable Segments() => SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv"));

    private static RefreshAnalytics Refresh(OnePlaceDb db) => new(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System);

    private static Task<Guid> PersonAsync(OnePlaceDb db, int n)
    {
        string nhs = TestNhsNumbers.Number(n);
        return db.People.Where(p => p.NhsNumber == nhs).Select(p => p.Id).SingleAsync();
    }

    private static async Task ImportListAsync(OnePlaceDb db, params string[] numbers)
    {
        var result = await new ImportOptOuts(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System)
            .ImportAsync(Steward, "opt-outs.dat", new StringReader(string.Join('\n', numbers.Select(n => n + ","))), Checked);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    private static async Task ImportAsync(OnePlaceDb db, ExtractFolderBuilder folder)
    {
        using (folder)
        {
            var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        }
    }

    private static long Count(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
