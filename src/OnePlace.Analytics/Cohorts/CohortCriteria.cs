using System.Globalization;
using OnePlace.Analytics.Measures;

namespace OnePlace.Analytics.Cohorts;

/// <summary>Whether a cohort keeps people with a shared care plan, people without one, or both.</summary>
public enum CarePlanCriterion
{
    Either,

    /// <summary>People with a shared care plan (any made in OnePlace, as the analytical store's <c>care_plan</c> holds).</summary>
    HasCarePlan,

    /// <summary>People with no shared care plan: the usual gap case finding looks for (NHS England, Ageing well:
    /// people living with severe frailty should have a personalised care and support plan).</summary>
    NoCarePlan,
}

/// <summary>
/// What a case-finding cohort keeps (PRODUCT.md C3), as criteria on the person measures of the analytical store
/// (<c>person_measure</c>). Every criterion left empty keeps everyone; those given must all hold. For example severe
/// frailty, two or more emergency admissions in 12 months, no care plan, in the North locality.
/// </summary>
/// <param name="LocalityCode">The locality the person lives in; null for the whole borough.</param>
/// <param name="MinimumAge">The youngest age kept, in whole years at the measures' date.</param>
/// <param name="Frailty">eFI categories kept (Clegg et al. 2016); empty for every category.</param>
/// <param name="MinimumEmergencyAdmissions">The fewest emergency admissions in the 12 months to the measures' date.</param>
/// <param name="CarePlan">People with or without a shared care plan.</param>
/// <param name="Segments">Population segments kept (rules/segments); empty for every segment.</param>
/// <param name="MinimumRisk">The lowest 12-month emergency admission risk kept, 0 to 1 (<c>person_measure.risk_12m</c>,
/// present once <c>oneplace analytics risk</c> has scored everyone).</param>
public sealed record CohortCriteria(
    string? LocalityCode = null,
    int? MinimumAge = null,
    IReadOnlyList<FrailtyCategory>? Frailty = null,
    int? MinimumEmergencyAdmissions = null,
    CarePlanCriterion CarePlan = CarePlanCriterion.Either,
    IReadOnlyList<int>? Segments = null,
    double? MinimumRisk = null)
{
    /// <summary>The eFI categories kept, each once, in order; empty for all.</summary>
    /// <remarks>Computed on each read, not stored, so that a copy made with <c>with { Frailty = … }</c> keeps what it says.</remarks>
    public IReadOnlyList<FrailtyCategory> FrailtyKept => [.. (Frailty ?? []).Distinct().Order()];

    /// <summary>The segments kept, each once, in order; empty for all.</summary>
    public IReadOnlyList<int> SegmentsKept => [.. (Segments ?? []).Distinct().Order()];

    /// <summary>The problems with the criteria, by criterion; empty when they can be run.</summary>
    public IReadOnlyList<(string Criterion, string Problem)> Problems()
    {
        var problems = new List<(string, string)>();
        if (MinimumAge is < 0 or > 120)
        {
            problems.Add(("minimum-age", "The minimum age must be a whole number from 0 to 120."));
        }

        if (MinimumEmergencyAdmissions is < 0 or > 100)
        {
            problems.Add(("minimum-admissions", "The minimum number of emergency admissions must be a whole number from 0 to 100."));
        }

        if (MinimumRisk is { } risk && (double.IsNaN(risk) || risk < 0 || risk > 1))
        {
            problems.Add(("minimum-risk", "The minimum risk must be from 0 to 1 (0% to 100%)."));
        }

        if (FrailtyKept.Any(f => !Enum.IsDefined(f)))
        {
            problems.Add(("frailty", "A frailty category is not one of fit, mild, moderate or severe."));
        }

        if (SegmentsKept.Any(s => s is < 1 or > 99))
        {
            problems.Add(("segment", "A segment must be a whole number from 1 to 99."));
        }

        if (!Enum.IsDefined(CarePlan))
        {
            problems.Add(("care-plan", "The care plan criterion is not one of either, has or none."));
        }

        return problems;
    }

    /// <summary>
    /// The criteria in words, kept with a case-finding list so that everyone who opens it knows why each person is on
    /// it, e.g. "locality N; aged 65 or over; frailty severe; 2 or more emergency admissions in 12 months; no shared care plan".
    /// </summary>
    public string Describe()
    {
        var parts = new List<string> { LocalityCode is null ? "whole borough" : $"locality {LocalityCode}" };
        if (MinimumAge is { } age)
        {
            parts.Add($"aged {age.ToString(CultureInfo.InvariantCulture)} or over");
        }

        if (FrailtyKept.Count > 0)
        {
            parts.Add("frailty " + string.Join(" or ", FrailtyKept.Select(Cohort.FrailtyValue)));
        }

        if (MinimumEmergencyAdmissions is { } admissions)
        {
            parts.Add($"{admissions.ToString(CultureInfo.InvariantCulture)} or more emergency admissions in 12 months");
        }

        if (CarePlan != CarePlanCriterion.Either)
        {
            parts.Add(CarePlan == CarePlanCriterion.NoCarePlan ? "no shared care plan" : "a shared care plan");
        }

        if (SegmentsKept.Count > 0)
        {
            parts.Add("segment " + string.Join(" or ", SegmentsKept.Select(s => s.ToString(CultureInfo.InvariantCulture))));
        }

        if (MinimumRisk is { } risk)
        {
            parts.Add($"12-month admission risk {risk.ToString("0.###", CultureInfo.InvariantCulture)} or more");
        }

        return string.Join("; ", parts);
    }
}
