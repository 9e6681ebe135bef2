using OnePlace.Synthetic.Health;
using OnePlace.Synthetic.People;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.Activity;

/// <summary>
/// The ICD-10 primary diagnosis of an emergency admission and, for an injury, its external cause, in the form Hospital
/// Episode Statistics hold them (four characters without the dot; X pads a three-character category, e.g. R55X).
/// Falls injuries (an S00–T98 diagnosis with a W00–W19 cause) are what PHOF C29 counts among people aged 65 and over:
/// fallers (the eFI falls deficit) and the oldest are admitted with them most often.
/// <para>
/// Each admission draws from a stream of its own, seeded from (seed, person, admission day), never from the person's
/// main stream: adding or changing diagnoses leaves every other generated value of a seed as it was.
/// </para>
/// <para>
/// The weights are assumptions shaped like the primary diagnoses of HES emergency admissions (no stored source):
/// respiratory and urinary infections, chest and abdominal pain and heart failure commonest in older people; hip
/// fracture about three in ten falls admissions, as PHOF's hip fractures 65+ (England 589 per 100,000 in 2015/16) are
/// to its falls admissions 65+. The falls share is tuned so that a generated borough comes near the England rate of
/// PHOF C29, 1,933 per 100,000 aged 65+ in 2022/23 (Lancashire Insight, "Falls"). Places of occurrence of falls follow
/// the admissions of Medway residents aged 50+ in 2012 (Medway JSNA, "Falls": home 51%, residential institution 9%,
/// unspecified 26%).
/// </para>
/// </summary>
internal sealed class AdmissionDiagnoses
{
    /// <summary>The stream id of diagnosis draws, apart from the person stream (BoroughGenerator) and every other.</summary>
    public const ulong Stream = 0xD1A6;

    private static readonly int Asthma = ConditionModels.IndexOf("AST");
    private static readonly int Epilepsy = ConditionModels.IndexOf("EPI");
    private static readonly int Stroke = ConditionModels.IndexOf("EFI05");
    private static readonly int Osteoporosis = ConditionModels.IndexOf("EFI22");
    private static readonly int Syncope = ConditionModels.IndexOf("EFI18");
    private static readonly int UrinaryDisease = ConditionModels.IndexOf("EFI34");

    /// <summary>The injuries of falls, weighted for people under 16, 16–64 and 65+.</summary>
    private static readonly Coded[] FallInjuries =
    [
        new("S720", 0, 2, 14),    // fracture of neck of femur
        new("S721", 0, 1, 7),     // pertrochanteric fracture
        new("S422", 1, 4, 6),     // fracture of upper end of humerus
        new("S424", 8, 1, 1),     // fracture of lower end of humerus
        new("S525", 12, 6, 6),    // fracture of lower end of radius
        new("S325", 0, 1, 5),     // fracture of pubis
        new("S223", 0, 3, 4),     // fracture of rib
        new("S220", 0, 1, 2),     // fracture of thoracic vertebra
        new("S320", 0, 1, 2),     // fracture of lumbar vertebra
        new("S826", 2, 8, 3),     // fracture of lateral malleolus
        new("S0600", 8, 5, 4),    // concussion
        new("S0650", 0, 1, 3),    // traumatic subdural haemorrhage
        new("S010", 4, 5, 8),     // open wound of scalp
        new("S099", 10, 5, 6),    // unspecified injury of head
        new("S700", 0, 1, 4),     // contusion of hip
        new("S800", 1, 2, 2),     // contusion of knee
    ];

    /// <summary>The kind of fall (W00–W19, the three-character category; the place of occurrence is added).</summary>
    private static readonly Coded[] KindsOfFall =
    [
        new("W01", 15, 25, 20),   // slipping, tripping and stumbling on the same level
        new("W06", 2, 1, 5),      // fall involving bed
        new("W07", 3, 1, 4),      // fall involving chair
        new("W08", 8, 1, 2),      // fall involving other furniture
        new("W09", 15, 0, 0),     // fall involving playground equipment
        new("W10", 8, 12, 8),     // fall on and from stairs and steps
        new("W11", 0, 6, 1),      // fall on and from ladder
        new("W18", 12, 15, 15),   // other fall on the same level
        new("W19", 30, 35, 45),   // unspecified fall
    ];

