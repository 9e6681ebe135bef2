namespace OnePlace.Core.PersonIndex;

/// <summary>
/// A data steward's merge of one person into another, with everything needed to undo it exactly: the records moved
/// (<see cref="PersonMergeRecord"/>) and both people's details as they were before. Never deleted: an undone merge
/// keeps who undid it, when and why.
/// </summary>
public sealed class PersonMerge
{
    public long Id { get; set; }
    public Guid SurvivorId { get; set; }
    public Guid MergedId { get; set; }
    public required string Actor { get; set; }
    public DateTime MergedAtUtc { get; set; }
    public required string Reason { get; set; }

    /// <summary>The steward's decision that led to the merge, when it came from the review queue.</summary>
    public long? LinkDecisionId { get; set; }

    /// <summary>JSON of the survivor's details before the merge (<see cref="PersonDetailsSnapshot"/>).</summary>
    public required string SurvivorBefore { get; set; }

    /// <summary>JSON of the merged person's details before the merge.</summary>
    public required string MergedBefore { get; set; }

    public string? UndoneBy { get; set; }
    public DateTime? UndoneAtUtc { get; set; }
    public string? UndoReason { get; set; }

    public bool IsUndone => UndoneAtUtc is not null;
}

/// <summary>One source record a merge moved from the merged person to the survivor.</summary>
public sealed class PersonMergeRecord
{
    public long MergeId { get; set; }
    public long SourceRecordId { get; set; }
}
