namespace KetamineClinic.Web.Features.Fhir.Export;

public static class BulkExportRegistration
{
    /// <summary>FHIR bulk export ($export) with its worker; resource types plug in as <see cref="IFhirExportSource"/>.</summary>
    public static IServiceCollection AddFhirBulkExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BulkExportOptions>(configuration.GetSection(BulkExportOptions.Section));
        services.AddSingleton<BulkExportSources>();
        services.AddSingleton<BulkExportSignal>();
        services.AddSingleton<IFhirExportSource, PatientExportSource>();
        services.AddScoped<BulkExportEndpoints.BulkExportKickOff>();
        services.AddSingleton<IFhirEndpoints, BulkExportEndpoints>();
        services.AddHostedService<BulkExportWorker>();
        return services;
    }
}
