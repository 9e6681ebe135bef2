namespace OnePlace.Core.PersonIndex;

/// <summary>Why a data steward's change to the person index was not made. Nothing is changed when one is thrown.</summary>
public enum PersonIndexProblem
{
    /// <summary>No such person, merge or pair.</summary>
    NotFound,

    /// <summary>A person cannot be merged into themselves.</summary>
    SamePerson,

    /// <summary>One of the people has already been merged into someone else.</summary>
    AlreadyMerged,

    /// <summary>The merge has already been undone.</summary>
    AlreadyUndone,

    /// <summary>The survivor has since been merged into a third person: undo that merge first.</summary>
    LaterMergeFirst,

    /// <summary>The pair has been decided already, or a newer linkage run replaced the queue.</summary>
    PairNoLongerOpen,

    /// <summary>A reason is required for every decision, merge and unmerge.</summary>
    ReasonRequired,
}

public sealed class PersonIndexException : Exception
{
    public PersonIndexException()
        : this(PersonIndexProblem.NotFound)
    {
    }

    public PersonIndexException(PersonIndexProblem problem)
        : base($"The person index was not changed: {problem}.")
    {
        Problem = problem;
    }

    public PersonIndexException(string message)
        : base(message)
    {
    }

    public PersonIndexException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PersonIndexProblem Problem { get; }
}