    /// <summary>Fourth character of W00–W19: the place of occurrence (ICD-10 chapter XX).</summary>
    private static readonly Coded[] Places =
    [
        new("0", 51, 51, 51),     // home
        new("1", 0, 0.5, 9),      // residential institution
        new("2", 6, 4, 4),        // school, other institution, public administrative area
        new("3", 2, 1, 0.4),      // sports and athletics area
        new("4", 6, 6, 6),        // street and highway
        new("5", 2.5, 2.5, 2.5),  // trade and service area
        new("8", 1.5, 1.5, 1.5),  // other specified place
        new("9", 26, 26, 26),     // unspecified place
    ];

    /// <summary>Injuries that are not falls, with their external cause (fourth character the place, 0 home, 3 sports, 4 street).</summary>
    private static readonly (Coded Injury, string Cause)[] OtherInjuries =
    [
        (new("T391", 3, 10, 1), "X600"),   // paracetamol: intentional self-poisoning by non-opioid analgesics, at home
        (new("T424", 0, 3, 0.3), "X610"),    // benzodiazepines: intentional self-poisoning by sedatives, at home
        (new("T510", 1, 2, 0.5), "X450"),  // ethanol: accidental poisoning by alcohol, at home
        (new("S0600", 1, 3, 0.5), "Y044"), // concussion: assault by bodily force, street
        (new("S610", 1, 3, 1), "W260"),    // open wound of finger: contact with knife, at home
        (new("S223", 0, 2, 1), "V435"),    // fractured rib: car driver in collision with a car, traffic accident
        (new("S099", 3, 1, 0.5), "W213"),  // head injury: struck by sports equipment, sports area
    ];

    /// <summary>Medical and surgical diagnoses, weighted for under 16, 16–64 and 65+, with more for a related condition.</summary>
    private static readonly Medical[] MedicalDiagnoses =
    [
        new("J069", 10, 1, 0),                                   // acute upper respiratory infection
        new("J219", 8, 0, 0),                                    // acute bronchiolitis
        new("R509", 6, 1, 0.5),                                  // fever
        new("A099", 8, 2, 1),                                    // gastroenteritis
        new("B349", 8, 1, 0),                                    // viral infection
        new("J459", 2, 1, 0.3, Asthma, 10),                      // asthma
        new("R568", 2, 0.5, 0.3, Epilepsy, 8),                   // convulsions
        new("E101", 1, 0.5, 0.1, ActivityModels.Diabetes, 1),    // diabetic ketoacidosis
        new("K358", 4, 4, 0.5),                                  // acute appendicitis
        new("R104", 8, 12, 5),                                   // abdominal pain
        new("R074", 0.5, 12, 6),                                 // chest pain
        new("K802", 0, 4, 2),                                    // gallstones
        new("L031", 1, 5, 4),                                    // cellulitis of limb
        new("N390", 3, 4, 10, UrinaryDisease, 6),                // urinary tract infection
        new("J189", 2, 4, 12),                                   // pneumonia
        new("J22X", 1, 1, 6),                                    // acute lower respiratory infection
        new("J441", 0, 0, 1, ActivityModels.Copd, 14),           // COPD with acute exacerbation
        new("I509", 0, 0.3, 3, ActivityModels.HeartFailure, 14), // heart failure
        new("I214", 0, 2, 2, ActivityModels.IschaemicHeartDisease, 6), // non-ST elevation myocardial infarction
        new("I489", 0, 1, 2, ActivityModels.AtrialFibrillation, 5), // atrial fibrillation
        new("I639", 0, 1, 3, Stroke, 3),                         // cerebral infarction
        new("I269", 0, 2, 1),                                    // pulmonary embolism
        new("R55X", 1, 3, 4, Syncope, 4),                        // syncope and collapse
        new("A419", 0.5, 2, 5),                                  // sepsis
        new("F100", 0.5, 3, 0.3),                                // acute alcohol intoxication
        new("K922", 0, 1, 2),                                    // gastrointestinal haemorrhage
        new("K566", 0, 1, 2),                                    // intestinal obstruction
        new("N179", 0, 0.5, 2, ActivityModels.KidneyDisease, 3), // acute kidney failure
        new("E871", 0, 0.5, 2),                                  // hyponatraemia
        new("E86X", 0.5, 0.5, 2),                                // volume depletion
        new("F059", 0, 0, 1, ActivityModels.Dementia, 5),        // delirium
        new("R296", 0, 0, 0.5, ActivityModels.Falls, 6),         // tendency to fall (no injury)
        new("C349", 0, 0.3, 0.5, ActivityModels.Cancer, 3),      // lung cancer
    ];

