using KetamineClinic.Web.Features.Fhir.Search;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>The resource types /fhir serves for reading and searching: one line per type.</summary>
internal static class FhirResources
{
    public static IServiceCollection AddFhirResources(this IServiceCollection services)
    {
        // The directory: public (no token), like /directory.
        services.AddFhirResource<OrganizationResource>();
        services.AddFhirResource<LocationResource>();
        services.AddFhirResource<HealthcareServiceResource>();
        services.AddFhirResource<PractitionerResource>();
        services.AddFhirResource<PractitionerRoleResource>();
        // Patient data: a token with the type's scope.
        services.AddFhirResource<PatientResource>();
        services.AddFhirResource<FlagResource>();
        services.AddFhirResource<EncounterResource>();
        services.AddFhirResource<ProcedureResource>();
        services.AddFhirResource<ObservationResource>();
        services.AddFhirResource<DetectedIssueResource>();
        services.AddFhirResource<QuestionnaireResource>();
        // The audit trail: system/AuditEvent.rs by name (the * wildcard does not grant it).
        services.AddFhirResource<AuditEventResource>();

        // Observation sources (the extension point: IObservationSource).
        foreach (var vital in VitalReadingObservations.All())
        {
            services.AddSingleton<IObservationSource>(vital);
        }
        services.AddSingleton<IObservationSource, BodyWeightObservations>();
        return services;
    }
}
