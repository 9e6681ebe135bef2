using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Access;
using OnePlace.Core.Privacy;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace opt-outs import FILE --checked-on DATE`: replaces the National Data Opt-out list with the NHS numbers in
/// the file (docs/data-formats.md, "National Data Opt-out list"; docs/adr/0017). A file with any bad line is refused
/// whole and nothing changes. The next `oneplace analytics refresh` applies the list to every output beyond direct care.
/// </summary>
internal static class OptOutsCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var checkedOn = new Option<string?>("--checked-on")
        {
            Description = "The day the list was checked with the Check for National Data Opt-outs service, yyyy-MM-dd (default: today)",
        };
        var file = new Argument<FileInfo>("file") { Description = "One NHS number a line (a trailing comma is allowed): the people with an opt-out" };
        var import = new Command("import", "Replace the National Data Opt-out list; a file with any bad line is refused whole") { checkedOn, file };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                console.MarkupLineInterpolated($"[red]There is no file {path.FullName}.[/]");
                return OnePlaceCommand.InputRefused;
            }

            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            if (parse.GetValue(checkedOn) is { } text
                && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                console.MarkupLineInterpolated($"[red]--checked-on '{text}' is not a date written yyyy-MM-dd.[/]");
                return OnePlaceCommand.InputRefused;
            }

            var store = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(store);
            await db.Database.MigrateAsync(ct);
            return await ImportAsync(console, db, path, day, ct);
        });
        return new Command("opt-outs", "The National Data Opt-out list") { import };
    }

    private static async Task<int> ImportAsync(IAnsiConsole console, OnePlaceDb db, FileInfo path, DateOnly checkedOn, CancellationToken ct)
    {
        // Whoever runs the command line holds the store's own credentials; they act as the data steward who received the
        // list, and the audit row names their account.
        var actor = new StaffActor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", [StaffRoles.DataSteward]);
        OptOutImportResult result;
        using (var reader = new StreamReader(path.FullName, detectEncodingFromByteOrderMarks: true))
        {
            result = await new ImportOptOuts(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).ImportAsync(actor, path.Name, reader, checkedOn, ct);
        }

        if (!result.Succeeded)
        {
            console.MarkupLineInterpolated($"[red]Import refused: nothing was changed.[/] {result.Errors.Count} problem(s):");
            foreach (var error in result.Errors)
            {
                console.WriteLine(error.ToString());
            }

            return OnePlaceCommand.InputRefused;
        }

        console.MarkupLineInterpolated(
            $"The National Data Opt-out list now holds {result.NhsNumbers:N0} NHS numbers, checked on {result.CheckedOn:yyyy-MM-dd} (it held {result.Replaced:N0}). Run oneplace analytics refresh to apply it.");
        return OnePlaceCommand.Done;
    }
}
