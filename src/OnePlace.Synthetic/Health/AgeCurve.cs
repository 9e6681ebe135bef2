namespace OnePlace.Synthetic.Health;

/// <summary>
/// A relative risk by single year of age, given at the knot ages 0, 10, 18, 30, 40, 50, 60, 70, 80, 90 and 100 and
/// interpolated log-linearly between positive knots (risks of ill health and death rise roughly exponentially with
/// age, Gompertz 1825), linearly where a knot is zero. Only the shape matters: each model's scale is calibrated.
/// </summary>
internal sealed class AgeCurve
{
    public const int MaxAge = 110;

    private static readonly int[] KnotAges = [0, 10, 18, 30, 40, 50, 60, 70, 80, 90, 100];

    private readonly double[] byAge = new double[MaxAge + 1];

    public AgeCurve(params double[] knots)
    {
        if (knots.Length != KnotAges.Length)
        {
            throw new ArgumentException($"An age curve needs {KnotAges.Length} knots.", nameof(knots));
        }

        for (int age = 0; age <= MaxAge; age++)
        {
            int k = 0;
            while (k < KnotAges.Length - 2 && age >= KnotAges[k + 1])
            {
                k++;
            }

            double a = knots[k];
            double b = knots[k + 1];
            double t = Math.Clamp((age - KnotAges[k]) / (double)(KnotAges[k + 1] - KnotAges[k]), 0, 1);
            byAge[age] = a > 0 && b > 0 ? Math.Exp(Math.Log(a) + (t * (Math.Log(b) - Math.Log(a)))) : a + (t * (b - a));
        }
    }

    public double this[int age] => byAge[Math.Clamp(age, 0, MaxAge)];
}

/// <summary>Whose rate a calibration target describes (QOF registers count some conditions from age 17 or 18 only).</summary>
internal enum TargetGroup
{
    AllAges,
    Aged17Plus,
    Aged18Plus,
    Aged65Plus,
}

internal static class TargetGroups
{
    public static int MinimumAge(this TargetGroup group) => group switch
    {
        TargetGroup.Aged17Plus => 17,
        TargetGroup.Aged18Plus => 18,
        TargetGroup.Aged65Plus => 65,
        _ => 0,
    };
}
