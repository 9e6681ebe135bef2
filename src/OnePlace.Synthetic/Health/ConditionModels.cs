using OnePlace.Core.Conditions;

namespace OnePlace.Synthetic.Health;

/// <summary>
/// How common one condition is: a calibration target (prevalence in the target group of an England-shaped
/// population of average deprivation), the shape of its rise with age, how strongly it follows the person's latent
/// frailty (which carries deprivation too), and its female-to-male ratio.
/// </summary>
internal sealed record ConditionModel(
    string Code,
    double Target,
    TargetGroup Group,
    AgeCurve Age,
    double FrailtyLoading,
    double FemaleToMaleRatio = 1.0,
    int OnsetAge = 0);

/// <summary>
/// The condition table, in the order of <see cref="ConditionCatalogue.All"/> (a person's conditions are a bit mask
/// over that order). Targets marked QOF are the 2022/23 Quality and Outcomes Framework register prevalences for
/// England (NHS England, "Quality and Outcomes Framework, 2022-23"), all ages unless the register's own age
/// threshold is given. Targets for the other eFI deficits are prevalences among people aged 65+ and are
/// assumptions, chosen so that the eFI categories of people aged 65+ come out near Clegg et al. 2016 (about 50%
/// fit, 35% mild, 12% moderate, 3% severe); docs/data-formats.md "Calibration" lists them.
/// </summary>
internal static class ConditionModels
{
    // Age curve shapes shared by groups of deficits (relative, the scale is calibrated).
    private static readonly AgeCurve LateLife = new(0, 0, 0.01, 0.015, 0.025, 0.04, 0.07, 0.12, 0.22, 0.35, 0.4);
    private static readonly AgeCurve MidLife = new(0.002, 0.005, 0.02, 0.04, 0.06, 0.09, 0.12, 0.15, 0.18, 0.2, 0.2);
    private static readonly AgeCurve VeryLateLife = new(0, 0, 0.002, 0.003, 0.005, 0.01, 0.02, 0.05, 0.14, 0.3, 0.4);

