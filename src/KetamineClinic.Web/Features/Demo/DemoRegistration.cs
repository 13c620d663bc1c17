using KetamineClinic.Web.Platform;

namespace KetamineClinic.Web.Features.Demo;

public static class DemoRegistration
{
    /// <summary>The demo clinic seed (runs at start when Demo:Enabled and the database has no organisation).</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IDemoSeeder, DemoSeeder>();
        return builder;
    }

    /// <summary>Adds a feature's part of the demo seed (see <see cref="IDemoSeedContributor"/>).</summary>
    public static IServiceCollection AddDemoSeedContributor<T>(this IServiceCollection services)
        where T : class, IDemoSeedContributor
    {
        services.AddScoped<IDemoSeedContributor, T>();
        return services;
    }
}
