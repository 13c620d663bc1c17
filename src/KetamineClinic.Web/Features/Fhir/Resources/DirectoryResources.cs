using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using DirectorySite = KetamineClinic.Web.Features.Directory.Site;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>
/// The clinic directory as FHIR, public like /directory: the network (Organization), its listed sites (Location and
/// HealthcareService, same id) with their chairs (Location, partOf the site), and the active clinical staff
/// (Practitioner, PractitionerRole). Small sets: loaded whole, filtered and paged in memory.
/// </summary>
internal static class ClinicDirectory
{
    /// <summary>Roles that make a staff member a practitioner in the directory (front desk and administrators are not).</summary>
    public static readonly IReadOnlyList<string> ClinicalRoles = [ClinicRoles.Physician, ClinicRoles.Nurse, ClinicRoles.Pharmacist];

    public static async Task<List<DirectorySite>> ListedSitesAsync(FhirQueryContext q) =>
        await q.Db.Sites.AsNoTracking().Where(s => s.IsListedInDirectory).Include(s => s.OpeningHours).Include(s => s.Chairs)
            .OrderBy(s => s.Id).ToListAsync(q.Ct);

    public static SiteSource ToSource(DirectorySite site) => new()
    {
        Id = FhirIds.From(site.Id),
        OrganizationId = FhirIds.From(site.OrganizationId),
        Name = site.Name,
        Address = new PostalAddress { Line = site.AddressLine, City = site.City, Region = site.Region, PostalCode = site.PostalCode, Country = site.Country },
        Phone = site.Phone,
        Latitude = site.Latitude is { } lat ? (decimal)lat : null,
        Longitude = site.Longitude is { } lon ? (decimal)lon : null,
        OpeningHours = [.. site.OpeningHours.Where(h => h.Closes > h.Opens).OrderBy(h => h.Day).ThenBy(h => h.Opens).Select(h => new OpeningHoursSource(h.Day, h.Opens, h.Closes))],
    };

    public static FhirSearchHit Hit(FhirResourceOut resource) => new(null, resource.Id, resource, null);

    /// <summary>Active staff holding a clinical role: (user, role names, site ids).</summary>
    public static async Task<List<(Platform.ClinicUser User, List<string> Roles, List<Guid> Sites)>> PractitionersAsync(FhirQueryContext q)
    {
        var roles = await (from ur in q.Db.UserRoles
                           join r in q.Db.Roles on ur.RoleId equals r.Id
                           where ClinicalRoles.Contains(r.Name!)
                           select new { ur.UserId, r.Name }).ToListAsync(q.Ct);
        var userIds = roles.Select(r => r.UserId).Distinct().ToList();
        var users = await q.Db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && !u.IsDisabled).ToListAsync(q.Ct);
        var sites = await q.Db.StaffSiteAssignments.AsNoTracking().Where(a => userIds.Contains(a.UserId)).ToListAsync(q.Ct);
        return [.. users.OrderBy(u => u.Id).Select(u => (
            u,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
            sites.Where(s => s.UserId == u.Id).Select(s => s.SiteId).Order().ToList()))];
    }

    public static async Task<Guid?> OrganizationIdAsync(FhirQueryContext q) =>
        await q.Db.Organizations.AsNoTracking().OrderBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(q.Ct);

    public static PractitionerSource ToSource(Platform.ClinicUser user, IReadOnlyList<string> roles, IReadOnlyList<Guid> sites, Guid? organizationId)
    {
        var (given, family) = SplitName(user.DisplayName);
        return new PractitionerSource
        {
            Id = FhirIds.From(user.Id),
            GivenName = given,
            FamilyName = family,
            Roles = organizationId is { } org
                ? [.. roles.Select(role => new PractitionerRoleSource
                {
                    Id = PractitionerRoleId(user.Id, role),
                    OrganizationId = FhirIds.From(org),
                    // One role resource per role; the first site the member works at (PractitionerRoleSource holds one).
                    SiteId = sites.Count > 0 ? FhirIds.From(sites[0]) : null,
                    Role = role switch
                    {
                        ClinicRoles.Physician => StaffRole.Physician,
                        ClinicRoles.Nurse => StaffRole.Nurse,
                        _ => StaffRole.Pharmacist,
                    },
                })]
                : [],
        };
    }

    /// <summary><c>&lt;user id&gt;-&lt;role&gt;</c>, e.g. <c>…-physician</c>: one PractitionerRole per staff member and role.</summary>
    public static string PractitionerRoleId(Guid userId, string role) => FhirIds.From(userId) + "-" + role.ToLowerInvariant();

    /// <summary>"Dana Whitfield" → (Dana, Whitfield); a single word is the family name.</summary>
    private static (string Given, string Family) SplitName(string displayName)
    {
        var name = displayName.Trim();
        var space = name.LastIndexOf(' ');
        return space <= 0 ? (name, name) : (name[..space], name[(space + 1)..]);
    }
}

