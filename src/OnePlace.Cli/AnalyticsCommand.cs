using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OnePlace.Analytics.Store;
using OnePlace.Core.Access;
using OnePlace.Core.Store;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace analytics refresh`: brings the analytical store (a DuckDB file, default data/analytics.duckdb) up to date
/// with the operational store: new events and conditions appended, people, records' people and referrals rebuilt.
/// </summary>
internal static class AnalyticsCommand
{
    public static Command Create(IAnsiConsole console, IConfiguration configuration)
    {
        var file = new Option<FileInfo>("--store")
        {
            Description = "The analytical store's DuckDB file",
            DefaultValueFactory = _ => new FileInfo(AnalyticsStore.DefaultPath),
        };
        var refresh = new Command("refresh", "Bring the analytical store up to date with the operational store") { file };
        refresh.SetAction(async (parse, ct) =>
        {
            var settings = OnePlaceCommand.Store(configuration);
            await using var db = StoreRegistration.Open(settings);
            await db.Database.MigrateAsync(ct);
            var analytics = new AnalyticsStore(parse.GetValue(file)!.FullName);
            var result = await new RefreshAnalytics(db, new AuditWriter(db, TimeProvider.System), TimeProvider.System)
                .RunAsync(analytics, $"cli:{Environment.UserName}", ct);
            console.MarkupLineInterpolated(
                $"Refreshed {analytics.Path} from {settings.Describe()} in {result.Elapsed.TotalSeconds:F1} s: {result.People:N0} people, {result.EventsAdded:N0} events added ({result.Events:N0} in all), {result.ConditionsAdded:N0} conditions added, {result.Referrals:N0} referrals.");
            return OnePlaceCommand.Done;
        });

        return new Command("analytics", "The analytical store for population health and the outcomes framework") { refresh };
    }
}
