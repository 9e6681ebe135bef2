namespace OnePlace.Core.Geography;

/// <summary>A locality of the borough: the unit around which community teams and MDTs are organised.</summary>
public sealed class Locality
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>A small area (LSOA-like) with its Index of Multiple Deprivation decile (1 = most deprived).</summary>
public sealed class SmallArea
{
    public required string Code { get; set; }
    public string? Name { get; set; }
    public required string LocalityCode { get; set; }
    public int ImdDecile { get; set; }
}

/// <summary>A postcode and the small area it lies in.</summary>
public sealed class PostcodeArea
{
    public required string Postcode { get; set; }
    public required string SmallAreaCode { get; set; }
}
