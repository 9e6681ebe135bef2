using OnePlace.Synthetic.Health;
using OnePlace.Synthetic.People;
using OnePlace.Synthetic.Randomness;

namespace OnePlace.Synthetic.Activity;

/// <summary>
/// Simulates one person's three years of health and care activity. The anchor events are drawn first (death, a
/// permanent care home admission, emergency admissions, reablement after discharge) so the rest can agree with
/// them: nothing happens after death, people discharged to a care home are in one, and the 91-day reablement
/// status (ASCOF 2B) is read off what actually happened by day 91.
/// </summary>
internal sealed class ActivitySimulator
{
    private const int None = ActivityEvent.NoDay;

    private static readonly string[] TreatmentFunctions =
    [
        "100", "101", "110", "120", "130", "300", "301", "307", "320", "330",
        "340", "361", "370", "400", "410", "420", "430", "501", "502", "710",
    ];

    private static readonly string[] CommunityKinds =
        ["district_nursing", "therapy", "urgent_community_response", "mental_health", "care_home_support"];

    private static readonly string[] VoluntaryServices = ["befriending", "social_prescribing", "carers_support", "falls_prevention"];

    private readonly RiskCalibration risks = RiskCalibration.England;
    private readonly AdmissionDiagnoses diagnoses;
    private readonly int periodStart;
    private readonly int periodEnd;
    private readonly double years;
    private readonly List<Stay> stays = [];
    private readonly List<int> reablementStarts = [];
    private readonly List<(int Day, string Outcome)> assessments = [];
    private int order;

    private struct Stay
    {
        public int Start;
        public int End;
        public string Destination;
        public bool Anchored;
    }

    /// <param name="diagnoses">Draws admission diagnoses from their own streams, so that the rest of a seed's output does not depend on them.</param>
    public ActivitySimulator(DateOnly periodStart, DateOnly periodEnd, AdmissionDiagnoses diagnoses)
    {
        this.diagnoses = diagnoses;
        this.periodStart = periodStart.DayNumber;
        this.periodEnd = periodEnd.DayNumber;
        years = (this.periodEnd - this.periodStart + 1) / 365.25;
    }

