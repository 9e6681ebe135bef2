namespace OnePlace.Core.Audit;

/// <summary>
/// One row of the append-only audit log: who did what, when, to which person, and why. Rows are never updated
/// or deleted: the store refuses it (see OnePlaceDb.SaveChanges and the database triggers in the migrations), and
/// <see cref="Hash"/> chains each row to the one before so that a rewrite is detectable (docs/adr/0018).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public Guid? PersonId { get; set; }
    public string? Reason { get; set; }
    public string? Detail { get; set; }

    /// <summary>SHA-256 (hex) of the previous row's hash and this row's fields (<see cref="AuditChain.HashOf(string, AuditEntry)"/>),
    /// set when the row is saved. Null only on rows written around the chain, which `oneplace audit verify` reports.</summary>
    public string? Hash { get; set; }
}

public static class AuditAction
{
    public const string ViewPerson = "person.view";
    public const string SearchPeople = "person.search";

    /// <summary>A person shown in a list of search results: their name and identifiers were seen.</summary>
    public const string ListPerson = "person.listed";
    public const string Import = "import";

    /// <summary>Records were linked to a person by the person index (a new person, or more records for one).</summary>
    public const string LinkPerson = "person.linked";

    /// <summary>One row per linkage run, with its counts: the run read every record to train the model.</summary>
    public const string LinkageRun = "person_index.run";

    /// <summary>A data steward decided whether two records are the same person.</summary>
    public const string DecideLink = "person.link_decided";

    public const string MergePeople = "person.merged";
    public const string UnmergePeople = "person.unmerged";
    public const string SignIn = "staff.sign_in";
    public const string SignInFailed = "staff.sign_in_failed";

    /// <summary>A member of staff's account was disabled (sign-in refused, open sessions ended) or enabled again.</summary>
    public const string StaffDisabled = "staff.disabled";
    public const string StaffEnabled = "staff.enabled";

    /// <summary>A member of staff set up an authenticator app (TOTP, RFC 6238) as their second factor.</summary>
    public const string MfaEnrolled = "staff.mfa_enrolled";

    /// <summary>An administrator switched a member of staff's second factor off and discarded its key and recovery codes
    /// (a lost phone): they set up a new one at their next sign-in.</summary>
    public const string MfaReset = "staff.mfa_reset";

    /// <summary>A member of staff signed in with one of their recovery codes in place of an authenticator code.</summary>
    public const string RecoveryCodeUsed = "staff.recovery_code_used";
}
