using OnePlace.Planning.Engine;

namespace OnePlace.Planning.Bridge;

/// <summary>One step of a gap bridge: its label, what kind of step it is, and its summary across runs.</summary>
public sealed record BridgeStep(string Label, BridgeStepKind Kind, string Key, Summary Value);

public enum BridgeStepKind
{
    /// <summary>The do-nothing gap the bridge starts from.</summary>
    DoNothingGap,

    /// <summary>The cost change of the scenario's efficiencies (CIP and length of stay), on do-nothing activity.</summary>
    Efficiencies,

    /// <summary>One intervention's cost change: activity avoided and received at efficient prices, plus its scheme cost.</summary>
    Intervention,

    /// <summary>What the other steps do not account for (rounding here; the check that the bridge adds up).</summary>
    Interaction,

    /// <summary>The gap left: the scenario's own gap.</summary>
    Residual,
}

/// <summary>
/// The waterfall from the do-nothing gap, through efficiencies and each intervention, to the scenario's residual gap
/// (PRODUCT.md E3; D_demand_finance §4.3 equation 12). Every step is summarised from its own per-run values, and the
/// per-run values add up run by run: do-nothing gap + efficiencies + interventions + interaction = residual.
/// Percentiles of the steps do not add up, and are not meant to (the NHP glossary).
/// </summary>
public static class GapBridge
{
    public static IReadOnlyList<BridgeStep> For(ScenarioResult result, string scenario, int year)
    {
        int t = result.YearIndex(year);
        var plan = result[scenario];
        var steps = new List<BridgeStep>
        {
            Step("Do-nothing gap", BridgeStepKind.DoNothingGap, "do-nothing", result.DoNothing, new Metric(Level.System, "", Measure.Gap)),
        };
        var named = result.Model.Scenarios.FirstOrDefault(s => s.Id == scenario);
        if (named is not null && named.Efficiencies.Count > 0)
        {
            steps.Add(Step("Efficiencies", BridgeStepKind.Efficiencies, "efficiencies", plan, new Metric(Level.Bridge, "efficiencies", Measure.CostChange)));
        }

        foreach (var intervention in result.Model.Interventions.Where(m => named?.Interventions.Contains(m.Id) == true))
        {
            steps.Add(Step(intervention.Name, BridgeStepKind.Intervention, intervention.Id, plan, new Metric(Level.Intervention, intervention.Id, Measure.CostChange)));
        }

        if (named is not null)
        {
            steps.Add(Step("Interaction", BridgeStepKind.Interaction, "interaction", plan, new Metric(Level.Bridge, "interaction", Measure.CostChange)));
        }

        steps.Add(Step("Residual gap", BridgeStepKind.Residual, scenario, plan, new Metric(Level.System, "", Measure.Gap)));
        return steps;

        BridgeStep Step(string label, BridgeStepKind kind, string key, ScenarioOutcome outcome, Metric metric) =>
            new(label, kind, key, outcome.Summarise(metric, t));
    }
}
