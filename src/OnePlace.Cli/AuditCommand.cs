using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Audit;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace audit verify [--anchor ID:HASH]`: walks the audit log's hash chain (docs/adr/0018) and prints the rows
/// checked and the head. Exit 0 when the chain is intact; 2 when it is broken, naming the first broken row. Keep the
/// printed head somewhere the store's administrators cannot write, and pass it back as --anchor: that is what shows
/// the log was not cut short or rewritten whole since.
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
        return new Command("audit", "The append-only, hash-chained audit log") { verify };
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
