using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using OnePlace.Analytics.Disclosure;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Store;

namespace OnePlace.Analytics.Cohorts;

/// <summary>What the analytical store's person measures offer a cohort: their date, how many people, whether risk
/// scores and the copy of care plans are there, and the segments people are in.</summary>
public sealed record CohortSource(DateOnly AsOf, long People, bool HasRiskScores, bool HasCarePlans, IReadOnlyList<CohortSegment> Segments);

public sealed record CohortSegment(int Segment, string Name);

/// <summary>
/// The size of a cohort as analysts may see it: <see cref="Count"/> is null when the count is 1 to 7 and withheld
/// (<see cref="SmallNumberSuppression"/>); zero is shown, since it identifies no one.
/// </summary>
public sealed record CohortCount(DateOnly AsOf, long? Count)
{
    public bool Withheld => Count is null;

    public bool IsEmpty => Count == 0;
}

/// <summary>
/// One person of a cohort, by their OnePlace id, with the measures that put them in it. Pseudonymous: only the
/// operational store's case-finding use case turns the id into a named person, for staff with a legitimate relationship.
/// </summary>
public sealed record CohortMember(
    Guid PersonId, int Age, FrailtyCategory Frailty, int EfiDeficits, int EmergencyAdmissions12Months, int Segment, string SegmentName, double? Risk12Months);

/// <summary>The analytical store cannot answer: no person measures yet, or risk asked for before anyone was scored.</summary>
public sealed class CohortUnavailableException(string message) : Exception(message);

/// <summary>
/// Case-finding cohorts (PRODUCT.md C3) from the person measures of the analytical store (<c>person_measure</c>, one
/// row per living person at one date) and its copy of shared care plans (<c>care_plan</c>). Two outputs, for two
/// audiences: <see cref="Count"/>, an aggregate with small numbers withheld, which analysts may see; and
/// <see cref="Members"/>, the people's ids, which only Core's case-finding list turns into identifiable people, for
/// direct care. The store is read only, never written, so that the page and the nightly refresh can share it.
/// </summary>
public static class Cohort
{
    /// <summary>What the store's person measures offer, or null when it has none yet (no refresh has computed them).</summary>
    public static CohortSource? Source(AnalyticsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.Exists)
        {
            return null;
        }

        using var duck = store.OpenForReading();
        if (!HasTable(duck, "person_measure"))
        {
            return null;
        }

        DateOnly asOf;
        long people;
        using (var command = duck.CreateCommand())
        {
            command.CommandText = "SELECT max(as_of), count(*) FROM person_measure";
            using var reader = command.ExecuteReader();
            reader.Read();
            if (reader.IsDBNull(0))
            {
                return null;
            }

            asOf = reader.GetFieldValue<DateOnly>(0);
            people = reader.GetInt64(1);
        }

