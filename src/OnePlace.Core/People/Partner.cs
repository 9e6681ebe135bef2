namespace OnePlace.Core.People;

/// <summary>The partners of the integrated care partnership whose extracts OnePlace imports.</summary>
public static class Partner
{
    public const string Gp = "gp";
    public const string Hospital = "hospital";
    public const string Community = "community";
    public const string Council = "council";
    public const string Voluntary = "voluntary";

    /// <summary>Not an extract: the person's details as a referrer gave them to the Single Point of Access.</summary>
    public const string Spa = "spa";

    /// <summary>In the order their extracts are imported; the GP record is the registered, preferred one.</summary>
    public static readonly IReadOnlyList<string> All = [Gp, Hospital, Community, Council, Voluntary];

    public static bool IsKnown(string code) => All.Contains(code);

    /// <summary>How strongly a partner's demographics are preferred for the person's own details (lower wins).</summary>
    public static int DemographicPrecedence(string code) => code switch
    {
        Gp => 0,
        Hospital => 1,
        Community => 2,
        Council => 3,
        _ => 4,
    };
}
