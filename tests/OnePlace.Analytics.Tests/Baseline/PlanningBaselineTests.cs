using OnePlace.Analytics.Baseline;
using OnePlace.Analytics.Indicators;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Tests.Baseline;

/// <summary>The planning baseline on a small analytical store whose every figure can be counted by hand: each
/// setting's units and cost inside the year, the cell each person's activity falls in, the population on the year's
/// mid-point, and the files' exact headers and stable order.</summary>
public sealed class PlanningBaselineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oneplace-baseline-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    /// <summary>Data reaching 31 December 2025: the year is calendar 2025, its mid-point 2 July 2025.</summary>
    private static readonly FrameworkPeriod Year2025 = PlanningBaseline.YearFor(new DateOnly(2025, 12, 31));

    private BaselineStoreBuilder Builder() => new(new AnalyticsStore(Path.Combine(_folder, "analytics.duckdb")));

    private static SettingTotal Total(PlanningBaselineResult result, string setting) => result.Totals.Single(t => t.Setting == setting);

    [Fact]
    public void The_baseline_year_is_the_twelve_whole_months_the_indicators_report_on_with_its_mid_point_as_census()
    {
        var year = PlanningBaseline.YearFor(new DateOnly(2026, 2, 14));

        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2026, 1, 31)), (year.Start, year.End));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2025, 7, 2)), (Year2025.Start, Year2025.End, Year2025.Census));
    }

    [Fact]
    public void An_emergency_spell_counts_in_the_year_it_is_admitted_and_its_bed_days_only_for_the_nights_inside_the_year()
    {
        var builder = Builder();
        long person = builder.Person();
        builder.Event(person, "emergency_admission", "2024-12-29", "2025-01-03", cost: 5395)   // 2 nights in 2025 (1, 2 Jan); admitted in 2024
            .Event(person, "emergency_admission", "2025-03-01", "2025-03-01", cost: 824)        // same day: a spell, no bed day
            .Event(person, "emergency_admission", "2025-06-10", "2025-06-15", cost: 5395)       // 5 nights
            .Event(person, "emergency_admission", "2025-12-30", "2026-01-04", cost: 5395)       // 2 nights in 2025 (30, 31 Dec)
            .Event(person, "emergency_admission", "2026-01-02", "2026-01-05", cost: 5395);      // after the year

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        Assert.Equal(new SettingTotal(BaselineSetting.EmergencyAdmission, 3, 824 + 5395 + 5395), Total(result, BaselineSetting.EmergencyAdmission));
        Assert.Equal(new SettingTotal(BaselineSetting.EmergencyBedDay, 2 + 5 + 2, 0), Total(result, BaselineSetting.EmergencyBedDay));
    }

    [Fact]
    public void A_home_care_package_gives_its_weekly_hours_for_each_week_inside_the_year_at_its_weekly_cost()
    {
        var builder = Builder();
        long person = builder.Person();
        // 10 hours a week at £28.53 an hour: £285.30 a week (the generator's rule, docs/data-formats.md).
        builder.Event(person, "home_care_package", "2025-12-18", null, hours: 10, cost: 285.30)      // open: 18–31 Dec, 14 days = 2 weeks
            .Event(person, "home_care_package", "2024-11-01", "2025-01-14", hours: 7, cost: 199.71)  // 1–14 Jan, 2 weeks
            .Event(person, "home_care_package", "2025-03-03", "2025-03-09", hours: 21, cost: 599.13) // one week, both ends counted
            .Event(person, "home_care_package", "2024-01-01", "2024-12-31", hours: 30, cost: 855.90); // before the year

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        var total = Total(result, BaselineSetting.HomeCareHour);
        Assert.Equal((10 * 2) + (7 * 2) + 21, total.Activity, 6);
        Assert.Equal((285.30 * 2) + (199.71 * 2) + 599.13, total.CostGbp, 2);
    }

    [Fact]
    public void A_care_home_placement_gives_its_weeks_inside_the_year_at_its_weekly_fee()
    {
        var builder = Builder();
        long resident = builder.Person(born: "1935-05-05");
        long patient = builder.Person(born: "1933-05-05", died: "2025-02-25");
        builder.Event(resident, "residential_placement", "2025-10-02", null, cost: 728)   // 2 Oct – 31 Dec: 91 days, 13 weeks
            .Event(patient, "nursing_placement", "2024-06-01", "2025-02-25", cost: 831);  // 1 Jan – 25 Feb: 56 days, 8 weeks

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        Assert.Equal(new SettingTotal(BaselineSetting.ResidentialCareWeek, 13, 13 * 728), Total(result, BaselineSetting.ResidentialCareWeek));
        Assert.Equal(new SettingTotal(BaselineSetting.NursingCareWeek, 8, 8 * 831), Total(result, BaselineSetting.NursingCareWeek));
    }

    [Fact]
    public void Attendances_contacts_assessments_and_episodes_count_once_each_on_their_start_date_at_their_unit_cost()
    {
        var builder = Builder();
        long person = builder.Person();
        builder.Event(person, "gp_contact", "2025-01-01", cost: 40).Event(person, "gp_contact", "2025-12-31", cost: 24)
            .Event(person, "gp_contact", "2024-12-31", cost: 40).Event(person, "gp_contact", "2026-01-01", cost: 40)
            .Event(person, "ae_attendance", "2025-05-05", cost: 280).Event(person, "outpatient_attendance", "2025-05-06", cost: 150)
            .Event(person, "elective_admission", "2025-05-07", "2025-05-07", cost: 1000)
            .Event(person, "community_contact", "2025-05-08", cost: 57).Event(person, "vcs_contact", "2025-05-09", cost: 25)
            .Event(person, "social_care_assessment", "2025-05-10", cost: 171)
            .Event(person, "reablement_episode", "2025-12-20", "2026-01-20", cost: 2100)
            .Event(person, "reablement_episode", "2024-12-20", "2025-01-20", cost: 2100)
            .Event(person, "death", "2025-06-01")
            .Event(person, "outpatient_attendance", "2025-05-07");  // no unit cost given: £0

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        Assert.Equal(
            [
                new(BaselineSetting.ElectiveAdmission, 1, 1000), new(BaselineSetting.OutpatientAttendance, 2, 150),
                new(BaselineSetting.AeAttendance, 1, 280), new(BaselineSetting.GpContact, 2, 64), new(BaselineSetting.CommunityContact, 1, 57),
                new(BaselineSetting.VcsContact, 1, 25), new(BaselineSetting.SocialCareAssessment, 1, 171), new(BaselineSetting.ReablementEpisode, 1, 2100),
            ],
            result.Totals);
    }

    [Fact]
    public void Activity_falls_in_the_cell_of_its_persons_locality_age_band_on_the_mid_point_sex_and_deprivation_quintile()
    {
        var builder = Builder();
        long seventy = builder.Person("M", born: "1955-07-02", area: "S1");        // 70 on 2 July 2025
        long sixtyNine = builder.Person("F", born: "1955-07-03", area: "N1");      // 70 the day after: 69
        long nowhere = builder.Person("F", born: "1930-01-01", area: null);        // no small area: Unknown, U
        long baby = builder.Person("M", born: "2025-10-01", area: "N1");           // born after the mid-point
        foreach (var record in (long[])[seventy, sixtyNine, nowhere, baby])
        {
            builder.Event(record, "gp_contact", "2025-11-11", cost: 40);
        }

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        Assert.Equal(
            [
                new("North", "0-4", "M", "1", BaselineSetting.GpContact, 1, 40),
                new("North", "65-69", "F", "1", BaselineSetting.GpContact, 1, 40),
                new("South", "70-74", "M", "5", BaselineSetting.GpContact, 1, 40),
                new("Unknown", "90+", "F", "U", BaselineSetting.GpContact, 1, 40),
            ],
            result.Activity);
    }

    [Fact]
    public void The_population_counts_people_alive_on_the_mid_point_and_activity_no_cell_can_take_is_reported_not_lost()
    {
        var builder = Builder();
        builder.Person("F", born: "1940-03-03");                                  // alive
        builder.Person("F", born: "1940-03-03", died: "2025-07-02");              // died on the mid-point: not counted
        long diedLater = builder.Person("F", born: "1940-03-03", died: "2025-07-03");
        builder.Person("F", born: "2025-07-03");                                   // born the day after
        long unknownSex = builder.Person("U", born: "1960-01-01");
        long unlinked = builder.RecordWithoutPerson();
        builder.Event(diedLater, "ae_attendance", "2025-07-01", cost: 280)
            .Event(unknownSex, "ae_attendance", "2025-07-01", cost: 280)
            .Event(unlinked, "emergency_admission", "2025-08-01", "2025-08-04", cost: 5395);

        var result = PlanningBaseline.Extract(builder.Build(), Year2025);

        Assert.Equal([new BaselinePopulation("North", "85-89", "F", "1", 2)], result.Population);
        Assert.Equal(1, result.PeopleUnplaced);
        Assert.Equal(new SettingTotal(BaselineSetting.AeAttendance, 1, 280), Total(result, BaselineSetting.AeAttendance));
        Assert.Equal(
            [
                new(BaselineSetting.EmergencyAdmission, 1, 5395), new(BaselineSetting.EmergencyBedDay, 3, 0), new(BaselineSetting.AeAttendance, 1, 280),
            ],
            result.Unplaced);
    }

    [Fact]
    public void The_files_have_the_contracts_exact_headers_and_rows_in_a_stable_order()
    {
        var builder = Builder();
        long south = builder.Person("M", born: "1980-01-01", area: "S1");
        long north = builder.Person("F", born: "1930-01-01", area: "N1");
        long young = builder.Person("F", born: "2020-01-01", area: "N1");
        builder.Event(south, "home_care_package", "2025-12-25", null, hours: 5, cost: 142.65)
            .Event(south, "gp_contact", "2025-02-02", cost: 40)
            .Event(north, "gp_contact", "2025-02-02", cost: 40)
            .Event(young, "emergency_admission", "2025-02-02", "2025-02-03", cost: 824);
        var store = builder.Build();

        var first = PlanningBaseline.Extract(store, Year2025);
        BaselineFiles.Write(first, _folder);
        var baseline = File.ReadAllLines(Path.Combine(_folder, BaselineFiles.ActivityFile));
        var population = File.ReadAllLines(Path.Combine(_folder, BaselineFiles.PopulationFile));
        BaselineFiles.Write(PlanningBaseline.Extract(store, Year2025), Path.Combine(_folder, "again"));

        Assert.Equal(
            [
                "locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp",
                "North,5-9,F,1,emergency_admission,1,824",
                "North,5-9,F,1,emergency_bed_day,1,0",
                "North,90+,F,1,gp_contact,1,40",
                "South,45-49,M,5,gp_contact,1,40",
                "South,45-49,M,5,home_care_hour,5,142.65",
            ],
            baseline);
        Assert.Equal(["locality,age_band,sex,deprivation_quintile,people", "North,5-9,F,1,1", "North,90+,F,1,1", "South,45-49,M,5,1"], population);
        Assert.Equal(baseline, File.ReadAllLines(Path.Combine(_folder, "again", BaselineFiles.ActivityFile)));
    }

    [Fact]
    public void Age_bands_are_the_projections_five_year_bands_up_to_90_and_over()
    {
        Assert.Equal(19, AgeBands.All.Count);
        Assert.Equal(("0-4", "0-4", "5-9", "85-89", "90+", "90+"), (AgeBands.Of(-1), AgeBands.Of(4), AgeBands.Of(5), AgeBands.Of(89), AgeBands.Of(90), AgeBands.Of(104)));
        Assert.Equal([.. AgeBands.All.Select((_, i) => i * 5)], AgeBands.All.Select(AgeBands.LowerAge));
    }
}
