using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Core.Access;
using OnePlace.Core.Governance.Equality;
using OnePlace.Core.Referrals.Triage;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace rules check` and `oneplace rules replay --version V`: the triage tables of rules/triage (PRODUCT.md B2).
/// A candidate version is replayed against the last N referrals before it goes live, broken down by locality, age band
/// and deprivation quintile; a group treated differently raises an equality impact assessment of the candidate
/// (<see cref="RaiseEqiaFromReplay"/>), named in the output.
/// </summary>
internal static class RulesCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var folder = new Option<DirectoryInfo?>("--rules") { Description = "The triage rules folder (default: the nearest rules/triage)" };

        var check = new Command("check", "Check every triage table version; a table with a bad row is named with its line") { folder };
        check.SetAction(parse => Check(console, TriageRules.Locate(parse.GetValue(folder)?.FullName)));

        var version = new Option<string>("--version") { Description = "The candidate version, e.g. v2", Required = true };
        var last = new Option<int>("--last") { Description = "How many of the latest referrals to replay", DefaultValueFactory = _ => 1000 };
        var replay = new Command("replay", "Show how a candidate triage table would have triaged the last N referrals differently from the live one")
        {
            version, last, folder,
        };
        replay.SetAction(async (parse, ct) =>
        {
            var rules = TriageRules.Locate(parse.GetValue(folder)?.FullName);
            await using var db = StoreRegistration.Open(OnePlaceCommand.Store(configuration));
            await db.Database.MigrateAsync(ct);
            return await ReplayAsync(console, db, rules, parse.GetValue(version)!, parse.GetValue(last), ct);
        });

        return new Command("rules", "Triage decision tables: check them, replay a candidate against past referrals") { check, replay };
    }

    private static int Check(IAnsiConsole console, TriageRules rules)
    {
        int status = OnePlaceCommand.Done;
        console.MarkupLineInterpolated($"Triage rules in {rules.Folder}");
        foreach (var v in rules.Versions())
        {
            try
            {
                var table = rules.Load(v);
                console.MarkupLineInterpolated($"  {v}: [green]{table.Rules.Count} rules, fine[/]");
            }
            catch (TriageTableException e)
            {
                status = OnePlaceCommand.InputRefused;
                console.MarkupLineInterpolated($"  {v}: [red]{string.Join("; ", e.Problems)}[/]");
            }
        }

        try
        {
            console.MarkupLineInterpolated($"Live: {rules.LiveVersion()}");
        }
        catch (TriageTableException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            status = OnePlaceCommand.InputRefused;
        }

        return status;
    }

    public static async Task<int> ReplayAsync(IAnsiConsole console, OnePlaceDb db, TriageRules rules, string version, int last, CancellationToken ct)
    {
        ReplayReport report;
        try
        {
            report = await TriageReplay.RunAsync(db, rules, version, last, ct);
        }
        catch (TriageTableException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return OnePlaceCommand.InputRefused;
        }

        string Pct(int part, int whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
        console.MarkupLineInterpolated($"Replayed the last {report.Referrals:N0} referrals: live {report.LiveVersion} against candidate {report.CandidateVersion}.");
        console.MarkupLineInterpolated(
            $"{report.Changed:N0} would be triaged differently ({Pct(report.Changed, report.Referrals)}): {report.MoreUrgent:N0} more urgent, {report.LessUrgent:N0} less urgent, {report.ServiceChanged:N0} to another service.");

        var groups = new Table().AddColumns("breakdown", "group").AddColumn(new TableColumn("referrals").RightAligned())
            .AddColumn(new TableColumn("changed").RightAligned()).AddColumn(new TableColumn("share").RightAligned())
            .AddColumn(new TableColumn("more urgent").RightAligned()).AddColumn(new TableColumn("less urgent").RightAligned())
            .AddColumn(new TableColumn("other service").RightAligned());
        foreach (var g in report.Groups)
        {
            groups.AddRow(g.Dimension, Markup.Escape(g.Group), $"{g.Referrals:N0}", $"{g.Changed:N0}", Pct(g.Changed, g.Referrals), $"{g.MoreUrgent:N0}", $"{g.LessUrgent:N0}", $"{g.ServiceChanged:N0}");
        }

        console.Write(groups);
        var load = new Table().AddColumn("service").AddColumn(new TableColumn(report.LiveVersion).RightAligned()).AddColumn(new TableColumn(report.CandidateVersion).RightAligned());
        foreach (var (service, (live, candidate)) in report.LoadByService)
        {
            load.AddRow(Markup.Escape(service), $"{live:N0}", $"{candidate:N0}");
        }

        console.Write(load);

        var actor = new StaffActor($"cli:{Environment.UserName}", $"cli:{Environment.UserName}", []);
        var flag = await new RaiseEqiaFromReplay(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System).RaiseAsync(actor, report, ct);
        if (flag.Needed && flag.Eqia is { } eqia)
        {
            var first = flag.Flagged[0];
            console.MarkupLineInterpolated(
                $"[yellow]Equality impact assessment needed before {report.CandidateVersion} goes live: {eqia.Reference} ({eqia.Status}).[/] Triage changed for {Pct(first.Changed, first.Referrals)} in {first.Dimension} {first.Group} against {Pct(first.RestChanged, first.RestReferrals)} elsewhere (p = {first.P:0.####}).");
            console.MarkupLineInterpolated($"{(flag.Started ? "Started" : "Found")} {eqia.Reference}{(flag.EvidenceAttached ? "; the breakdown is attached as evidence" : "")}.");
        }
        else if (flag.Flagged.Count > 0 && flag.Eqia is { } decided)
        {
            console.MarkupLineInterpolated($"A group is treated differently, and {decided.Reference} has decided it ({decided.Decision}): no new assessment.");
        }
        else
        {
            console.MarkupLine("No group is treated differently: no equality impact assessment is raised.");
        }

        return OnePlaceCommand.Done;
    }
}
