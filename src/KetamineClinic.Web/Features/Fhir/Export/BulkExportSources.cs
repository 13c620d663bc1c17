using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;

namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>One exported resource as compact JSON, and the patient it belongs to (for the audit trail), if any.</summary>
public sealed record ExportedResource(string Json, Guid? PatientId);

/// <param name="Level">System or patient level (the latter only exports Patient-compartment types).</param>
/// <param name="Since"><c>_since</c>, when given.</param>
/// <param name="TransactionTime">The manifest's transactionTime.</param>
public sealed record BulkExportScope(BulkExportLevel Level, DateTimeOffset? Since, DateTimeOffset TransactionTime);

/// <summary>
/// What can be exported: every resource type the server reads and searches (<see cref="IFhirResourceDefinition"/>),
/// streamed from the same sources, so a type added for search is exportable with nothing more to write.
/// </summary>
public sealed class BulkExportSources
{
    /// <summary>Page size when streaming a source (offset paging in the sources' stable (date, id) order).</summary>
    internal const int PageSize = 500;

    /// <summary>
    /// The FHIR R4 Patient compartment (compartmentdefinition-patient) among the types served here:
    /// these are what <c>Patient/$export</c> returns.
    /// </summary>
    private static readonly HashSet<string> PatientCompartment = new(StringComparer.Ordinal)
    {
        "Patient", "Encounter", "Procedure", "Observation", "MedicationAdministration", "QuestionnaireResponse",
        "Flag", "DetectedIssue", "AuditEvent", "RiskAssessment", "Appointment", "Consent", "CarePlan",
    };

    private readonly Dictionary<string, IFhirResourceDefinition> _byType;

    public BulkExportSources(IEnumerable<IFhirResourceDefinition> definitions) =>
        _byType = definitions.ToDictionary(d => d.ResourceType, StringComparer.Ordinal);

    /// <summary>Types a request at <paramref name="level"/> may ask for, in a fixed order (Patient first).</summary>
    public IReadOnlyList<string> TypesFor(BulkExportLevel level) =>
        [.. _byType.Keys
            .Where(t => level == BulkExportLevel.System || PatientCompartment.Contains(t))
            .OrderBy(t => t == "Patient" ? 0 : 1)
            .ThenBy(t => t, StringComparer.Ordinal)];

    /// <summary>
    /// Every resource of <paramref name="resourceType"/>, source by source, page by page. <c>_since</c> does not narrow
    /// the result yet: the stores do not record when each resource last changed, so every resource is exported (a
    /// client merging by id gets the right state; leaving one out could lose a change).
    /// </summary>
    public async IAsyncEnumerable<ExportedResource> ReadAsync(
        ClinicDbContext db, string resourceType, BulkExportScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var definition = _byType.TryGetValue(resourceType, out var d) ? d : throw new InvalidOperationException($"{resourceType} is not exportable.");
        var q = new FhirQueryContext(db, ct);
        var all = new FhirSearch { ResourceType = resourceType, Count = PageSize };
        foreach (var source in definition.Sources)
        {
            for (var skip = 0; ; skip += PageSize)
            {
                var page = await source.FetchAsync(q, all, skip, PageSize);
                foreach (var hit in page)
                {
                    yield return new ExportedResource(hit.Resource.ToJson(), hit.PatientId);
                }
                if (page.Count < PageSize)
                {
                    break;
                }
            }
        }
    }
}
