using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using KetamineClinic.Interop.Fhir.Serialization;

namespace KetamineClinic.Interop.Fhir.Rest;

/// <summary>One search parameter of a resource type, as the CapabilityStatement lists it.</summary>
/// <param name="Name">The parameter's name, e.g. <c>patient</c>.</param>
/// <param name="Type">The R4 SearchParamType code: number, date, string, token, reference, composite, quantity, uri, special.</param>
/// <param name="Documentation">Optional text.</param>
public sealed record CapabilitySearchParam(string Name, string Type, string? Documentation = null);

/// <summary>What the server offers for one resource type.</summary>
/// <param name="Type">An R4 resource type.</param>
/// <param name="Interactions">R4 TypeRestfulInteraction codes (read, search-type, create...).</param>
/// <param name="SearchParams">The search parameters of its search-type interaction.</param>
/// <param name="Documentation">Optional text, e.g. that reads need no token.</param>
public sealed record CapabilityResource(string Type, IReadOnlyList<string> Interactions, IReadOnlyList<CapabilitySearchParam> SearchParams, string? Documentation = null);

/// <summary>Input for the server's CapabilityStatement.</summary>
public sealed record CapabilitySource
{
    public required DateTimeOffset PublishedAt { get; init; }
    public required string SoftwareVersion { get; init; }

    /// <summary>The FHIR base, e.g. <c>https://clinic.example/fhir</c>.</summary>
    public required string ImplementationUrl { get; init; }

    /// <summary>The OAuth 2.0 token endpoint (SMART oauth-uris extension).</summary>
    public required string TokenUrl { get; init; }
    public required IReadOnlyList<CapabilityResource> Resources { get; init; }
}

/// <summary>The R4 CapabilityStatement (instance, JSON, SMART-on-FHIR security with the oauth-uris extension).</summary>
public static class CapabilityStatements
{
    public const string OAuthUrisExtension = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    /// <summary>The statement as a resource (tests validate it).</summary>
    public static CapabilityStatement Build(CapabilitySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var security = new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Service =
            [
                new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR",
                    "OAuth 2.0 client credentials (SMART Backend Services, client secret) with SMART v2 system scopes"),
            ],
            Description = "Bearer access tokens from the token endpoint; discovery at /.well-known/smart-configuration.",
        };
        security.Extension.Add(new Extension
        {
            Url = OAuthUrisExtension,
            Extension = [new Extension("token", new FhirUri(source.TokenUrl))],
        });
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            DateElement = new FhirDateTime(source.PublishedAt.ToUniversalTime()),
            Publisher = "Ketamine Clinic",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Ketamine Clinic", Version = source.SoftwareVersion },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Ketamine Clinic FHIR R4 API", Url = source.ImplementationUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", FhirJson.MediaType],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Security = security,
                    Resource = [.. source.Resources.Select(ToResource)],
                },
            ],
        };
    }

    /// <summary>The statement as pretty-printed JSON.</summary>
    public static string Render(CapabilitySource source) => FhirJson.Serialize(Build(source), pretty: true);

    private static CapabilityStatement.ResourceComponent ToResource(CapabilityResource resource)
    {
        if (!ModelInfo.IsKnownResource(resource.Type))
        {
            throw new ArgumentException($"'{resource.Type}' is not an R4 resource type.", nameof(resource));
        }
        return new CapabilityStatement.ResourceComponent
        {
            Type = resource.Type,
            Documentation = resource.Documentation is null ? null : new Markdown(resource.Documentation),
            Interaction = [.. resource.Interactions.Select(code => new CapabilityStatement.ResourceInteractionComponent { Code = Parse<CapabilityStatement.TypeRestfulInteraction>(code) })],
            SearchParam = [.. resource.SearchParams.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p.Name,
                Type = Parse<SearchParamType>(p.Type),
                Documentation = p.Documentation is null ? null : new Markdown(p.Documentation),
            })],
        };
    }

    private static T Parse<T>(string code)
        where T : struct, Enum =>
        EnumUtility.ParseLiteral<T>(code) ?? throw new ArgumentException($"'{code}' is not a {typeof(T).Name} code.", nameof(code));
}

/// <summary>Facts about the R4 model the web layer needs without referencing the SDK.</summary>
public static class FhirModel
{
    /// <summary>Every R4 resource type name (Firely's <c>ModelInfo.SupportedResources</c>).</summary>
    public static IReadOnlyList<string> ResourceTypes => ModelInfo.SupportedResources;
}
