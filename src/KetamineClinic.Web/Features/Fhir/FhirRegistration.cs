using KetamineClinic.Web.Features.Demo;
using KetamineClinic.Web.Features.Fhir.Security;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>
/// The FHIR door: OAuth 2.0 token server and bearer validation for /fhir, SMART discovery, the CapabilityStatement,
/// OperationOutcome errors, scope checks and read auditing. Resource endpoints plug in through <see cref="IFhirEndpoints"/>.
/// </summary>
public static class FhirRegistration
{
    public static IHostApplicationBuilder AddFhir(this IHostApplicationBuilder builder)
    {
        builder.Services.AddFhirAuthServer(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<FhirCapabilities>();
        builder.Services.AddSingleton<IFhirEndpoints, Search.FhirResourceEndpoints>();
        builder.Services.AddScoped<FhirClientRegistry>();
        builder.Services.AddDemoSeedContributor<FhirDemoClient>();
        // First in line, so ProblemDetails under /fhir (exceptions, empty error statuses) become OperationOutcome;
        // the default writer keeps every other path.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, FhirProblemDetailsWriter>());
        return builder;
    }

    public static WebApplication MapFhir(this WebApplication app)
    {
        app.MapFhirTokenEndpoint();
        app.MapSmartConfiguration();
        var fhir = app.MapFhirGroup();
        fhir.MapFhirMetadata();
        foreach (var endpoints in app.Services.GetServices<IFhirEndpoints>())
        {
            endpoints.Map(fhir);
        }
        fhir.MapFhirFallback();
        return app;
    }
}
