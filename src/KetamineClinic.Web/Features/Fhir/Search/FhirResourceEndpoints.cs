using System.Globalization;
using System.Text;
using KetamineClinic.Interop.Fhir.Bundles;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Fhir.Search;

/// <summary>
/// What the server offers for one resource type: its search parameters and where its resources come from. This is
/// the ONE place a type plugs in: register it with <c>services.AddFhirResource&lt;MyDefinition&gt;()</c> and
/// <see cref="FhirResourceEndpoints"/> maps read and search for it (scopes, audit, CapabilityStatement included).
/// </summary>
public interface IFhirResourceDefinition
{
    string ResourceType { get; }

    /// <summary>Directory types anyone may read and search, without a token (contracts.md "Public pages").</summary>
    bool IsPublic => false;

    /// <summary>The type's own search parameters (the common ones, _count and _offset, come with every type).</summary>
    IReadOnlyList<FhirSearchParam> SearchParameters { get; }

    /// <summary>The date parameter <c>_sort</c> accepts (with or without '-'), or null when results come in id order.</summary>
    string? SortParameter => null;

    /// <summary>Where the resources come from; several are merged in (date, id) order.</summary>
    IReadOnlyList<IFhirSearchSource> Sources { get; }
}

public static class FhirResourceRegistration
{
    /// <summary>Registers a resource type's definition (a singleton); its endpoints are mapped with the others.</summary>
    public static IServiceCollection AddFhirResource<TDefinition>(this IServiceCollection services)
        where TDefinition : class, IFhirResourceDefinition
    {
        services.AddSingleton<IFhirResourceDefinition, TDefinition>();
        return services;
    }
}

/// <summary>GET /fhir/{Type}/{id} and GET /fhir/{Type} for every registered <see cref="IFhirResourceDefinition"/>.</summary>
internal sealed class FhirResourceEndpoints(IEnumerable<IFhirResourceDefinition> definitions) : IFhirEndpoints
{
    public void Map(RouteGroupBuilder fhir)
    {
        foreach (var definition in definitions)
        {
            var type = definition.ResourceType;
            var read = fhir.MapGet("/" + type + "/{id}", (string id, HttpContext http, CancellationToken ct) => ReadAsync(definition, id, http, ct));
            var search = fhir.MapGet("/" + type, (HttpContext http, CancellationToken ct) => SearchAsync(definition, http, ct));
            FhirSearchParam[] parameters = [.. definition.SearchParameters, .. FhirSearchParser.CommonParameters,
                .. definition.SortParameter is { } sort ? [new FhirSearchParam("_sort", FhirSearchParamType.String, $"{sort} (oldest first) or -{sort} (newest first).")] : Array.Empty<FhirSearchParam>()];
            if (definition.IsPublic)
            {
                read.FhirPublicInteraction(type, FhirInteraction.Read);
                search.FhirPublicInteraction(type, FhirInteraction.SearchType, parameters);
            }
            else
            {
                read.FhirInteraction(type, FhirInteraction.Read);
                search.FhirInteraction(type, FhirInteraction.SearchType, parameters);
            }
        }
    }

    private static async Task<IResult> ReadAsync(IFhirResourceDefinition definition, string id, HttpContext http, CancellationToken ct)
    {
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(ct);
        var q = new FhirQueryContext(db, ct);
        foreach (var source in definition.Sources)
        {
            if (await source.ReadAsync(q, id) is { } hit)
            {
                return FhirResults.Resource(hit.Resource.ToJson(), hit.Id, hit.PatientId);
            }
        }
        return FhirResults.NotFound($"No {definition.ResourceType} with id '{id}'.");
    }

    private static async Task<IResult> SearchAsync(IFhirResourceDefinition definition, HttpContext http, CancellationToken ct)
    {
        var lenient = http.Request.Headers["Prefer"].Any(p => p?.Split(';', ',').Any(x => x.Trim().Equals("handling=lenient", StringComparison.OrdinalIgnoreCase)) == true);
        var search = FhirSearchParser.Parse(definition, http.Request.Query, lenient, out var errors);
        if (errors.Count > 0)
        {
            return FhirResults.Outcome(StatusCodes.Status400BadRequest, FhirIssueType.Invalid, string.Join(" ", errors));
        }
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(ct);
        var (total, page) = await FhirSearchEngine.RunAsync(definition.Sources, new FhirQueryContext(db, ct), search);

        var options = http.RequestServices.GetRequiredService<IOptions<FhirSecurityOptions>>().Value;
        var fhirBase = new Uri(FhirDoor.AppBase(http.Request, options), "fhir").ToString();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var links = new SearchLinks
        {
            Self = PageUrl(fhirBase, search, search.Offset),
            First = PageUrl(fhirBase, search, 0),
            Next = search.Count > 0 && search.Offset + search.Count < total ? PageUrl(fhirBase, search, search.Offset + search.Count) : null,
            Previous = search.Count > 0 && search.Offset > 0 ? PageUrl(fhirBase, search, Math.Max(0, search.Offset - search.Count)) : null,
        };
        var json = FhirOut.SearchSet(fhirBase, [.. page.Select(h => h.Resource)], total, links, search.Warnings, clock.GetUtcNow());
        return FhirResults.SearchSet(json, page.Select(h => h.PatientId).OfType<Guid>(), total);
    }

    /// <summary>The search as the server applied it (ignored parameters left out), at one offset.</summary>
    private static string PageUrl(string fhirBase, FhirSearch search, int offset)
    {
        var url = new StringBuilder(fhirBase).Append('/').Append(search.ResourceType).Append('?');
        foreach (var (name, value) in search.Applied)
        {
            url.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
        if (search.Sort is not null)
        {
            url.Append("_sort=").Append(Uri.EscapeDataString(search.Sort)).Append('&');
        }
        url.Append("_count=").Append(search.Count.ToString(CultureInfo.InvariantCulture));
        if (offset > 0)
        {
            url.Append("&_offset=").Append(offset.ToString(CultureInfo.InvariantCulture));
        }
        return url.ToString();
    }
}
