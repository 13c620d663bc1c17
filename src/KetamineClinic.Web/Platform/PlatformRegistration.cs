using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Accounts;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace KetamineClinic.Web.Platform;

public static class PlatformRegistration
{
    public static IHostApplicationBuilder AddPlatform(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddHttpContextAccessor();
        builder.Services
            .AddHealthChecks()
            .AddDbContextCheck<ClinicDbContext>("database", tags: ["ready"]);
        builder.Services
            .AddOpenTelemetry()
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(ClinicMetrics.MeterName));
        builder.Services.AddSingleton<ClinicMetrics>();
        builder.Services.AddAuditTrail();
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        if (!builder.Environment.IsDevelopment())
        {
            // Machine-readable logs in deployment; the console stays readable for a developer.
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        }
        return builder;
    }

    public static WebApplication UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPlatform(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
        app.MapAuditEndpoints();
        return app;
    }
}
