namespace OnePlace.Core.Services;

/// <summary>A service the partnership offers, delivered by one partner.</summary>
public sealed class Service
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Partner { get; set; }
    public required string Kind { get; set; }
}

/// <summary>A team delivering a service, in one locality or borough-wide (no locality).</summary>
public sealed class Team
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ServiceCode { get; set; }
    public string? LocalityCode { get; set; }
}
