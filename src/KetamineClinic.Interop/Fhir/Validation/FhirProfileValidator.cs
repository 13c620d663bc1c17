using System.Diagnostics;
using Firely.Fhir.Validation;
using Hl7.Fhir.ElementModel;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification;
using Hl7.Fhir.Specification.Snapshot;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using KetamineClinic.Interop.Fhir.Conformance;
using KetamineClinic.Interop.Fhir.Outcomes;

namespace KetamineClinic.Interop.Fhir.Validation;

/// <summary>
/// Firely's profile validator over the R4 specification package (specification.zip from
/// Hl7.Fhir.Specification.Data.R4: core resources and datatypes, the vital-signs profiles, the core extensions, and the
/// spec's value sets and code systems) plus the clinic's extension definitions and code systems
/// (<see cref="ClinicConformance"/>, snapshots generated once here).
/// <para>
/// Construct ONCE and reuse: each resource type's schema is compiled on first use (seconds); later validations take
/// milliseconds. Thread-safe: Firely's validator and resolvers are not (firely-validator-api#381), so calls are
/// serialised with a lock.
/// </para>
/// <para>
/// Terminology (no terminology server): only REQUIRED bindings are checked (Firely skips extensible/preferred/example),
/// by a local terminology service over the value sets in the spec package, plus BCP-47 language and MIME-type checks.
/// Fixed and pattern codes in profiles (e.g. LOINC 8867-4 and UCUM /min in heartrate) are checked structurally. Codes
/// from external systems the package does not contain (LOINC, SNOMED CT, RxNorm, NDC, full UCUM) are NOT checked for
/// existence: a value set that needs them and cannot be expanded locally yields a warning, never an error.
/// References to other resources are not resolved.
/// </para>
/// <para>
/// Resources are validated as the JSON the server sends: serialised, then read back as an element tree typed by the R4
/// StructureDefinitions (<see cref="StructureDefinitionSummaryProvider"/>). Validating Firely's POCOs directly reports
/// false errors where the shared SDK model types an element differently from R4 (e.g. Bundle.link.relation).
/// </para>
/// <para>
/// Known defect worked around: the R4 invariant ras-2 (<c>probability is decimal implies (probability as decimal) &lt;= 100</c>)
/// fails in Firely when probability is absent, so it is excluded; a RiskAssessment with only qualitativeRisk is valid R4.
/// </para>
/// </summary>
public sealed class FhirProfileValidator
{
    private readonly Validator validator;
    private readonly StructureDefinitionSummaryProvider summaries;
    private readonly Lock gate = new();

    /// <summary>Uses specification.zip from the application's base directory (copied there by the NuGet package).</summary>
    public FhirProfileValidator()
        : this(Path.Combine(AppContext.BaseDirectory, "specification.zip"))
    {
    }

    /// <summary>Uses the R4 specification.zip at <paramref name="specificationZipPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The zip is not there.</exception>
    public FhirProfileValidator(string specificationZipPath)
    {
        if (!File.Exists(specificationZipPath))
        {
            throw new FileNotFoundException("The FHIR R4 specification.zip (package Hl7.Fhir.Specification.Data.R4) was not found.", specificationZipPath);
        }

        var stopwatch = Stopwatch.StartNew();
        var core = new CachedResolver(new ZipSource(specificationZipPath));

        // The clinic's extension definitions are differentials: generate their snapshots once, here, so nothing is
        // generated (or mutated) while validating. The core package already ships snapshots.
        var clinic = ClinicConformance.All();
        var generator = new SnapshotGenerator(new MultiResolver(new InMemoryResourceResolver(clinic), core), new SnapshotGeneratorSettings());
        foreach (var definition in clinic.OfType<StructureDefinition>())
        {
            generator.UpdateAsync(definition).GetAwaiter().GetResult();
            if (generator.Outcome is { } outcome && OperationOutcomes.HasErrors(outcome))
            {
                throw new InvalidOperationException($"Snapshot generation failed for {definition.Url}: {outcome.Issue[0].Details?.Text ?? outcome.Issue[0].Diagnostics}");
            }
        }

        var resolver = new CachedResolver(new MultiResolver(new InMemoryResourceResolver(clinic), core));
        var terminology = LocalTerminologyService.CreateDefaultForCore(resolver);
        var settings = new ValidationSettings
        {
            // Explicitly the library default: a value set the local service cannot expand (external code system)
            // is a warning, not an error.
            HandleValidateCodeServiceFailure = static (_, _) => TerminologyServiceExceptionResult.Warning,
        };
#pragma warning disable ExperimentalApi // FhirPathValidator is the only way to name one invariant; see the type's remarks.
        settings.ExcludeFilters.Add(static assertion => assertion is FhirPathValidator { Key: "ras-2" });
#pragma warning restore ExperimentalApi
        validator = new Validator(resolver, terminology, referenceResolver: null, settings);
        summaries = new StructureDefinitionSummaryProvider(resolver);
        SetupTime = stopwatch.Elapsed;
    }

    /// <summary>How long construction took (loading the package index and generating the clinic snapshots).</summary>
    public TimeSpan SetupTime { get; }

    /// <summary>
    /// Validates against the resource type's R4 base definition and every profile in its meta.profile.
    /// Returns Firely's OperationOutcome (check with <see cref="OperationOutcomes.HasErrors"/>).
    /// </summary>
    public OperationOutcome Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ValidateAgainst(resource, FhirConventions.Profiles.Core(resource.TypeName));
    }

    /// <summary>Validates against <paramref name="profileUrl"/> (and the profiles in meta.profile).</summary>
    public OperationOutcome ValidateAgainst(Resource resource, string profileUrl)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ValidateJson(resource.ToJson(), profileUrl);
    }

    /// <summary>
    /// Validates FHIR JSON as received (e.g. a request body) against <paramref name="profileUrl"/>, or, when null,
    /// against the base definition of its resourceType. Unreadable JSON is reported as a fatal issue.
    /// </summary>
    public OperationOutcome ValidateJson(string json, string? profileUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        ElementNode instance;
        try
        {
            var typed = FhirJsonNode.Parse(json).ToTypedElement(summaries);
            profileUrl ??= FhirConventions.Profiles.Core(typed.InstanceType ?? throw new FormatException("The JSON has no resourceType."));
            instance = ElementNode.FromElement(typed);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or StructuralTypeException or InvalidOperationException)
        {
            return OperationOutcomes.From(new FhirIssue(FhirIssueSeverity.Fatal, FhirIssueType.Structure, "The JSON could not be read: " + e.Message));
        }

        lock (gate)
        {
            return validator.Validate(instance, profileUrl);
        }
    }

    /// <summary>
    /// Compiles the schemas of the given resource types now (e.g. from a hosted service at start-up) so the first
    /// request does not pay for it. Validates an empty instance of each and ignores the result.
    /// </summary>
    public void WarmUp(IEnumerable<string> resourceTypes)
    {
        ArgumentNullException.ThrowIfNull(resourceTypes);
        foreach (var type in resourceTypes)
        {
            var clrType = ModelInfo.GetTypeForFhirType(type) ?? throw new ArgumentException($"'{type}' is not an R4 resource type.", nameof(resourceTypes));
            _ = Validate((Resource)Activator.CreateInstance(clrType)!);
        }
    }
}
