using CsCheck;
using OnePlace.Planning.Bridge;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Tests;

/// <summary>The engine's invariants (PRODUCT.md E2; D_demand_finance §4.5.6–7).</summary>
public sealed class EngineInvariantTests
{
    private static readonly Phasing Linear = new(2019, 2022, PhasingProfile.Linear);

    [Fact]
    public void Activity_avoided_in_one_setting_is_received_elsewhere_after_conversion_in_every_run_and_year()
    {
        Gen.Select(Gen.Double[0, 0.4], Gen.Double[0, 0.2], Gen.Double[0.5, 3], Gen.Double[0, 1], Gen.ULong).Sample((share, width, conversion, spread, seed) =>
        {
            var model = new ScenarioBuilder().Horizon(5)
                .Intervention("shift", new Interval(share, share + width), Linear, new Shift("community_contact", new Interval(conversion, conversion + spread)))
                .Scenario("plan", ["shift"]).Build();

            var result = ScenarioEngine.Run(model, new RunSettings { Runs = 20, Seed = seed, Threads = 2 });

            var plan = result["plan"];
            var nothing = result.DoNothing;
            for (int t = 0; t < result.Years.Count; t++)
            {
                var avoided = plan.RunValues(new Metric(Level.Intervention, "shift", Measure.Avoided), t);
                var received = plan.RunValues(new Metric(Level.Intervention, "shift", Measure.Received), t);
                var lostHere = Difference(nothing, plan, "emergency_admission", t);
                var gainedThere = Difference(plan, nothing, "community_contact", t);
                for (int run = 0; run < result.Runs; run++)
                {
                    double factor = result.Parameter(run + 1, "conversion:shift:community_contact");
                    Assert.Equal(avoided[run] * factor, received[run], 1e-9 * Math.Max(1, received[run]));
                    Assert.Equal(avoided[run], lostHere[run], 1e-9 * Math.Max(1, avoided[run]));
                    Assert.Equal(received[run], gainedThere[run], 1e-9 * Math.Max(1, received[run]));
                }
            }
        }, iter: 12);
    }

