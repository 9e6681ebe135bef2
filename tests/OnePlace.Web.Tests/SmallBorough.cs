using OnePlace.Core.Conditions;
using OnePlace.Core.Events;
using OnePlace.Core.Geography;
using OnePlace.Core.Import;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
using OnePlace.Core.PersonIndex;
using OnePlace.Core.Services;
using OnePlace.Core.Store;

namespace OnePlace.Web.Tests;

/// <summary>
/// A test data builder for a tiny borough written straight into a store: two localities, a GP practice, and the
/// people a test asks for, each known to the partners it names, with events. NHS numbers come from the 999 test
/// range with valid check digits.
/// </summary>
public sealed class SmallBorough
{
    private readonly List<PersonPlan> _people = [];
    private int _nextNhs = 1;

    public const string PracticeCode = "M91001";
    public const string PracticeName = "Pleck Health Centre";

    /// <summary>A person; <paramref name="withNhsNumber"/> false for someone known only to partners who hold no NHS number.</summary>
    public PersonPlan Person(string given, string family, DateOnly dateOfBirth, string sex = "F", string postcode = "WS1 1AA", bool withNhsNumber = true)
    {
        var plan = new PersonPlan(Guid.NewGuid(), withNhsNumber ? NextNhsNumber() : "", given, family, dateOfBirth, sex, postcode);
        _people.Add(plan);
        return plan;
    }

    /// <summary>
    /// An open pair in the review queue between the first record of each person, as the latest linkage run left it.
    /// </summary>
    public SmallBorough ReviewPair(PersonPlan first, PersonPlan second, double probability, LinkExplanation explanation)
    {
        _reviewPairs.Add((first, second, probability, explanation));
        return this;
    }

    private readonly List<(PersonPlan First, PersonPlan Second, double Probability, LinkExplanation Explanation)> _reviewPairs = [];

    /// <summary>A hospital record that came without an NHS number, so it waits for linkage.</summary>
    public SmallBorough UnlinkedHospitalRecord(string given, string family)
    {
        _unlinked.Add((given, family));
        return this;
    }

    private readonly List<(string Given, string Family)> _unlinked = [];

    /// <summary>
    /// The partnership's services as the synthetic borough names them, each with a team per locality, except urgent
    /// community response, which is one borough-wide team (as the generator lays them out).
    /// </summary>
    public static void SeedDirectory(OnePlaceDb db)
    {
        (string Code, string Name, string Kind, bool BoroughWide)[] services =
        [
            ("UCR", "Urgent Community Response", "urgent_community_response", true), ("REA", "Reablement", "reablement", false),
            ("DN", "District Nursing", "district_nursing", false), ("ASW", "Adult Social Work", "social_work", false),
            ("THR", "Community Therapy", "therapy", false), ("CMH", "Community Mental Health", "mental_health", false),
            ("VCS", "Community Connectors", "voluntary", false), ("CHS", "Care Home Support", "care_home_support", false),
        ];
        foreach (var (code, name, kind, boroughWide) in services)
        {
            var offer = ServiceDefaults.For(kind);
            db.Services.Add(new Service
            {
                Code = code,
                Name = name,
                Partner = Partner.Community,
                Kind = kind,
                Eligibility = offer.Eligibility,
                MinimumAge = offer.MinimumAge,
                OpensAt = offer.OpensAt,
                ClosesAt = offer.ClosesAt,
                OpenAtWeekends = offer.Weekends,
            });
            foreach (var locality in boroughWide ? [(string?)null] : new string?[] { "N", "S" })
            {
                db.Teams.Add(new Team
                {
                    Code = $"{code}-{locality ?? "ALL"}",
                    Name = $"{name} {locality switch { "N" => "North", "S" => "South", _ => "(borough)" }}",
                    ServiceCode = code,
                    LocalityCode = locality,
                    Capacity = offer.TeamCapacity,
                });
            }
        }
    }

