namespace OnePlace.Synthetic.People;

/// <summary>The true details of one synthetic person, from which every partner's (noisy) record is derived.</summary>
internal sealed class SyntheticPerson
{
    public int Index { get; set; }

    public string Key { get; set; } = "";

    public string NhsNumber { get; set; } = "";

    /// <summary>Age in whole years on the first day of the period.</summary>
    public int Age { get; set; }

    public bool Female { get; set; }

    public DateOnly DateOfBirth { get; set; }

    /// <summary>The NHS ethnic category the person would give (the GP record may say Z, not stated).</summary>
    public char Ethnicity { get; set; }

    public NameTradition Tradition { get; set; }

    public string GivenName { get; set; } = "";

    public string FamilyName { get; set; } = "";

    public int SmallArea { get; set; }

    public int Locality { get; set; }

    public int ImdDecile { get; set; }

    public string Postcode { get; set; } = "";

    public string Address { get; set; } = "";

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string PracticeCode { get; set; } = "";

    /// <summary>Latent frailty on the log-risk scale (age enters the models separately through their age curves).</summary>
    public double Frailty { get; set; }

    /// <summary>Bit i set when the person has condition i of ConditionModels.All.</summary>
    public ulong Conditions { get; set; }

    public int ConditionCount { get; set; }

    /// <summary>
    /// A standard normal draw for the person's propensity to use services beyond what age and illness explain
    /// (overdispersion: a few people account for much of the activity, as in every utilisation dataset).
    /// </summary>
    public double Propensity { get; set; }

    /// <summary>Log-normal multiplier with mean 1, so calibrated rates are unchanged on average.</summary>
    public double UseMultiplier(double spread) => Math.Exp((spread * Propensity) - (spread * spread / 2));

    public bool Has(int condition) => (Conditions & (1UL << condition)) != 0;

    public int AgeAt(int dayNumber)
    {
        DateOnly on = DateOnly.FromDayNumber(dayNumber);
        int age = on.Year - DateOfBirth.Year;
        if (on.Month < DateOfBirth.Month || (on.Month == DateOfBirth.Month && on.Day < DateOfBirth.Day))
        {
            age--;
        }

        return age;
    }
}
