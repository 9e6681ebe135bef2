using Microsoft.Extensions.DependencyInjection.Extensions;
using OnePlace.Core.Access;
using OnePlace.Core.Finance;
using OnePlace.Web.Features.SignIn;

namespace OnePlace.Web.Features.PooledFund;

public static class PooledFundRegistration
{
    /// <summary>The pooled fund ledger (PRODUCT.md E1): the agreements and setting one up, each agreement's year, the actuals upload, and the page that changes contributions, budgets, schemes and the risk share.</summary>
    public static IServiceCollection AddPooledFund(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<PooledFundReport>();
        services.AddScoped<ImportActuals>();
        services.AddScoped<SetUpAgreement>();
        services.AddScoped<SetContribution>();
        services.AddScoped<SetSchemeBudget>();
        services.AddScoped<AddScheme>();
        services.AddScoped<ChangeRiskShare>();
        return services;
    }

    /// <summary>An agreement's year as CSV and as a workbook in the shape of the Better Care Fund templates. The
    /// ledger's access check (<see cref="PooledFundAccess"/>) refuses anyone without a finance role.</summary>
    public static WebApplication MapPooledFundExports(this WebApplication app)
    {
        app.MapGet("/pooled-fund/{id:int}/export.csv", (int id, int? year, string? forecast, HttpContext context, PooledFundReport report) =>
            ExportAsync(id, year, forecast, context, report, ledger =>
                Results.File(PooledFundWorkbook.Csv(ledger), "text/csv; charset=utf-8", PooledFundWorkbook.FileName(ledger, "csv"))));
        app.MapGet("/pooled-fund/{id:int}/export.xlsx", (int id, int? year, string? forecast, HttpContext context, PooledFundReport report) =>
            ExportAsync(id, year, forecast, context, report, ledger =>
                Results.File(PooledFundWorkbook.Excel(ledger), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", PooledFundWorkbook.FileName(ledger, "xlsx"))));
        return app;
    }

    private static async Task<IResult> ExportAsync(int id, int? year, string? forecast, HttpContext context, PooledFundReport report, Func<PooledFundYear, IResult> file)
    {
        try
        {
            var ledger = await report.YearAsync(context.User.ToStaffActor(), id, year, ParseMethod(forecast), context.RequestAborted);
            return ledger is null ? Results.NotFound() : file(ledger);
        }
        catch (FinanceAccessDeniedException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (PooledFundChangeException)
        {
            return Results.NotFound();
        }
    }

    /// <summary>The forecast method a query string names (<c>forecast=run-rate</c>); the remaining-budget method otherwise.</summary>
    public static ForecastMethod ParseMethod(string? forecast) =>
        string.Equals(forecast, "run-rate", StringComparison.OrdinalIgnoreCase) ? ForecastMethod.RunRate : ForecastMethod.RemainingBudget;
}
