using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace staff disable|enable --email ADDRESS`: disables a member of staff's account (sign-in refused, open sessions
/// ended within the stamp-check interval) or enables it again. Audited as the command line's operator. Exit 2 when no
/// account has that email address.
/// </summary>
internal static class StaffCommand
{
    /// <summary>Who the audit log names for changes made at the command line: whoever holds the store's credentials.</summary>
    public const string Operator = "cli";

    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var staff = new Command("staff", "Staff accounts");
        staff.Subcommands.Add(Change(console, configuration, "disable", StaffAccountChange.Disable,
            "Disable an account: sign-in is refused and sessions already open end"));
        staff.Subcommands.Add(Change(console, configuration, "enable", StaffAccountChange.Enable, "Enable a disabled account again"));
        return staff;
    }

    private static Command Change(IAnsiConsole console, IConfiguration configuration, string name, StaffAccountChange change, string description)
    {
        var email = new Option<string>("--email") { Description = "The member of staff's email address", Required = true };
        var command = new Command(name, description) { email };
        command.SetAction(async (parse, ct) =>
        {
            string address = parse.GetValue(email)!;
            await using var db = StoreRegistration.Open(OnePlaceCommand.Store(configuration));
            await db.Database.MigrateAsync(ct);
            var outcome = await new ChangeStaffAccountStatus(db, TimeProvider.System).RunAsync(address, change, Operator, ct);
            switch (outcome)
            {
                case StaffAccountOutcome.NoSuchAccount:
                    console.MarkupLineInterpolated($"[red]No staff account has the email address '{address}'.[/] Nothing was changed.");
                    return OnePlaceCommand.InputRefused;
                case StaffAccountOutcome.AlreadySo:
                    console.MarkupLineInterpolated($"The account {address} is already {(change == StaffAccountChange.Disable ? "disabled" : "enabled")}.");
                    return OnePlaceCommand.Done;
                default:
                    console.MarkupLineInterpolated($"The account {address} is now {(change == StaffAccountChange.Disable ? "disabled: sign-in is refused and open sessions end" : "enabled")}.");
                    return OnePlaceCommand.Done;
            }
        });
        return command;
    }
}