    [Fact]
    public void A_scenario_that_shifts_nothing_equals_do_nothing_exactly()
    {
        var model = new ScenarioBuilder()
            .Intervention("nothing", Interval.Fixed(0), Linear, new Shift("community_contact", new Interval(2, 4)))
            .Scenario("zero-shift", ["nothing"]).Build();
        // No scheme costs either: the scenario changes nothing at all.
        model = model with { Interventions = [model.Interventions[0] with { FixedCostPerYear = 0, CostPerUnitAvoided = 0 }] };

        var result = ScenarioEngine.Run(model, new RunSettings { Runs = 200, Seed = 5 });

        foreach (var metric in result.Layout.Metrics.Where(m => m.Level is not (Level.Intervention or Level.Bridge)))
        {
            for (int t = 0; t < result.Years.Count; t++)
            {
                Assert.Equal(result.DoNothing.RunValues(metric, t), result["zero-shift"].RunValues(metric, t));
                Assert.Equal(result.DoNothing.MidpointValue(metric, t), result["zero-shift"].MidpointValue(metric, t));
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_identical_results_on_one_thread_and_on_two_and_another_seed_differs()
    {
        var model = Planned();

        var one = ScenarioEngine.Run(model, new RunSettings { Runs = 300, Seed = 11, Threads = 1 });
        var two = ScenarioEngine.Run(model, new RunSettings { Runs = 300, Seed = 11, Threads = 2 });
        var other = ScenarioEngine.Run(model, new RunSettings { Runs = 300, Seed = 12, Threads = 2 });

        var gap = new Metric(Level.System, "", Measure.Gap);
        for (int s = 0; s < one.Scenarios.Count; s++)
        {
            foreach (var metric in one.Layout.Metrics)
            {
                Assert.Equal(one.Scenarios[s].RunValues(metric, 10), two.Scenarios[s].RunValues(metric, 10));
            }
        }

        Assert.NotEqual(one["plan"].RunValues(gap, 10), other["plan"].RunValues(gap, 10));
    }

    [Fact]
    public void Percentiles_are_ordered_and_come_from_the_per_run_totals_of_their_level()
    {
        var result = ScenarioEngine.Run(Planned(), new RunSettings { Runs = 500, Seed = 3 });

        foreach (var outcome in result.Scenarios)
        {
            var all = outcome.SummariseAll();
            Assert.All(all, s => Assert.True(s.P10 <= s.P50 && s.P50 <= s.P90, $"{s}"));
        }

        // The system's P90 is the P90 of the per-run system totals (the sum of the partners' costs in each run).
        var plan = result["plan"];
        var system = plan.Summarise(new Metric(Level.System, "", Measure.Cost), 10);
        var perRun = Enumerable.Range(0, result.Runs).Select(run =>
            result.Model.Partners.Sum(p => plan.RunValues(new Metric(Level.Partner, p.Id, Measure.Cost), 10)[run])).Order().ToArray();
        Assert.Equal(Summary.Quantile(perRun, 0.9), system.P90, 1e-6 * system.P90);
    }

    [Fact]
    public void A_step_profile_has_no_effect_before_its_year_and_full_effect_from_it()
    {
        var model = new ScenarioBuilder().Horizon(6)
            .Intervention("step", new Interval(0.2, 0.2), new Phasing(2021, 2021, PhasingProfile.Step))
            .Scenario("plan", ["step"]).Build();

        var result = ScenarioEngine.WhatIf(model);

        var admissions = new Metric(Level.Setting, "emergency_admission", Measure.Activity);
        var avoided = new Metric(Level.Intervention, "step", Measure.Avoided);
        for (int year = 2018; year <= 2024; year++)
        {
            int t = result.YearIndex(year);
            double nothing = result.DoNothing.MidpointValue(admissions, t);
            double plan = result["plan"].MidpointValue(admissions, t);
            if (year < 2021)
            {
                Assert.Equal(nothing, plan);
                Assert.Equal(0, result["plan"].MidpointValue(avoided, t));
            }
            else
            {
                Assert.True(plan < nothing);
                Assert.Equal(result["plan"].MidpointValue(avoided, t), nothing - plan, 1e-6);
            }
        }
    }

    [Theory]
    [InlineData(PhasingProfile.Linear, 0.25, 0.5, 0.75, 1.0)]
    [InlineData(PhasingProfile.Front, 0.4375, 0.75, 0.9375, 1.0)]
    [InlineData(PhasingProfile.Back, 0.0625, 0.25, 0.5625, 1.0)]
    [InlineData(PhasingProfile.Step, 1.0, 1.0, 1.0, 1.0)]
    public void Phasing_profiles_follow_their_curves_from_the_start_year_to_full_effect(PhasingProfile profile, double y1, double y2, double y3, double y4)
    {
        var phasing = new Phasing(2019, 2022, profile);

        Assert.Equal(0, phasing.Fraction(2018));
        Assert.Equal([y1, y2, y3, y4], [phasing.Fraction(2019), phasing.Fraction(2020), phasing.Fraction(2021), phasing.Fraction(2022)]);
        Assert.Equal(1, phasing.Fraction(2030));
    }

    [Fact]
    public void Overlapping_interventions_share_the_avoided_activity_and_the_bridge_adds_up_run_by_run()
    {
        var model = new ScenarioBuilder()
            .Intervention("a", new Interval(0.1, 0.3), Linear, new Shift("community_contact", new Interval(2, 4)))
            .Intervention("b", new Interval(0.05, 0.15), new Phasing(2020, 2024, PhasingProfile.Back), new Shift("reablement_episode", new Interval(0.3, 0.7)))
            .Cip("cip", new Interval(0.01, 0.03))
            .Scenario("plan", ["a", "b"], ["cip"]).Build();

        var result = ScenarioEngine.Run(model, new RunSettings { Runs = 100, Seed = 9 });

        var plan = result["plan"];
        for (int t = 0; t < result.Years.Count; t++)
        {
            var lost = Difference(result.DoNothing, plan, "emergency_admission", t);
            var a = plan.RunValues(new Metric(Level.Intervention, "a", Measure.Avoided), t);
            var b = plan.RunValues(new Metric(Level.Intervention, "b", Measure.Avoided), t);
            var gapNothing = result.DoNothing.RunValues(new Metric(Level.System, "", Measure.Gap), t);
            var gapPlan = plan.RunValues(new Metric(Level.System, "", Measure.Gap), t);
            var steps = new[] { new Metric(Level.Bridge, "efficiencies", Measure.CostChange), new Metric(Level.Intervention, "a", Measure.CostChange), new Metric(Level.Intervention, "b", Measure.CostChange) }
                .Select(m => plan.RunValues(m, t)).ToArray();
            var interaction = plan.RunValues(new Metric(Level.Bridge, "interaction", Measure.CostChange), t);
            for (int run = 0; run < result.Runs; run++)
            {
                Assert.Equal(lost[run], a[run] + b[run], 1e-6);
                Assert.Equal(gapPlan[run], gapNothing[run] + steps.Sum(s => s[run]) + interaction[run], 1e-3);
                Assert.True(Math.Abs(interaction[run]) < 1e-3, $"interaction {interaction[run]}");
            }
        }

        var bridge = GapBridge.For(result, "plan", 2028);
        Assert.Equal(["Do-nothing gap", "Efficiencies", "a", "b", "Interaction", "Residual gap"], bridge.Select(s => s.Label));
        Assert.True(bridge[1].Value.Mean < 0 && bridge[2].Value.Mean < bridge[0].Value.Mean);
    }

    [Fact]
    public void Population_variants_are_drawn_with_their_weights_and_the_midpoint_run_uses_the_most_probable()
    {
        var weights = new Dictionary<string, double> { ["principal"] = 0.5, ["high_life_expectancy"] = 0.25, ["low_life_expectancy"] = 0.25 };
        var model = new ScenarioBuilder().Variants(weights).Build();
        var principal = new ScenarioBuilder().Build();

        var result = ScenarioEngine.Run(model, new RunSettings { Runs = 400, Seed = 2 });

        var cost = new Metric(Level.Setting, "home_care_hour", Measure.Activity);
        Assert.Equal(ScenarioEngine.WhatIf(principal).DoNothing.MidpointValue(cost, 10), result.DoNothing.MidpointValue(cost, 10));
        var distinct = result.DoNothing.RunValues(cost, 10).Select(v => Math.Round(v, 6)).Distinct().Count();
        Assert.Equal(3, distinct);
    }

    private static ScenarioModel Planned() => new ScenarioBuilder()
        .Growth("emergency_admission", new Interval(-0.0045, 0.0017))
        .Intervention("frailty", new Interval(0.05, 0.15), Linear, new Shift("community_contact", new Interval(2, 4)), new Shift("reablement_episode", new Interval(0.3, 0.7)))
        .Cip("cip", new Interval(0.01, 0.03))
        .Scenario("plan", ["frailty"], ["cip"]).Build();

    private static double[] Difference(ScenarioOutcome from, ScenarioOutcome minus, string setting, int t)
    {
        var metric = new Metric(Level.Setting, setting, Measure.Activity);
        var a = from.RunValues(metric, t);
        var b = minus.RunValues(metric, t);
        return [.. a.Zip(b, (x, y) => x - y)];
    }
}
