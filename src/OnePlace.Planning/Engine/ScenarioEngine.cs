using System.Diagnostics;
using OnePlace.Planning.Sampling;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Engine;

/// <summary>
/// The scenario engine (D_demand_finance §4.3, equations 1–2 and 4–12, expectation mode with parameter uncertainty;
/// ADR 0015). Each run draws its parameters, projects every line (cell × setting) for every year under "do nothing"
/// and each named scenario, and keeps its totals at every reported level; summaries come from those per-run totals.
/// Run 0 is the midpoint run (every interval at its midpoint, the most probable population variant).
/// </summary>
public static class ScenarioEngine
{
    /// <summary>The midpoint run alone: the deterministic "what-if" a page recalculates as a parameter changes.</summary>
    public static ScenarioResult WhatIf(ScenarioModel model) => Run(model, new RunSettings { Runs = 0, Threads = 1 });

    public static ScenarioResult Run(ScenarioModel model, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.Runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Threads, 1);
        var clock = Stopwatch.StartNew();
        var compiled = CompiledModel.Compile(model);
        var parameters = ParameterLayout.For(model);
        var layout = new MetricLayout(compiled);
        int width = layout.Width;
        var outcomes = compiled.Scenarios.Select(s => new ScenarioOutcome(s.Id, s.Title, layout, settings.Runs)).ToArray();
        var draws = new double[(settings.Runs + 1) * parameters.Count];

        var midpoint = new RunWork(compiled, parameters.Count);
        parameters.Midpoints(midpoint.Parameters);
        midpoint.Variant = compiled.PrincipalVariant;
        midpoint.Parameters.CopyTo(draws.AsSpan(0, parameters.Count));
        Evaluate(compiled, parameters, layout, midpoint, outcomes, run: -1);

