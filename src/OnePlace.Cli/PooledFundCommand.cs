using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace pooled-fund import-actuals --agreement ID FILE`: imports a month's (or months') actuals into a pooled
/// fund agreement's ledger through the same use case as the upload page (docs/data-formats.md, "Pooled fund monthly
/// actuals"): any bad row refuses the whole file and nothing changes; months already held are replaced only with
/// --replace.
/// </summary>
internal static class PooledFundCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var agreement = new Option<int>("--agreement") { Description = "The agreement's id (as in /pooled-fund/ID)", Required = true };
        var replace = new Option<bool>("--replace") { Description = "Replace actuals already held for the schemes and months in the file" };
        var file = new Argument<FileInfo>("file") { Description = "CSV of monthly actuals: scheme,partner,month,amount" };
        var import = new Command("import-actuals", "Import monthly actuals into an agreement's ledger; a file with any bad row is refused whole")
        {
            agreement, replace, file,
        };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                console.MarkupLineInterpolated($"[red]There is no file {path.FullName}.[/]");
                return OnePlaceCommand.InputRefused;
            }

            var store = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(store);
            await db.Database.MigrateAsync(ct);
            return await ImportAsync(console, db, parse.GetValue(agreement), path, parse.GetValue(replace), ct);
        });
        return new Command("pooled-fund", "The pooled fund ledger") { import };
    }

    private static async Task<int> ImportAsync(IAnsiConsole console, OnePlaceDb db, int agreementId, FileInfo path, bool replace, CancellationToken ct)
    {
        // Whoever runs the command line holds the store's own credentials; they act as the finance lead who sent the
        // file, and the audit row names their account.
        var actor = new StaffActor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", [StaffRoles.FinanceLead]);
        ActualsImportResult result;
        try
        {
            using var reader = new StreamReader(path.FullName, detectEncodingFromByteOrderMarks: true);
            result = await new ImportActuals(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).ImportAsync(actor, agreementId, path.Name, reader, replace, ct);
        }
        catch (PooledFundChangeException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return OnePlaceCommand.InputRefused;
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
            $"Imported {result.Rows:N0} rows of actuals for {string.Join(", ", result.Months.Select(m => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))} into agreement {agreementId}; {result.Replaced:N0} rows replaced.");
        return OnePlaceCommand.Done;
    }
}
