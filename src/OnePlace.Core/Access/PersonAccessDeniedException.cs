namespace OnePlace.Core.Access;

/// <summary>Thrown when a member of staff whose role is not a direct-care role asks to read person data.</summary>
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
}
