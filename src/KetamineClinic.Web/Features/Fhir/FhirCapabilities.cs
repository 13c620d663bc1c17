using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>What the server offers for one resource type.</summary>
public sealed record FhirResourceCapability(
    string Type,
    IReadOnlyList<FhirInteraction> Interactions,
    IReadOnlyList<FhirSearchParam> SearchParams)
{
    /// <summary>The union of SMART permissions its interactions need, e.g. rs for read + search.</summary>
    public SmartPermissions Permissions => Interactions.Aggregate(SmartPermissions.None, (p, i) => p | i.RequiredPermission());
}

/// <summary>
/// The registry of what /fhir supports, read from the endpoints themselves: an endpoint mapped with
/// <see cref="FhirDoor.FhirInteraction"/> is registered by that call, so the CapabilityStatement and the SMART
/// scopes_supported list exactly what answers, never more. This neutral model is what a renderer in Interop can turn
/// into a Firely CapabilityStatement later; <see cref="CapabilityStatementJson"/> renders it for now.
/// </summary>
public sealed class FhirCapabilities(EndpointDataSource endpoints, TimeProvider clock)
{
    /// <summary>The statement's date: when this process started serving it (the set only changes with a deployment).</summary>
    public DateTimeOffset PublishedAt { get; } = clock.GetUtcNow();

    public IReadOnlyList<FhirResourceCapability> Resources() =>
        [.. endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<FhirInteractionMetadata>())
            .OfType<FhirInteractionMetadata>()
            .GroupBy(m => m.ResourceType, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FhirResourceCapability(
                g.Key,
                [.. g.Select(m => m.Interaction).Distinct().Order()],
                [.. g.SelectMany(m => m.SearchParams).DistinctBy(p => p.Name, StringComparer.Ordinal).OrderBy(p => p.Name, StringComparer.Ordinal)]))];

    /// <summary>Scopes a client can usefully ask for: one per resource type (its permissions) and the wildcard union.</summary>
    public IReadOnlyList<string> ScopesSupported()
    {
        var resources = Resources();
        if (resources.Count == 0)
        {
            return [];
        }
        var all = resources.Aggregate(SmartPermissions.None, (p, r) => p | r.Permissions);
        return [SmartScope.For(SmartScope.AnyResource, all).ToString(), .. resources.Select(r => SmartScope.For(r.Type, r.Permissions).ToString())];
    }
}

