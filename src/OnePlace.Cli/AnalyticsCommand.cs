using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Analytics.Measures;
using OnePlace.Analytics.Risk;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace analytics refresh`: brings the analytical store (a DuckDB file, default data/analytics.duckdb) up to date
/// with the operational store (new events and conditions appended; people, records' people and referrals rebuilt),
/// then computes person measures (age band, deprivation, eFI, multimorbidity, segment) at a date.
/// </summary>
internal static class AnalyticsCommand
{
    /// <summary>The nearest rules/segments/v1.csv above the working folder, else the copy beside the program.</summary>
    private static string LocateSegments()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "rules", "segments", "v1.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "rules", "segments", "v1.csv");
    }

    /// <summary>The segment table given, or the default one; null (having said why) when it cannot be used.</summary>
    private static SegmentTable? LoadSegments(IAnsiConsole console, FileInfo? given)
    {
        string path = given?.FullName ?? LocateSegments();
        try
        {
            return SegmentTable.Load(path);
        }
        catch (SegmentTableException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return null;
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]The segment table {path} cannot be read:[/] {e.Message}");
            return null;
        }
    }

    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var file = new Option<FileInfo>("--store")
        {
            Description = "The analytical store's DuckDB file",
            DefaultValueFactory = _ => new FileInfo(AnalyticsStore.DefaultPath),
        };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "The date person measures are computed at (default: the latest event's date)" };
        var segments = new Option<FileInfo?>("--segments") { Description = "The segment rule table (default: rules/segments/v1.csv)" };
        var refresh = new Command("refresh", "Bring the analytical store up to date with the operational store, then compute person measures") { file, asOf, segments };
        refresh.SetAction(async (parse, ct) =>
        {
            // The rule table is read first, so that a bad one refuses the run before anything is copied.
            if (LoadSegments(console, parse.GetValue(segments)) is not { } table)
            {
                return OnePlaceCommand.InputRefused;
            }

            var settings = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(settings);
            await db.Database.MigrateAsync(ct);
            var analytics = new AnalyticsStore(parse.GetValue(file)!.FullName);
            var result = await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System)
                .RunAsync(analytics, $"cli:{Environment.UserName}", ct);
            console.MarkupLineInterpolated(
                $"Refreshed {analytics.Path} from {settings.Describe()} in {result.Elapsed.TotalSeconds:F1} s: {result.People:N0} people, {result.EventsAdded:N0} events added ({result.Events:N0} in all), {result.ConditionsAdded:N0} conditions added, {result.Referrals:N0} referrals; {result.PeopleLeftOut:N0} people left out for their National Data Opt-out.");

            var measures = PersonMeasures.Compute(analytics, table, parse.GetValue(asOf) ?? PersonMeasures.DataReach(analytics) ?? DateOnly.FromDateTime(DateTime.Today));
            console.MarkupLineInterpolated(
                $"Person measures at {measures.AsOf:yyyy-MM-dd} for {measures.People:N0} living people: frailty {string.Join(", ", measures.ByFrailty.Select(f => $"{f.Key.ToString().ToLowerInvariant()} {f.Value:N0}"))}; segments {string.Join(", ", measures.BySegment.Select(s => $"{s.Key}: {s.Value:N0}"))} ({table.Version}).");
            return OnePlaceCommand.Done;
        });

        var risk = new Command("risk", "Fit the 12-month emergency admission risk model, show its coefficients, AUC, calibration and fairness, and score everyone")
        {
            file, asOf, segments,
        };
        risk.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path))
            {
                console.MarkupLineInterpolated($"[red]There is no analytical store at {path}:[/] run oneplace analytics refresh first.");
                return OnePlaceCommand.InputRefused;
            }

            if (LoadSegments(console, parse.GetValue(segments)) is not { } table)
            {
                return OnePlaceCommand.InputRefused;
            }

            var analytics = new AnalyticsStore(path);
            var date = parse.GetValue(asOf) ?? PersonMeasures.DataReach(analytics) ?? DateOnly.FromDateTime(DateTime.Today);
            try
            {
                ShowRisk(console, AdmissionRisk.Train(analytics, table, date));
            }
            catch (ArgumentException e)
            {
                console.MarkupLineInterpolated($"[red]No model:[/] {e.Message}");
                return OnePlaceCommand.InputRefused;
            }

            return OnePlaceCommand.Done;
        });

        return new Command("analytics", "The analytical store for population health and the outcomes framework") { refresh, risk };
    }

    private static void ShowRisk(IAnsiConsole console, AdmissionRiskReport report)
    {
        console.MarkupLineInterpolated(
            $"Emergency admission in the 12 months after {report.Baseline:yyyy-MM-dd}: {report.OutcomeRate:P1} of adults. Fitted on {report.TrainingPeople:N0}, tested on {report.TestPeople:N0}; test AUC {report.TestAuc:F3}.");
        var coefficients = new Table().AddColumns("predictor", "coefficient", "standard error", "odds ratio");
        coefficients.AddRow("(intercept)", report.Model.Intercept.ToString("F4", CultureInfo.InvariantCulture), "", "");
        for (int j = 0; j < report.Model.Predictors.Count; j++)
        {
            coefficients.AddRow(report.Model.Predictors[j], report.Model.Coefficients[j].ToString("F4", CultureInfo.InvariantCulture),
                report.Model.StandardErrors[j].ToString("F4", CultureInfo.InvariantCulture), Math.Exp(report.Model.Coefficients[j]).ToString("F3", CultureInfo.InvariantCulture));
        }

        console.Write(coefficients);
        var calibration = new Table().AddColumns("tenth of risk", "people", "mean predicted", "observed");
        foreach (var band in report.Calibration)
        {
            calibration.AddRow(band.Band.ToString(CultureInfo.InvariantCulture), band.People.ToString("N0", CultureInfo.InvariantCulture),
                band.MeanPredicted.ToString("P1", CultureInfo.InvariantCulture), band.Observed.ToString("P1", CultureInfo.InvariantCulture));
        }

        console.Write(calibration);
        var fairness = new Table().AddColumns("group", "people", "mean predicted", "observed", $"flagged (risk above {report.FlagThreshold:P1})");
        foreach (var row in report.Fairness)
        {
            if (row.Suppressed)
            {
                fairness.AddRow($"{row.Dimension}: {row.Group}", "withheld", "withheld", "withheld", "withheld");
                continue;
            }

            fairness.AddRow($"{row.Dimension}: {row.Group}", row.People.ToString("N0", CultureInfo.InvariantCulture), row.MeanPredicted.ToString("P1", CultureInfo.InvariantCulture),
                row.Observed.ToString("P1", CultureInfo.InvariantCulture), row.FlaggedShare.ToString("P1", CultureInfo.InvariantCulture));
        }

        console.Write(fairness);
        console.MarkupLine("Groups with 1–7 people or admissions are withheld, with one more where a total would give them away.");
        console.MarkupLineInterpolated($"Scored {report.PeopleScored:N0} living people at {report.OutcomeEnd:yyyy-MM-dd} (person_measure.risk_12m).");
    }
}
