namespace OnePlace.Core.Governance;

/// <summary>
/// What governance needs of one outcomes framework indicator from its last run (the analytical store's
/// <c>indicator_*</c> tables, as the outcome dashboards read them): its RAG against target, the "Making Data Count"
/// variation of its latest month and its assurance, and its latest value over the framework's year. The web host
/// makes these from the dashboards' snapshot, so that governance and the dashboards never disagree.
/// </summary>
/// <param name="Variation">The latest month's point variation (<c>CommonCause</c>, <c>SpecialCauseConcern</c>, …), or null with no chart.</param>
/// <param name="Rag">The RAG of the latest value against the target (<c>Red</c>, <c>Amber</c>, <c>Green</c>, <c>NoTarget</c>).</param>
public sealed record IndicatorReading(
    string IndicatorId, string Title, string Unit, string Polarity, DateTime RunAtUtc, string Rag, string? Variation,
    string? Assurance, double? Latest, DateOnly? LatestPeriodEnd, double? Target)
{
    /// <summary>A special-cause signal of concern on the latest month of the XmR chart.</summary>
    public bool HasConcerningSignal => Variation == "SpecialCauseConcern";

    /// <summary>The target was missed (RAG red), or the process cannot meet it as it runs (assurance: consistent fail).</summary>
    public bool MissesTarget => Rag == "Red" || Assurance == "ConsistentFail";
}
