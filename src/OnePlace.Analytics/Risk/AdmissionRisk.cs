using System.Globalization;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Risk;

/// <summary>Calibration and flagging in one group of people, for the fairness check. <see cref="Suppressed"/> when the
/// group's people or admissions are 1–7 (or must be withheld with such a group; SmallNumberSuppression): its figures
/// are then not to be shown.</summary>
public sealed record FairnessRow(string Dimension, string Group, int People, double MeanPredicted, double Observed, double FlaggedShare, bool Suppressed);

/// <summary>The fitted model and how it performs on people it was not fitted to.</summary>
public sealed record AdmissionRiskReport(
    DateOnly Baseline, DateOnly OutcomeEnd, int TrainingPeople, int TestPeople, double OutcomeRate, LogisticModel Model, double TestAuc,
    IReadOnlyList<CalibrationBand> Calibration, double FlagThreshold, IReadOnlyList<FairnessRow> Fairness, long PeopleScored);

/// <summary>
/// The 12-month emergency admission risk score (PRODUCT.md C1): a logistic regression of "an emergency admission in
/// the next 12 months" on measures a clinician can read (age, sex, eFI deficits, Cambridge Multimorbidity Score,
/// emergency admissions in the past 12 months, deprivation quintile), fitted to adults' measures a year before the
/// reference date and what happened to them since. Seven in ten people (by their id) fit the model and three in ten
/// test it, so the AUC and calibration are out of sample; the fairness check compares calibration and the share
/// flagged (the top tenth of risk) by sex, ethnic group and deprivation quintile. The fitted model then scores each
/// living person at the reference date (<c>person_measure.risk_12m</c>, with the measures at that date recomputed).
/// </summary>
public static class AdmissionRisk
{
    public static readonly IReadOnlyList<string> Predictors =
        ["age_per_10_years", "male", "efi_deficits", "cambridge_multimorbidity_score", "emergency_admissions_past_12m", "deprivation_quintile"];

    private sealed record Row(Guid Person, double[] Values, bool Outcome, string Sex, string Ethnicity, string Quintile);

    /// <exception cref="ArgumentException">Too few people or no outcomes to fit a model (the message says which).</exception>
    public static AdmissionRiskReport Train(AnalyticsStore store, SegmentTable segments, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(store);
        var baseline = asOf.AddYears(-1);
        PersonMeasures.Compute(store, segments, asOf);
        PersonMeasures.Compute(store, segments, baseline, "person_measure_baseline");
        string from = Iso(baseline);
        string to = Iso(asOf);
        var rows = Read(store, $"""
            SELECT m.person_id, m.age, m.sex, m.efi_deficits, m.cms, m.emergency_admissions_12m, m.imd_quintile, m.ethnic_category,
                   EXISTS (SELECT 1 FROM person_event e WHERE e.person_id = m.person_id AND e.event_type = 'emergency_admission'
                           AND e.start_date > DATE '{from}' AND e.start_date <= DATE '{to}') AS outcome
            FROM person_measure_baseline m WHERE m.age >= 18
            """);

        // Split by the id's last byte (random in version 4 and version 7 GUIDs alike): stable from run to run, independent of
        // everything the model sees.
        var training = rows.Where(r => r.Person.ToByteArray()[15] % 10 >= 3).ToList();
        var test = rows.Where(r => r.Person.ToByteArray()[15] % 10 < 3).ToList();
        if (training.Count < 100 || test.Count < 30)
        {
            throw new ArgumentException($"Too few adults to fit and test a model ({rows.Count}).", nameof(store));
        }

        var model = LogisticRegression.Fit(Predictors, [.. training.Select(r => r.Values)], [.. training.Select(r => r.Outcome)]);
        var predicted = test.Select(r => model.Predict(r.Values)).ToArray();
        var outcomes = test.Select(r => r.Outcome).ToArray();
        double threshold = predicted.Order().ElementAt((int)Math.Floor(0.9 * (predicted.Length - 1)));
        var fairness = new List<FairnessRow>();
        foreach (var (dimension, key) in new (string, Func<Row, string>)[] { ("sex", r => r.Sex), ("ethnic group", r => r.Ethnicity), ("deprivation quintile", r => r.Quintile) })
        {
            var groups = test.Select((r, i) => (Row: r, Index: i)).GroupBy(x => key(x.Row)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, Indexes: g.Select(x => x.Index).ToArray())).ToList();
            // The groups add up to the test set, whose size is shown: people and admissions are both withheld as counts.
            var fewPeople = Disclosure.SmallNumberSuppression.Suppress([.. groups.Select(g => (long)g.Indexes.Length)]);
            var fewAdmissions = Disclosure.SmallNumberSuppression.Suppress([.. groups.Select(g => (long)g.Indexes.Count(i => outcomes[i]))]);
            for (int k = 0; k < groups.Count; k++)
            {
                var indexes = groups[k].Indexes;
                fairness.Add(new FairnessRow(dimension, groups[k].Key, indexes.Length, indexes.Average(i => predicted[i]), indexes.Count(i => outcomes[i]) / (double)indexes.Length,
                    indexes.Count(i => predicted[i] > threshold) / (double)indexes.Length, fewPeople[k] || fewAdmissions[k]));
            }
        }