    public async Task SeedAsync(OnePlaceDb db)
    {
        db.Localities.AddRange(new Locality { Code = "N", Name = "North" }, new Locality { Code = "S", Name = "South" });
        db.SmallAreas.AddRange(
            new SmallArea { Code = "E01000001", Name = "Pleck 1", LocalityCode = "N", ImdDecile = 2 },
            new SmallArea { Code = "E01000002", Name = "Streetly 3", LocalityCode = "S", ImdDecile = 9 });
        db.Postcodes.AddRange(
            new PostcodeArea { Postcode = "WS1 1AA", SmallAreaCode = "E01000001" },
            new PostcodeArea { Postcode = "WS9 9ZZ", SmallAreaCode = "E01000002" });
        db.Organisations.Add(new Organisation { Code = PracticeCode, Name = PracticeName, Kind = OrganisationKind.GpPractice, LocalityCode = "N" });
        SeedDirectory(db);

        var files = Partner.All.ToDictionary(p => p, p => new ImportedFile
        {
            Partner = p,
            FileName = $"{p}/people.csv",
            Sha256 = Guid.NewGuid().ToString("N"),
            ImportedAtUtc = DateTime.UtcNow,
        });
        db.ImportedFiles.AddRange(files.Values);
        await db.SaveChangesAsync();

        var recordNumber = 0;
        var firstRecord = new Dictionary<PersonPlan, long>();
        foreach (var plan in _people)
        {
            var area = plan.Postcode == "WS9 9ZZ" ? "E01000002" : "E01000001";
            db.People.Add(new Person
            {
                Id = plan.Id,
                NhsNumber = plan.NhsNumberOrNull,
                GivenName = plan.Given,
                FamilyName = plan.Family,
                DateOfBirth = plan.DateOfBirth,
                Sex = plan.Sex,
                Postcode = plan.Postcode,
                SmallAreaCode = area,
                LocalityCode = area == "E01000001" ? "N" : "S",
                EthnicCategory = "A",
                GpPracticeCode = PracticeCode,
                CreatedAtUtc = DateTime.UtcNow,
            });
            foreach (var (partner, events) in plan.Partners)
            {
                (string Given, double Probability, LinkExplanation Explanation)? linked =
                    plan.LinkedByDetails.TryGetValue(partner, out var details) ? details : null;
                var record = new SourceRecord
                {
                    Partner = partner,
                    LocalRecordId = $"{partner.ToUpperInvariant()}-{++recordNumber:D5}",
                    PersonId = plan.Id,
                    NhsNumber = linked is null ? plan.NhsNumberOrNull : null,
                    GivenName = linked?.Given ?? plan.Given,
                    FamilyName = plan.FamilyNameHeldBy.GetValueOrDefault(partner, plan.Family),
                    DateOfBirth = plan.DateOfBirth,
                    Sex = plan.Sex,
                    Postcode = plan.Postcode,
                    GpPracticeCode = PracticeCode,
                    ImportedFileId = files[partner].Id,
                    LinkMethod = linked is null ? (plan.NhsNumberOrNull is null ? LinkMethod.Linkage : LinkMethod.NhsNumber) : LinkMethod.Linkage,
                    LinkProbability = linked?.Probability,
                    LinkedToRecordId = linked is null ? null : firstRecord[plan],
                    LinkExplanation = linked?.Explanation.ToJson(),
                    LinkedAtUtc = DateTime.UtcNow,
                };
                db.SourceRecords.Add(record);
                await db.SaveChangesAsync();
                firstRecord.TryAdd(plan, record.Id);
                if (partner == Partner.Gp)
                {
                    foreach (var code in plan.ConditionCodes)
                    {
                        db.Conditions.Add(new Condition
                        {
                            SourceRecordId = record.Id,
                            PersonId = plan.Id,
                            Code = code,
                            RecordedDate = new DateOnly(2020, 1, 6),
                            ImportedFileId = files[partner].Id,
                        });
                    }
                }

                var n = 0;
                foreach (var e in events)
                {
                    e.Partner = partner;
                    e.LocalEventId = $"{record.LocalRecordId}-E{++n}";
                    e.SourceRecordId = record.Id;
                    e.PersonId = plan.Id;
                    e.ImportedFileId = files[partner].Id;
                    db.Events.Add(e);
                }
            }
        }

        foreach (var (given, family) in _unlinked)
        {
            db.SourceRecords.Add(new SourceRecord
            {
                Partner = Partner.Hospital,
                LocalRecordId = $"HOSPITAL-U{++recordNumber:D5}",
                GivenName = given,
                FamilyName = family,
                ImportedFileId = files[Partner.Hospital].Id,
            });
        }

        await db.SaveChangesAsync();

        foreach (var (first, second, probability, explanation) in _reviewPairs)
        {
            var (a, b) = (firstRecord[first], firstRecord[second]);
            db.LinkReviewPairs.Add(new LinkReviewPair
            {
                RecordIdA = Math.Min(a, b),
                RecordIdB = Math.Max(a, b),
                Probability = probability,
                MatchWeight = explanation.MatchWeight,
                Explanation = explanation.ToJson(),
                FoundAtUtc = DateTime.UtcNow,
            });
        }

        await db.SaveChangesAsync();
    }