    public static readonly IReadOnlyList<ConditionModel> All =
    [
        new("EFI01", 0.105, TargetGroup.Aged65Plus, VeryLateLife, 1.0, 1.2, 18),
        new("EFI02", 0.126, TargetGroup.Aged65Plus, MidLife, 0.8, 1.5, 18),
        new("EFI03", 0.399, TargetGroup.Aged65Plus, new(0, 0.001, 0.01, 0.03, 0.07, 0.14, 0.25, 0.35, 0.45, 0.5, 0.5), 0.7, 1.4, 18),
        new("EFI04", 0.021, TargetGroup.AllAges, new(0, 0, 0, 0.0005, 0.002, 0.006, 0.02, 0.06, 0.12, 0.16, 0.16), 0.8, 0.8, 30), // QOF AF
        new("EFI05", 0.019, TargetGroup.AllAges, new(0, 0, 0, 0.0005, 0.002, 0.006, 0.018, 0.045, 0.08, 0.1, 0.1), 0.9, 0.9, 30), // QOF stroke/TIA
        new("EFI06", 0.04, TargetGroup.Aged18Plus, new(0, 0, 0, 0.002, 0.005, 0.01, 0.03, 0.08, 0.18, 0.3, 0.3), 0.9, 1.2, 18), // QOF CKD 18+
        new("EFI07", 0.075, TargetGroup.Aged17Plus, new(0, 0.002, 0.005, 0.02, 0.04, 0.08, 0.13, 0.18, 0.2, 0.17, 0.15), 0.9, 0.85, 10), // QOF diabetes 17+
        new("EFI08", 0.105, TargetGroup.Aged65Plus, MidLife, 0.8, 1.3, 18),
        new("EFI09", 0.137, TargetGroup.Aged65Plus, LateLife, 1.0, 1.0, 18),
        new("EFI10", 0.137, TargetGroup.Aged65Plus, VeryLateLife, 1.1, 1.3, 18),
        new("EFI11", 0.095, TargetGroup.Aged65Plus, LateLife, 0.8, 1.0, 18),
        new("EFI12", 0.074, TargetGroup.Aged65Plus, VeryLateLife, 0.9, 2.0, 40),
        new("EFI13", 0.21, TargetGroup.Aged65Plus, VeryLateLife, 0.6, 0.8, 18),
        new("EFI14", 0.01, TargetGroup.AllAges, new(0, 0, 0, 0.0003, 0.001, 0.003, 0.009, 0.025, 0.06, 0.1, 0.1), 1.1, 0.8, 30), // QOF heart failure
        new("EFI15", 0.053, TargetGroup.Aged65Plus, VeryLateLife, 0.8, 1.0, 30),
        new("EFI16", 0.053, TargetGroup.Aged65Plus, VeryLateLife, 1.4, 1.4, 40),
        new("EFI17", 0.14, TargetGroup.AllAges, new(0, 0, 0.005, 0.02, 0.06, 0.14, 0.27, 0.42, 0.55, 0.6, 0.6), 0.7, 0.95, 18), // QOF hypertension
        new("EFI18", 0.074, TargetGroup.Aged65Plus, VeryLateLife, 1.0, 1.2, 18),
        new("EFI19", 0.03, TargetGroup.AllAges, new(0, 0, 0, 0.0005, 0.003, 0.015, 0.04, 0.08, 0.13, 0.15, 0.15), 0.9, 0.6, 30), // QOF CHD
        new("EFI20", 0.095, TargetGroup.Aged65Plus, VeryLateLife, 1.2, 1.3, 40),
        new("EFI21", 0.074, TargetGroup.Aged65Plus, VeryLateLife, 1.4, 1.3, 40),
        new("EFI22", 0.105, TargetGroup.Aged65Plus, VeryLateLife, 0.8, 4.0, 40),
        new("EFI23", 0.042, TargetGroup.Aged65Plus, VeryLateLife, 0.9, 0.7, 40),
        new("EFI24", 0.063, TargetGroup.Aged65Plus, MidLife, 0.6, 0.9, 18),
        new("EFI25", 0.053, TargetGroup.Aged65Plus, VeryLateLife, 0.9, 0.7, 40),
        new("EFI26", 0.525, TargetGroup.Aged65Plus, new(0.002, 0.002, 0.01, 0.02, 0.04, 0.09, 0.2, 0.4, 0.6, 0.7, 0.7), 0.9, 1.1, 10),
        new("EFI27", 0.063, TargetGroup.Aged65Plus, VeryLateLife, 1.5, 1.4, 40),
        new("EFI28", 0.231, TargetGroup.Aged65Plus, MidLife, 0.8, 1.0, 10),
        new("EFI29", 0.053, TargetGroup.Aged65Plus, VeryLateLife, 1.2, 1.2, 40),
        new("EFI30", 0.137, TargetGroup.Aged65Plus, MidLife, 0.6, 1.3, 18),
        new("EFI31", 0.095, TargetGroup.Aged65Plus, LateLife, 1.0, 1.3, 18),
        new("EFI32", 0.126, TargetGroup.Aged65Plus, MidLife, 0.5, 3.0, 18),
        new("EFI33", 0.116, TargetGroup.Aged65Plus, VeryLateLife, 1.0, 2.0, 30),
        new("EFI34", 0.137, TargetGroup.Aged65Plus, LateLife, 0.8, 1.5, 18),
        new("EFI35", 0.137, TargetGroup.Aged65Plus, VeryLateLife, 0.8, 1.2, 30),
        new("EFI36", 0.042, TargetGroup.Aged65Plus, VeryLateLife, 1.3, 1.3, 40),
        new("AST", 0.065, TargetGroup.AllAges, new(0.02, 0.08, 0.07, 0.065, 0.065, 0.065, 0.07, 0.075, 0.07, 0.06, 0.05), 0.3, 1.2, 2), // QOF
        new("COPD", 0.019, TargetGroup.AllAges, new(0, 0, 0, 0.001, 0.004, 0.012, 0.03, 0.055, 0.07, 0.06, 0.05), 1.0, 1.0, 35), // QOF
        new("CAN", 0.035, TargetGroup.AllAges, new(0, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.09, 0.12, 0.12, 0.1), 0.3, 1.1, 18), // QOF
        new("DEM", 0.007, TargetGroup.AllAges, new(0, 0, 0, 0, 0, 0.0005, 0.003, 0.015, 0.06, 0.17, 0.25), 1.2, 1.6, 50), // QOF
        new("DEP", 0.13, TargetGroup.Aged18Plus, new(0, 0, 0.10, 0.14, 0.15, 0.15, 0.14, 0.11, 0.10, 0.09, 0.08), 0.5, 1.8, 14), // QOF 18+
        new("SMI", 0.01, TargetGroup.AllAges, new(0, 0, 0.006, 0.011, 0.013, 0.014, 0.013, 0.01, 0.008, 0.007, 0.006), 0.5, 1.0, 16), // QOF
        new("EPI", 0.008, TargetGroup.Aged18Plus, new(0.003, 0.006, 0.008, 0.008, 0.008, 0.008, 0.008, 0.009, 0.009, 0.009, 0.009), 0.3, 1.0, 1), // QOF 18+
        new("LD", 0.006, TargetGroup.AllAges, new(0.004, 0.008, 0.009, 0.008, 0.007, 0.006, 0.005, 0.004, 0.002, 0.001, 0.001), 0.2, 0.6, 0), // QOF
        new("OBE", 0.09, TargetGroup.Aged18Plus, new(0, 0, 0.05, 0.08, 0.1, 0.11, 0.12, 0.11, 0.08, 0.04, 0.02), 0.5, 1.2, 18), // QOF 18+
    ];

    public static readonly int Count = All.Count;

    /// <summary>Bit mask of the conditions that are eFI deficits (the first 36).</summary>
    public const ulong DeficitMask = (1UL << 36) - 1;

    public static int IndexOf(string code)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i].Code == code)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown condition code {code}.", nameof(code));
    }

    static ConditionModels()
    {
        // The bit mask order is ConditionCatalogue's order: fail loudly if the catalogue changes under us.
        if (All.Count != ConditionCatalogue.All.Count || All.Where((m, i) => m.Code != ConditionCatalogue.All[i].Code).Any())
        {
            throw new InvalidOperationException("ConditionModels must list the codes of ConditionCatalogue, in its order.");
        }
    }
}
