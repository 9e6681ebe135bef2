namespace OnePlace.Core.Services;

/// <summary>
/// A service the partnership offers, delivered by one partner: who it is for (eligibility), when it is open, and what
/// it is called. The Single Point of Access routes referrals to the teams that deliver it (PRODUCT.md B3).
/// </summary>
public sealed class Service
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Partner { get; set; }
    public required string Kind { get; set; }

    /// <summary>Who the service is for, in words shown to the SPA coordinator and referrers.</summary>
    public string Eligibility { get; set; } = "";

    /// <summary>The youngest age the service takes (adult services: 18).</summary>
    public int MinimumAge { get; set; } = 18;

    /// <summary>The oldest age the service takes; null for no upper limit.</summary>
    public int? MaximumAge { get; set; }

    /// <summary>Opening hours, local time. A service open every day has <see cref="OpenAtWeekends"/> set.</summary>
    public TimeOnly OpensAt { get; set; } = new(9, 0);

    public TimeOnly ClosesAt { get; set; } = new(17, 0);

    public bool OpenAtWeekends { get; set; }

    /// <summary>Whether a person of <paramref name="age"/> is eligible by age.</summary>
    public bool TakesAge(int age) => age >= MinimumAge && (MaximumAge is not { } max || age <= max);

    /// <summary>Whether the service is open at <paramref name="localTime"/> (UK local time).</summary>
    public bool IsOpenAt(DateTime localTime) =>
        (OpenAtWeekends || localTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        && TimeOnly.FromDateTime(localTime) is var t && t >= OpensAt && t < ClosesAt;
}

/// <summary>
/// A team delivering a service, in one locality or borough-wide (no locality), with the number of open referrals it
/// can hold: routing passes over a team at capacity (PRODUCT.md B3).
/// </summary>
public sealed class Team
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ServiceCode { get; set; }
    public string? LocalityCode { get; set; }

    /// <summary>The most open referrals (awaiting acceptance, accepted or in care) the team takes.</summary>
    public int Capacity { get; set; } = 200;
}

/// <summary>
/// What a service of each kind offers until an administrator edits it: the partnership's directory arrives from the
/// extracts with names only. Urgent community response is open 08:00–20:00 every day, as NHS England's UCR guidance
/// requires of a 2-hour service; the others keep office hours.
/// </summary>
public static class ServiceDefaults
{
    public static (string Eligibility, int MinimumAge, TimeOnly OpensAt, TimeOnly ClosesAt, bool Weekends, int TeamCapacity) For(string kind) => kind switch
    {
        "urgent_community_response" => ("Adults at home or in a care home at risk of hospital admission within 2 hours without a response (the nine UCR clinical conditions).", 18, new(8, 0), new(20, 0), true, 60),
        "reablement" => ("Adults who can regain independence with up to six weeks of short-term support, usually after a hospital stay.", 18, new(8, 0), new(20, 0), true, 150),
        "district_nursing" => ("Housebound adults needing nursing care at home: wounds, catheters, injections, end of life care.", 18, new(8, 0), new(18, 0), true, 300),
        "social_work" => ("Adults who may need care and support (Care Act 2014 assessment), carers and safeguarding concerns.", 18, new(9, 0), new(17, 0), false, 250),
        "therapy" => ("Adults with reduced mobility or function who need physiotherapy or occupational therapy at home.", 18, new(9, 0), new(17, 0), false, 200),
        "mental_health" => ("Adults with mental health needs or memory concerns, including older adults' mental health.", 18, new(9, 0), new(17, 0), false, 200),
        "voluntary" => ("Adults who are lonely, isolated or need help to reach community groups and practical support.", 18, new(9, 0), new(17, 0), false, 300),
        "care_home_support" => ("Residents of the borough's care homes needing enhanced health in care homes support.", 18, new(9, 0), new(17, 0), false, 150),
        _ => ("", 18, new(9, 0), new(17, 0), false, 200),
    };
}
