using OnePlace.Core.Events;
using OnePlace.Core.Geography;
using OnePlace.Core.Import;
using OnePlace.Core.Organisations;
using OnePlace.Core.People;
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

    public PersonPlan Person(string given, string family, DateOnly dateOfBirth, string sex = "F", string postcode = "WS1 1AA")
    {
        var plan = new PersonPlan(Guid.NewGuid(), NextNhsNumber(), given, family, dateOfBirth, sex, postcode);
        _people.Add(plan);
        return plan;
    }

    /// <summary>A hospital record that came without an NHS number, so it waits for linkage.</summary>
    public SmallBorough UnlinkedHospitalRecord(string given, string family)
    {
        _unlinked.Add((given, family));
        return this;
    }

    private readonly List<(string Given, string Family)> _unlinked = [];

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

        var files = Partner.All.ToDictionary(p => p, p => new ImportedFile
        {
            Partner = p, FileName = $"{p}/people.csv", Sha256 = Guid.NewGuid().ToString("N"), ImportedAtUtc = DateTime.UtcNow,
        });
        db.ImportedFiles.AddRange(files.Values);
        await db.SaveChangesAsync();

        var recordNumber = 0;
        foreach (var plan in _people)
        {
            var area = plan.Postcode == "WS9 9ZZ" ? "E01000002" : "E01000001";
            db.People.Add(new Person
            {
                Id = plan.Id, NhsNumber = plan.NhsNumber, GivenName = plan.Given, FamilyName = plan.Family,
                DateOfBirth = plan.DateOfBirth, Sex = plan.Sex, Postcode = plan.Postcode, SmallAreaCode = area,
                LocalityCode = area == "E01000001" ? "N" : "S", EthnicCategory = "A", GpPracticeCode = PracticeCode,
                CreatedAtUtc = DateTime.UtcNow,
            });
            foreach (var (partner, events) in plan.Partners)
            {
                var record = new SourceRecord
                {
                    Partner = partner, LocalRecordId = $"{partner.ToUpperInvariant()}-{++recordNumber:D5}", PersonId = plan.Id,
                    NhsNumber = plan.NhsNumber, GivenName = plan.Given, FamilyName = plan.FamilyNameHeldBy.GetValueOrDefault(partner, plan.Family),
                    DateOfBirth = plan.DateOfBirth, Sex = plan.Sex, Postcode = plan.Postcode, GpPracticeCode = PracticeCode, ImportedFileId = files[partner].Id,
                };
                db.SourceRecords.Add(record);
                await db.SaveChangesAsync();
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
                Partner = Partner.Hospital, LocalRecordId = $"HOSPITAL-U{++recordNumber:D5}", GivenName = given, FamilyName = family,
                ImportedFileId = files[Partner.Hospital].Id,
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
    public sealed record PersonPlan(Guid Id, string NhsNumber, string Given, string Family, DateOnly DateOfBirth, string Sex, string Postcode)
    {
        public List<(string Partner, List<CareEvent> Events)> Partners { get; } = [];

        /// <summary>Family names a partner holds that differ from the person's own (misspellings, changes).</summary>
        public Dictionary<string, string> FamilyNameHeldBy { get; } = [];

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
