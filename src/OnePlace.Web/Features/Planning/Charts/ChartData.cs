namespace OnePlace.Web.Features.Planning.Charts;

/// <summary>One year of a fan chart: the 10th, 50th and 90th percentiles of the runs' totals for that year.</summary>
public sealed record FanPoint(string Label, double P10, double P50, double P90);

/// <summary>One bar of a waterfall: a total (drawn from zero) or a change from the running total.</summary>
public sealed record WaterfallStep(string Label, double Value, bool IsTotal);
