using OnePlace.Planning.Bridge;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Scenarios;

namespace OnePlace.Planning.Tests;

/// <summary>
/// The worked example reproduces the Walsall Together business case's published figures from its documented inputs:
/// "a financial gap of £174m by 2022/23 … Based on the current planned efficiency savings the gap would reduce to
/// £61m" (Walsall Together report to Walsall Council Cabinet, 11 April 2019, §5.3).
/// </summary>
public sealed class WalsallWorkedExampleTests
{
    private static readonly string File = Path.Combine(AppContext.BaseDirectory, "scenarios", "walsall-2019-business-case.yaml");

    [Fact]
    public void The_walsall_file_gives_a_do_nothing_gap_of_174m_in_2022_23_and_61m_after_planned_efficiencies()
    {
        var model = ScenarioFile.Load(File);

        var result = ScenarioEngine.WhatIf(model);

        var gap = new Metric(Level.System, "", Measure.Gap);
        int t = result.YearIndex(2022);
        Assert.Equal(174, Math.Round(result.DoNothing.MidpointValue(gap, t) / 1e6));
        Assert.Equal(61, Math.Round(result["planned-efficiencies"].MidpointValue(gap, t) / 1e6));
    }

    [Fact]
    public void The_walsall_bridge_runs_from_the_do_nothing_gap_through_efficiencies_and_each_shift_to_the_residual()
    {
        var model = ScenarioFile.Load(File);

        var result = ScenarioEngine.Run(model, new RunSettings { Runs = 1000, Seed = 2019 });

        var bridge = GapBridge.For(result, "walsall-together", 2022);
        Assert.Equal(BridgeStepKind.DoNothingGap, bridge[0].Kind);
        Assert.Equal(BridgeStepKind.Residual, bridge[^1].Kind);
        Assert.Equal(3, bridge.Count(s => s.Kind == BridgeStepKind.Intervention));
        Assert.InRange(bridge[0].Value.P50, 140e6, 210e6);
        Assert.True(bridge[0].Value.P10 < bridge[0].Value.P90);
        var efficienciesOnly = result["planned-efficiencies"].Summarise(new Metric(Level.System, "", Measure.Gap), result.YearIndex(2022));
        Assert.True(bridge[^1].Value.P50 < efficienciesOnly.P50, "the activity shifts close more of the gap than efficiencies alone");
    }
}
