using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Testing;

namespace OnePlace.Cli.Tests;

public sealed partial class AuditCommandTests
{
    [GeneratedRegex("Head: (?<head>[0-9]+:[0-9a-f]{64})")]
    private static partial Regex Head();

    private static async Task WriteRowsAsync(TestStore store, int rows)
    {
        await using var db = store.Open();
        var audit = new AuditWriter(db, TimeProvider.System);
        for (int i = 0; i < rows; i++)
        {
            await audit.WriteAsync("nurse@partnership.test", AuditAction.SignIn, $"row={i}");
        }
    }

    [Fact]
    public async Task Audit_verify_prints_the_head_of_an_intact_chain_and_names_an_edited_row_with_exit_2()
    {
        await using var store = await TestStore.CreateAsync();
        await WriteRowsAsync(store, 5);

        var (intact, intactOutput) = await Oneplace.RunAsync(store, "audit", "verify");
        await using (var db = store.Open())
        {
            // What someone holding the store's credentials could do: switch the append-only triggers off and rewrite a row.
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "DROP TRIGGER audit_log_no_update" : "ALTER TABLE audit_log DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Actor\" = 'someone else' WHERE \"Id\" = 3");
        }

        var (broken, brokenOutput) = await Oneplace.RunAsync(store, "audit", "verify");

        Assert.Equal(0, intact);
        Assert.Contains("Checked 5 audit rows", intactOutput, StringComparison.Ordinal);
        Assert.Matches(Head(), intactOutput);
        Assert.Equal(2, broken);
        Assert.Contains("The audit chain is broken at row 3 (", brokenOutput, StringComparison.Ordinal);
        Assert.Contains("Checked 2 audit rows", brokenOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_verify_with_a_recorded_head_finds_rows_cut_from_the_end_and_refuses_a_malformed_head()
    {
        await using var store = await TestStore.CreateAsync();
        await WriteRowsAsync(store, 3);
        var (_, first) = await Oneplace.RunAsync(store, "audit", "verify");
        string head = Head().Match(first).Groups["head"].Value;

        var (stillThere, _) = await Oneplace.RunAsync(store, "audit", "verify", "--anchor", head);
        await using (var db = store.Open())
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.IsSqlite() ? "DROP TRIGGER audit_log_no_delete" : "ALTER TABLE audit_log DISABLE TRIGGER USER");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE \"Id\" = 3");
        }

        var (unanchored, _) = await Oneplace.RunAsync(store, "audit", "verify");
        var (cut, cutOutput) = await Oneplace.RunAsync(store, "audit", "verify", "--anchor", head);
        var (malformed, malformedOutput) = await Oneplace.RunAsync(store, "audit", "verify", "--anchor", "3:abc");

        Assert.Equal("3:", head[..2]);
        Assert.Equal(0, stillThere);
        Assert.Equal(0, unanchored);
        Assert.Equal(2, cut);
        Assert.Contains("row 3, recorded as a head, is not in the log", cutOutput, StringComparison.Ordinal);
        Assert.Equal(2, malformed);
        Assert.Contains("is not a head written ID:HASH", malformedOutput, StringComparison.Ordinal);
    }
}

/// <summary>`oneplace audit export --format fhir-ndjson`: BALP AuditEvents one a line, and the export audited.</summary>
public sealed class AuditExportCommandTests
{
    [Fact]
    public async Task Audit_export_writes_one_parseable_BALP_AuditEvent_a_line_for_the_days_and_person_asked_and_is_audited()
    {
        await using var store = await TestStore.CreateAsync();
        AuditScenario scenario;
        await using (var db = store.Open())
        {
            scenario = await AuditScenario.SeedAsync(db);
        }

        var file = Path.Combine(Directory.CreateTempSubdirectory("oneplace-audit-").FullName, "audit.ndjson");
        var (exit, output) = await Oneplace.RunAsync(store, "audit", "export", "--format", "fhir-ndjson", "--from", "2026-01-06", "--to", "2026-01-08",
            "--person", scenario.Ada.ToString(), "--output", file);

        Assert.Equal(0, exit);
        Assert.Contains("Wrote 4 AuditEvents", output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(file, TestContext.Current.CancellationToken);
        var events = lines.Select(l => OnePlace.Fhir.FhirJson.Parse<Hl7.Fhir.Model.AuditEvent>(l)).ToList();
        Assert.Equal(["person.listed", "person.view", "referral.create", "referral.change"],
            events.Select(e => e.Subtype.Single(s => s.System == OnePlace.Fhir.Audit.BalpAuditEvents.ActionSystem).Code));
        Assert.Equal([OnePlace.Fhir.Audit.BalpAuditEvents.PatientQuery, OnePlace.Fhir.Audit.BalpAuditEvents.PatientRead,
            OnePlace.Fhir.Audit.BalpAuditEvents.PatientCreate, OnePlace.Fhir.Audit.BalpAuditEvents.PatientUpdate], events.Select(e => e.Meta!.Profile.Single()));
        Assert.All(events, e => Assert.Contains(e.Entity, x => x.What?.Reference == $"Patient/{scenario.Ada}"));

        await using var check = store.Open();
        var audited = await check.AuditLog.Where(a => a.Action.StartsWith("audit.")).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal("purpose=export:fhir-ndjson; fields=person,from,to; rows=4", Assert.Single(audited, a => a.Action == OnePlace.Core.Privacy.AuditReviewAction.Searched).Detail);
        Assert.Equal(scenario.Ada, Assert.Single(audited, a => a.Action == OnePlace.Core.Privacy.AuditReviewAction.PersonReviewed).PersonId);
        Assert.All(audited, a => Assert.StartsWith("cli:", a.Actor, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--format", "csv", "--from", "2026-01-01", "--to", "2026-01-02")]
    [InlineData("--format", "fhir-ndjson", "--from", "2026-02-30", "--to", "2026-03-01")]
    [InlineData("--format", "fhir-ndjson", "--from", "2026-01-02", "--to", "2026-01-01")]
    [InlineData("--format", "fhir-ndjson", "--from", "2026-01-01", "--to", "2026-01-02", "--person", "nobody")]
    public async Task Audit_export_refuses_bad_options_with_exit_2_and_writes_nothing(params string[] options)
    {
        await using var store = await TestStore.CreateAsync();
        var file = Path.Combine(Directory.CreateTempSubdirectory("oneplace-audit-").FullName, "audit.ndjson");

        var (exit, _) = await Oneplace.RunAsync(store, ["audit", "export", .. options, "--output", file]);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(file));
    }
}