        if (settings.Runs > 0)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Threads };
            Parallel.For(0, settings.Runs, options, () => new RunWork(compiled, parameters.Count), (run, _, work) =>
            {
                // Run i's numbers come from the master seed and i alone (SplitMix64 → xoshiro256**), so the schedule
                // cannot change them.
                var random = new RunRandom(settings.Seed, run);
                work.Variant = compiled.VariantWeights.Length > 1 ? random.Choose(compiled.VariantWeights) : 0;
                parameters.Draw(ref random, work.Parameters);
                work.Parameters.CopyTo(draws.AsSpan((run + 1) * parameters.Count, parameters.Count));
                Evaluate(compiled, parameters, layout, work, outcomes, run);
                return work;
            }, _ => { });
        }

        clock.Stop();
        return new ScenarioResult(model, settings, layout, outcomes, parameters, draws, clock.Elapsed, compiled.LineCount);
    }

    private static void Evaluate(CompiledModel c, ParameterLayout layout, MetricLayout metrics, RunWork w, ScenarioOutcome[] outcomes, int run)
    {
        int years = c.Years;
        int settings = c.SettingCount;
        int localities = c.LocalityCount;
        var p = w.Parameters;
        var model = c.Model;

        // Equations 2 and 4: growth of each setting and projection band by year (demography × non-demographic).
        var factors = c.DemographicFactor[w.Variant];
        for (int k = 0; k < settings; k++)
        {
            double rate = 1 + p[layout.Growth[k]];
            int inflation = c.SettingInflation[k];
            double inflate = inflation >= 0 ? 1 + p[layout.InflationRate[inflation]] : 1;
            double ndg = 1;
            double price = 1;
            for (int t = 0; t < years; t++)
            {
                for (int band = 0; band < 4; band++)
                {
                    w.Growth[(((k * 4) + band) * years) + t] = factors[(band * years) + t] * ndg;
                }

                w.PriceDoNothing[(k * years) + t] = price;
                ndg *= rate;
                price *= inflate;
            }
        }

        w.Funding.AsSpan().Clear();
        for (int f = 0; f < model.Funding.Count; f++)
        {
            double growth = 1 + p[layout.FundingGrowth[f]];
            double amount = model.Funding[f].Baseline;
            int partner = c.FundingPartner[f];
            for (int t = 0; t < years; t++)
            {
                w.Funding[(partner * years) + t] += amount;
                amount *= growth;
            }
        }

        // Equation 6: each intervention's own retained factor by year, 1 − φ(t)·(share avoided).
        for (int m = 0; m < c.InterventionCount; m++)
        {
            double share = p[layout.ShareAvoided[m]];
            var phasing = model.Interventions[m].Phasing;
            for (int t = 0; t < years; t++)
            {
                double retained = 1 - (phasing.Fraction(model.Year(t)) * share);
                w.Retained[(m * years) + t] = retained;
                w.LogRetained[(m * years) + t] = Math.Log(Math.Max(retained, 1e-300));
            }
        }

        // Equation 4, do nothing: every line, every year. Value is activity × baseline unit cost; prices come later.
        var units0 = w.UnitsDoNothing;
        var value0 = w.ValueDoNothing;
        Array.Clear(units0);
        Array.Clear(value0);
        var growth0 = w.Growth;
        var lineGrowth = c.LineGrowthIndex;
        var lineCell = c.LineTotalIndex;
        var lineActivity = c.LineActivity;
        var lineWorth = c.LineWorth;
        for (int r = 0; r < lineActivity.Length; r++)
        {
            var g = growth0.AsSpan(lineGrowth[r], years);
            var u = units0.AsSpan(lineCell[r], years);
            var v = value0.AsSpan(lineCell[r], years);
            double activity = lineActivity[r];
            double worth = lineWorth[r];
            for (int t = 0; t < g.Length && t < u.Length && t < v.Length; t++)
            {
                u[t] += activity * g[t];
                v[t] += worth * g[t];
            }
        }

        for (int s = 0; s < c.Scenarios.Length; s++)
        {
            var scenario = c.Scenarios[s];
            var units = w.Units;
            var value = w.Value;
            Array.Copy(units0, units, units0.Length);
            Array.Copy(value0, value, value0.Length);
            Array.Clear(w.Avoided);
            Array.Clear(w.Received);
            Array.Clear(w.NetValue);
            Prices(c, layout, w, scenario);
            Shift(c, layout, w, scenario);
            var target = run < 0 ? outcomes[s].Midpoint : outcomes[s].PerRun.AsSpan(run * metrics.Width, metrics.Width);
            Report(c, metrics, w, scenario, target);
        }
    }

    /// <summary>Equation 9: unit prices by setting and year (inflation, then compounding CIP of the partner that
    /// pays) and length-of-stay factors, for the scenario's efficiencies.</summary>
    private static void Prices(CompiledModel c, ParameterLayout layout, RunWork w, CompiledScenario scenario)
    {
        int years = c.Years;
        var model = c.Model;
        Array.Copy(w.PriceDoNothing, w.Price, w.Price.Length);
        Array.Fill(w.Los, 1.0);
        foreach (int e in scenario.Efficiencies)
        {
            var efficiency = model.Efficiencies[e];
            double v = w.Parameters[layout.EfficiencyValue[e]];
            for (int k = 0; k < c.SettingCount; k++)
            {
                if (efficiency.Cip is not null)
                {
                    if (efficiency.Partner is { } partner && c.Partners[c.SettingPartner[k]] != partner)
                    {
                        continue;
                    }

                    double kept = 1;
                    for (int t = 0; t < years; t++)
                    {
                        kept *= 1 - (v * efficiency.Phasing.Fraction(model.Year(t)) * (t > 0 ? 1 : 0));
                        w.Price[(k * years) + t] *= kept;
                    }
                }
                else if (c.Settings[k] == efficiency.LosSetting)
                {
                    for (int t = 0; t < years; t++)
                    {
                        w.Los[(k * years) + t] *= 1 - (efficiency.Phasing.Fraction(model.Year(t)) * (1 - v));
                    }
                }
            }
        }
    }

    /// <summary>Equations 6–8: on each line the scenario's interventions touch, the activity avoided (shared among
    /// overlapping interventions by the log of each one's retained factor, which is order-free and sums exactly) and
    /// the activity each receiving setting gains in the same cell.</summary>
    private static void Shift(CompiledModel c, ParameterLayout layout, RunWork w, CompiledScenario scenario)
    {
        int years = c.Years;
        int localities = c.LocalityCount;
        int settings = c.SettingCount;
        var p = w.Parameters;
        var growth = w.Growth;
        var retainedOf = w.Retained;
        var logRetained = w.LogRetained;
        var units = w.Units;
        var value = w.Value;
        var avoidedBy = w.Avoided;
        var receivedBy = w.Received;
        var netValue = w.NetValue;
        var lineAvoided = w.LineAvoided;
        var lineSumLog = w.LineSumLog;
        var lines = scenario.Lines;
        var offsets = scenario.Offsets;
        var receiverWorth = c.ReceiverWorth;
        for (int i = 0; i < lines.Length; i++)
        {
            int r = lines[i];
            int k = c.LineSetting[r];
            int g = c.LineLocality[r];
            int gi = c.LineGrowthIndex[r];
            int ai = c.LineTotalIndex[r];
            double activity = c.LineActivity[r];
            double worth = c.LineWorth[r];
            int first = offsets[i];
            int last = offsets[i + 1];
            bool alone = last - first == 1;

            // The line's demand avoided each year, as a share of its activity: growth × (1 − Π retained).
            for (int t = 0; t < years; t++)
            {
                double retained = 1;
                double sumLog = 0;
                for (int e = first; e < last; e++)
                {
                    int mt = (scenario.EntryIntervention[e] * years) + t;
                    retained *= retainedOf[mt];
                    sumLog += logRetained[mt];
                }

                double avoided = growth[gi + t] * (1 - retained);
                lineAvoided[t] = avoided;
                lineSumLog[t] = sumLog;
                units[ai + t] -= activity * avoided;
                value[ai + t] -= worth * avoided;
            }

            for (int e = first; e < last; e++)
            {
                int m = scenario.EntryIntervention[e];
                var receivers = c.ReceiverSetting[m];
                int conversion = layout.Conversion[m];
                int worthAt = scenario.EntryWorthAt[e];
                int mi = m * years;
                int ni = ((m * settings) + k) * years;
                for (int t = 0; t < years; t++)
                {
                    double mine = Share(alone, lineAvoided[t], logRetained[mi + t], lineSumLog[t]);
                    avoidedBy[mi + t] += activity * mine;
                    netValue[ni + t] -= worth * mine;
                }

                for (int j = 0; j < receivers.Length; j++)
                {
                    double factor = p[conversion + j];
                    double receiving = receiverWorth[worthAt + j];
                    int into = ((receivers[j] * localities) + g) * years;
                    int nj = ((m * settings) + receivers[j]) * years;
                    for (int t = 0; t < years; t++)
                    {
                        double mine = Share(alone, lineAvoided[t], logRetained[mi + t], lineSumLog[t]) * factor;
                        units[into + t] += activity * mine;
                        value[into + t] += receiving * mine;
                        receivedBy[mi + t] += activity * mine;
                        netValue[nj + t] += receiving * mine;
                    }
                }
            }
        }
    }

    /// <summary>An intervention's part of a line's avoided share: all of it when it acts alone, else in proportion to
    /// the log of its own retained factor (§4.3 equation 7).</summary>
    private static double Share(bool alone, double avoided, double logRetained, double sumLog) =>
        alone ? avoided : sumLog < 0 ? avoided * logRetained / sumLog : 0;

    /// <summary>Equations 10 and 12: prices the scenario's activity and writes the run's totals at every level.</summary>
    private static void Report(CompiledModel c, MetricLayout metrics, RunWork w, CompiledScenario scenario, Span<double> target)
    {
        int years = c.Years;
        int localities = c.LocalityCount;
        int settings = c.SettingCount;
        var model = c.Model;
        target.Clear();
        for (int t = 0; t < years; t++)
        {
            double efficiencyStep = 0;
            for (int k = 0; k < settings; k++)
            {
                double price = w.Price[(k * years) + t];
                double los = w.Los[(k * years) + t];
                double priceNothing = w.PriceDoNothing[(k * years) + t];
                int partner = c.SettingPartner[k];
                for (int g = 0; g < localities; g++)
                {
                    int a = (((k * localities) + g) * years) + t;
                    double activity = w.Units[a] * los;
                    double cost = w.Value[a] * price * los;
                    efficiencyStep += w.ValueDoNothing[a] * ((price * los) - priceNothing);
                    target[metrics.At(metrics.SettingCost(k), t)] += cost;
                    target[metrics.At(metrics.SettingActivity(k), t)] += activity;
                    target[metrics.At(metrics.LocalityCost(g), t)] += cost;
                    target[metrics.At(metrics.LocalityActivity(g), t)] += activity;
                    target[metrics.At(metrics.PartnerCost(partner), t)] += cost;
                }
            }

            double steps = 0;
            foreach (int m in scenario.Interventions)
            {
                var intervention = model.Interventions[m];
                double avoided = w.Avoided[(m * years) + t];
                double scheme = (model.Year(t) >= intervention.Phasing.Start ? intervention.FixedCostPerYear : 0) + (intervention.CostPerUnitAvoided * avoided);
                double change = scheme;
                for (int k = 0; k < settings; k++)
                {
                    change += w.NetValue[(((m * settings) + k) * years) + t] * w.Price[(k * years) + t] * w.Los[(k * years) + t];
                }

                target[metrics.At(metrics.PartnerCost(c.InterventionOwner[m]), t)] += scheme;
                target[metrics.At(metrics.InterventionAvoided(m), t)] = avoided;
                target[metrics.At(metrics.InterventionReceived(m), t)] = w.Received[(m * years) + t];
                target[metrics.At(metrics.InterventionCostChange(m), t)] = change;
                steps += change;
            }

            double cost0 = 0;
            double funding = 0;
            for (int partner = 0; partner < c.Partners.Length; partner++)
            {
                double cost = target[metrics.At(metrics.PartnerCost(partner), t)];
                double fund = w.Funding[(partner * years) + t];
                target[metrics.At(metrics.PartnerFunding(partner), t)] = fund;
                target[metrics.At(metrics.PartnerGap(partner), t)] = cost - fund;
                cost0 += cost;
                funding += fund;
            }

            target[metrics.At(MetricLayout.SystemCost, t)] = cost0;
            target[metrics.At(MetricLayout.SystemFunding, t)] = funding;
            target[metrics.At(MetricLayout.SystemGap, t)] = cost0 - funding;
            target[metrics.At(metrics.BridgeEfficiencies, t)] = efficiencyStep;
            // What the do-nothing gap, the efficiency step and the interventions' steps do not account for. Efficiencies are
            // valued on do-nothing activity and interventions at efficient prices, and the log-share attribution shares
            // out their overlap, so the steps add up and this line is rounding: the bridge's own check.
            double gapNothing = DoNothingGap(c, w, t);
            target[metrics.At(metrics.BridgeInteraction, t)] = (cost0 - funding) - (gapNothing + efficiencyStep + steps);
        }
    }

    private static double DoNothingGap(CompiledModel c, RunWork w, int t)
    {
        int years = c.Years;
        double gap = 0;
        for (int k = 0; k < c.SettingCount; k++)
        {
            double price = w.PriceDoNothing[(k * years) + t];
            for (int g = 0; g < c.LocalityCount; g++)
            {
                gap += w.ValueDoNothing[(((k * c.LocalityCount) + g) * years) + t] * price;
            }
        }

        for (int partner = 0; partner < c.Partners.Length; partner++)
        {
            gap -= w.Funding[(partner * years) + t];
        }

        return gap;
    }

    /// <summary>One thread's working arrays, reused run after run so that the run loop allocates nothing.</summary>
    private sealed class RunWork(CompiledModel c, int parameters)
    {
        public double[] Parameters { get; } = new double[parameters];

        public int Variant { get; set; }

        public double[] Growth { get; } = new double[c.SettingCount * 4 * c.Years];

        public double[] PriceDoNothing { get; } = new double[c.SettingCount * c.Years];

        public double[] Price { get; } = new double[c.SettingCount * c.Years];

        public double[] Los { get; } = new double[c.SettingCount * c.Years];

        public double[] Funding { get; } = new double[c.Partners.Length * c.Years];

        public double[] Retained { get; } = new double[c.InterventionCount * c.Years];

        public double[] UnitsDoNothing { get; } = new double[c.SettingCount * c.LocalityCount * c.Years];

        public double[] ValueDoNothing { get; } = new double[c.SettingCount * c.LocalityCount * c.Years];

        public double[] Units { get; } = new double[c.SettingCount * c.LocalityCount * c.Years];

        public double[] Value { get; } = new double[c.SettingCount * c.LocalityCount * c.Years];

        public double[] Avoided { get; } = new double[c.InterventionCount * c.Years];

        public double[] Received { get; } = new double[c.InterventionCount * c.Years];

        public double[] NetValue { get; } = new double[c.InterventionCount * c.SettingCount * c.Years];

        public double[] LogRetained { get; } = new double[c.InterventionCount * c.Years];

        public double[] LineAvoided { get; } = new double[c.Years];

        public double[] LineSumLog { get; } = new double[c.Years];
    }
}
