namespace OnePlace.Core.Organisations;

/// <summary>An organisation of the partnership: a partner, or a GP practice.</summary>
public sealed class Organisation
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Kind { get; set; }
    public string? Partner { get; set; }
    public string? LocalityCode { get; set; }
    public string? Postcode { get; set; }
}

public static class OrganisationKind
{
    public const string Partner = "partner";
    public const string GpPractice = "gp_practice";
}