/// <summary>The R4 CapabilityStatement as JSON (System.Text.Json; Web does not reference the FHIR SDK).</summary>
public static class CapabilityStatementJson
{
    public const string OAuthUrisExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private static readonly string SoftwareVersion =
        typeof(CapabilityStatementJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Render(FhirCapabilities capabilities, Uri appBase)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(appBase);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, OperationOutcomes.WriterOptions with { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("resourceType", "CapabilityStatement");
            json.WriteString("status", "active");
            json.WriteString("date", capabilities.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteString("publisher", "Ketamine Clinic");
            json.WriteString("kind", "instance");
            json.WriteStartObject("software");
            json.WriteString("name", "Ketamine Clinic");
            json.WriteString("version", SoftwareVersion);
            json.WriteEndObject();
            json.WriteStartObject("implementation");
            json.WriteString("description", "Ketamine Clinic FHIR R4 API");
            json.WriteString("url", new Uri(appBase, "fhir").ToString());
            json.WriteEndObject();
            json.WriteString("fhirVersion", FhirDoor.FhirVersion);
            json.WriteStartArray("format");
            json.WriteStringValue("json");
            json.WriteStringValue(FhirMediaTypes.Json);
            json.WriteEndArray();
            json.WriteStartArray("rest");
            json.WriteStartObject();
            json.WriteString("mode", "server");
            WriteSecurity(json, appBase);
            json.WriteStartArray("resource");
            foreach (var resource in capabilities.Resources())
            {
                WriteResource(json, resource);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSecurity(Utf8JsonWriter json, Uri appBase)
    {
        json.WriteStartObject("security");
        json.WriteStartArray("extension");
        json.WriteStartObject();
        json.WriteString("url", OAuthUrisExtension);
        json.WriteStartArray("extension");
        json.WriteStartObject();
        json.WriteString("url", "token");
        json.WriteString("valueUri", new Uri(appBase, FhirAuthServer.TokenPath.TrimStart('/')).ToString());
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteBoolean("cors", false);
        json.WriteStartArray("service");
        json.WriteStartObject();
        json.WriteStartArray("coding");
        json.WriteStartObject();
        json.WriteString("system", "http://terminology.hl7.org/CodeSystem/restful-security-service");
        json.WriteString("code", "SMART-on-FHIR");
        json.WriteString("display", "SMART-on-FHIR");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("text", "OAuth 2.0 client credentials (SMART Backend Services, client secret) with SMART v2 system scopes");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("description", "Bearer access tokens from the token endpoint; discovery at /.well-known/smart-configuration.");
        json.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter json, FhirResourceCapability resource)
    {
        json.WriteStartObject();
        json.WriteString("type", resource.Type);
        json.WriteStartArray("interaction");
        foreach (var interaction in resource.Interactions)
        {
            json.WriteStartObject();
            json.WriteString("code", interaction.Code());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        if (resource.SearchParams.Count > 0)
        {
            json.WriteStartArray("searchParam");
            foreach (var parameter in resource.SearchParams)
            {
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteString("type", parameter.Type.Code());
                if (parameter.Documentation is not null)
                {
                    json.WriteString("documentation", parameter.Documentation);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }
}

/// <summary>GET /fhir/metadata (anonymous) and GET /.well-known/smart-configuration (anonymous).</summary>
internal static class FhirDiscoveryEndpoints
{
    public static void MapFhirMetadata(this RouteGroupBuilder fhir) =>
        fhir.MapGet("/metadata", (HttpContext http, FhirCapabilities capabilities, IOptions<FhirSecurityOptions> options) =>
                new FhirJsonResult(StatusCodes.Status200OK, CapabilityStatementJson.Render(capabilities, FhirDoor.AppBase(http.Request, options.Value))))
            .AllowAnonymous()
            .WithName("FhirCapabilityStatement");

    public static void MapSmartConfiguration(this IEndpointRouteBuilder app) =>
        app.MapGet("/.well-known/smart-configuration", (HttpContext http, FhirCapabilities capabilities, IOptions<FhirSecurityOptions> options) =>
            {
                var appBase = FhirDoor.AppBase(http.Request, options.Value);
                // SMART App Launch v2 §"Conformance": what a backend-services client needs. No authorization
                // endpoint and no PKCE methods: there is no user-facing flow.
                return TypedResults.Json(new SmartConfiguration(
                    Issuer: appBase.ToString(),
                    JwksUri: new Uri(appBase, ".well-known/jwks").ToString(),
                    TokenEndpoint: new Uri(appBase, FhirAuthServer.TokenPath.TrimStart('/')).ToString(),
                    TokenEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
                    GrantTypesSupported: ["client_credentials"],
                    ScopesSupported: capabilities.ScopesSupported(),
                    Capabilities: ["client-confidential-symmetric"]));
            })
            .AllowAnonymous()
            .WithName("SmartConfiguration")
            .WithTags("FHIR")
            .WithSummary("SMART on FHIR discovery (token endpoint, grant types, scopes).");
}

internal sealed record SmartConfiguration(
    [property: System.Text.Json.Serialization.JsonPropertyName("issuer")] string Issuer,
    [property: System.Text.Json.Serialization.JsonPropertyName("jwks_uri")] string JwksUri,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_endpoint_auth_methods_supported")] IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: System.Text.Json.Serialization.JsonPropertyName("capabilities")] IReadOnlyList<string> Capabilities);
