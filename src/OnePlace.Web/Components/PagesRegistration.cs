using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;

namespace OnePlace.Web.Components;

public static class PagesRegistration
{
    /// <summary>Razor components rendered on the server (static SSR): plain HTML forms, no client interactivity.</summary>
    public static IServiceCollection AddOnePlacePages(this IServiceCollection services)
    {
        services.AddRazorComponents();
        // Write Welsh letters (ŵ, ŷ, â) and the pound sign as themselves rather than as character references.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>
    /// Static files before authentication, so that the sign-in page has its stylesheet. NHS.UK frontend's
    /// stylesheet refers to its icons as <c>/assets/images/…</c>, so its assets folder is also served at <c>/assets</c>.
    /// </summary>
    public static WebApplication UseOnePlaceStaticFiles(this WebApplication app)
    {
        app.UseStaticFiles();
        var assets = Path.Combine(app.Environment.WebRootPath, "lib", "nhsuk-frontend", "assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions { RequestPath = "/assets", FileProvider = new PhysicalFileProvider(assets) });
        }

        return app;
    }

    public static WebApplication MapOnePlacePages(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        return app;
    }
}
