using KetamineClinic.Web.Features.Accounts;
using KetamineClinic.Web.Features.Demo;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Infusions.PreInfusion;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Questionnaires;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Features.Today;

namespace KetamineClinic.Web.Features;

/// <summary>The table of contents of capabilities: one Add*/Map* per feature folder.</summary>
public static class FeatureRegistration
{
    public static IHostApplicationBuilder AddFeatures(this IHostApplicationBuilder builder)
    {
        builder.AddDemo();
        builder.AddAccounts();
        builder.AddToday();
        builder.AddPatients();
        builder.AddFhir();
        builder.AddInfusions();
        builder.AddPreInfusion();
        builder.AddDeviceFeed();
        builder.AddQuestionnaires();
        builder.AddRecovery();
        return builder;
    }

    public static WebApplication MapFeatures(this WebApplication app)
    {
        app.MapAccounts();
        app.MapPatients();
        app.MapFhir();
        app.MapInfusions();
        app.MapPreInfusion();
        app.MapDeviceFeed();
        app.MapQuestionnaires();
        app.MapRecovery();
        return app;
    }
}
