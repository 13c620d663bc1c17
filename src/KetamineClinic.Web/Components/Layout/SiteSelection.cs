using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Components.Layout;

/// <summary>A site as a choice in a list.</summary>
public sealed record SiteOption(Guid Id, string Name);

/// <summary>
/// The site the staff member is looking at, cascaded from the layout to the pages. Unresolved until the browser
/// has told the layout which site this person chose last time (kept in local storage per user).
/// </summary>
public sealed record SiteSelection(IReadOnlyList<SiteOption> Sites, SiteOption? Current, bool IsResolved)
{
    public static readonly SiteSelection Unresolved = new([], null, false);

    /// <summary>Picks <paramref name="remembered"/> when it is still one of the person's sites, else the first.</summary>
    public static SiteSelection Resolve(IReadOnlyList<SiteOption> sites, Guid? remembered) =>
        new(sites, sites.FirstOrDefault(s => s.Id == remembered) ?? (sites.Count > 0 ? sites[0] : null), true);
}

/// <summary>What the staff shell shows around every page: the clinic's name, the person and their sites.</summary>
public sealed record ShellContext(string ClinicName, string DisplayName, IReadOnlyList<SiteOption> Sites);

internal sealed class StaffShellQuery(IDbContextFactory<ClinicDbContext> contexts)
{
    public const string DefaultClinicName = "Ketamine Clinic";

    /// <summary>
    /// The signed-in person's name as colleagues and patients know it (the Identity name is the e-mail address).
    /// Read from the account, not a cookie claim, so a renamed account shows its new name at once.
    /// </summary>
    public async Task<string?> DisplayNameAsync(Guid userId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
    }

    /// <summary>Administrators see every site; other staff the sites they are assigned to.</summary>
    public async Task<ShellContext> GetAsync(Guid userId, bool allSites, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var sites = db.Sites.AsNoTracking();
        if (!allSites)
        {
            sites = sites.Where(s => db.StaffSiteAssignments.Any(a => a.UserId == userId && a.SiteId == s.Id));
        }
        var options = await sites.OrderBy(s => s.Name).Select(s => new SiteOption(s.Id, s.Name)).ToListAsync(ct);
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return new ShellContext(name ?? DefaultClinicName, person ?? string.Empty, options);
    }
}
