namespace OnePlace.Core.Access;

/// <summary>Why a read of person data was refused: the page says which, and offers break-glass only for the second.</summary>
public enum PersonAccessRefusal
{
    /// <summary>The actor's roles do not grant the permission at all.</summary>
    NoPermission,

    /// <summary>The actor may read records, but has no legitimate relationship with this person and no break-glass.</summary>
    NoRelationship,
}

/// <summary>Thrown when a member of staff may not read the person data asked for; the refusal has been audited.</summary>
public sealed class PersonAccessDeniedException : Exception
{
    public PersonAccessDeniedException()
        : base("Only staff in a direct-care role may read people's records.")
    {
    }

    public PersonAccessDeniedException(string message)
        : base(message)
    {
    }

    public PersonAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PersonAccessDeniedException(string message, PersonAccessRefusal refusal, bool mayBreakGlass)
        : base(message)
    {
        Refusal = refusal;
        MayBreakGlass = mayBreakGlass;
    }

    public PersonAccessRefusal Refusal { get; } = PersonAccessRefusal.NoPermission;

    /// <summary>True when the actor may break the glass for this record (a direct-care role without a relationship).</summary>
    public bool MayBreakGlass { get; }
}
