using Hl7.Fhir.Model;

namespace KetamineClinic.Interop.Fhir.Bundles;

/// <summary>Paging links of a search result page; the caller builds the URLs (it knows the request and the page size).</summary>
public sealed record SearchLinks
{
    public required string Self { get; init => field = Absolute(value, nameof(Self))!; }
    public string? First { get; init => field = Absolute(value, nameof(First)); }
    public string? Previous { get; init => field = Absolute(value, nameof(Previous)); }
    public string? Next { get; init => field = Absolute(value, nameof(Next)); }
    public string? Last { get; init => field = Absolute(value, nameof(Last)); }

    internal static string? Absolute(string? url, string paramName) =>
        url is null || Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : throw new ArgumentException($"'{url}' is not an absolute URL.", paramName);
}

/// <summary>One page of search results.</summary>
public sealed record SearchPage
{
    /// <summary>The server's base URL, e.g. <c>https://clinic.example/fhir</c>; fullUrl = base/Type/id.</summary>
    public required string BaseUrl { get; init => field = SearchLinks.Absolute(value, nameof(BaseUrl))!.TrimEnd('/'); }

    /// <summary>The matches on this page (search mode <c>match</c>), in order.</summary>
    public required IReadOnlyList<Resource> Matches { get; init; }

    /// <summary>Resources added by _include / _revinclude (search mode <c>include</c>).</summary>
    public IReadOnlyList<Resource> Included { get; init; } = [];

    /// <summary>Total number of matches over all pages, when the server counted them.</summary>
    public int? Total { get; init => field = Sources.Guard.NotNegative(value, nameof(Total)); }
    public required SearchLinks Links { get; init; }

    /// <summary>Warnings about the search itself, e.g. an ignored parameter (search mode <c>outcome</c>).</summary>
    public OperationOutcome? Outcome { get; init; }

    /// <summary>When the page was assembled (Bundle.timestamp); passed in, never read from a clock here.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>Builds <c>searchset</c> Bundles.</summary>
public static class SearchBundles
{
    /// <summary>A searchset Bundle with total, self/first/previous/next/last links and entries with fullUrl and search mode.</summary>
    public static Bundle Build(SearchPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = page.Total,
            TimestampElement = page.Timestamp is { } at ? new Instant(at.ToUniversalTime()) : null,
        };
        AddLink(bundle, "self", page.Links.Self);
        AddLink(bundle, "first", page.Links.First);
        AddLink(bundle, "previous", page.Links.Previous);
        AddLink(bundle, "next", page.Links.Next);
        AddLink(bundle, "last", page.Links.Last);
        foreach (var match in page.Matches)
        {
            bundle.Entry.Add(Entry(page.BaseUrl, match, Bundle.SearchEntryMode.Match));
        }

        foreach (var included in page.Included)
        {
            bundle.Entry.Add(Entry(page.BaseUrl, included, Bundle.SearchEntryMode.Include));
        }

        if (page.Outcome is { } outcome)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                // Every searchset entry needs a fullUrl (bdl-15); the outcome has no server id, so it gets a stable
                // name-based UUID derived from the page's self link.
                FullUrl = "urn:uuid:" + NameBasedUuid(page.Links.Self + "#outcome"),
                Resource = outcome,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }

        return bundle;
    }

    private static string NameBasedUuid(string name)
    {
        Span<byte> bytes = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name), bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom, name-based)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes[..16], bigEndian: true).ToString("D", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddLink(Bundle bundle, string relation, string? url)
    {
        if (url is not null)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = relation, Url = url });
        }
    }

    private static Bundle.EntryComponent Entry(string baseUrl, Resource resource, Bundle.SearchEntryMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource.Id, nameof(resource));
        return new Bundle.EntryComponent
        {
            FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = mode },
        };
    }
}