    /// <summary>Fills <paramref name="events"/> with the person's events and returns the day of death, or NoDay.</summary>
    public int Simulate(SyntheticPerson person, SeededRandom rng, List<ActivityEvent> events)
    {
        events.Clear();
        stays.Clear();
        reablementStarts.Clear();
        assessments.Clear();
        order = 0;

        int age = person.Age;
        int s = periodStart;
        int e = periodEnd;

        int death = FirstDay(Rate(ActivityModels.Death, person), rng);
        int placement = FirstDay(Rate(ActivityModels.CareHomeAdmission, person), rng);
        bool nursing = rng.Chance(person.Has(ActivityModels.Dementia) || person.Has(ActivityModels.Mobility) ? 0.55 : 0.35);
        if (placement >= death)
        {
            placement = None;
        }

        // About half of deaths happen in hospital (ONS place of death); some care home admissions follow a stay.
        if (death != None && rng.Chance(0.45))
        {
            int los = LengthOfStay(age, rng);
            stays.Add(new Stay { Start = Math.Max(s, death - los), End = death, Destination = "79", Anchored = true });
        }

        if (placement != None && rng.Chance(0.4))
        {
            int los = LengthOfStay(age, rng);
            stays.Add(new Stay { Start = Math.Max(s, placement - los), End = placement, Destination = "54", Anchored = true });
        }

        int admissions = rng.Poisson(Rate(ActivityModels.EmergencyAdmission, person) * years);
        for (int i = 0; i < admissions; i++)
        {
            int los = Math.Min(LengthOfStay(age, rng), e - s);
            int start = s + rng.Next(e - s - los + 1);
            stays.Add(new Stay { Start = start, End = start + los, Destination = DischargeDestination(rng), Anchored = false });
        }

        ResolveOverlaps();

        // Reablement after some discharges home of people aged 65+ (assumption: 10%, 15% at 85+), offered only
        // where day 91 falls inside the period so that the ASCOF 2B status is known. Some outcomes are induced so
        // that about 82% are at home on day 91, as ASCOF 2B reports for England.
        int staysBeforeReablement = stays.Count;
        for (int i = 0; i < staysBeforeReablement; i++)
        {
            Stay stay = stays[i];
            int discharge = stay.End;
            if (stay.Destination != "19" || discharge + 91 > e || discharge >= death || person.AgeAt(discharge) < 65
                || (placement != None && placement <= discharge)
                || !rng.Chance(age >= 85 ? 0.15 : 0.10))
            {
                continue;
            }

            reablementStarts.Add(discharge);
            double u = rng.NextDouble();
            if (u < 0.04)
            {
                death = Math.Min(death, discharge + rng.Between(7, 91));
            }
            else if (u < 0.08)
            {
                int admitted = discharge + rng.Between(14, 91);
                if (admitted < placement && admitted < death)
                {
                    placement = admitted;
                }
            }
            else if (u < 0.12)
            {
                int day91 = discharge + 91;
                stays.Add(new Stay { Start = day91 - rng.Between(0, 7), End = Math.Min(e, day91 + rng.Between(1, 14)), Destination = "19", Anchored = true });
            }
        }

        if (placement >= death)
        {
            placement = None;
        }

        ResolveOverlaps();
        int aliveEnd = Math.Min(e, death);
        foreach (Stay stay in stays)
        {
            if (stay.Start > aliveEnd)
            {
                continue;
            }

            string destination = stay.Destination;
            int end = stay.End;
            if (end >= death)
            {
                end = death;
                destination = "79";
            }
            else if (placement != None && placement <= end && destination is "19" or "29")
            {
                destination = "54";
            }

            int los = end - stay.Start;
            (string diagnosis, string? cause) = diagnoses.Draw(person, stay.Start, placement != None && placement <= stay.Start);
            Add(events, EventKind.EmergencyAdmission, stay.Start, end, code: diagnosis, destination: destination,
                cost: los <= 1 ? UnitCosts.EmergencyShortStay : UnitCosts.EmergencyLongStay, cause: cause);

            // Most emergency admissions come through A&E (assumption: 70%).
            if (rng.Chance(0.7))
            {
                Add(events, EventKind.AeAttendance, stay.Start, cost: UnitCosts.AeAttendance);
            }
        }

        foreach (int discharge in reablementStarts)
        {
            if (discharge >= death)
            {
                continue;
            }

            int day91 = discharge + 91;
            string status = death <= day91 ? "died"
                : InHospitalOn(day91) ? "in_hospital"
                : placement <= day91 ? "in_care_home"
                : "at_home";
            int end = Math.Min(discharge + rng.Between(10, 42), death);
            Add(events, EventKind.ReablementEpisode, discharge, end, status: status, cost: UnitCosts.ReablementEpisode);
            if (rng.Chance(0.6))
            {
                assessments.Add((Math.Max(s, discharge - rng.Between(0, 2)), "services"));
            }
        }

        if (placement != None)
        {
            assessments.Add((Math.Max(s, placement - rng.Between(0, 28)), "services"));
            Add(events, nursing ? EventKind.NursingPlacement : EventKind.ResidentialPlacement, placement, death == None ? None : death,
                cost: nursing ? UnitCosts.NursingWeek : UnitCosts.ResidentialWeek);
        }

        int span = aliveEnd - s + 1;
        int assessmentCount = rng.Poisson(Rate(ActivityModels.Assessment, person) * years);
        bool needy = age >= 85 || person.ConditionCount >= 8;
        for (int i = 0; i < assessmentCount; i++)
        {
            double u = rng.NextDouble();
            string outcome = u < (needy ? 0.65 : 0.5) ? "services" : u < (needy ? 0.82 : 0.75) ? "no_services" : "signposted";
            assessments.Add((s + rng.Next(span), outcome));
        }

        assessments.Sort((a, b) => a.Day.CompareTo(b.Day));
        int packageEnds = int.MinValue;
        foreach ((int day, string outcome) in assessments)
        {
            if (day > aliveEnd)
            {
                continue;
            }

            Add(events, EventKind.SocialCareAssessment, day, code: outcome, cost: UnitCosts.Assessment);
            bool placedSoon = placement != None && placement >= day && placement - day <= 30;
            if (outcome != "services" || placedSoon || day <= packageEnds || (placement != None && placement <= day))
            {
                continue;
            }

            int start = day + rng.Between(3, 21);
            if (start > aliveEnd || (placement != None && start >= placement))
            {
                continue;
            }

            // Hours a week skewed towards small packages (assumption: 5–30 hours, median about 11).
            double h = rng.NextDouble();
            int hours = 5 + (int)(25 * h * h);
            int end = placement != None ? placement - 1
                : death != None ? death
                : rng.Chance(0.35) ? start + rng.AtLeastOne(150) : None;
            if (end != None && end > e)
            {
                end = None;
            }

            packageEnds = end == None ? int.MaxValue : end;
            Add(events, EventKind.HomeCarePackage, start, end, hours: hours, cost: hours * UnitCosts.HomeCareHour);
        }

        int aeCount = rng.Poisson(Rate(ActivityModels.AeAttendance, person) * person.UseMultiplier(0.7) * years);
        for (int i = 0; i < aeCount; i++)
        {
            Add(events, EventKind.AeAttendance, s + rng.Next(span), cost: UnitCosts.AeAttendance);
        }

        int gpCount = rng.Poisson(Rate(ActivityModels.GpContact, person) * person.UseMultiplier(0.5) * years);
        double homeShare = 0.02 + (age >= 85 ? 0.12 : 0) + (person.Has(ActivityModels.Housebound) ? 0.3 : 0);
        for (int i = 0; i < gpCount; i++)
        {
            int day = s + rng.Next(span);
            double home = placement != None && day >= placement ? 0.5 : homeShare;
            double u = rng.NextDouble();
            if (u < home)
            {
                Add(events, EventKind.GpContact, day, code: "HOME", cost: UnitCosts.GpHomeVisit);
            }
            else if (u < home + 0.35)
            {
                Add(events, EventKind.GpContact, day, code: "TEL", cost: UnitCosts.GpTelephone);
            }
            else
            {
                Add(events, EventKind.GpContact, day, code: "F2F", cost: UnitCosts.GpSurgery);
            }
        }

        int electiveCount = rng.Poisson(Rate(ActivityModels.ElectiveAdmission, person) * person.UseMultiplier(0.8) * years);
        for (int i = 0; i < electiveCount; i++)
        {
            // About four in five elective admissions are day cases (assumption close to HES).
            bool dayCase = rng.Chance(0.8);
            int los = dayCase ? 0 : rng.AtLeastOne(3);
            int start = s + rng.Next(Math.Max(1, span - los));
            int end = Math.Min(start + los, aliveEnd);
            string destination = end == death ? "79" : placement != None && placement <= end ? "54" : "19";
            Add(events, EventKind.ElectiveAdmission, start, end, destination: destination,
                cost: dayCase ? UnitCosts.DayCase : UnitCosts.ElectiveInpatient);
        }

        int outpatientCount = rng.Poisson(Rate(ActivityModels.OutpatientAttendance, person) * person.UseMultiplier(0.9) * years);
        if (outpatientCount > 0)
        {
            Span<double> weights = stackalloc double[TreatmentFunctions.Length];
            TreatmentFunctionWeights(person, weights);
            for (int i = 0; i < outpatientCount; i++)
            {
                Add(events, EventKind.OutpatientAttendance, s + rng.Next(span), code: TreatmentFunctions[rng.Weighted(weights)], cost: UnitCosts.Outpatient);
            }
        }

        int episodes = rng.Poisson(Rate(ActivityModels.CommunityEpisode, person) * years);
        for (int i = 0; i < episodes; i++)
        {
            int start = s + rng.Next(span);
            CommunityEpisode(person, rng, events, start, aliveEnd, placement != None && placement <= start);
        }

        VoluntarySector(person, rng, events, s, aliveEnd);

        if (death != None)
        {
            Add(events, EventKind.Death, death);
        }

        events.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
            : a.Order.CompareTo(b.Order));
        return death;
    }

    /// <summary>The yearly rate at the person's age in the middle of the three-year period.</summary>
    private double Rate(ActivityModel model, SyntheticPerson person) =>
        risks.Rate(model, person.Age + 1, person.Female, person.Frailty, person.ConditionCount, person.Conditions);

    /// <summary>The first day of an event with a constant yearly hazard, or NoDay if it falls after the period.</summary>
    private int FirstDay(double hazard, SeededRandom rng)
    {
        double u = rng.NextDouble();
        if (hazard <= 0)
        {
            return None;
        }

        double t = -Math.Log(1 - u) / hazard;
        return t < years ? Math.Min(periodEnd, periodStart + (int)(t * 365.25)) : None;
    }

    /// <summary>
    /// Length of an emergency stay: zero-day stays common, longer stays at older ages (assumption, means of 2, 4,
    /// 7 and 10 days for under 18, 18–64, 65–84 and 85+ among stays of a day or more; HES shape).
    /// </summary>
    private static int LengthOfStay(int age, SeededRandom rng)
    {
        if (rng.Chance(age < 65 ? 0.4 : 0.25))
        {
            return 0;
        }

        return rng.AtLeastOne(age switch { < 18 => 2, < 65 => 4, < 85 => 7, _ => 10 });
    }

    /// <summary>Discharge destination (NHS Data Dictionary codes): mostly home (assumption close to HES).</summary>
    private static string DischargeDestination(SeededRandom rng)
    {
        double u = rng.NextDouble();
        return u < 0.935 ? "19" : u < 0.955 ? "29" : u < 0.975 ? "51" : u < 0.99 ? "54" : "65";
    }

    private void ResolveOverlaps()
    {
        stays.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Anchored.CompareTo(a.Anchored));
        int kept = 0;
        for (int i = 0; i < stays.Count; i++)
        {
            Stay stay = stays[i];
            if (kept > 0 && stay.Start <= stays[kept - 1].End)
            {
                // A person is in one bed at a time: anchored stays (death, care home, day 91) win over background ones.
                if (stay.Anchored && !stays[kept - 1].Anchored)
                {
                    stays[kept - 1] = stay;
                }

                continue;
            }

            stays[kept++] = stay;
        }

        stays.RemoveRange(kept, stays.Count - kept);
    }

    private bool InHospitalOn(int day)
    {
        foreach (Stay stay in stays)
        {
            if (stay.Start <= day && stay.End >= day)
            {
                return true;
            }
        }

        return false;
    }

    private static void TreatmentFunctionWeights(SyntheticPerson p, Span<double> w)
    {
        // Order as TreatmentFunctions: relative shares are an assumption shaped like HES outpatient activity.
        bool child = p.Age < 16;
        bool old = p.Age >= 65;
        w[0] = child ? 2 : 8;                                                  // 100 general surgery
        w[1] = child ? 0 : p.Female ? 2 : 5;                                   // 101 urology
        w[2] = child ? 3 : 10 + (p.Has(ActivityModels.Arthritis) || p.Has(ActivityModels.Falls) ? 8 : 0); // 110 T&O
        w[3] = child ? 3 : 4;                                                  // 120 ENT
        w[4] = child ? 2 : (old ? 14 : 6) + (p.Has(ActivityModels.VisualImpairment) ? 10 : 0); // 130 ophthalmology
        w[5] = child ? 0 : 6;                                                  // 300 general medicine
        w[6] = child ? 0 : 5;                                                  // 301 gastroenterology
        w[7] = p.Has(ActivityModels.Diabetes) ? 8 : 0;                         // 307 diabetic medicine
        w[8] = child ? 0 : 5 + (p.Has(ActivityModels.HeartFailure) || p.Has(ActivityModels.AtrialFibrillation) || p.Has(ActivityModels.IschaemicHeartDisease) ? 12 : 0); // 320 cardiology
        w[9] = child ? 1 : 5;                                                  // 330 dermatology
        w[10] = child ? 0 : 2 + (p.Has(ActivityModels.Copd) ? 8 : 0);          // 340 respiratory medicine
        w[11] = p.Has(ActivityModels.KidneyDisease) ? 4 : 0;                   // 361 nephrology
        w[12] = p.Has(ActivityModels.Cancer) ? 12 : 0;                         // 370 medical oncology
        w[13] = child ? 0 : 3;                                                 // 400 neurology
        w[14] = child ? 0 : 2 + (p.Has(ActivityModels.Arthritis) ? 3 : 0);     // 410 rheumatology
        w[15] = child ? 30 : 0;                                                // 420 paediatrics
        w[16] = p.Age >= 75 ? 8 : 0;                                           // 430 geriatric medicine
        w[17] = p.Female && p.Age is >= 18 and < 45 ? 8 : 0;                   // 501 obstetrics
        w[18] = p.Female && p.Age >= 18 ? 6 : 0;                               // 502 gynaecology
        w[19] = p.Has(ActivityModels.SevereMentalIllness) ? 6 : 0;             // 710 adult mental illness
    }

    private void CommunityEpisode(SyntheticPerson p, SeededRandom rng, List<ActivityEvent> events, int start, int aliveEnd, bool inCareHome)
    {
        bool old = p.Age >= 65;
        Span<double> w = stackalloc double[CommunityKinds.Length];
        w[0] = (old ? 3 : 0.3) * (p.Has(ActivityModels.Housebound) || p.Has(ActivityModels.SkinUlcer) ? 2 : 1);
        w[1] = (p.Age < 18 ? 3 : 2) + (p.Has(ActivityModels.Falls) || p.Has(ActivityModels.Mobility) ? 2 : 0);
        w[2] = old ? 1 + (p.Has(ActivityModels.Falls) ? 1.5 : 0) : 0.1;
        w[3] = (p.Has(ActivityModels.Depression) ? 2 : 0) + (p.Has(ActivityModels.SevereMentalIllness) ? 6 : 0) + (old ? 0.2 : 0.5);
        w[4] = inCareHome ? 6 : 0;
        int kind = rng.Weighted(w);

        // Contacts per episode and days between them: assumptions by service.
        (double mean, int minGap, int maxGap, int cost) = kind switch
        {
            0 => (8.0, 3, 7, UnitCosts.NursingContact),
            1 => (5.0, 5, 10, UnitCosts.TherapyContact),
            2 => (2.0, 1, 2, UnitCosts.UrgentResponseContact),
            3 => (6.0, 7, 21, UnitCosts.MentalHealthContact),
            _ => (4.0, 14, 28, UnitCosts.NursingContact),
        };
        int contacts = rng.AtLeastOne(mean);
        int day = start;
        for (int i = 0; i < contacts && day <= aliveEnd; i++)
        {
            Add(events, EventKind.CommunityContact, day, code: CommunityKinds[kind], cost: cost);
            day += rng.Between(minGap, maxGap);
        }
    }

    private void VoluntarySector(SyntheticPerson p, SeededRandom rng, List<ActivityEvent> events, int s, int aliveEnd)
    {
        bool old = p.Age >= 65;
        bool adult = p.Age >= 18;
        bool lonely = p.Has(ActivityModels.SocialVulnerability);
        bool depressed = p.Has(ActivityModels.Depression);
        bool falls = p.Has(ActivityModels.Falls);
        if (!adult)
        {
            return;
        }

        // Chance of being a voluntary sector client in the period: an assumption (about 5% of people aged 65+,
        // far more if socially vulnerable, some adults with depression via social prescribing, and carers).
        double chance = (old ? 0.05 : adult ? 0.012 : 0) + (lonely ? 0.25 : 0) + (depressed && adult ? 0.04 : 0) + (falls && old ? 0.1 : 0);
        if (!rng.Chance(chance))
        {
            return;
        }

        Span<double> w = stackalloc double[VoluntaryServices.Length];
        w[0] = old ? 3 + (lonely ? 3 : 0) : 0;
        w[1] = adult ? 2 + (depressed ? 2 : 0) + (lonely ? 1 : 0) : 0;
        w[2] = p.Age is >= 18 and < 86 ? 1 : 0;
        w[3] = old ? (falls ? 4 : 0.5) : 0;
        int service = rng.Weighted(w);
        int contacts = rng.AtLeastOne(6);
        int day = s + rng.Next(aliveEnd - s + 1);
        for (int i = 0; i < contacts && day <= aliveEnd; i++)
        {
            Add(events, EventKind.VcsContact, day, code: VoluntaryServices[service], cost: UnitCosts.VoluntaryContact);
            day += rng.Between(7, 21);
        }
    }

    private void Add(List<ActivityEvent> events, EventKind kind, int start, int end = None, string? code = null,
        string? destination = null, int hours = 0, string? status = null, int cost = 0, string? cause = null)
    {
        events.Add(new ActivityEvent
        {
            Start = start,
            End = end,
            Kind = kind,
            Code = code,
            Cause = cause,
            Destination = destination,
            HoursPerWeek = hours,
            Status = status,
            CostPence = cost,
            Order = order++,
        });
    }
}
