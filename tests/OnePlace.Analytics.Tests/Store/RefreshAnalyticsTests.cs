using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Store;

/// <summary>The analytical store refreshed from a real operational store (SQLite, or PostgreSQL when the suite runs
/// against it): appended events and conditions, rebuilt people, merges followed, one audit row a refresh.</summary>
public sealed class RefreshAnalyticsTests : IDisposable
{
    private static readonly StaffActor Steward = new("steward-1", "steward@partnership.test", [StaffRoles.DataSteward]);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneplace-analytics-" + Guid.NewGuid().ToString("N"));

    private AnalyticsStore Analytics => new(Path.Combine(_folder, "analytics.duckdb"));

    private static ExtractFolderBuilder TwoPeople() => new ExtractFolderBuilder().WithGeography()
        .WithPerson(Partner.Gp, "GP-A", TestNhsNumbers.Number(1), "Ada", "Lovelace", "1940-12-10", "F", "WS1 1AA")
        .WithPerson(Partner.Gp, "GP-B", TestNhsNumbers.Number(2), "Bill", "Hartley", "1941-03-02", "M", "WS1 1AB")
        .WithEvent(Partner.Gp, "E1", "GP-A", "gp_contact", "2025-01-06", code: "F2F")
        .WithEvent(Partner.Gp, "E2", "GP-B", "gp_contact", "2025-01-07", code: "TEL")
        .WithCondition("GP-A", "EFI17", "2020-05-01");

    [Fact]
    public async Task A_refresh_copies_people_events_and_conditions_without_names_and_a_second_appends_only_what_is_new()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = TwoPeople())
        {
            await ImportAsync(db, first);
        }

        var one = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        using (var second = TwoPeople().WithEvent(Partner.Gp, "E3", "GP-A", "gp_contact", "2025-02-03", code: "HOME"))
        {
            await ImportAsync(db, second);
        }

        var two = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        Assert.Equal((2, 2, 1), (one.People, one.EventsAdded, one.ConditionsAdded));
        Assert.Equal((2, 1, 0, 3), (two.People, two.EventsAdded, two.ConditionsAdded, two.Events));
        Assert.Equal(new DateOnly(2025, 2, 3), PersonMeasures.DataReach(Analytics));
        using var duck = Analytics.Open();
        var ada = await db.People.Where(p => p.GivenName == "Ada").Select(p => p.Id).SingleAsync();
        Assert.Equal(2, Count(duck, $"SELECT count(*) FROM person_event WHERE person_id = '{ada}'"));
        Assert.Equal(1, Count(duck, $"SELECT count(*) FROM person_condition WHERE person_id = '{ada}' AND code = 'EFI17'"));
        Assert.Equal(2, Count(duck, "SELECT count(*) FROM person p JOIN small_area a USING (small_area_code) WHERE a.imd_decile = 2"));
        Assert.DoesNotContain(Columns(duck, "person"), c => c is "given_name" or "family_name" or "nhs_number" or "postcode");
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Action == RefreshAnalytics.AuditAction && a.Actor == "analyst@partnership.test"));
    }

    [Fact]
    public async Task A_store_copied_before_events_had_a_cause_copies_every_event_again_with_its_cause()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = TwoPeople()
                   .WithPerson(Partner.Hospital, "HOSP-A", TestNhsNumbers.Number(1), "Ada", "Lovelace", "1940-12-10", "F", "WS1 1AA")
                   .WithEvent(Partner.Hospital, "H1", "HOSP-A", "emergency_admission", "2025-01-08", end: "2025-01-10", code: "S720", destination: "19", cause: "W190"))
        {
            await ImportAsync(db, first);
        }

        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        using (var old = Analytics.Open())
        {
            // As the table was before the column: the events are kept, the cause is not.
            AnalyticsStore.Execute(old, "ALTER TABLE care_event DROP COLUMN cause_code");
        }

        var again = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        Assert.Equal((3, 3), (again.EventsAdded, again.Events));
        using var duck = Analytics.Open();
        Assert.Equal(1, Count(duck, "SELECT count(*) FROM care_event WHERE code = 'S720' AND cause_code = 'W190'"));
    }

    [Fact]
    public async Task After_a_merge_the_events_already_copied_belong_to_the_survivor()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = TwoPeople())
        {
            await ImportAsync(db, first);
        }

        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        var people = await db.People.OrderBy(p => p.GivenName).Select(p => p.Id).ToListAsync();
        await new MergePeople(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).MergeAsync(Steward, people[0], people[1], "Same person");

        var after = await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");

        Assert.Equal((1, 0), (after.People, after.EventsAdded));
        using var duck = Analytics.Open();
        Assert.Equal(2, Count(duck, $"SELECT count(*) FROM person_event WHERE person_id = '{people[0]}'"));
        Assert.Equal(0, Count(duck, $"SELECT count(*) FROM person_event WHERE person_id = '{people[1]}'"));
    }

    [Fact]
    public async Task Person_measures_give_each_living_person_their_age_band_deprivation_frailty_score_and_segment()
    {
        await using var store = await TestStore.CreateAsync();
        await using var db = store.Open();
        using (var first = TwoPeople())
        {
            await ImportAsync(db, first);
        }

        await Refresh(db).RunAsync(Analytics, "analyst@partnership.test");
        var segments = SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv"));

        var result = PersonMeasures.Compute(Analytics, segments, new DateOnly(2025, 6, 30));

        Assert.Equal(2, result.People);
        Assert.Equal(2, result.ByFrailty[FrailtyCategory.Fit]);
        using var duck = Analytics.Open();
        var ada = await db.People.Where(p => p.GivenName == "Ada").Select(p => p.Id).SingleAsync();
        Assert.Equal(1, Count(duck, $"SELECT count(*) FROM person_measure WHERE person_id = '{ada}' AND age = 84 AND age_band = '80-84' AND imd_quintile = 1 AND efi_deficits = 1 AND cms = 0.08 AND segment = 4"));
        Assert.Equal(1, Count(duck, "SELECT count(*) FROM person_measure WHERE segment = 1 AND sex = 'M'"));
    }

    [Theory]
    [InlineData("2000-02-29", "2023-02-28", 22)]
    [InlineData("2000-02-29", "2023-03-01", 23)]
    [InlineData("1940-12-10", "2025-12-09", 84)]
    [InlineData("1940-12-10", "2025-12-10", 85)]
    public void Ages_are_whole_years_reached_on_the_birthday(string born, string on, int age)
    {
        Assert.Equal(age, PersonMeasures.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static RefreshAnalytics Refresh(OnePlaceDb db) => new(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System);

    private static async Task ImportAsync(OnePlaceDb db, ExtractFolderBuilder folder)
    {
        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }

    private static long Count(DuckDBConnection duck, string sql)
    {
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Columns(DuckDBConnection duck, string table)
    {
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
