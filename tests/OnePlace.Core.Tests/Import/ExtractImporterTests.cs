using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Audit;
using OnePlace.Core.Import;
using OnePlace.Core.People;
using OnePlace.Testing;

namespace OnePlace.Core.Tests.Import;

/// <summary>Import against a real store: SQLite, and PostgreSQL on the suite's second pass.</summary>
public class ExtractImporterTests
{
    // Valid NHS numbers from the 999 range reserved for test data (NHS Data Dictionary).
    private const string Ada = "9990000018";
    private const string Bob = "9990000026";

    private static ExtractFolderBuilder ThreePartnerFolder() =>
        new ExtractFolderBuilder().WithGeography()
            .WithPerson(Partner.Gp, "GP1", Ada, given: "Ada", family: "Lovelace", postcode: "WS1 1AA")
            .WithPerson(Partner.Gp, "GP2", Bob, given: "Robert", family: "Owen", sex: "M")
            .WithPerson(Partner.Hospital, "H1", Ada, given: "ADA", family: "LOVELACE", postcode: "WS1 1AB")
            .WithPerson(Partner.Council, "C1", "", given: "Ada", family: "Lovelace")
            .WithPerson(Partner.Council, "C2", Ada)
            .WithEvent(Partner.Gp, "E1", "GP1", "gp_contact", "2025-01-02", code: "F2F", cost: "42.00")
            .WithEvent(Partner.Hospital, "E1", "H1", "emergency_admission", "2025-02-01", "2025-02-05", destination: "19", cost: "5395.00")
            .WithEvent(Partner.Council, "E1", "C2", "home_care_package", "2025-03-01", hours: "10.5")
            .WithEvent(Partner.Council, "E2", "C1", "social_care_assessment", "2025-02-20", code: "services")
            .WithCondition("GP1", "EFI17", "2020-06-01");

