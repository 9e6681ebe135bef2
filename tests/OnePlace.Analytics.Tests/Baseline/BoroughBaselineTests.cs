using System.Globalization;
using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Analytics.Tests.Indicators;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Baseline;

/// <summary>The planning baseline of a generated borough: every setting's totals equal counts made directly over the
/// store's events, the population equals the people alive on the mid-point, and PostgreSQL gives the same cells as
/// DuckDB from the same rows (the SQL is portable).</summary>
public sealed class BoroughBaselineTests(DemoBoroughFramework borough) : IClassFixture<DemoBoroughFramework>
{
    private FrameworkPeriod Year => PlanningBaseline.YearFor(PersonMeasures.DataReach(borough.Analytics)!.Value);

    private static string Date(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private double Direct(string sql)
    {
        using var duck = borough.Analytics.OpenForReading();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        return Convert.ToDouble(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Each_settings_activity_placed_and_unplaced_equals_a_direct_count_over_the_events_of_the_year()
    {
        var year = Year;
        var result = PlanningBaseline.Extract(borough.Analytics, year);
        string inYear = $"start_date >= {Date(year.Start)} AND start_date <= {Date(year.End)}";

        double Activity(string setting) =>
            result.Totals.Where(t => t.Setting == setting).Sum(t => t.Activity) + result.Unplaced.Where(t => t.Setting == setting).Sum(t => t.Activity);
        double Cost(string setting) =>
            result.Totals.Where(t => t.Setting == setting).Sum(t => t.CostGbp) + result.Unplaced.Where(t => t.Setting == setting).Sum(t => t.CostGbp);

        foreach (var type in (string[])["emergency_admission", "elective_admission", "outpatient_attendance", "ae_attendance", "gp_contact",
            "community_contact", "vcs_contact", "social_care_assessment", "reablement_episode"])
        {
            double count = Direct($"SELECT count(*) FROM care_event WHERE event_type = '{type}' AND {inYear}");
            Assert.True(count > 0, type);
            Assert.Equal(count, Activity(type));
            Assert.Equal(Direct($"SELECT coalesce(sum(unit_cost_gbp), 0) FROM care_event WHERE event_type = '{type}' AND {inYear}"), Cost(type), 0);
        }

        // Bed days and weeks counted day by day: each day of the year a stay spans (its nights) or a package or
        // placement covers, from a table of the year's days, a different way of clipping to the year than the extraction's.
        string days = $"(SELECT CAST(d AS DATE) AS day FROM range({Date(year.Start)}, {Date(year.End.AddDays(1))}, INTERVAL 1 DAY) t(d))";
        Assert.Equal(Direct($"""
            SELECT count(*) FROM care_event e JOIN {days} y ON y.day >= e.start_date AND y.day < coalesce(e.end_date, DATE '9999-12-31')
            WHERE e.event_type = 'emergency_admission'
            """), Activity(BaselineSetting.EmergencyBedDay));
        Assert.Equal(Direct($"""
            SELECT sum(e.hours_per_week) / 7 FROM care_event e JOIN {days} y ON y.day >= e.start_date AND y.day <= coalesce(e.end_date, DATE '9999-12-31')
            WHERE e.event_type = 'home_care_package'
            """), Activity(BaselineSetting.HomeCareHour), 3);
        Assert.Equal(Direct($"""
            SELECT sum(e.unit_cost_gbp) / 7 FROM care_event e JOIN {days} y ON y.day >= e.start_date AND y.day <= coalesce(e.end_date, DATE '9999-12-31')
            WHERE e.event_type = 'home_care_package'
            """), Cost(BaselineSetting.HomeCareHour), 0);
        foreach (var (type, setting) in (ReadOnlySpan<(string, string)>)[("residential_placement", BaselineSetting.ResidentialCareWeek), ("nursing_placement", BaselineSetting.NursingCareWeek)])
        {
            Assert.Equal(Direct($"""
                SELECT count(*) / 7.0 FROM care_event e JOIN {days} y ON y.day >= e.start_date AND y.day <= coalesce(e.end_date, DATE '9999-12-31')
                WHERE e.event_type = '{type}'
                """), Activity(setting), 3);
        }

        Assert.True(Activity(BaselineSetting.HomeCareHour) > 0 && Activity(BaselineSetting.ResidentialCareWeek) > 0 && Activity(BaselineSetting.EmergencyBedDay) > 0);
    }

    [Fact]
    public void The_population_is_everyone_alive_on_the_mid_point_and_most_cells_of_the_borough_have_people()
    {
        var year = Year;

        var result = PlanningBaseline.Extract(borough.Analytics, year);

        string census = Date(year.Census);
        Assert.Equal(Direct($"SELECT count(*) FROM person WHERE date_of_birth <= {census} AND (date_of_death IS NULL OR date_of_death > {census})"),
            result.Population.Sum(p => p.People) + result.PeopleUnplaced);
        Assert.All(result.Population, p => Assert.True(p.People > 0));
        Assert.Subset(AgeBands.All.ToHashSet(), result.Population.Select(p => p.AgeBand).ToHashSet());
        Assert.Equal(AgeBands.All.Count, result.Population.Select(p => p.AgeBand).Distinct().Count());
        Assert.Equal(["F", "M"], result.Population.Select(p => p.Sex).Distinct().Order(StringComparer.Ordinal));
        Assert.True(result.Cells > 300, $"{result.Cells} cells");
    }

    [Fact]
    public async Task PostgreSQL_gives_the_same_cells_and_population_as_DuckDB()
    {
        Assert.SkipUnless(TestStore.UsesPostgres, "Runs on the suite's PostgreSQL pass (ONEPLACE_TEST_STORE=postgres).");
        var year = Year;
        var duck = PlanningBaseline.Extract(borough.Analytics, year);
        await using var postgres = await borough.CopyToPostgresAsync("baseline_copy");

        var pg = PlanningBaseline.Extract(postgres, year);

        Assert.True(duck.Activity.Count > 1_000, $"{duck.Activity.Count} rows");
        Assert.Equal(duck.Activity.Count, pg.Activity.Count);
        for (int i = 0; i < duck.Activity.Count; i++)
        {
            var (d, p) = (duck.Activity[i], pg.Activity[i]);
            Assert.Equal((d.Locality, d.AgeBand, d.Sex, d.DeprivationQuintile, d.Setting), (p.Locality, p.AgeBand, p.Sex, p.DeprivationQuintile, p.Setting));
            Assert.Equal(d.Activity, p.Activity, 5);
            Assert.Equal(d.CostGbp, p.CostGbp, 1);
        }

        Assert.Equal(duck.Population, pg.Population);
        Assert.Equal(duck.PeopleUnplaced, pg.PeopleUnplaced);
    }
}
