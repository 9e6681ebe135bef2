namespace OnePlace.Core.Conditions;

/// <summary>
/// The condition codes a GP extract may carry: the 36 deficits of the electronic Frailty Index
/// (Clegg et al., Age and Ageing 2016;45(3):353-360), numbered as in that paper, and the long-term conditions
/// that are not themselves eFI deficits. A condition that is also a deficit (diabetes, heart failure, ...) is
/// recorded once, under its deficit code.
/// </summary>
public static class ConditionCatalogue
{
    public sealed record ConditionCode(string Code, string Name, bool IsFrailtyDeficit);

    public static readonly IReadOnlyList<ConditionCode> All =
    [
        new("EFI01", "Activity limitation", true),
        new("EFI02", "Anaemia & haematinic deficiency", true),
        new("EFI03", "Arthritis", true),
        new("EFI04", "Atrial fibrillation", true),
        new("EFI05", "Cerebrovascular disease", true),
        new("EFI06", "Chronic kidney disease", true),
        new("EFI07", "Diabetes", true),
        new("EFI08", "Dizziness", true),
        new("EFI09", "Dyspnoea", true),
        new("EFI10", "Falls", true),
        new("EFI11", "Foot problems", true),
        new("EFI12", "Fragility fracture", true),
        new("EFI13", "Hearing impairment", true),
        new("EFI14", "Heart failure", true),
        new("EFI15", "Heart valve disease", true),
        new("EFI16", "Housebound", true),
        new("EFI17", "Hypertension", true),
        new("EFI18", "Hypotension/syncope", true),
        new("EFI19", "Ischaemic heart disease", true),
        new("EFI20", "Memory & cognitive problems", true),
        new("EFI21", "Mobility and transfer problems", true),
        new("EFI22", "Osteoporosis", true),
        new("EFI23", "Parkinsonism & tremor", true),
        new("EFI24", "Peptic ulcer", true),
        new("EFI25", "Peripheral vascular disease", true),
        new("EFI26", "Polypharmacy", true),
        new("EFI27", "Requirement for care", true),
        new("EFI28", "Respiratory disease", true),
        new("EFI29", "Skin ulcer", true),
        new("EFI30", "Sleep disturbance", true),
        new("EFI31", "Social vulnerability", true),
        new("EFI32", "Thyroid disease", true),
        new("EFI33", "Urinary incontinence", true),
        new("EFI34", "Urinary system disease", true),
        new("EFI35", "Visual impairment", true),
        new("EFI36", "Weight loss & anorexia", true),
        new("AST", "Asthma", false),
        new("COPD", "Chronic obstructive pulmonary disease", false),
        new("CAN", "Cancer", false),
        new("DEM", "Dementia", false),
        new("DEP", "Depression", false),
        new("SMI", "Severe mental illness", false),
        new("EPI", "Epilepsy", false),
        new("LD", "Learning disability", false),
        new("OBE", "Obesity", false),
    ];

    private static readonly Dictionary<string, ConditionCode> ByCode = All.ToDictionary(c => c.Code);

    public static ConditionCode? Find(string code) => ByCode.GetValueOrDefault(code);
}
