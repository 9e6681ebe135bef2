using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace OnePlace.Web.Features.Errors;

/// <summary>
/// Generic errors only: pages get an error page, API paths get ProblemDetails (RFC 9457); neither shows exception
/// text, which could hold person data. A request the framework could not read — a malformed or oversized form, a body
/// beyond the limits below, JSON that does not parse — is the sender's fault and is answered 400 or 413, not 500
/// (OWASP ASVS 5.0 V2.2.1, V5.2.1).
/// </summary>
public static class ErrorHandlingRegistration
{
    /// <summary>The largest request body: an actuals file is a few kilobytes and a FHIR message at most
    /// <see cref="OnePlace.Fhir.FhirJson.MaxBodyBytes"/>; 10 MB leaves room and keeps memory bounded.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>The longest single form value: a referral's details are a few thousand characters.</summary>
    public const int MaxFormValueLength = 256 * 1024;

    public static IServiceCollection AddOnePlaceErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Kestrel refuses larger bodies with 413 before they are read; the form limits hold on any server.
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            o.ValueLengthLimit = MaxFormValueLength;
        });
        return services;
    }

    public static WebApplication UseOnePlaceErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusOf });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true, StatusCodeSelector = StatusOf });
            pages.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);
        });
        return app;
    }

    /// <summary>
    /// The status for an exception that reached the handler. <see cref="BadHttpRequestException"/> carries its own (400
    /// for a body that does not parse, 413 for one too large, 415 for another media type); <see cref="InvalidDataException"/>
    /// is what the form reader throws for a form it cannot read (bad encoding, a NUL, a value or a count over
    /// <see cref="FormOptions"/>). A page's typed query parameter (<c>[SupplyParameterFromQuery] int? Page</c>) that does
    /// not parse makes Blazor throw from its URL value parser (e.g. <c>?page=abc</c>): the address is wrong, not the
    /// server. Anything else is the server's fault.
    /// </summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        InvalidOperationException when IsQueryValueParser(exception.TargetSite?.DeclaringType) => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static bool IsQueryValueParser(Type? thrower) =>
        thrower is not null && thrower.Namespace == "Microsoft.AspNetCore.Components.Routing" && thrower.Name.Contains("UrlValueConstraint", StringComparison.Ordinal);

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
}
