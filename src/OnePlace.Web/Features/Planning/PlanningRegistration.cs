using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using OnePlace.Core.Access;
using OnePlace.Core.Staff;
using OnePlace.Planning.Engine;
using OnePlace.Planning.Output;
using OnePlace.Planning.Scenarios;
using OnePlace.Web.Features.SignIn;

namespace OnePlace.Web.Features.Planning;

public static class PlanningRegistration
{
    /// <summary>The configuration key of the scenario files' folder (default: a checkout's <c>scenarios/</c>, else
    /// the copy beside the program).</summary>
    public const string FolderKey = "Planning:Scenarios";

    /// <summary>The configuration key of the options appraisal files' folder (default: a checkout's
    /// <c>appraisals/</c>, else the copy beside the program).</summary>
    public const string AppraisalsKey = "Planning:Appraisals";

    /// <summary>The scenario pages (PRODUCT.md E2–E3): the library of scenario files, each one's results with its
    /// editor, and their exports; the options appraisals.</summary>
    public static IServiceCollection AddPlanning(this IServiceCollection services, IConfiguration configuration)
    {
        var store = new StoreBaseline(Path.GetFullPath(configuration[Outcomes.OutcomesRegistration.StoreKey] ?? OnePlace.Analytics.Store.AnalyticsStore.DefaultPath));
        services.AddSingleton(store);
        services.AddSingleton(ScenarioLibrary.Locate(configuration[FolderKey], store));
        services.AddSingleton<ScenarioRuns>();
        services.AddSingleton(AppraisalLibrary.Locate(configuration[AppraisalsKey]));
        return services;
    }

    /// <summary>A scenario's results as CSV (every total, then the bridge) or an Excel workbook, and the scenario file
    /// with the editor's changes written in; each takes the page's fields.</summary>
    public static WebApplication MapPlanningExports(this WebApplication app)
    {
        app.MapGet("/planning/scenarios/{id}/summary.csv", (string id, HttpContext context, ScenarioLibrary library, ScenarioRuns runs) =>
            Export(id, context, library, runs, result =>
            {
                var text = new StringWriter(CultureInfo.InvariantCulture);
                ScenarioTables.WriteCsv(ScenarioTables.SummaryColumns, ScenarioTables.Summary(result), text);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{id}-summary.csv");
            }));
        app.MapGet("/planning/scenarios/{id}/bridge.csv", (string id, HttpContext context, ScenarioLibrary library, ScenarioRuns runs) =>
            Export(id, context, library, runs, result =>
            {
                var text = new StringWriter(CultureInfo.InvariantCulture);
                ScenarioTables.WriteCsv(ScenarioTables.BridgeColumns, ScenarioTables.Bridge(result), text);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"{id}-bridge.csv");
            }));
        app.MapGet("/planning/scenarios/{id}/results.xlsx", (string id, HttpContext context, ScenarioLibrary library, ScenarioRuns runs) =>
            Export(id, context, library, runs, result =>
            {
                var stream = new MemoryStream();
                ScenarioWorkbook.Write(result, stream);
                return Results.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{id}.xlsx");
            }));
        app.MapGet("/planning/scenarios/{id}/scenario.yaml", (string id, HttpContext context, ScenarioLibrary library) =>
        {
            if (!PlanningAccess.MaySeePlanning(context.User.ToStaffActor()))
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            if (library.Find(id) is not { Model: { } model } entry)
            {
                return Results.NotFound();
            }

            var edits = ScenarioEdits.Read(model, name => context.Request.Query[name].FirstOrDefault());
            if (edits.Problems.Count > 0)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["fields"] = [.. edits.Problems] });
            }

            string yaml = edits.ApplyTo(File.ReadAllText(entry.Path), $"{Path.GetFileName(entry.Path)} with changes made in the scenario editor, {DateTime.UtcNow:yyyy-MM-dd}.");
            return Results.File(System.Text.Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", $"{id}.yaml");
        });
        return app;
    }

    private static IResult Export(string id, HttpContext context, ScenarioLibrary library, ScenarioRuns runs, Func<ScenarioResult, IResult> write)
    {
        if (!PlanningAccess.MaySeePlanning(context.User.ToStaffActor()))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (library.Find(id) is not { Model: { } model } entry)
        {
            return Results.NotFound();
        }

        var request = ScenarioRequest.Read(model, name => context.Request.Query[name].FirstOrDefault());
        if (request.Problems.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["fields"] = [.. request.Problems] });
        }

        return write(runs.Run(entry, request));
    }
}

/// <summary>Who works with scenarios (<see cref="Permission.RunScenarios"/>): finance, the programme office and analysts.
/// Scenarios hold aggregate activity and money only, so no person is shown and nothing is audited per person.</summary>
public static class PlanningAccess
{
    public static bool MaySeePlanning(StaffActor actor) => !actor.IsClientSystem && actor.May(Permission.RunScenarios);
}

/// <summary>What a scenario page asks for: the runs, the seed and the editor's changes, checked whole.</summary>
public sealed record ScenarioRequest(int Runs, ulong Seed, ScenarioEdits Edits, IReadOnlyList<string> Problems)
{
    /// <summary>Monte Carlo runs a page may ask for: the engine's default, up to the benchmark's 10,000.</summary>
    public const int MostRuns = 10_000;

    public static ScenarioRequest Read(ScenarioModel model, Func<string, string?> field)
    {
        var problems = new List<string>();
        int runs = RunSettings.DefaultRuns;
        if (field("runs") is { Length: > 0 } runsText && (!int.TryParse(runsText, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 0 || runs > MostRuns))
        {
            problems.Add($"Runs must be a whole number from 0 to {MostRuns:N0}.");
            runs = RunSettings.DefaultRuns;
        }

        ulong seed = 1;
        if (field("seed") is { Length: > 0 } seedText && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            problems.Add("The seed must be a whole number, 0 or more.");
            seed = 1;
        }

        var edits = ScenarioEdits.Read(model, field);
        return new ScenarioRequest(runs, seed, edits, [.. problems, .. edits.Problems]);
    }

    /// <summary>The page's fields, to carry the same request to the exports.</summary>
    public string Query() => string.Join("&", new[]
    {
        new KeyValuePair<string, string>("runs", Runs.ToString(CultureInfo.InvariantCulture)),
        new KeyValuePair<string, string>("seed", Seed.ToString(CultureInfo.InvariantCulture)),
    }.Concat(Edits.Fields()).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}

/// <summary>
/// Runs scenarios for the pages, keeping the last few results in memory: the exports of a page's results and a
/// second look at the same settings reuse the run instead of repeating it (the same file, changes, runs and seed
/// give the same results, ADR 0015).
/// </summary>
public sealed class ScenarioRuns : IDisposable
{
    private readonly MemoryCache _results = new(new MemoryCacheOptions { SizeLimit = 8 });

    public ScenarioResult Run(ScenarioEntry entry, ScenarioRequest request)
    {
        var model = request.Edits.Apply(entry.Model!);
        string key = $"{entry.Path}|{entry.Version}|{request.Query()}";
        return _results.GetOrCreate(key, item =>
        {
            item.Size = 1;
            item.SlidingExpiration = TimeSpan.FromMinutes(30);
            return ScenarioEngine.Run(model, new RunSettings { Runs = request.Runs, Seed = request.Seed });
        })!;
    }

    public void Dispose() => _results.Dispose();
}
