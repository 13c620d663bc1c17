using Hl7.Fhir.Model;
using static KetamineClinic.Interop.Fhir.FhirConventions;

namespace KetamineClinic.Interop.Fhir.Mapping;

/// <summary>
/// Source record → Firely R4 POCO. Pure functions: no I/O, no clock, no randomness; the same source always gives
/// the same JSON (the golden-file tests rely on it). One file per resource family.
/// </summary>
public static partial class FhirMapper
{
    private static ResourceReference Ref(string type, string id) => new($"{type}/{id}");

    private static ResourceReference? RefOrNull(string type, string? id) => id is null ? null : Ref(type, id);

    private static Coding Code(string system, string code, string? display = null) => new(system, code, display);

    private static CodeableConcept Concept(params Coding[] codings) => new() { Coding = [.. codings] };

    private static CodeableConcept Concept(string system, string code, string? display) =>
        Concept(Code(system, code, display));

    /// <summary>Instants are written in UTC ("Z") so the same moment always serialises the same way.</summary>
    private static FhirDateTime DateTime(DateTimeOffset at) => new(at.ToUniversalTime());

    private static Instant InstantOf(DateTimeOffset at) => new(at.ToUniversalTime());

    private static Period? PeriodOf(DateTimeOffset? start, DateTimeOffset? end) =>
        start is null && end is null
            ? null
            : new Period { StartElement = start is { } s ? DateTime(s) : null, EndElement = end is { } e ? DateTime(e) : null };

    private static Quantity Ucum(decimal value, string code, string unit) =>
        new() { Value = value, Unit = unit, System = Systems.Ucum, Code = code };

    private static Extension? ProtocolVersionExtension(string? version) =>
        version is null ? null : new Extension(FhirConventions.Extensions.ProtocolVersion, new FhirString(version));

    private static void AddIfNotNull(this List<Extension> extensions, Extension? extension)
    {
        if (extension is not null)
        {
            extensions.Add(extension);
        }
    }

    private static ObservationStatus ToFhir(Sources.ResultStatus status) => status switch
    {
        Sources.ResultStatus.Preliminary => ObservationStatus.Preliminary,
        Sources.ResultStatus.Final => ObservationStatus.Final,
        Sources.ResultStatus.Amended => ObservationStatus.Amended,
        Sources.ResultStatus.Corrected => ObservationStatus.Corrected,
        Sources.ResultStatus.Cancelled => ObservationStatus.Cancelled,
        Sources.ResultStatus.EnteredInError => ObservationStatus.EnteredInError,
    };
}
