using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Serialization;

namespace KetamineClinic.Interop.Fhir.Rest;

/// <summary>
/// An emitted resource, opaque to a caller that does not use the FHIR SDK (the web layer): it knows the resource's
/// type, id and JSON, and can hand it back to <see cref="FhirOut"/> to put in a Bundle. Wrap a mapper's result:
/// <c>FhirResourceOut.Of(FhirMapper.ToPatient(source))</c>.
/// </summary>
public sealed class FhirResourceOut
{
    private FhirResourceOut(Resource resource) => Resource = resource;

    internal Resource Resource { get; }

    public string ResourceType => Resource.TypeName;

    public string Id => Resource.Id!;

    /// <summary>Compact FHIR JSON.</summary>
    public string ToJson() => FhirJson.Serialize(Resource);

    /// <summary>Wraps a resource that has an id.</summary>
    /// <exception cref="ArgumentException">The resource has no id.</exception>
    public static FhirResourceOut Of(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(resource.Id, nameof(resource));
        return new FhirResourceOut(resource);
    }
}

/// <summary>Bundles as JSON, for callers that hold <see cref="FhirResourceOut"/> values.</summary>
public static class FhirOut
{
    /// <summary>
    /// A searchset Bundle as JSON: total, the paging links, the matches and, when the server ignored parameters
    /// (<c>Prefer: handling=lenient</c>), an OperationOutcome entry with one warning per ignored parameter.
    /// </summary>
    public static string SearchSet(
        string baseUrl, IReadOnlyList<FhirResourceOut> matches, int total, SearchLinks links, IReadOnlyList<string> warnings, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(warnings);
        var bundle = SearchBundles.Build(new SearchPage
        {
            BaseUrl = baseUrl,
            Matches = [.. matches.Select(m => m.Resource)],
            Total = total,
            Links = links,
            Timestamp = timestamp,
            Outcome = warnings.Count == 0
                ? null
                : Outcomes.OperationOutcomes.From(warnings.Select(w => new Outcomes.FhirIssue(Outcomes.FhirIssueSeverity.Warning, Outcomes.FhirIssueType.NotSupported, w))),
        });
        return FhirJson.Serialize(bundle);
    }

    /// <summary>A collection Bundle (e.g. one infusion session's record) with fullUrl = base/Type/id for each entry.</summary>
    public static string Collection(string baseUrl, IReadOnlyList<FhirResourceOut> entries, DateTimeOffset timestamp) =>
        FhirJson.Serialize(CollectionBundle(baseUrl, entries, timestamp));

    internal static Bundle CollectionBundle(string baseUrl, IReadOnlyList<FhirResourceOut> entries, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var root = SearchLinks.Absolute(baseUrl, nameof(baseUrl))!.TrimEnd('/');
        return new Bundle
        {
            Type = Bundle.BundleType.Collection,
            TimestampElement = new Instant(timestamp.ToUniversalTime()),
            Entry = [.. entries.Select(e => new Bundle.EntryComponent { FullUrl = $"{root}/{e.ResourceType}/{e.Id}", Resource = e.Resource })],
        };
    }
}
