using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using OnePlace.Core.Access;
using OnePlace.Core.Governance;
using OnePlace.Core.Store;
using OnePlace.Web.Features.SignIn;
using OnePlace.Web.Resources;

namespace OnePlace.Web.Features.Governance.BoardPack;

public static class BoardPackRegistration
{
    /// <summary>The board pack (PRODUCT.md F4) for the programme office, board members and administrators: the page
    /// <c>/governance/board-pack</c> and its PDF and Excel files, each made from live data and audited.</summary>
    public static IServiceCollection AddBoardPack(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<AuditWriter>();
        services.AddScoped<BoardPackBuilder>();
        services.AddScoped<BoardPackAudit>();
        return services;
    }

    /// <summary><c>/governance/board-pack.pdf</c> and <c>.xlsx</c>, for <c>?period=YYYY-MM</c> as the page: 403 for
    /// anyone <see cref="GovernanceAccess"/> refuses, 400 with the reason for a period outside the data.</summary>
    public static WebApplication MapBoardPackExports(this WebApplication app)
    {
        app.MapGet("/governance/board-pack.pdf", (string? period, HttpContext context, BoardPackBuilder builder, BoardPackAudit audit, IStringLocalizer<SharedResource> t) =>
            ExportAsync(period, "pdf", context, builder, audit, pack =>
                Results.File(BoardPackPdf.Write(pack, t), "application/pdf", $"board-pack-{pack.PeriodText}.pdf")));
        app.MapGet("/governance/board-pack.xlsx", (string? period, HttpContext context, BoardPackBuilder builder, BoardPackAudit audit, IStringLocalizer<SharedResource> t) =>
            ExportAsync(period, "xlsx", context, builder, audit, pack =>
                Results.File(BoardPackWorkbook.Write(pack, t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"board-pack-{pack.PeriodText}.xlsx")));
        return app;
    }

    private static async Task<IResult> ExportAsync(string? period, string format, HttpContext context, BoardPackBuilder builder, BoardPackAudit audit, Func<BoardPack, IResult> file)
    {
        var actor = context.User.ToStaffActor();
        if (!GovernanceAccess.MaySee(actor))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        try
        {
            var month = await builder.PeriodAsync(period, context.RequestAborted);
            var pack = await builder.BuildAsync(actor, month, context.RequestAborted);
            var result = file(pack);
            await audit.RecordAsync(actor, GovernanceAuditAction.BoardPackExported, pack, format, context.RequestAborted);
            return result;
        }
        catch (BoardPackPeriodException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}

/// <summary>The audit row of each look at the pack: who, which period, which form (page, PDF or workbook). The pack
/// holds no person data, so the row names no person.</summary>
public sealed class BoardPackAudit(OnePlaceDb db, AuditWriter audit)
{
    public async Task RecordAsync(StaffActor actor, string action, BoardPack pack, string format, CancellationToken cancellationToken = default)
    {
        GovernanceAccess.CheckSee(actor);
        audit.Add(actor.AuditName, action, detail: string.Create(CultureInfo.InvariantCulture, $"period={pack.PeriodText}; format={format}"));
        await db.SaveChangesAsync(cancellationToken);
    }
}
