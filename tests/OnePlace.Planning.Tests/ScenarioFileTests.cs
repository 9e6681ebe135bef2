using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Tests;

/// <summary>Scenario files are read whole and refused naming each problem, like indicator files.</summary>
public sealed class ScenarioFileTests : IDisposable
{
    /// <summary>The settings of the baseline contract (docs/data-formats.md, "Planning baseline").</summary>
    private static readonly string[] EverySetting =
    [
        "emergency_admission", "emergency_bed_day", "elective_admission", "outpatient_attendance", "ae_attendance", "gp_contact",
        "community_contact", "vcs_contact", "social_care_assessment", "reablement_episode", "home_care_hour", "residential_care_week",
        "nursing_care_week",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("oneplace-scenarios-").FullName;

    private const string Small = """
        id: small
        title: A small scenario
        baseline_year: 2018
        horizon_years: 3
        baseline:
          rows: |
            locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp
            North,65-69,F,1,emergency_admission,100,200000
            North,65-69,F,1,community_contact,500,30000
        partners: [{ id: nhs, name: NHS }]
        settings:
          - { id: emergency_admission, partner: nhs }
          - { id: community_contact, partner: nhs }
        interventions:
          - id: shift
            cohort: { settings: [emergency_admission], age_from: 65 }
            share_avoided: [0.1, 0.2]
            start: 2019
            full: 2020
            profile: front
            receives: [{ setting: community_contact, per_unit: [2, 4] }]
        scenarios:
          - { id: plan, title: Plan, interventions: [shift] }
        """;

    [Fact]
    public void A_scenario_file_with_inline_rows_is_read_with_its_intervals_phasing_and_scenarios()
    {
        var model = ScenarioFile.Parse(Small, "small.yaml", _folder);

        Assert.Equal(2, model.Baseline.Count);
        Assert.Equal(3, model.HorizonYears);
        var shift = Assert.Single(model.Interventions);
        Assert.Equal(new Sampling.Interval(0.1, 0.2), shift.ShareAvoided);
        Assert.Equal(new Phasing(2019, 2020, PhasingProfile.Front), shift.Phasing);
        Assert.Equal("community_contact", Assert.Single(shift.Receives).Setting);
        Assert.Equal(["shift"], Assert.Single(model.Scenarios).Interventions);
        Assert.Equal(["principal"], model.Demography.VariantWeights.Keys);
    }

    [Fact]
    public void A_folder_with_bad_files_is_refused_naming_each_file_and_problem()
    {
        File.WriteAllText(Path.Combine(_folder, "good.yaml"), Small);
        File.WriteAllText(Path.Combine(_folder, "twin.yaml"), Small);
        File.WriteAllText(Path.Combine(_folder, "bad.yaml"), Small.Replace("profile: front", "profile: sideways", StringComparison.Ordinal)
            .Replace("baseline_year: 2018", "baseline_year: 2042", StringComparison.Ordinal));

        var e = Assert.Throws<ScenarioFileException>(() => ScenarioFile.LoadFolder(_folder));

        Assert.Contains("bad.yaml: intervention shift: the profile 'sideways' is not one of linear, front, back, step.", e.Message, StringComparison.Ordinal);
        Assert.Contains("bad.yaml: the projection walsall-snpp-2018 has no variant 'principal' for 2044.", e.Message, StringComparison.Ordinal);
        Assert.Contains("good.yaml and twin.yaml: the id small is used more than once.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scenarios_folder_of_the_repository_reads_without_problems()
    {
        // The borough's file takes its baseline from the analytical store: one cell of every setting stands in for it.
        string baseline = Path.Combine(_folder, "store-baseline.csv");
        File.WriteAllLines(baseline, ["locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp",
            .. EverySetting.Select(setting => $"North,75-79,F,2,{setting},100,10000")]);

        var models = ScenarioFile.LoadFolder(Path.Combine(AppContext.BaseDirectory, "scenarios"), baseline);

        Assert.Contains(models, m => m.Id == "walsall-2019-business-case");
        Assert.Contains(models, m => m.Id == "borough-shift-to-community" && m.Baseline.Count == 13);
    }

    [Fact]
    public void A_baseline_from_the_analytical_store_must_be_given_and_funding_can_be_a_share_of_baseline_cost()
    {
        string yaml = Small.Replace("""
            baseline:
              rows: |
                locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp
                North,65-69,F,1,emergency_admission,100,200000
                North,65-69,F,1,community_contact,500,30000
            """, "baseline: { analytical_store: true }", StringComparison.Ordinal)
            + "\nfunding: [{ partner: nhs, share_of_baseline_cost: 0.95 }]\n";
        string baseline = Path.Combine(_folder, "baseline.csv");
        File.WriteAllLines(baseline, ["locality,age_band,sex,deprivation_quintile,setting,activity,cost_gbp",
            "North,65-69,F,1,emergency_admission,100,200000", "North,65-69,F,1,community_contact,500,30000"]);

        var refused = Assert.Throws<ScenarioFileException>(() => ScenarioFile.Parse(yaml, "store.yaml", _folder));
        var model = ScenarioFile.Parse(yaml, "store.yaml", _folder, baseline);

        Assert.Contains("the baseline comes from the analytical store", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0.95 * 230_000, Assert.Single(model.Funding).Baseline, 6);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