    private readonly int seed;
    private readonly SeededRandom rng;

    public AdmissionDiagnoses(int seed)
    {
        this.seed = seed;
        rng = new SeededRandom(seed, Stream, 0);
    }

    /// <summary>The diagnosis (and external cause, for an injury) of the person's emergency admission on this day.</summary>
    public (string Code, string? Cause) Draw(SyntheticPerson person, int day, bool inCareHome)
    {
        rng.Reseed(seed, Stream, ((ulong)(uint)person.Index << 32) | (uint)day);
        int age = person.AgeAt(day);
        int group = age < 16 ? 0 : age < 65 ? 1 : 2;
        double u = rng.NextDouble();
        double falls = FallShare(person, age, inCareHome);
        if (u < falls)
        {
            return (FallInjury(person, group), FallCause(group, inCareHome));
        }

        // Injuries other than falls: about 4% of children's, 5% of working-age and 1% of older people's admissions.
        if (u < falls + group switch { 0 => 0.04, 1 => 0.05, _ => 0.01 })
        {
            Span<double> w = stackalloc double[OtherInjuries.Length];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = OtherInjuries[i].Injury.Weight(group);
            }

            var (injury, cause) = OtherInjuries[rng.Weighted(w)];
            return (injury.Code, cause);
        }

        Span<double> weights = stackalloc double[MedicalDiagnoses.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            Medical m = MedicalDiagnoses[i];
            weights[i] = m.Weight(group) + (m.Condition >= 0 && person.Has(m.Condition) ? m.WithCondition : 0);
        }

        return (MedicalDiagnoses[rng.Weighted(weights)].Code, null);
    }

    /// <summary>
    /// The share of the person's emergency admissions that are falls injuries: 6% of children's and 3% of working-age
    /// admissions; from 65 a share rising with age (1.3% at 65, 4.8% from 90), three times as high for fallers and half as
    /// high again in a care home.
    /// </summary>
    private static double FallShare(SyntheticPerson person, int age, bool inCareHome)
    {
        if (age < 65)
        {
            return age < 16 ? 0.06 : 0.03;
        }

        double share = 0.013 + (0.0014 * Math.Min(age - 65, 25));
        share *= person.Has(ActivityModels.Falls) ? 3 : 1;
        share *= inCareHome ? 1.5 : 1;
        return share;
    }

    private string FallInjury(SyntheticPerson person, int group)
    {
        Span<double> w = stackalloc double[FallInjuries.Length];
        bool fragile = person.Has(Osteoporosis);
        for (int i = 0; i < w.Length; i++)
        {
            // A fall is more often a hip fracture in a person with osteoporosis.
            bool hip = FallInjuries[i].Code.StartsWith("S72", StringComparison.Ordinal);
            w[i] = FallInjuries[i].Weight(group) * (fragile && hip ? 1.5 : 1);
        }

        return FallInjuries[rng.Weighted(w)].Code;
    }

    private string FallCause(int group, bool inCareHome)
    {
        Span<double> w = stackalloc double[Math.Max(KindsOfFall.Length, Places.Length)];
        for (int i = 0; i < KindsOfFall.Length; i++)
        {
            w[i] = KindsOfFall[i].Weight(group);
        }

        string fall = KindsOfFall[rng.Weighted(w[..KindsOfFall.Length])].Code;
        if (inCareHome && rng.Chance(0.8))
        {
            return fall + "1";
        }

        for (int i = 0; i < Places.Length; i++)
        {
            w[i] = Places[i].Weight(group);
        }

        return fall + Places[rng.Weighted(w[..Places.Length])].Code;
    }

    /// <summary>A code with relative weights for people under 16, 16–64 and 65+.</summary>
    private readonly record struct Coded(string Code, double Child, double Adult, double Older)
    {
        public double Weight(int group) => group switch { 0 => Child, 1 => Adult, _ => Older };
    }

    /// <summary>A diagnosis whose weight rises by <see cref="WithCondition"/> in people with the condition (index of ConditionModels).</summary>
    private readonly record struct Medical(string Code, double Child, double Adult, double Older, int Condition = -1, double WithCondition = 0)
    {
        public double Weight(int group) => group switch { 0 => Child, 1 => Adult, _ => Older };
    }
}
