using Resource = Hl7.Fhir.Model.Resource;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>One exported resource and the patient it belongs to (for the audit trail), if any.</summary>
public sealed record ExportedResource(Resource Resource, Guid? PatientId);

/// <param name="Level">System or patient level (the latter only asks compartment types).</param>
/// <param name="Since"><c>_since</c>, when given.</param>
/// <param name="TransactionTime">Resources changed after this instant belong to a later export.</param>
public sealed record BulkExportScope(BulkExportLevel Level, DateTimeOffset? Since, DateTimeOffset TransactionTime);

/// <summary>
/// Where one resource type's export comes from. A feature that adds a FHIR resource registers one of these
/// (<c>services.AddSingleton&lt;IFhirExportSource, MyExportSource&gt;()</c>) and the type becomes exportable;
/// the CapabilityStatement and <c>_type</c> validation follow from the registrations.
/// </summary>
public interface IFhirExportSource
{
    /// <summary>The FHIR resource type, e.g. <c>Observation</c>.</summary>
    string ResourceType { get; }

    /// <summary>True when the type belongs to the Patient compartment, i.e. is part of <c>Patient/$export</c>.</summary>
    bool InPatientCompartment { get; }

    /// <summary>The resources in a stable order, streamed (never the whole table in memory).</summary>
    IAsyncEnumerable<ExportedResource> ReadAsync(ClinicDbContext db, BulkExportScope scope, CancellationToken ct);
}

/// <summary>The registered export sources by type.</summary>
public sealed class BulkExportSources
{
    private readonly Dictionary<string, IFhirExportSource> _byType;

    public BulkExportSources(IEnumerable<IFhirExportSource> sources)
    {
        _byType = new Dictionary<string, IFhirExportSource>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            if (!_byType.TryAdd(source.ResourceType, source))
            {
                throw new InvalidOperationException($"Two export sources for {source.ResourceType}.");
            }
        }
    }

    /// <summary>Types a request at <paramref name="level"/> may ask for, in a fixed order (Patient first).</summary>
    public IReadOnlyList<string> TypesFor(BulkExportLevel level) =>
        [.. _byType.Values
            .Where(s => level == BulkExportLevel.System || s.InPatientCompartment)
            .Select(s => s.ResourceType)
            .OrderBy(t => t == "Patient" ? 0 : 1)
            .ThenBy(t => t, StringComparer.Ordinal)];

    public IFhirExportSource Get(string resourceType) =>
        _byType.TryGetValue(resourceType, out var source)
            ? source
            : throw new InvalidOperationException($"No export source for {resourceType}.");
}

/// <summary>
/// Patients. The store does not keep when a patient's demographics last changed, so <c>_since</c> does not narrow
/// this type: every patient is exported (a client merging by id gets the same result; leaving one out could lose a
/// change).
/// </summary>
internal sealed class PatientExportSource : IFhirExportSource
{
    public string ResourceType => "Patient";

    public bool InPatientCompartment => true;

    public async IAsyncEnumerable<ExportedResource> ReadAsync(
        ClinicDbContext db, BulkExportScope scope, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var patients = db.Patients.AsNoTracking()
            .Where(p => p.CreatedAt <= scope.TransactionTime)
            .OrderBy(p => p.Id)
            .AsAsyncEnumerable();
        await foreach (var patient in patients.WithCancellation(ct))
        {
            yield return new ExportedResource(FhirMapper.ToPatient(ToSource(patient)), patient.Id);
        }
    }

    internal static PatientSource ToSource(Patient patient) => new()
    {
        Id = patient.Id.ToString(),
        Mrn = patient.Mrn,
        GivenName = patient.GivenName,
        FamilyName = patient.FamilyName,
        BornOn = patient.BornOn,
        Sex = patient.SexAtBirth switch
        {
            SexAtBirth.Female => AdministrativeSex.Female,
            SexAtBirth.Male => AdministrativeSex.Male,
            SexAtBirth.Intersex => AdministrativeSex.Other,
            SexAtBirth.Unknown => AdministrativeSex.Unknown,
        },
        Phone = string.IsNullOrWhiteSpace(patient.Phone) ? null : patient.Phone,
        Email = string.IsNullOrWhiteSpace(patient.Email) ? null : patient.Email,
        Escort = string.IsNullOrWhiteSpace(patient.EscortName)
            ? null
            : new EscortContact { Name = patient.EscortName, Phone = string.IsNullOrWhiteSpace(patient.EscortPhone) ? null : patient.EscortPhone },
    };
}
