using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Access;
using OnePlace.Core.Audit;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using OnePlace.Fhir.Audit;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace audit verify [--anchor ID:HASH]`: walks the audit log's hash chain (docs/adr/0018) and prints the rows
/// checked and the head. Exit 0 when the chain is intact; 2 when it is broken, naming the first broken row. Keep the
/// printed head somewhere the store's administrators cannot write, and pass it back as --anchor: that is what shows
/// the log was not cut short or rewritten whole since.
/// `oneplace audit export --format fhir-ndjson --from DAY --to DAY [--person ID] --output FILE` writes the rows of those
/// days (of one person, when given) as IHE BALP AuditEvents, one a line; the export is itself audited.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var anchor = new Option<string?>("--anchor")
        {
            Description = "A head printed by an earlier verify, written ID:HASH: the row must still be in the log with that hash",
        };
        var verify = new Command("verify", "Check that no audit row was changed, removed or reordered") { anchor };
        verify.SetAction(async (parse, ct) =>
        {
            AuditAnchor? recorded = null;
            if (parse.GetValue(anchor) is { } text)
            {
                recorded = ParseAnchor(text);
                if (recorded is null)
                {
                    console.MarkupLineInterpolated($"[red]--anchor '{text}' is not a head written ID:HASH (a row id, a colon and 64 hex digits).[/]");
                    return OnePlaceCommand.InputRefused;
                }
            }

            var store = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(store);
            await db.Database.MigrateAsync(ct);
            var report = await new VerifyAuditChain(db).RunAsync(recorded, ct);
            console.MarkupLineInterpolated($"Checked {report.RowsChecked:N0} audit rows in {store.Describe()}.");
            if (report.FirstBroken is { } broken)
            {
                console.MarkupLineInterpolated(
                    $"[red]The audit chain is broken at row {broken.Id} ({broken.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC):[/] {broken.Why}.");
                console.MarkupLineInterpolated($"The rows before it are intact; the last intact row is {report.HeadId}:{report.HeadHash}");
                return OnePlaceCommand.InputRefused;
            }

            if (report.AnchorProblem is { } problem)
            {
                console.MarkupLineInterpolated($"[red]The audit chain does not reach the recorded head:[/] {problem}.");
                return OnePlaceCommand.InputRefused;
            }

            console.MarkupLineInterpolated($"The audit chain is intact. Head: {report.HeadId}:{report.HeadHash}");
            return OnePlaceCommand.Done;
        });
        return new Command("audit", "The append-only, hash-chained audit log") { verify, Export(console, configuration) };
    }

    private static Command Export(IAnsiConsole console, IConfiguration configuration)
    {
        var format = new Option<string>("--format") { Description = "fhir-ndjson: IHE BALP AuditEvents, one a line", Required = true };
        var from = new Option<string>("--from") { Description = "The first day, yyyy-MM-dd (UTC)", Required = true };
        var to = new Option<string>("--to") { Description = "The last day, yyyy-MM-dd (UTC), included", Required = true };
        var person = new Option<string?>("--person") { Description = "Only the rows of this person (the OnePlace person id)" };
        var output = new Option<FileInfo>("--output") { Description = "The file to write", Required = true };
        var export = new Command("export", "Export audit rows as FHIR AuditEvents (NDJSON); the export is itself audited") { format, from, to, person, output };
        export.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(format) != "fhir-ndjson")
            {
                console.MarkupLineInterpolated($"[red]--format '{parse.GetValue(format)}' is not known: the one format is fhir-ndjson.[/]");
                return OnePlaceCommand.InputRefused;
            }

            if (!TryDay(console, "--from", parse.GetValue(from), out var first) || !TryDay(console, "--to", parse.GetValue(to), out var last))
            {
                return OnePlaceCommand.InputRefused;
            }

            if (last < first)
            {
                console.MarkupLine("[red]--to is before --from.[/]");
                return OnePlaceCommand.InputRefused;
            }

            Guid? personId = null;
            if (parse.GetValue(person) is { } text)
            {
                if (!Guid.TryParse(text, out var id))
                {
                    console.MarkupLineInterpolated($"[red]--person '{text}' is not a OnePlace person id (a UUID).[/]");
                    return OnePlaceCommand.InputRefused;
                }

                personId = id;
            }

            var file = parse.GetValue(output)!;
            var store = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(store);
            await db.Database.MigrateAsync(ct);
            // Whoever runs the command line holds the store's own credentials; they act as the privacy officer, and the
            // export's audit rows name their account.
            var actor = new StaffActor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", [StaffRoles.PrivacyOfficer]);
            IReadOnlyList<AuditLogRow> rows;
            try
            {
                rows = await new ReviewAuditLog(db, new AuditWriter(db, TimeProvider.System))
                    .ExportAsync(actor, new AuditLogFilter(PersonId: personId, From: first, To: last), "fhir-ndjson", ct);
            }
            catch (AuditExportTooLargeException tooMany)
            {
                console.MarkupLineInterpolated($"[red]{tooMany.Message}[/]");
                return OnePlaceCommand.InputRefused;
            }

            await using (var writer = new StreamWriter(file.FullName, append: false, new System.Text.UTF8Encoding(false)))
            {
                await AuditEventNdjson.WriteAsync(writer, rows, new AuditObserver(Environment.MachineName, "urn:oneplace:cli:" + Environment.MachineName), ct);
            }

            console.MarkupLineInterpolated($"Wrote {rows.Count:N0} AuditEvents to {file.FullName}.");
            return OnePlaceCommand.Done;
        });
        return export;
    }

    private static bool TryDay(IAnsiConsole console, string option, string? text, out DateOnly day)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        console.MarkupLineInterpolated($"[red]{option} '{text}' is not a day written yyyy-MM-dd.[/]");
        return false;
    }

    private static AuditAnchor? ParseAnchor(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long id)
               && parts[1].Length == 64 && parts[1].All(Uri.IsHexDigit)
            ? new AuditAnchor(id, parts[1].ToLowerInvariant())
            : null;
    }
}
