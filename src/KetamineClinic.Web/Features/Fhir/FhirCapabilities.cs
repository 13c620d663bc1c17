using System.Reflection;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>What the server offers for one resource type.</summary>
public sealed record FhirResourceCapability(
    string Type,
    IReadOnlyList<FhirInteraction> Interactions,
    IReadOnlyList<FhirSearchParam> SearchParams)
{
    /// <summary>Every interaction on the type is public (no token): the directory.</summary>
    public bool IsPublic { get; init; }

    /// <summary>The union of SMART permissions its interactions need, e.g. rs for read + search.</summary>
    public SmartPermissions Permissions => Interactions.Aggregate(SmartPermissions.None, (p, i) => p | i.RequiredPermission());
}

/// <summary>
/// The registry of what /fhir supports, read from the endpoints themselves: an endpoint mapped with
/// <see cref="FhirDoor.FhirInteraction"/> is registered by that call, so the CapabilityStatement and the SMART
/// scopes_supported list exactly what answers, never more. <see cref="CapabilityStatementJson"/> hands this
/// neutral model to Interop, which renders the Firely CapabilityStatement.
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
                [.. g.SelectMany(m => m.SearchParams).DistinctBy(p => p.Name, StringComparer.Ordinal).OrderBy(p => p.Name, StringComparer.Ordinal)])
            {
                IsPublic = g.All(m => m.IsPublic),
            })];

    /// <summary>Operations mapped with <see cref="Export.FhirOperationMetadata"/> (e.g. $export).</summary>
    public IReadOnlyList<Export.FhirOperationMetadata> Operations() =>
        [.. endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<Export.FhirOperationMetadata>())
            .OfType<Export.FhirOperationMetadata>()
            .Distinct()
            .OrderBy(o => o.Level, StringComparer.Ordinal)];

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

/// <summary>The R4 CapabilityStatement, rendered by Interop with the FHIR SDK from the registry.</summary>
public static class CapabilityStatementJson
{
    private static readonly string SoftwareVersion =
        typeof(CapabilityStatementJson).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static CapabilitySource Source(FhirCapabilities capabilities, Uri appBase)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(appBase);
        return new CapabilitySource
        {
            PublishedAt = capabilities.PublishedAt,
            SoftwareVersion = SoftwareVersion,
            ImplementationUrl = new Uri(appBase, "fhir").ToString(),
            TokenUrl = new Uri(appBase, FhirAuthServer.TokenPath.TrimStart('/')).ToString(),
            Resources = [.. capabilities.Resources().Select(r => new CapabilityResource(
                r.Type,
                [.. r.Interactions.Select(i => i.Code())],
                [.. r.SearchParams.Select(p => new CapabilitySearchParam(p.Name, p.Type.Code(), p.Documentation))],
                r.IsPublic ? "Public: read and search need no access token (the clinic directory)." : null))],
            Operations = [.. capabilities.Operations().Select(o => new CapabilityOperation(o.Name, o.Definition, o.Level == "system" ? null : o.Level))],
        };
    }

    public static string Render(FhirCapabilities capabilities, Uri appBase) => CapabilityStatements.Render(Source(capabilities, appBase));
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
