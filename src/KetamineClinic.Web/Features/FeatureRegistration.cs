using KetamineClinic.Web.Features.Demo;
using KetamineClinic.Web.Features.Fhir;

namespace KetamineClinic.Web.Features;

/// <summary>The table of contents of capabilities: one Add*/Map* per feature folder.</summary>
public static class FeatureRegistration
{
    public static IHostApplicationBuilder AddFeatures(this IHostApplicationBuilder builder)
    {
        builder.AddDemo();
        builder.AddFhir();
        return builder;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapFhir();
        return app;
    }
}
