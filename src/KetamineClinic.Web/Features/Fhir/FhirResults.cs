using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace KetamineClinic.Web.Features.Fhir;

public static class FhirMediaTypes
{
    public const string Json = "application/fhir+json";

    /// <summary>What every /fhir response carries (FHIR R4 http.html#mime-type).</summary>
    public const string JsonUtf8 = "application/fhir+json; charset=utf-8";
}

/// <summary>FHIR IssueType codes the door uses (http://hl7.org/fhir/R4/valueset-issue-type.html).</summary>
public static class FhirIssueType
{
    public const string Invalid = "invalid";
    public const string Structure = "structure";
    public const string Required = "required";
    public const string Security = "security";
    public const string Login = "login";
    public const string Forbidden = "forbidden";
    public const string Processing = "processing";
    public const string NotSupported = "not-supported";
    public const string Duplicate = "duplicate";
    public const string NotFound = "not-found";
    public const string Deleted = "deleted";
    public const string Conflict = "conflict";
    public const string Exception = "exception";
    public const string Throttled = "throttled";
    public const string TooCostly = "too-costly";
    public const string Transient = "transient";

    /// <summary>The issue code for an HTTP error status, when the code knows nothing better.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Login,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed or StatusCodes.Status406NotAcceptable
            or StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status501NotImplemented => NotSupported,
        StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed => Conflict,
        StatusCodes.Status410Gone => Deleted,
        StatusCodes.Status413PayloadTooLarge => TooCostly,
        StatusCodes.Status422UnprocessableEntity => Processing,
        StatusCodes.Status429TooManyRequests => Throttled,
        StatusCodes.Status503ServiceUnavailable => Transient,
        >= 500 => Exception,
        _ => Invalid,
    };
}

/// <summary>
/// What the read/search audit of the door needs from a result: which resource, and whose data it held.
/// <see cref="FhirResults.Resource"/> and <see cref="FhirResults.SearchSet"/> return it; a read endpoint that returns
/// anything else with a 2xx status is a programming error the door refuses (see FhirReadAuditFilter).
/// </summary>
public interface IFhirAuditable
{
    /// <summary>The logical id read, or null for a search.</summary>
    string? ResourceId { get; }

    /// <summary>Every patient whose data the response holds (empty when none, e.g. an Organization).</summary>
    IReadOnlyCollection<Guid> PatientIds { get; }

    /// <summary>Search: how many entries matched; null for a read.</summary>
    int? Matches { get; }
}

/// <summary>A FHIR JSON response (a resource, a Bundle or an OperationOutcome) with the FHIR media type.</summary>
public class FhirJsonResult(int statusCode, string json) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => FhirMediaTypes.JsonUtf8;

    /// <summary>The serialized resource (Interop's FHIR serializer produces it).</summary>
    public string Json { get; } = json;

    /// <summary>Extra headers: Location, ETag, Last-Modified.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
        var bytes = Encoding.UTF8.GetBytes(Json);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}

public sealed class FhirResourceResult(int statusCode, string json, string resourceId, IReadOnlyCollection<Guid> patientIds, int? matches)
    : FhirJsonResult(statusCode, json), IFhirAuditable
{
    public string? ResourceId { get; } = resourceId.Length == 0 ? null : resourceId;
    public IReadOnlyCollection<Guid> PatientIds { get; } = patientIds;
    public int? Matches { get; } = matches;
}

/// <summary>Results for FHIR endpoints. Errors are OperationOutcomes; reads carry what the audit needs.</summary>
public static class FhirResults
{
    /// <summary>A resource (read, vread, create, update), with its version and time when known.</summary>
    /// <param name="json">The resource serialized by Interop.</param>
    /// <param name="resourceId">Its logical id.</param>
    /// <param name="patientId">The patient the resource is about (the Patient itself, or its subject), or null.</param>
    /// <param name="statusCode">200 for a read or update, 201 for a create.</param>
    /// <param name="versionId">Sent as a weak ETag.</param>
    /// <param name="lastUpdated">Sent as Last-Modified.</param>
    /// <param name="location">Sent as Location (create).</param>
    public static FhirResourceResult Resource(
        string json, string resourceId, Guid? patientId, int statusCode = StatusCodes.Status200OK,
        string? versionId = null, DateTimeOffset? lastUpdated = null, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var result = new FhirResourceResult(statusCode, json, resourceId, patientId is { } p ? [p] : [], matches: null);
        if (versionId is not null)
        {
            result.Headers[HeaderNames.ETag] = $"W/\"{versionId}\"";
        }
        if (lastUpdated is { } at)
        {
            result.Headers[HeaderNames.LastModified] = at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        }
        if (location is not null)
        {
            result.Headers[HeaderNames.Location] = location;
        }
        return result;
    }

    /// <summary>A searchset Bundle; <paramref name="patientIds"/> are the patients of every entry in it.</summary>
    public static FhirResourceResult SearchSet(string json, IEnumerable<Guid> patientIds, int matches) =>
        new(StatusCodes.Status200OK, json, string.Empty, [.. patientIds.Distinct()], matches);

    /// <summary>An OperationOutcome with one error issue.</summary>
    public static FhirJsonResult Outcome(int statusCode, string issueType, string diagnostics) =>
        new(statusCode, OperationOutcomes.Error(issueType, diagnostics));

    public static FhirJsonResult NotFound(string diagnostics) =>
        Outcome(StatusCodes.Status404NotFound, FhirIssueType.NotFound, diagnostics);
}

/// <summary>OperationOutcome JSON, written with System.Text.Json (Web does not reference the FHIR SDK).</summary>
public static class OperationOutcomes
{
    /// <summary>JSON for an API, not for HTML: '+' in media types and quotes stay readable.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":...,"diagnostics":...}]}</summary>
    public static string Error(string issueType, string diagnostics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "OperationOutcome");
            json.WriteStartArray("issue");
            json.WriteStartObject();
            json.WriteString("severity", "error");
            json.WriteString("code", issueType);
            json.WriteString("diagnostics", diagnostics);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes an OperationOutcome as the response (status, FHIR media type, no caching).</summary>
    public static async Task WriteAsync(HttpContext http, int statusCode, string issueType, string diagnostics)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Headers.CacheControl = "no-store";
        await FhirResults.Outcome(statusCode, issueType, diagnostics).ExecuteAsync(http);
    }
}