    private string NextNhsNumber()
    {
        while (true)
        {
            var nine = $"999{_nextNhs++:D6}";
            if (NhsNumber.CheckDigit(nine) is { } check)
            {
                return nine + check;
            }
        }
    }

    /// <summary>One person to seed, and the partners who know them.</summary>
    /// <param name="NhsNumber">Empty for a person with none.</param>
    public sealed record PersonPlan(Guid Id, string NhsNumber, string Given, string Family, DateOnly DateOfBirth, string Sex, string Postcode)
    {
        public string? NhsNumberOrNull => NhsNumber.Length > 0 ? NhsNumber : null;

        public List<(string Partner, List<CareEvent> Events)> Partners { get; } = [];

        /// <summary>Partners whose record came without an NHS number and was linked by matching details.</summary>
        public Dictionary<string, (string Given, double Probability, LinkExplanation Explanation)> LinkedByDetails { get; } = [];

        /// <summary>
        /// Known to <paramref name="partner"/> under <paramref name="given"/> and without an NHS number: a record the
        /// person index linked to this person's first record with <paramref name="probability"/>.
        /// </summary>
        public PersonPlan LinkedThroughDetails(string partner, string given, double probability, LinkExplanation explanation, params CareEvent[] events)
        {
            LinkedByDetails[partner] = (given, probability, explanation);
            return KnownTo(partner, events);
        }

        /// <summary>Family names a partner holds that differ from the person's own (misspellings, changes).</summary>
        public Dictionary<string, string> FamilyNameHeldBy { get; } = [];

        /// <summary>Condition and frailty deficit codes on the person's GP record (ConditionCatalogue).</summary>
        public List<string> ConditionCodes { get; } = [];

        /// <summary>Codes recorded on the person's GP record, which must be among the partners who know them.</summary>
        public PersonPlan WithConditions(params string[] codes)
        {
            ConditionCodes.AddRange(codes);
            return this;
        }

        public PersonPlan KnownTo(string partner, params CareEvent[] events)
        {
            Partners.Add((partner, [.. events]));
            return this;
        }

        /// <summary>Known to <paramref name="partner"/> under another family name.</summary>
        public PersonPlan KnownAs(string partner, string familyName, params CareEvent[] events)
        {
            FamilyNameHeldBy[partner] = familyName;
            return KnownTo(partner, events);
        }
    }

    /// <summary>An event of the given type; the builder fills in partner, ids and the person.</summary>
    public static CareEvent Event(string eventType, string start, string? end = null, string? code = null,
        string? discharge = null, decimal? hours = null, string? status91 = null, decimal? cost = null) => new()
        {
            Partner = "",
            LocalEventId = "",
            EventType = eventType,
            StartDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            EndDate = end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            Code = code,
            DischargeDestination = discharge,
            HoursPerWeek = hours,
            Status91Days = status91,
            UnitCostGbp = cost,
        };
}
