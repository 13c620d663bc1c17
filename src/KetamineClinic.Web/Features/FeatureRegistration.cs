using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Infusions;

namespace KetamineClinic.Web.Features;

/// <summary>The table of contents of capabilities: one Add*/Map* per feature folder.</summary>
public static class FeatureRegistration
{
    public static IHostApplicationBuilder AddFeatures(this IHostApplicationBuilder builder)
    {
        builder.AddInfusions();
        builder.AddDeviceFeed();
        return builder;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapInfusions();
        app.MapDeviceFeed();
        return app;
    }
}
