using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Outcomes;
using Task = System.Threading.Tasks.Task;

namespace KetamineClinic.Interop.Fhir.Serialization;

/// <summary>
/// FHIR JSON in and out with Firely 6 (System.Text.Json; no SerializerSettings in 6.x). Output is compact by
/// default, as <c>application/fhir+json</c> responses should be.
/// </summary>
public static class FhirJson
{
    /// <summary>The media type of FHIR JSON.</summary>
    public const string MediaType = "application/fhir+json";

    private static readonly JsonSerializerOptions CompactOptions = new JsonSerializerOptions().ForFhir();
    private static readonly JsonSerializerOptions PrettyOptions = new JsonSerializerOptions().ForFhir().Pretty();

    // Default settings: unknown elements, bad codes, wrong literal types and missing mandatory elements are errors.
    private static readonly FhirJsonDeserializer Deserializer = new();

    /// <summary>Serialises a resource (or any FHIR element) to JSON text.</summary>
    public static string Serialize(Base resource, bool pretty = false)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.Serialize(resource, resource.GetType(), pretty ? PrettyOptions : CompactOptions);
    }

    /// <summary>Serialises a resource to UTF-8 bytes (compact).</summary>
    public static byte[] SerializeToUtf8Bytes(Base resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), CompactOptions);
    }

    /// <summary>Writes a resource as compact JSON to a stream (e.g. an HTTP response body).</summary>
    public static Task SerializeAsync(Stream destination, Base resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return JsonSerializer.SerializeAsync(destination, resource, resource.GetType(), CompactOptions, cancellationToken);
    }

    /// <summary>
    /// Parses FHIR JSON into a resource. Malformed JSON, an unknown resourceType, unknown elements, invalid codes or
    /// literals and missing mandatory elements are rejected with the parser's messages (issue code structure/invalid).
    /// </summary>
    public static FhirParseResult<Resource> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return FhirParseResult<Resource>.Error(FhirIssueType.Structure, "The request body is empty; a FHIR JSON resource was expected.");
        }

        try
        {
            if (Deserializer.TryDeserializeResource(json, out var resource, out var errors) && resource is not null)
            {
                return new FhirParseResult<Resource>.Parsed(resource);
            }

            var issues = errors.Select(e => FhirIssue.Error(FhirIssueType.Invalid, $"{e.ErrorCode}: {e.Message}")).ToList();
            return issues.Count > 0
                ? new FhirParseResult<Resource>.Rejected(issues)
                : FhirParseResult<Resource>.Error(FhirIssueType.Invalid, "The resource could not be read.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return FhirParseResult<Resource>.Error(FhirIssueType.Structure, "The body is not a FHIR JSON resource: " + e.Message);
        }
    }

    /// <summary>Parses FHIR JSON and requires the resource type <typeparamref name="T"/>.</summary>
    public static FhirParseResult<T> Parse<T>(string json)
        where T : Resource => Parse(json) switch
        {
            FhirParseResult<Resource>.Parsed { Value: T typed } => new FhirParseResult<T>.Parsed(typed),
            FhirParseResult<Resource>.Parsed other => FhirParseResult<T>.Error(
                FhirIssueType.Invalid,
                $"Expected a {ModelInfo.GetFhirTypeNameForType(typeof(T))} resource, got {other.Value.TypeName}.",
                "resourceType"),
            FhirParseResult<Resource>.Rejected rejected => new FhirParseResult<T>.Rejected(rejected.Issues),
            _ => throw new InvalidOperationException("Unreachable: closed hierarchy."),
        };
}
