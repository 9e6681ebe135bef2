using OnePlace.Synthetic.Profiles;

namespace OnePlace.Synthetic.Health;

/// <summary>
/// Scales every condition and activity model so that, in a reference population shaped like England (ONS mid-2022
/// age bands, deprivation deciles equally common, latent frailty standard normal), its rate equals the published
/// national figure. A borough then differs from England only through its own age, sex and deprivation mix: Walsall
/// comes out sicker because it is deprived, Powys because it is old. The reference population is an exact grid
/// (age × sex × decile × frailty quantile), so calibration has no sampling noise and never depends on the seed.
/// </summary>
internal sealed class RiskCalibration
{
    /// <summary>Standard deviation of latent frailty on the log-risk scale (tuned to reproduce the Clegg 2016 eFI spread).</summary>
    public const double FrailtySpread = 0.45;

    /// <summary>Shift of latent frailty from the least to the most deprived decile is twice this (deprivation gradient).</summary>
    public const double DeprivationShift = 0.35;

    /// <summary>Probabilities are capped below 1 so that no deficit is certain.</summary>
    private const double MaximumProbability = 0.95;

    private const int FrailtyQuantiles = 24;

    /// <summary>
    /// England by age band per 100,000, approximately the ONS mid-2022 estimates (21.0% aged 0–17, 60.4% 18–64,
    /// 16.1% 65–84, 2.5% 85+).
    /// </summary>
    private static readonly AgeBands EnglandBands = new(21_000, 60_400, 16_100, 2_500);

    private static readonly Lazy<RiskCalibration> EnglandCalibration = new(() => new RiskCalibration());

    private readonly double[] conditionScale = new double[ConditionModels.Count];
    private readonly Dictionary<string, double> activityScale = new(StringComparer.Ordinal);

    public static RiskCalibration England => EnglandCalibration.Value;

    public static double Frailty(double z, int decile) => (FrailtySpread * z) + (DeprivationShift * (5.5 - decile) / 4.5);

    public static double SexMultiplier(double femaleToMale, bool female) =>
        female ? 2 * femaleToMale / (1 + femaleToMale) : 2 / (1 + femaleToMale);

    public double ConditionProbability(int condition, int age, bool female, double frailty)
    {
        ConditionModel m = ConditionModels.All[condition];
        double p = conditionScale[condition] * m.Age[age] * SexMultiplier(m.FemaleToMaleRatio, female) * Math.Exp(m.FrailtyLoading * frailty);
        return Math.Min(MaximumProbability, p);
    }

    /// <summary>The person's expected count per year of one activity.</summary>
    public double Rate(ActivityModel m, int age, bool female, double frailty, int conditions, ulong conditionMask)
    {
        double rate = activityScale[m.Name] * m.Age[age] * SexMultiplier(m.FemaleToMaleRatio, female)
            * Math.Exp(m.FrailtyLoading * frailty) * (1 + (m.PerCondition * conditions));
        if (m.ConditionMultipliers is { } multipliers)
        {
            foreach ((int condition, double multiplier) in multipliers)
            {
                if ((conditionMask & (1UL << condition)) != 0)
                {
                    rate *= multiplier;
                }
            }
        }

        return rate;
    }

    private RiskCalibration()
    {
        var ages = new AgeStructure(EnglandBands);
        var cells = new List<(int Age, bool Female, double Frailty, double Weight)>();
        for (int age = 0; age <= AgeStructure.OldestAge; age++)
        {
            double male = AgeStructure.MaleShare(age);
            for (int decile = 1; decile <= 10; decile++)
            {
                for (int q = 0; q < FrailtyQuantiles; q++)
                {
                    double z = InverseStandardNormal((q + 0.5) / FrailtyQuantiles);
                    double w = ages.Weights[age] * 0.1 / FrailtyQuantiles;
                    double f = Frailty(z, decile);
                    cells.Add((age, false, f, w * male));
                    cells.Add((age, true, f, w * (1 - male)));
                }
            }
        }

        CalibrateConditions(cells);
        CalibrateActivities(cells);
    }

    private void CalibrateConditions(List<(int Age, bool Female, double Frailty, double Weight)> cells)
    {
        for (int c = 0; c < ConditionModels.Count; c++)
        {
            ConditionModel m = ConditionModels.All[c];
            int minAge = m.Group.MinimumAge();
            conditionScale[c] = 1.0;

            // Fixed-point iteration on the scale: the cap makes expected prevalence slightly concave in it.
            for (int iteration = 0; iteration < 30; iteration++)
            {
                double cases = 0;
                double people = 0;
                foreach (var cell in cells)
                {
                    if (cell.Age < minAge)
                    {
                        continue;
                    }

                    cases += cell.Weight * ConditionProbability(c, cell.Age, cell.Female, cell.Frailty);
                    people += cell.Weight;
                }

                double prevalence = cases / people;
                conditionScale[c] *= m.Target / prevalence;
            }
        }
    }

    private void CalibrateActivities(List<(int Age, bool Female, double Frailty, double Weight)> cells)
    {
        foreach (ActivityModel m in ActivityModels.All)
        {
            activityScale[m.Name] = 1.0;
        }

        var expected = new double[ActivityModels.All.Count];
        var people = new double[ActivityModels.All.Count];
        var probabilities = new double[ConditionModels.Count];
        foreach (var cell in cells)
        {
            double conditions = 0;
            for (int c = 0; c < ConditionModels.Count; c++)
            {
                probabilities[c] = ConditionProbability(c, cell.Age, cell.Female, cell.Frailty);
                conditions += probabilities[c];
            }

            for (int i = 0; i < ActivityModels.All.Count; i++)
            {
                ActivityModel m = ActivityModels.All[i];
                if (cell.Age < m.Group.MinimumAge())
                {
                    continue;
                }

                // Conditions are independent given the cell, so E[rate] factorises over them (approximately, as
                // a multiplied condition is also counted once in the total).
                double rate = m.Age[cell.Age] * SexMultiplier(m.FemaleToMaleRatio, cell.Female)
                    * Math.Exp(m.FrailtyLoading * cell.Frailty) * (1 + (m.PerCondition * conditions));
                if (m.ConditionMultipliers is { } multipliers)
                {
                    foreach ((int condition, double multiplier) in multipliers)
                    {
                        rate *= 1 + ((multiplier - 1) * probabilities[condition]);
                    }
                }

                expected[i] += cell.Weight * rate;
                people[i] += cell.Weight;
            }
        }

        for (int i = 0; i < ActivityModels.All.Count; i++)
        {
            ActivityModel m = ActivityModels.All[i];
            activityScale[m.Name] = m.Target / (expected[i] / people[i]);
        }
    }

    /// <summary>Inverse of the standard normal distribution (Acklam's rational approximation, relative error &lt; 1.2e-9).</summary>
    internal static double InverseStandardNormal(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        if (p > 1 - low)
        {
            return -InverseStandardNormal(1 - p);
        }

        double r = p - 0.5;
        double s = r * r;
        return Horner(a, s) * r / ((Horner(b, s) * s) + 1);
    }

    private static double Horner(double[] coefficients, double x)
    {
        double sum = 0;
        foreach (double k in coefficients)
        {
            sum = (sum * x) + k;
        }

        return sum;
    }
}