    [Fact]
    public async Task A_clean_folder_is_imported_and_records_join_a_person_on_a_valid_nhs_number()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(2, await db.People.CountAsync(p => p.NhsNumber != null));
        Assert.Equal(result.PeopleCreated, await db.People.CountAsync());
        var ada = await db.People.SingleAsync(p => p.NhsNumber == Ada);
        Assert.Equal("Ada", ada.GivenName); // the GP record wins over the hospital's upper-case copy
        Assert.Equal("E01000001", ada.SmallAreaCode);
        Assert.Equal("N", ada.LocalityCode);
        var partners = await db.Events.Where(e => e.PersonId == ada.Id).Select(e => e.Partner).Distinct().OrderBy(p => p).ToListAsync();
        Assert.Equal([Partner.Council, Partner.Gp, Partner.Hospital], partners);
        Assert.Equal(1, await db.Conditions.CountAsync(c => c.PersonId == ada.Id && c.Code == "EFI17"));
        var hours = await db.Events.Where(e => e.EventType == "home_care_package").Select(e => e.HoursPerWeek).SingleAsync();
        Assert.Equal(10.5m, hours);
    }

    [Fact]
    public async Task A_record_without_an_nhs_number_is_left_to_the_person_index_which_gives_it_and_its_events_a_person()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        Assert.False(await db.SourceRecords.AnyAsync(r => r.PersonId == null));
        var byNhsNumber = await db.SourceRecords.Where(r => r.NhsNumber != null).Select(r => r.LinkMethod).Distinct().ToListAsync();
        Assert.Equal([LinkMethod.NhsNumber], byNhsNumber);
        var c1 = await db.SourceRecords.SingleAsync(r => r.LocalRecordId == "C1");
        Assert.Equal(LinkMethod.Linkage, c1.LinkMethod);
        Assert.Equal(c1.PersonId, await db.Events.Where(e => e.LocalEventId == "E2" && e.Partner == Partner.Council).Select(e => e.PersonId).SingleAsync());
        Assert.Equal(1, result.Linkage!.RecordsLinked);
    }

    [Fact]
    public async Task A_folder_with_bad_rows_is_refused_whole_naming_each_line_and_reason_and_the_store_is_unchanged()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder()
            .WithPerson(Partner.Hospital, "H2", "9876544321")              // line 3: fails Modulus 11
            .WithPerson(Partner.Hospital, "H3", "4444444444")              // line 4: repeated digit
            .WithPerson(Partner.Hospital, "H4", Bob, dateOfBirth: "1950-02-30") // line 5: no such date
            .WithEvent(Partner.Hospital, "E2", "H1", "elective_admission", "2025-03-01") // line 3: no end or destination
            .WithEvent(Partner.Hospital, "E3", "NOPE", "ae_attendance", "2025-03-01")   // line 4: unknown record
            .WithEvent(Partner.Council, "E3", "C1", "gp_contact", "2025-03-01");       // line 4: not a council event
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        Assert.False(result.Succeeded);
        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("hospital/people.csv:3: nhs_number fails the Modulus 11 check", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("hospital/people.csv:4: nhs_number is one digit repeated", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("hospital/people.csv:5: date_of_birth '1950-02-30'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("hospital/events.csv:3:", StringComparison.Ordinal) && e.Contains("end_date is required", StringComparison.Ordinal)
            && e.Contains("discharge_destination is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("hospital/events.csv:4: record_id 'NOPE' is not known", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("council/events.csv:4: event_type 'gp_contact' is not one this partner sends", StringComparison.Ordinal));
        Assert.Equal(6, errors.Count);
        Assert.Equal(0, await db.People.CountAsync());
        Assert.Equal(0, await db.SourceRecords.CountAsync());
        Assert.Equal(0, await db.Localities.CountAsync());
        Assert.Equal(0, await db.ImportedFiles.CountAsync());
        Assert.Equal(0, await db.AuditLog.CountAsync());
    }

    [Fact]
    public async Task An_emergency_admission_keeps_its_icd10_diagnosis_and_external_cause_without_the_dot()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder()
            .WithEvent(Partner.Hospital, "E2", "H1", "emergency_admission", "2025-03-01", "2025-03-09", code: "S72.0", destination: "19", cause: "w190")
            .WithEvent(Partner.Hospital, "E3", "H1", "emergency_admission", "2025-05-01", "2025-05-04", code: "J189", destination: "19");
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var stays = await db.Events.Where(e => e.Partner == Partner.Hospital).OrderBy(e => e.LocalEventId)
            .Select(e => new { e.LocalEventId, e.Code, e.CauseCode }).ToListAsync();
        Assert.Equal([new { LocalEventId = "E1", Code = (string?)null, CauseCode = (string?)null },
            new { LocalEventId = "E2", Code = (string?)"S720", CauseCode = (string?)"W190" },
            new { LocalEventId = "E3", Code = (string?)"J189", CauseCode = (string?)null }], stays);
    }

    [Fact]
    public async Task Diagnosis_and_cause_codes_that_are_not_icd10_or_in_the_wrong_place_are_refused_naming_the_field()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder()
            .WithEvent(Partner.Hospital, "E2", "H1", "emergency_admission", "2025-03-01", "2025-03-02", code: "FALL", destination: "19") // line 3
            .WithEvent(Partner.Hospital, "E3", "H1", "emergency_admission", "2025-03-05", "2025-03-06", code: "W19", destination: "19")  // line 4
            .WithEvent(Partner.Hospital, "E4", "H1", "emergency_admission", "2025-03-08", "2025-03-09", code: "S720", destination: "19", cause: "S720") // line 5
            .WithEvent(Partner.Hospital, "E5", "H1", "emergency_admission", "2025-03-11", "2025-03-12", code: "S720", destination: "19", cause: "W1") // line 6
            .WithEvent(Partner.Hospital, "E6", "H1", "elective_admission", "2025-03-14", "2025-03-14", destination: "19", cause: "W19")             // line 7
            .WithEvent(Partner.Gp, "E2", "GP1", "gp_contact", "2025-01-03", code: "F2F", cause: "W19");                                           // line 3
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(
        [
            "gp/events.csv:3: cause_code must be empty for gp_contact",
            "hospital/events.csv:3: code 'FALL' is not an ICD-10 code (a letter, two digits and optionally a fourth character, e.g. S720, R55X)",
            "hospital/events.csv:4: code 'W19' is an ICD-10 external cause (V01-Y98), not a diagnosis: it belongs in cause_code",
            "hospital/events.csv:5: cause_code 'S720' is not an ICD-10 external cause code (V01-Y98, e.g. W19 or W190 for a fall)",
            "hospital/events.csv:6: cause_code 'W1' is not an ICD-10 external cause code (V01-Y98, e.g. W19 or W190 for a fall)",
            "hospital/events.csv:7: cause_code must be empty for elective_admission",
        ], errors.Order(StringComparer.Ordinal));
        Assert.Equal(0, await db.Events.CountAsync());
    }

    [Fact]
    public async Task An_event_file_written_before_cause_code_existed_is_still_accepted()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        var path = folder.Write();
        File.WriteAllText(Path.Combine(path, "hospital/events.csv"),
            "event_id,record_id,event_type,start_date,end_date,code,discharge_destination,hours_per_week,status_91_days,unit_cost_gbp\n" +
            "E1,H1,emergency_admission,2025-02-01,2025-02-05,I509,19,,,5395.00\n");
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(path, "test");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var stay = await db.Events.SingleAsync(e => e.Partner == Partner.Hospital);
        Assert.Equal(("I509", null, 5395.00m), (stay.Code, stay.CauseCode, stay.UnitCostGbp));
    }

    [Fact]
    public async Task An_event_file_missing_more_than_the_optional_cause_code_column_is_refused_on_line_one()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        var path = folder.Write();
        File.WriteAllText(Path.Combine(path, "gp/events.csv"),
            "event_id,record_id,event_type,start_date,end_date,code,discharge_destination,hours_per_week,status_91_days\nE1,GP1,gp_contact,2025-01-02,,F2F,,,\n");
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(path, "test");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("gp/events.csv", 1), (error.File, error.Line));
        Assert.EndsWith("unit_cost_gbp,cause_code' (the last column, cause_code, may be left out)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_header_is_reported_on_line_one()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = new ExtractFolderBuilder().WithGeography();
        var path = folder.Write();
        File.WriteAllText(Path.Combine(path, "geography/localities.csv"), "code,name\nN,North\n");
        await using var db = store.Open();

        var result = await new ExtractImporter(db).ImportFolderAsync(path, "test");

        var error = Assert.Single(result.Errors, e => e.File == "geography/localities.csv");
        Assert.Equal(1, error.Line);
        Assert.Contains("must be 'locality_code,locality_name'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_folder_twice_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        var path = folder.Write();
        await using (var db = store.Open())
        {
            await new ExtractImporter(db).ImportFolderAsync(path, "test");
        }

        await using var again = store.Open();
        var counts = await Counts(again);
        var second = await new ExtractImporter(again).ImportFolderAsync(path, "test");

        Assert.True(second.Succeeded);
        Assert.All(second.Files, f => Assert.True(f.AlreadyImported));
        Assert.Equal(counts, await Counts(again));
    }

    [Fact]
    public async Task An_overlapping_extract_adds_only_its_new_rows()
    {
        await using var store = await TestStore.CreateAsync();
        using var first = ThreePartnerFolder();
        using var second = ThreePartnerFolder()
            .WithEvent(Partner.Gp, "E2", "GP2", "gp_contact", "2025-04-01", code: "TEL");
        await using var db = store.Open();
        await new ExtractImporter(db).ImportFolderAsync(first.Write(), "test");

        var result = await new ExtractImporter(db).ImportFolderAsync(second.Write(), "test");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var gpEvents = result.Files.Single(f => f.File == "gp/events.csv");
        Assert.Equal((2, 1), (gpEvents.Rows, gpEvents.Added));
        Assert.Equal(2, await db.Events.CountAsync(e => e.Partner == Partner.Gp));
    }

    [Fact]
    public async Task Every_person_touched_by_an_import_gets_an_audit_row()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder();
        await using var db = store.Open();

        await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "importer@test");

        var rows = await db.AuditLog.Where(a => a.Action == AuditAction.Import).ToListAsync();
        Assert.Equal(2, rows.Count(r => r.PersonId != null));
        Assert.Single(rows, r => r.PersonId == null && r.Detail!.Contains("gp/people.csv: 2 of 2 rows new", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("importer@test", r.Actor));
    }

    [Fact]
    public async Task A_death_recorded_by_the_gp_sets_the_date_of_death()
    {
        await using var store = await TestStore.CreateAsync();
        using var folder = ThreePartnerFolder().WithEvent(Partner.Gp, "D1", "GP2", "death", "2025-06-30");
        await using var db = store.Open();

        await new ExtractImporter(db).ImportFolderAsync(folder.Write(), "test");

        Assert.Equal(new DateOnly(2025, 6, 30), await db.People.Where(p => p.NhsNumber == Bob).Select(p => p.DateOfDeath).SingleAsync());
    }

    private static async Task<(int, int, int, int, int)> Counts(OnePlace.Core.Store.OnePlaceDb db) =>
        (await db.People.CountAsync(), await db.SourceRecords.CountAsync(), await db.Events.CountAsync(),
         await db.Conditions.CountAsync(), await db.AuditLog.CountAsync());
}
