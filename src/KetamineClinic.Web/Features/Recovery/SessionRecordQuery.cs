using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Recovery;

/// <summary>Everything the session record, the recovery panel and the discharge sheet show for one session.</summary>
public sealed record SessionRecord(
    InfusionSession Session,
    string PatientName,
    string Mrn,
    DateOnly BornOn,
    string SiteName,
    string SitePhone,
    string ChairLabel,
    IReadOnlyList<VitalReading> Readings,
    IReadOnlyList<VitalAlarm> Alarms,
    IReadOnlyList<SessionEvent> Events,
    IReadOnlyList<DischargeScoreRecord> Scores,
    IReadOnlyList<EscortHandOff> Escorts,
    IReadOnlyList<BpDeviationAcknowledgement> BpAcknowledgements,
    SessionDeparture? Departure)
{
    public EscortHandOff? Escort => Escorts.Count == 0 ? null : Escorts[^1];

    /// <summary>Pauses as (start, end) from the timeline; end null while paused.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset? End)> Pauses
    {
        get
        {
            var list = new List<(DateTimeOffset, DateTimeOffset?)>();
            DateTimeOffset? open = null;
            foreach (var e in Events.Where(e => e.Kind == SessionEventKind.PhaseChanged))
            {
                if (e.ToPhase == SessionPhase.Paused)
                {
                    open = e.At;
                }
                else if (e.FromPhase == SessionPhase.Paused && open is { } start)
                {
                    list.Add((start, e.At));
                    open = null;
                }
            }

            if (open is { } still)
            {
                list.Add((still, null));
            }

            return list;
        }
    }
}

/// <summary>One line of a patient's session list (patient chart).</summary>
public sealed record SessionListItem(Guid Id, DateOnly SessionDate, SessionPhase Phase, DateTimeOffset CheckedInAt, DateTimeOffset? InfusionStartedAt, DateTimeOffset? InfusionEndedAt);

/// <summary>Reads a session's full record. Callers audit the read (patient data).</summary>
public sealed class SessionRecordQuery(IDbContextFactory<ClinicDbContext> contexts)
{
    public async Task<SessionRecord?> LoadAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        if (s is null)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == s.PatientId).Select(p => new { p.FamilyName, p.GivenName, p.Mrn, p.BornOn }).FirstAsync(ct);
        var site = await db.Sites.AsNoTracking().Where(x => x.Id == s.SiteId).Select(x => new { x.Name, x.Phone }).FirstAsync(ct);
        var chair = await db.Chairs.AsNoTracking().Where(c => c.Id == s.ChairId).Select(c => c.Label).FirstAsync(ct);
        return new SessionRecord(
            s,
            patient.GivenName + " " + patient.FamilyName,
            patient.Mrn,
            patient.BornOn,
            site.Name,
            site.Phone,
            chair,
            await db.Set<VitalReading>().AsNoTracking().Where(r => r.SessionId == sessionId).OrderBy(r => r.TakenAt).ToListAsync(ct),
            await db.Set<VitalAlarm>().AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.EventTime).ToListAsync(ct),
            await db.Set<SessionEvent>().AsNoTracking().Where(e => e.SessionId == sessionId).OrderBy(e => e.At).ToListAsync(ct),
            await db.Set<DischargeScoreRecord>().AsNoTracking().Where(x => x.SessionId == sessionId).OrderBy(x => x.AssessedAt).ToListAsync(ct),
            await db.Set<EscortHandOff>().AsNoTracking().Where(x => x.SessionId == sessionId).OrderBy(x => x.HandedOffAt).ToListAsync(ct),
            await db.Set<BpDeviationAcknowledgement>().AsNoTracking().Where(x => x.SessionId == sessionId).OrderBy(x => x.AcknowledgedAt).ToListAsync(ct),
            await db.Set<SessionDeparture>().AsNoTracking().FirstOrDefaultAsync(x => x.SessionId == sessionId, ct));
    }

    public async Task<Guid?> PatientOfAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Set<InfusionSession>().Where(x => x.Id == sessionId).Select(x => (Guid?)x.PatientId).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<SessionListItem>> ForPatientAsync(Guid patientId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<InfusionSession>().AsNoTracking().Where(x => x.PatientId == patientId)
            .Select(x => new SessionListItem(x.Id, x.SessionDate, x.Phase, x.CheckedInAt, x.InfusionStartedAt, x.InfusionEndedAt))
            .ToListAsync(ct);
        // DateTimeOffset ordering is done in memory: SQLite cannot order by it.
        return [.. rows.OrderByDescending(x => x.CheckedInAt)];
    }
}
