using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Today;

/// <summary>A treatment chair of the site.</summary>
public sealed record ChairSummary(Guid Id, string Label, bool IsActive);

/// <summary>How many of the site's patients stand at one journey stage (counts only: no names on the overview).</summary>
public sealed record StageCount(JourneyStage Stage, int Patients);

/// <summary>A staff member assigned to the site.</summary>
public sealed record StaffOnSite(Guid Id, string DisplayName, string? Credentials, IReadOnlyList<string> Roles);

/// <summary>The day's overview of one site. Later capabilities add their sections (chair board, alarms).</summary>
public sealed record TodayDashboard(
    Guid SiteId,
    string SiteName,
    DateOnly LocalDate,
    string TimeZone,
    IReadOnlyList<ChairSummary> Chairs,
    IReadOnlyList<StageCount> Stages,
    IReadOnlyList<StaffOnSite> Staff)
{
    public int ActiveChairs => Chairs.Count(c => c.IsActive);
    public int Patients => Stages.Sum(s => s.Patients);
}

internal sealed class TodayQuery(IDbContextFactory<ClinicDbContext> contexts, TimeProvider clock)
{
    public async Task<TodayDashboard?> GetAsync(Guid siteId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var site = await db.Sites.AsNoTracking()
            .Where(s => s.Id == siteId)
            .Select(s => new { s.Id, s.Name, s.TimeZone })
            .FirstOrDefaultAsync(ct);
        if (site is null)
        {
            return null;
        }

        var chairs = (await db.Chairs.AsNoTracking()
                .Where(c => c.SiteId == siteId)
                .Select(c => new ChairSummary(c.Id, c.Label, c.IsActive))
                .ToListAsync(ct))
            .OrderBy(c => c.Label, NaturalComparer.Instance)
            .ToList();

        var counts = await db.Patients.AsNoTracking()
            .Where(p => p.PrimarySiteId == siteId)
            .GroupBy(p => p.Stage)
            .Select(g => new { Stage = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        // Every stage in journey order, zeros included, so the overview keeps its shape from day to day.
        var stages = Enum.GetValues<JourneyStage>()
            .Select(stage => new StageCount(stage, counts.Find(c => c.Stage == stage)?.Count ?? 0))
            .ToList();

        var staff = await (from a in db.StaffSiteAssignments
                           where a.SiteId == siteId
                           join u in db.Users on a.UserId equals u.Id
                           where !u.IsDisabled
                           select new { u.Id, u.DisplayName, u.Credentials }).ToListAsync(ct);
        var staffIds = staff.Select(s => s.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            where staffIds.Contains(ur.UserId)
                            join r in db.Roles on ur.RoleId equals r.Id
                            select new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name ?? string.Empty);

        return new TodayDashboard(
            site.Id,
            site.Name,
            SiteClock.LocalDate(clock.GetUtcNow(), site.TimeZone),
            site.TimeZone,
            chairs,
            stages,
            [.. staff
                .Select(s => new StaffOnSite(s.Id, s.DisplayName, s.Credentials, [.. roles[s.Id].Order(StringComparer.Ordinal)]))
                .Where(s => !s.Roles.Contains(ClinicRoles.Patient, StringComparer.Ordinal))
                .OrderBy(s => s.DisplayName, StringComparer.OrdinalIgnoreCase)]);
    }
}

/// <summary>The calendar date at a site (its IANA time zone), falling back to UTC for an unknown zone.</summary>
public static class SiteClock
{
    public static DateOnly LocalDate(DateTimeOffset now, string timeZone) =>
        DateOnly.FromDateTime(LocalTime(now, timeZone).DateTime);

    public static DateTimeOffset LocalTime(DateTimeOffset now, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(now, zone) : now.ToUniversalTime();
}

/// <summary>"Chair 2" before "Chair 10".</summary>
internal sealed class NaturalComparer : IComparer<string>
{
    public static readonly NaturalComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }
                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }
                var a = x[si..i].TrimStart('0');
                var b = y[sj..j].TrimStart('0');
                var byLength = a.Length.CompareTo(b.Length);
                if (byLength != 0)
                {
                    return byLength;
                }
                var byDigits = string.CompareOrdinal(a, b);
                if (byDigits != 0)
                {
                    return byDigits;
                }
                continue;
            }
            var c = char.ToUpperInvariant(x[i]).CompareTo(char.ToUpperInvariant(y[j]));
            if (c != 0)
            {
                return c;
            }
            i++;
            j++;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
