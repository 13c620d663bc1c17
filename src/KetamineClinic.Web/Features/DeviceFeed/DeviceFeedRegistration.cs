using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using KetamineClinic.Web.Platform;

namespace KetamineClinic.Web.Features.DeviceFeed;

public static class DeviceFeedRegistration
{
    public static IHostApplicationBuilder AddDeviceFeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeviceDirectory>();
        builder.Services.AddSingleton<DeviceRegistry>();
        builder.Services.Configure<MllpOptions>(builder.Configuration.GetSection(MllpOptions.Section));
        builder.Services.AddSingleton<MllpEndpoint>();
        builder.Services.AddSingleton<MllpMetrics>();
        builder.Services.AddSingleton<MllpMessageHandler>();
        builder.Services.AddSingleton<MllpListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MllpListener>());
        // POST /fhir/Observation: vital signs from other systems, through the FHIR door into the same pipeline.
        builder.Services.AddSingleton<Fhir.IFhirEndpoints, Fhir.ObservationCreateEndpoint>();

        // The demo vitals simulator: demo mode only, and Demo:Simulator (default true; the test factories set false).
        builder.Services.Configure<Simulator.VitalsSimulatorOptions>(builder.Configuration.GetSection(Platform.DemoOptions.Section));
        if (builder.Configuration.IsDemoEnabled(builder.Environment)
            && builder.Configuration.GetSection(Platform.DemoOptions.Section).GetValue<bool?>(nameof(Simulator.VitalsSimulatorOptions.Simulator)) != false)
        {
            builder.Services.AddHostedService<Simulator.VitalsSimulator>();
        }
        builder.Services
            .AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DeviceKeyAuthenticationHandler>(DeviceClaims.Scheme, displayName: "Device key", configureOptions: null);
        builder.Services.Configure<AuthorizationOptions>(o => o.AddPolicy(
            DeviceClaims.Policy,
            p => p.AddAuthenticationSchemes(DeviceClaims.Scheme).RequireAuthenticatedUser().RequireClaim(DeviceClaims.DeviceId)));
        return builder;
    }

    public static WebApplication MapDeviceFeed(this WebApplication app)
    {
        app.MapDeviceReadings();
        return app;
    }
}