internal sealed class OrganizationResource : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "Organization";
    public bool IsPublic => true;
    public IReadOnlyList<FhirSearchParam> SearchParameters => [];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override async Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search)
    {
        var organizations = await q.Db.Organizations.AsNoTracking().OrderBy(o => o.Id).ToListAsync(q.Ct);
        var phones = await q.Db.Sites.AsNoTracking().Where(s => s.IsListedInDirectory).OrderBy(s => s.Name)
            .Select(s => new { s.OrganizationId, s.Phone }).ToListAsync(q.Ct);
        return [.. organizations.Select(o => ClinicDirectory.Hit(FhirResourceOut.Of(FhirMapper.ToOrganization(new OrganizationSource
        {
            Id = FhirIds.From(o.Id),
            Name = o.Name,
            Website = string.IsNullOrWhiteSpace(o.Website) ? null : o.Website,
            Phone = phones.FirstOrDefault(p => p.OrganizationId == o.Id)?.Phone,
        }))))];
    }
}

/// <summary>Sites (physical type bu) and their chairs (bd, partOf the site).</summary>
internal sealed class LocationResource : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "Location";
    public bool IsPublic => true;
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
    [
        new("organization", FhirSearchParamType.Reference, "The clinic network (Organization/<id>).", "Organization"),
        new("partof", FhirSearchParamType.Reference, "Chairs of a site: partof=Location/<site id>.", "Location"),
    ];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override async Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search)
    {
        var hits = new List<(FhirSearchHit Hit, Guid Organization, Guid? PartOf)>();
        foreach (var site in await ClinicDirectory.ListedSitesAsync(q))
        {
            hits.Add((ClinicDirectory.Hit(FhirResourceOut.Of(FhirMapper.ToLocation(ClinicDirectory.ToSource(site)))), site.OrganizationId, null));
            foreach (var chair in site.Chairs.OrderBy(c => c.Id))
            {
                hits.Add((ClinicDirectory.Hit(FhirResourceOut.Of(FhirMapper.ToLocation(new ChairSource
                {
                    Id = FhirIds.From(chair.Id),
                    SiteId = FhirIds.From(site.Id),
                    OrganizationId = FhirIds.From(site.OrganizationId),
                    Label = chair.Label,
                    SiteName = site.Name,
                    Active = chair.IsActive,
                }))), site.OrganizationId, site.Id));
            }
        }
        var matches = hits.AsEnumerable();
        if (search is not null)
        {
            matches = matches
                .Where(h => search.References("organization").All(anyOf => anyOf.Contains(h.Organization)))
                .Where(h => search.References("partof").All(anyOf => h.PartOf is { } p && anyOf.Contains(p)));
        }
        return [.. matches.Select(h => h.Hit)];
    }
}

internal sealed class HealthcareServiceResource : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "HealthcareService";
    public bool IsPublic => true;
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
        [new("organization", FhirSearchParamType.Reference, "The clinic network providing it (Organization/<id>).", "Organization")];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override async Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search) =>
        [.. (await ClinicDirectory.ListedSitesAsync(q))
            .Where(s => search is null || search.References("organization").All(anyOf => anyOf.Contains(s.OrganizationId)))
            .Select(s => ClinicDirectory.Hit(FhirResourceOut.Of(FhirMapper.ToHealthcareService(ClinicDirectory.ToSource(s)))))];
}

internal sealed class PractitionerResource : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "Practitioner";
    public bool IsPublic => true;
    public IReadOnlyList<FhirSearchParam> SearchParameters => [];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override async Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search)
    {
        var organization = await ClinicDirectory.OrganizationIdAsync(q);
        return [.. (await ClinicDirectory.PractitionersAsync(q))
            .Select(p => ClinicDirectory.Hit(FhirResourceOut.Of(FhirMapper.ToPractitioner(ClinicDirectory.ToSource(p.User, p.Roles, p.Sites, organization)))))];
    }
}

internal sealed class PractitionerRoleResource : InMemorySearchSource, IFhirResourceDefinition
{
    public string ResourceType => "PractitionerRole";
    public bool IsPublic => true;
    public IReadOnlyList<FhirSearchParam> SearchParameters =>
        [new("practitioner", FhirSearchParamType.Reference, "The staff member (Practitioner/<id>).", "Practitioner")];
    public IReadOnlyList<IFhirSearchSource> Sources => [this];

    protected override async Task<IReadOnlyList<FhirSearchHit>> LoadAsync(FhirQueryContext q, FhirSearch? search)
    {
        var organization = await ClinicDirectory.OrganizationIdAsync(q);
        var hits = new List<FhirSearchHit>();
        foreach (var (user, roles, sites) in await ClinicDirectory.PractitionersAsync(q))
        {
            if (search is not null && !search.References("practitioner").All(anyOf => anyOf.Contains(user.Id)))
            {
                continue;
            }
            var source = ClinicDirectory.ToSource(user, roles, sites, organization);
            hits.AddRange(FhirMapper.ToPractitionerRoles(source).Select(r => ClinicDirectory.Hit(FhirResourceOut.Of(r))));
        }
        return hits;
    }
}
