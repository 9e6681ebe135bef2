namespace OnePlace.Analytics.Measures;

/// <summary>
/// The Cambridge Multimorbidity Score, general-outcome version with 20 conditions (Payne et al., CMAJ
/// 2020;192(5):E107–E114, table 3): the sum of the weights of the conditions a person has. The weights are those two
/// independent public implementations agree on (an OpenSAFELY ehrQL definition and a CPRD R function).
/// </summary>
public static class CambridgeMultimorbidityScore
{
    /// <summary>The 20 conditions and their general-outcome weights.</summary>
    public static readonly IReadOnlyDictionary<string, double> GeneralOutcomeWeights = new Dictionary<string, double>
    {
        ["alcohol_problems"] = 0.65,
        ["anxiety_depression"] = 0.50,
        ["atrial_fibrillation"] = 1.34,
        ["cancer"] = 1.53,
        ["chronic_kidney_disease"] = 0.53,
        ["connective_tissue_disorder"] = 0.43,
        ["copd"] = 1.46,
        ["coronary_heart_disease"] = 0.49,
        ["dementia"] = 2.50,
        ["diabetes"] = 0.75,
        ["epilepsy"] = 0.92,
        ["hearing_loss"] = 0.09,
        ["heart_failure"] = 1.18,
        ["irritable_bowel_syndrome"] = 0.21,
        ["psychosis_schizophrenia"] = 0.64,
        ["stroke_tia"] = 0.80,
        ["asthma"] = 0.19,
        ["hypertension"] = 0.08,
        ["constipation"] = 1.12,
        ["painful_condition"] = 0.92,
    };

    /// <summary>
    /// The partnership's condition codes (ConditionCatalogue in Core: eFI deficits and other long-term conditions)
    /// that are one of the score's conditions. Alcohol problems, connective tissue disorders, irritable bowel syndrome,
    /// constipation and painful conditions have no code in the extracts (the last two are defined by prescriptions in
    /// the Cambridge code lists), so the score counts only the 15 conditions that do.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ConditionOfCode = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EFI04"] = "atrial_fibrillation",
        ["EFI05"] = "stroke_tia",
        ["EFI06"] = "chronic_kidney_disease",
        ["EFI07"] = "diabetes",
        ["EFI13"] = "hearing_loss",
        ["EFI14"] = "heart_failure",
        ["EFI17"] = "hypertension",
        ["EFI19"] = "coronary_heart_disease",
        ["AST"] = "asthma",
        ["COPD"] = "copd",
        ["CAN"] = "cancer",
        ["DEM"] = "dementia",
        ["DEP"] = "anxiety_depression",
        ["SMI"] = "psychosis_schizophrenia",
        ["EPI"] = "epilepsy",
    };

    /// <summary>The score of a set of the score's conditions (names as in <see cref="GeneralOutcomeWeights"/>).</summary>
    /// <exception cref="ArgumentException">A name is not one of the 20 conditions.</exception>
    public static double Score(IEnumerable<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        double score = 0;
        foreach (var condition in conditions.Distinct(StringComparer.Ordinal))
        {
            if (!GeneralOutcomeWeights.TryGetValue(condition, out double weight))
            {
                throw new ArgumentException($"'{condition}' is not one of the Cambridge Multimorbidity Score's 20 conditions.", nameof(conditions));
            }

            score += weight;
        }

        // Weights have two decimals: rounding to them removes the sum's binary noise (0.08 + 0.75 + 0.49 = 1.32).
        return Math.Round(score, 2);
    }

    /// <summary>The score of a person's condition codes; codes that are not one of the score's conditions count 0.</summary>
    public static double ScoreOfCodes(IEnumerable<string> conditionCodes)
    {
        ArgumentNullException.ThrowIfNull(conditionCodes);
        return Score(conditionCodes.Select(c => ConditionOfCode.GetValueOrDefault(c)).OfType<string>());
    }
}
