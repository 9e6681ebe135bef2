namespace OnePlace.Web.Features.Errors;

/// <summary>
/// Generic errors only: pages get an error page, API paths get ProblemDetails (RFC 9457); neither shows exception
/// text, which could hold person data.
/// </summary>
public static class ErrorHandlingRegistration
{
    public static IServiceCollection AddOnePlaceErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        return services;
    }

    public static WebApplication UseOnePlaceErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/error", createScopeForErrors: true);
            pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        });
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
