using System.Globalization;
using OnePlace.Analytics.Cohorts;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Testing;

namespace OnePlace.Analytics.Tests.Cohorts;

/// <summary>Case-finding cohorts on a small analytical store built in the test: criteria keep exactly the people who
/// meet them all, counts of 1 to 7 are withheld, members come most in need first.</summary>
public sealed class CohortTests : IDisposable
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oneplace-cohorts-" + Guid.NewGuid().ToString("N"));

    private AnalyticsStore Store => new(Path.Combine(_folder, "analytics.duckdb"));

    /// <summary>The severe frailty case-finding cohort of issue 5: severe frailty, two or more emergency admissions in
    /// 12 months, no shared care plan, in the North.</summary>
    private static readonly CohortCriteria SevereFrailtyNorth =
        new("N", Frailty: [FrailtyCategory.Severe], MinimumEmergencyAdmissions: 2, CarePlan: CarePlanCriterion.NoCarePlan);

    [Fact]
    public void Severe_frailty_two_admissions_no_care_plan_in_the_North_keeps_exactly_those_who_meet_all_four()
    {
        var measures = new MeasuresBuilder(Store);
        var kept = measures.Add("N", 88, FrailtyCategory.Severe, admissions: 2);
        var keptToo = measures.Add("N", 79, FrailtyCategory.Severe, admissions: 4);
        measures.Add("S", 88, FrailtyCategory.Severe, admissions: 2);                  // the South
        measures.Add("N", 88, FrailtyCategory.Moderate, admissions: 3);                // moderate frailty
        measures.Add("N", 88, FrailtyCategory.Severe, admissions: 1);                  // one admission
        measures.Add("N", 88, FrailtyCategory.Severe, admissions: 2, carePlan: true);  // has a care plan
        measures.Build();

        var members = Cohort.Members(Store, SevereFrailtyNorth, limit: 100);

        Assert.Equal([keptToo, kept], members.Select(m => m.PersonId));
        var first = members[0];
        Assert.Equal((79, FrailtyCategory.Severe, 4, 8), (first.Age, first.Frailty, first.EmergencyAdmissions12Months, first.Segment));
        Assert.Null(first.Risk12Months);
    }

    [Fact]
    public async Task A_cohort_runs_on_the_measures_a_refresh_computes_from_imported_records()
    {
        await using var operational = await TestStore.CreateAsync();
        await using var db = operational.Open();
        using var folder = new ExtractFolderBuilder().WithGeography()
            .WithPerson(Partner.Gp, "GP-A", TestNhsNumbers.Number(1), "Ada", "Lovelace", "1930-12-10", "F", "WS1 1AA")
            .WithPerson(Partner.Hospital, "HOSP-A", TestNhsNumbers.Number(1), "Ada", "Lovelace", "1930-12-10", "F", "WS1 1AA")
            .WithPerson(Partner.Gp, "GP-B", TestNhsNumbers.Number(2), "Bill", "Hartley", "1931-03-02", "M", "WS1 1AB")
            .WithEvent(Partner.Hospital, "H1", "HOSP-A", "emergency_admission", "2025-01-08", end: "2025-01-10", code: "S720", destination: "19", cause: "W190")
            .WithEvent(Partner.Hospital, "H2", "HOSP-A", "emergency_admission", "2025-04-08", end: "2025-04-12", code: "J189", destination: "19");
        for (int deficit = 1; deficit <= 13; deficit++)
        {
            folder.WithCondition("GP-A", $"EFI{deficit:D2}", "2020-05-01");
        }

        var imported = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@partnership.test");
        Assert.True(imported.Succeeded, string.Join("\n", imported.Errors));
        await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RunAsync(Store, "analyst@partnership.test");
        PersonMeasures.Compute(Store, SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv")), AsOf);

        var member = Assert.Single(Cohort.Members(Store, SevereFrailtyNorth, limit: 10));

        Assert.Equal(db.People.Single(p => p.GivenName == "Ada").Id, member.PersonId);
        // EFI06 among the deficits with two admissions puts her in segment 7 before the frailty rule (rules/segments/v1.csv).
        Assert.Equal((94, FrailtyCategory.Severe, 13, 2, 7), (member.Age, member.Frailty, member.EfiDeficits, member.EmergencyAdmissions12Months, member.Segment));
        Assert.True(Cohort.Count(Store, SevereFrailtyNorth).Withheld);
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(1, null)]
    [InlineData(7, null)]
    [InlineData(8, 8L)]
    public void A_count_of_one_to_seven_is_withheld_and_zero_or_eight_and_more_are_shown(int people, long? shown)
    {
        var measures = new MeasuresBuilder(Store);
        for (int i = 0; i < people; i++)
        {
            measures.Add("N", 80 + i, FrailtyCategory.Severe, admissions: 2);
        }

        measures.Add("S", 80, FrailtyCategory.Severe, admissions: 2);
        measures.Build();

        var count = Cohort.Count(Store, SevereFrailtyNorth);

        Assert.Equal((shown, shown is null, AsOf), (count.Count, count.Withheld, count.AsOf));
        Assert.Equal(people, Cohort.Members(Store, SevereFrailtyNorth, limit: 100).Count);
    }

    [Fact]
    public void Age_segment_and_care_plan_criteria_each_narrow_the_cohort()
    {
        var measures = new MeasuresBuilder(Store);
        var old = measures.Add("N", 90, FrailtyCategory.Mild, admissions: 0, segment: 4, carePlan: true);
        var young = measures.Add("N", 50, FrailtyCategory.Mild, admissions: 0, segment: 4);
        var other = measures.Add("S", 70, FrailtyCategory.Fit, admissions: 1, segment: 3);
        measures.Build();

        Assert.Equal([old], Ids(new CohortCriteria(MinimumAge: 65, Segments: [4])));
        Assert.Equal(new[] { young, other }.Order(), Ids(new CohortCriteria(CarePlan: CarePlanCriterion.NoCarePlan)).Order());
        Assert.Equal([old], Ids(new CohortCriteria(CarePlan: CarePlanCriterion.HasCarePlan)));
        Assert.Equal([other], Ids(new CohortCriteria(Segments: [3, 3], Frailty: [FrailtyCategory.Fit, FrailtyCategory.Fit])));
        Assert.Equal(3, Ids(new CohortCriteria()).Count);
    }

    [Fact]
    public void A_minimum_risk_needs_risk_scores_and_once_scored_members_come_most_at_risk_first()
    {
        var measures = new MeasuresBuilder(Store);
        var low = measures.Add("N", 88, FrailtyCategory.Severe, admissions: 5);
        var high = measures.Add("N", 85, FrailtyCategory.Severe, admissions: 2);
        var middle = measures.Add("N", 86, FrailtyCategory.Severe, admissions: 3);
        measures.Build();
        var risky = SevereFrailtyNorth with { MinimumRisk = 0.2 };

        var refused = Assert.Throws<CohortUnavailableException>(() => Cohort.Count(Store, risky));
        Assert.Contains("oneplace analytics risk", refused.Message, StringComparison.Ordinal);
        Assert.False(Cohort.Source(Store)!.HasRiskScores);

        measures.Score((low, 0.1), (high, 0.6), (middle, 0.3));

        Assert.True(Cohort.Source(Store)!.HasRiskScores);
        var members = Cohort.Members(Store, risky, limit: 100);
        Assert.Equal([high, middle], members.Select(m => m.PersonId));
        Assert.Equal(0.6, members[0].Risk12Months);
        Assert.Equal([high, middle, low], Cohort.Members(Store, SevereFrailtyNorth, limit: 100).Select(m => m.PersonId));
        Assert.Equal([high], Cohort.Members(Store, SevereFrailtyNorth, limit: 1).Select(m => m.PersonId));
    }

    [Fact]
    public void A_store_without_person_measures_offers_no_cohort_and_says_what_to_run()
    {
        Assert.Null(Cohort.Source(Store));
        Assert.Throws<CohortUnavailableException>(() => Cohort.Count(Store, SevereFrailtyNorth));

        // Made by a refresh, but no measures computed yet.
        Store.Open().Dispose();

        Assert.Null(Cohort.Source(Store));
        var refused = Assert.Throws<CohortUnavailableException>(() => Cohort.Members(Store, SevereFrailtyNorth, 10));
        Assert.Contains("oneplace analytics refresh", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_names_the_measures_date_the_people_and_their_segments()
    {
        var measures = new MeasuresBuilder(Store);
        measures.Add("N", 88, FrailtyCategory.Severe, admissions: 2);
        measures.Add("N", 40, FrailtyCategory.Fit, admissions: 0, segment: 1);
        measures.Build();

        var source = Cohort.Source(Store)!;

        Assert.Equal((AsOf, 2L, true), (source.AsOf, source.People, source.HasCarePlans));
        Assert.Equal([new CohortSegment(1, "Segment 1"), new CohortSegment(8, "Segment 8")], source.Segments);
    }

    [Fact]
    public void Criteria_out_of_range_are_refused_naming_each_and_good_ones_read_as_words()
    {
        var bad = new CohortCriteria(MinimumAge: -1, MinimumEmergencyAdmissions: 101, MinimumRisk: 1.5, Segments: [0]);

        Assert.Equal(["minimum-age", "minimum-admissions", "minimum-risk", "segment"], bad.Problems().Select(p => p.Criterion));
        Build(("N", 88, FrailtyCategory.Severe, 2));
        Assert.Throws<ArgumentException>(() => Cohort.Count(Store, bad));
        Assert.Equal("locality N; aged 65 or over; frailty moderate or severe; 2 or more emergency admissions in 12 months; no shared care plan",
            new CohortCriteria("N", 65, [FrailtyCategory.Severe, FrailtyCategory.Moderate], 2, CarePlanCriterion.NoCarePlan).Describe());
        Assert.Equal("whole borough; segment 7 or 8; 12-month admission risk 0.25 or more", new CohortCriteria(Segments: [8, 7], MinimumRisk: 0.25).Describe());
        Assert.Equal("locality N; frailty mild", (SevereFrailtyNorth with { Frailty = [FrailtyCategory.Mild], MinimumEmergencyAdmissions = null, CarePlan = CarePlanCriterion.Either }).Describe());
    }

    [Fact]
    public void A_locality_is_a_value_not_sql()
    {
        Build(("N", 88, FrailtyCategory.Severe, 2));

        Assert.Equal(0, Cohort.Count(Store, new CohortCriteria("N' OR '1'='1")).Count);
    }

    private void Build(params (string Locality, int Age, FrailtyCategory Frailty, int Admissions)[] people)
    {
        var measures = new MeasuresBuilder(Store);
        foreach (var (locality, age, frailty, admissions) in people)
        {
            measures.Add(locality, age, frailty, admissions);
        }

        measures.Build();
    }

    private IReadOnlyList<Guid> Ids(CohortCriteria criteria) => [.. Cohort.Members(Store, criteria, limit: 100).Select(m => m.PersonId)];

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>
    /// Writes people's measures straight into <c>person_measure</c>, in the table <see cref="PersonMeasures"/> itself
    /// made (computed on an empty store, so the columns are always the real ones), and their care plans into <c>care_plan</c>.
    /// </summary>
    private sealed class MeasuresBuilder(AnalyticsStore store)
    {
        private readonly List<string> _rows = [];
        private readonly List<Guid> _withPlans = [];

        public Guid Add(string locality, int age, FrailtyCategory frailty, int admissions, int segment = 8, bool carePlan = false)
        {
            var id = Guid.NewGuid();
            int deficits = frailty switch { FrailtyCategory.Fit => 2, FrailtyCategory.Mild => 6, FrailtyCategory.Moderate => 10, _ => 14 };
            _rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"('{id}', DATE '{AsOf:yyyy-MM-dd}', {age}, '{PersonMeasures.AgeBand(age)}', 'F', '{locality}', 3, 2, 'A', {deficits}, '{Cohort.FrailtyValue(frailty)}', 1.5, 2, {admissions}, {segment}, 'Segment {segment}', 'test')"));
            if (carePlan)
            {
                _withPlans.Add(id);
            }

            return id;
        }

        public void Build()
        {
            var segments = SegmentTable.Load(Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv"));
            PersonMeasures.Compute(store, segments, AsOf);
            using var duck = store.Open();
            AnalyticsStore.Execute(duck, """
                INSERT INTO person_measure (person_id, as_of, age, age_band, sex, locality_code, imd_decile, imd_quintile, ethnic_category,
                    efi_deficits, efi_category, cms, long_term_conditions, emergency_admissions_12m, segment, segment_name, segment_reason)
                VALUES
                """ + string.Join(",\n", _rows));
            foreach (var id in _withPlans)
            {
                AnalyticsStore.Execute(duck, $"INSERT INTO care_plan VALUES ('{Guid.NewGuid()}', '{id}', TIMESTAMP '2025-05-01 10:00:00')");
            }
        }

        /// <summary>Scores people as <c>oneplace analytics risk</c> does: a <c>risk_12m</c> column on the measures.</summary>
        public void Score(params (Guid Person, double Risk)[] risks)
        {
            using var duck = store.Open();
            AnalyticsStore.Execute(duck, "ALTER TABLE person_measure ADD COLUMN IF NOT EXISTS risk_12m DOUBLE");
            foreach (var (person, risk) in risks)
            {
                AnalyticsStore.Execute(duck, string.Create(CultureInfo.InvariantCulture, $"UPDATE person_measure SET risk_12m = {risk} WHERE person_id = '{person}'"));
            }
        }
    }
}