        long scored = Score(store, model);
        return new AdmissionRiskReport(baseline, asOf, training.Count, test.Count, rows.Count(r => r.Outcome) / (double)rows.Count, model,
            ModelPerformance.Auc(predicted, outcomes), ModelPerformance.Calibration(predicted, outcomes), threshold, fairness, scored);
    }

    /// <summary>NHS Data Dictionary ethnic category codes grouped as the 2001 census groups.</summary>
    public static string EthnicGroup(string? code) => code switch
    {
        "A" or "B" or "C" => "White",
        "D" or "E" or "F" or "G" => "Mixed",
        "H" or "J" or "K" or "L" => "Asian or Asian British",
        "M" or "N" or "P" => "Black or Black British",
        "R" or "S" => "Other",
        _ => "Not stated",
    };

    private static List<Row> Read(AnalyticsStore store, string sql)
    {
        using var duck = store.Open();
        using var command = duck.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            string sex = reader.IsDBNull(2) ? "unknown" : reader.GetString(2);
            int? quintile = reader.IsDBNull(6) ? null : reader.GetInt32(6);
            rows.Add(new Row(
                reader.GetGuid(0),
                Values(reader.GetInt32(1), sex, reader.GetInt32(3), reader.GetDouble(4), reader.GetInt32(5), quintile),
                reader.GetBoolean(8),
                sex,
                EthnicGroup(reader.IsDBNull(7) ? null : reader.GetString(7)),
                quintile?.ToString(CultureInfo.InvariantCulture) ?? "unknown"));
        }

        return rows;
    }

    // A person with no known small area is scored at the middle quintile.
    private static double[] Values(int age, string sex, int deficits, double cms, int admissions, int? quintile) =>
        [age / 10.0, sex == "M" ? 1 : 0, deficits, cms, Math.Min(admissions, 5), quintile ?? 3];

    /// <summary>Writes each living person's risk at the reference date to <c>person_measure.risk_12m</c>.</summary>
    private static long Score(AnalyticsStore store, LogisticModel model)
    {
        using var duck = store.Open();
        AnalyticsStore.Execute(duck, "CREATE OR REPLACE TEMP TABLE risk_score (person_id UUID NOT NULL, risk DOUBLE NOT NULL)");
        using (var command = duck.CreateCommand())
        {
            command.CommandText = "SELECT person_id, age, sex, efi_deficits, cms, emergency_admissions_12m, imd_quintile FROM person_measure";
            using var reader = command.ExecuteReader();
            using var appender = duck.CreateAppender("risk_score");
            while (reader.Read())
            {
                var values = Values(reader.GetInt32(1), reader.IsDBNull(2) ? "unknown" : reader.GetString(2), reader.GetInt32(3), reader.GetDouble(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : reader.GetInt32(6));
                appender.CreateRow().AppendValue(reader.GetGuid(0)).AppendValue(model.Predict(values)).EndRow();
            }
        }

        AnalyticsStore.Execute(duck, """
            BEGIN TRANSACTION;
            ALTER TABLE person_measure ADD COLUMN IF NOT EXISTS risk_12m DOUBLE;
            UPDATE person_measure SET risk_12m = r.risk FROM risk_score r WHERE person_measure.person_id = r.person_id;
            COMMIT;
            """);
        return AnalyticsStore.Scalar(duck, "SELECT count(*) FROM person_measure WHERE risk_12m IS NOT NULL");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