        var segments = new List<CohortSegment>();
        using (var command = duck.CreateCommand())
        {
            command.CommandText = "SELECT segment, min(segment_name) FROM person_measure GROUP BY segment ORDER BY segment";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                segments.Add(new CohortSegment(reader.GetInt32(0), reader.GetString(1)));
            }
        }

        return new CohortSource(asOf, people, HasRiskColumn(duck), HasTable(duck, "care_plan"), segments);
    }

    /// <summary>How many people the criteria keep, as analysts may see it: 1 to 7 withheld.</summary>
    /// <exception cref="CohortUnavailableException">The store has no person measures, or risk is asked for and not scored.</exception>
    /// <exception cref="ArgumentException">The criteria have problems (<see cref="CohortCriteria.Problems"/>).</exception>
    public static CohortCount Count(AnalyticsStore store, CohortCriteria criteria)
    {
        using var duck = OpenMeasures(store, criteria, out var asOf);
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT count(*) FROM person_measure m" + Where(command, criteria);
        long count = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return new CohortCount(asOf, SmallNumberSuppression.IsSmall(count) ? null : count);
    }

    /// <summary>
    /// The people the criteria keep, at most <paramref name="limit"/>, those most in need first: highest admission
    /// risk (when scored), then most emergency admissions, most eFI deficits, oldest; then by id, so the order is stable.
    /// </summary>
    /// <exception cref="CohortUnavailableException">The store has no person measures, or risk is asked for and not scored.</exception>
    /// <exception cref="ArgumentException">The criteria have problems (<see cref="CohortCriteria.Problems"/>).</exception>
    public static IReadOnlyList<CohortMember> Members(AnalyticsStore store, CohortCriteria criteria, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        using var duck = OpenMeasures(store, criteria, out _);
        bool risk = HasRiskColumn(duck);
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT m.person_id, m.age, m.efi_category, m.efi_deficits, m.emergency_admissions_12m, m.segment, m.segment_name,
                   {(risk ? "m.risk_12m" : "CAST(NULL AS DOUBLE)")}
            FROM person_measure m{Where(command, criteria)}
            ORDER BY {(risk ? "m.risk_12m DESC NULLS LAST, " : "")}m.emergency_admissions_12m DESC, m.efi_deficits DESC, m.age DESC, m.person_id
            LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """;
        var members = new List<CohortMember>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            members.Add(new CohortMember(
                reader.GetGuid(0), reader.GetInt32(1), Enum.Parse<FrailtyCategory>(reader.GetString(2), ignoreCase: true), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetDouble(7)));
        }

        return members;
    }

    /// <summary>The value <c>person_measure.efi_category</c> holds for a category (PersonMeasures writes it in lower case).</summary>
    public static string FrailtyValue(FrailtyCategory category) => category.ToString().ToLowerInvariant();

    private static DuckDBConnection OpenMeasures(AnalyticsStore store, CohortCriteria criteria, out DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        if (criteria.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => p.Problem)), nameof(criteria));
        }

        var source = Source(store) ?? throw new CohortUnavailableException(
            "The analytical store has no person measures yet: run oneplace analytics refresh.");
        if (criteria.MinimumRisk is not null && !source.HasRiskScores)
        {
            throw new CohortUnavailableException("No one has a risk score yet: run oneplace analytics risk, or leave the minimum risk out.");
        }

        if (criteria.CarePlan != CarePlanCriterion.Either && !source.HasCarePlans)
        {
            throw new CohortUnavailableException("The analytical store holds no copy of care plans yet: run oneplace analytics refresh.");
        }

        asOf = source.AsOf;
        return store.OpenForReading();
    }

    /// <summary>The WHERE clause of the criteria. The locality, a value a user typed or chose, travels as a parameter;
    /// every other value is a number or a category name checked above, written into the SQL as itself.</summary>
    private static string Where(DuckDBCommand command, CohortCriteria criteria)
    {
        var where = new StringBuilder();
        void And(string condition) => where.Append(where.Length == 0 ? " WHERE " : " AND ").Append(condition);
        static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        if (criteria.LocalityCode is { } locality)
        {
            And("m.locality_code = $locality");
            command.Parameters.Add(new DuckDBParameter("locality", locality));
        }

        if (criteria.MinimumAge is { } age)
        {
            And($"m.age >= {Number(age)}");
        }

        if (criteria.FrailtyKept.Count > 0)
        {
            And($"m.efi_category IN ({string.Join(", ", criteria.FrailtyKept.Select(f => $"'{FrailtyValue(f)}'"))})");
        }

        if (criteria.MinimumEmergencyAdmissions is { } admissions)
        {
            And($"m.emergency_admissions_12m >= {Number(admissions)}");
        }

        if (criteria.CarePlan != CarePlanCriterion.Either)
        {
            And($"{(criteria.CarePlan == CarePlanCriterion.NoCarePlan ? "NOT " : "")}EXISTS (SELECT 1 FROM care_plan c WHERE c.person_id = m.person_id)");
        }

        if (criteria.SegmentsKept.Count > 0)
        {
            And($"m.segment IN ({string.Join(", ", criteria.SegmentsKept.Select(Number))})");
        }

        if (criteria.MinimumRisk is { } risk)
        {
            And($"m.risk_12m >= {risk.ToString("R", CultureInfo.InvariantCulture)}");
        }

        return where.ToString();
    }

    private static bool HasTable(DuckDBConnection duck, string table) =>
        AnalyticsStore.Scalar(duck, $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'") > 0;

    private static bool HasRiskColumn(DuckDBConnection duck) =>
        AnalyticsStore.Scalar(duck, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'person_measure' AND column_name = 'risk_12m'") > 0;
}
