using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Accounts;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Platform;

/// <summary>Seeds demo data after migrations. Implemented by the demo feature.</summary>
public interface IDemoSeeder
{
    /// <summary>Seeds when the database holds no organisation yet; returns true when it seeded.</summary>
    Task<bool> SeedIfEmptyAsync(CancellationToken ct);
}

public static class StartupTasks
{
    public static bool IsDemoEnabled(this IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetSection(DemoOptions.Section).GetValue<bool?>(nameof(DemoOptions.Enabled));
        return configured ?? !environment.IsProduction();
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.MigrateDatabaseAsync();
        await app.Services.EnsureRolesAsync();
        if (app.Configuration.IsDemoEnabled(app.Environment))
        {
            using var scope = app.Services.CreateScope();
            var seeder = scope.ServiceProvider.GetService<IDemoSeeder>();
            if (seeder is not null)
            {
                await seeder.SeedIfEmptyAsync(app.Lifetime.ApplicationStopping);
            }
        }
    }

    public static void PrintStartupBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var urls = string.Join(", ", app.Urls);
            var lines = new List<string> { string.Empty, "Ketamine Clinic is running.", $"  Open: {urls}" };
            if (app.Configuration.IsDemoEnabled(app.Environment))
            {
                var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
                var simulator = app.Configuration.GetSection(DemoOptions.Section).GetValue<bool?>("Simulator") != false;
                lines.Add(simulator
                    ? "  Demo mode: synthetic clinic, staff and patients; simulated monitors feed the chair board (HL7 v2 over MLLP and HTTP)."
                    : "  Demo mode: synthetic clinic, staff and patients (vitals simulator off: Demo:Simulator=false).");
                lines.Add("  Staff sign-ins: admin@demo.clinic, physician@demo.clinic, nurse@demo.clinic, nurse2@demo.clinic,");
                lines.Add("                  frontdesk@demo.clinic, pharmacist@demo.clinic; patient: patient@demo.clinic");
                lines.Add($"  Password (all): {demo.Password}");
                lines.Add($"  FHIR client: demo-client / {demo.ClientSecret}");
            }
            lines.Add(string.Empty);
            // The banner is for the person at the terminal, not the structured log.
            Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
        });
    }
}
