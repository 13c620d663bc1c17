using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Components.Layout;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

public sealed record PatientOption(Guid Id, string DisplayName, string Mrn);

/// <summary>Reads the chair board: every active chair of a site with its open session, recent readings and open alarms.</summary>
public sealed class ChairBoardQuery(IDbContextFactory<ClinicDbContext> contexts, ClinicProtocol protocol)
{
    /// <summary>Readings loaded per session for the latest values and the sparklines.</summary>
    public const int RecentReadings = 120;

    /// <summary>The sites a staff member works at (their assignments; every site when they have none).</summary>
    public async Task<IReadOnlyList<SiteOption>> SitesForAsync(StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var assigned = await db.StaffSiteAssignments.AsNoTracking().Where(a => a.UserId == actor.UserId).Select(a => a.SiteId).ToListAsync(ct);
        var sites = db.Sites.AsNoTracking();
        if (assigned.Count > 0)
        {
            sites = sites.Where(s => assigned.Contains(s.Id));
        }

        return await sites.OrderBy(s => s.Name).Select(s => new SiteOption(s.Id, s.Name)).ToListAsync(ct);
    }

    public async Task<List<ChairTileState>> LoadAsync(Guid siteId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.SiteId == siteId && c.IsActive).OrderBy(c => c.Label).ToListAsync(ct);
        var tiles = chairs.Select(c => new ChairTileState { ChairId = c.Id, ChairLabel = c.Label }).ToList();
        await FillAsync(db, tiles, siteId, null, ct);
        return tiles;
    }

    public async Task<ChairTileState?> LoadChairAsync(Guid chairId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var chair = await db.Chairs.AsNoTracking().FirstOrDefaultAsync(c => c.Id == chairId, ct);
        if (chair is null)
        {
            return null;
        }

        var tile = new ChairTileState { ChairId = chair.Id, ChairLabel = chair.Label };
        await FillAsync(db, [tile], chair.SiteId, chairId, ct);
        return tile;
    }

    /// <summary>Patients to seat at a site (name or MRN contains the text), not already in a chair.</summary>
    public async Task<IReadOnlyList<PatientOption>> FindPatientsAsync(Guid siteId, string text, CancellationToken ct = default)
    {
        text = text.Trim();
        if (text.Length < 2)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var seated = db.Set<InfusionSession>().Where(s => s.OpenPatientId != null).Select(s => s.PatientId);
        var pattern = $"%{text.Replace("%", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal)}%";
        return await db.Patients.AsNoTracking()
            .Where(p => p.PrimarySiteId == siteId && !seated.Contains(p.Id))
            .Where(p => EF.Functions.Like(p.FamilyName, pattern) || EF.Functions.Like(p.GivenName, pattern) || EF.Functions.Like(p.Mrn, pattern))
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .Take(10)
            .Select(p => new PatientOption(p.Id, p.FamilyName + ", " + p.GivenName, p.Mrn))
            .ToListAsync(ct);
    }

    /// <summary>Records that the viewer saw these patients on the board (one read event per patient).</summary>
    public static async Task AuditViewAsync(IAuditTrail audit, string resourceType, string resourceId, IEnumerable<Guid> patientIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        foreach (var id in patientIds.Distinct())
        {
            await audit.RecordAsync(new AuditEntry(AuditActions.Read, resourceType, resourceId, id), ct);
        }
    }

    private async Task FillAsync(ClinicDbContext db, List<ChairTileState> tiles, Guid siteId, Guid? chairId, CancellationToken ct)
    {
        var open = db.Set<InfusionSession>().AsNoTracking().Where(s => s.SiteId == siteId && s.OpenChairId != null);
        if (chairId is { } only)
        {
            open = open.Where(s => s.ChairId == only);
        }

        var sessions = await open
            .Join(db.Patients, s => s.PatientId, p => p.Id, (s, p) => new { Session = s, p.FamilyName, p.GivenName, p.Mrn })
            .ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Session.Id).ToList();
        var alarms = await db.Set<VitalAlarm>().AsNoTracking()
            .Where(a => sessionIds.Contains(a.SessionId) && a.State != AlarmState.Resolved)
            .ToListAsync(ct);
        foreach (var row in sessions)
        {
            var tile = tiles.Find(t => t.ChairId == row.Session.ChairId);
            if (tile is null)
            {
                continue;
            }

            var s = row.Session;
            tile.Session = new TileSession
            {
                Id = s.Id,
                PatientId = s.PatientId,
                PatientName = row.FamilyName + ", " + row.GivenName,
                Mrn = row.Mrn,
                Phase = s.Phase,
                CheckedInAt = s.CheckedInAt,
                InfusionStartedAt = s.InfusionStartedAt,
                PausedAt = s.PausedAt,
                PausedSeconds = s.PausedSeconds,
                InfusionEndedAt = s.InfusionEndedAt,
                PlannedInfusionMinutes = s.PlannedInfusionMinutes,
                ObservationMinutes = protocol.Discharge.MinPostInfusionObservationMinutes,
                NextReadingDueAt = s.NextReadingDueAt,
                NextReadingDueReason = s.NextReadingDueReason,
                Version = s.Version,
            };
            var recent = await db.Set<VitalReading>().AsNoTracking()
                .Where(r => r.SessionId == s.Id)
                .OrderByDescending(r => r.TakenAt)
                .Take(RecentReadings)
                .ToListAsync(ct);
            tile.Recent.AddRange(recent.OrderBy(r => r.TakenAt).Select(ReadingView.From));
            foreach (var alarm in alarms.Where(a => a.SessionId == s.Id))
            {
                tile.Apply(AlarmView.From(alarm));
            }
        }
    }
}
