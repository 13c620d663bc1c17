namespace KetamineClinic.Web.Features.Fhir.Export;

public static class BulkExportRegistration
{
    /// <summary>FHIR bulk export ($export) with its worker; every type registered for read and search is exportable.</summary>
    public static IServiceCollection AddFhirBulkExport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BulkExportOptions>(configuration.GetSection(BulkExportOptions.Section));
        services.AddSingleton<BulkExportSources>();
        services.AddSingleton<BulkExportSignal>();
        services.AddScoped<BulkExportEndpoints.BulkExportKickOff>();
        services.AddSingleton<IFhirEndpoints, BulkExportEndpoints>();
        services.AddHostedService<BulkExportWorker>();
        return services;
    }
}
