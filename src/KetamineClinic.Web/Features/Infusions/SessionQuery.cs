using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

public sealed record SessionEventView(DateTimeOffset At, SessionEventKind Kind, string Text, string ActorName);

/// <summary>Everything the session page shows.</summary>
public sealed record SessionDetails(
    ChairTileState Tile,
    Guid SiteId,
    IReadOnlyList<ReadingView> Readings,
    IReadOnlyList<AlarmView> AllAlarms,
    IReadOnlyList<SessionEventView> Timeline,
    string ProtocolVersion)
{
    /// <summary>INF-SCALE-01: CADSS / MOAA/S due now (InfusionEventsHandler.ScalesDue), at load time.</summary>
    public IReadOnlyList<string> ScalesDue { get; init; } = [];
}

/// <summary>Reads one session for its page (readings, alarms including resolved ones, timeline).</summary>
public sealed class SessionQuery(IDbContextFactory<ClinicDbContext> contexts, ChairBoardQuery board, ClinicProtocol protocol, TimeProvider clock)
{
    public async Task<SessionDetails?> LoadAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        if (s is null)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == s.PatientId)
            .Select(p => new { p.FamilyName, p.GivenName, p.Mrn }).FirstAsync(ct);
        var chair = await db.Chairs.AsNoTracking().Where(c => c.Id == s.ChairId).Select(c => c.Label).FirstAsync(ct);
        var readings = await db.Set<VitalReading>().AsNoTracking().Where(r => r.SessionId == sessionId).OrderBy(r => r.TakenAt).ToListAsync(ct);
        var alarms = await db.Set<VitalAlarm>().AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.EventTime).ToListAsync(ct);
        var events = await db.Set<SessionEvent>().AsNoTracking().Where(e => e.SessionId == sessionId).OrderBy(e => e.At).ToListAsync(ct);

        var tile = new ChairTileState
        {
            ChairId = s.ChairId,
            ChairLabel = chair,
            Session = new TileSession
            {
                Id = s.Id,
                PatientId = s.PatientId,
                PatientName = patient.FamilyName + ", " + patient.GivenName,
                Mrn = patient.Mrn,
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
            },
        };
        var views = readings.Select(ReadingView.From).ToList();
        tile.Recent.AddRange(views.TakeLast(ChairBoardQuery.RecentReadings));
        foreach (var a in alarms.Where(a => a.IsUnresolved))
        {
            tile.Apply(AlarmView.From(a));
        }

        var scored = await db.Set<PreInfusion.InfusionObservation>().AsNoTracking()
            .Where(o => o.SessionId == sessionId && o.InstrumentId != null).Select(o => new { o.InstrumentId, o.At }).ToListAsync(ct);
        return new SessionDetails(
            tile,
            s.SiteId,
            views,
            [.. alarms.Select(AlarmView.From)],
            [.. events.Select(e => new SessionEventView(e.At, e.Kind, Describe(e), e.ActorName))],
            s.ProtocolVersion)
        {
            ScalesDue = PreInfusion.InfusionEventsHandler.ScalesDue(s, scored.Select(o => (o.InstrumentId!, o.At)), clock.GetUtcNow(), protocol),
        };
    }

    /// <summary>Re-reads the live part (for a resync after missed updates).</summary>
    public Task<ChairTileState?> LoadTileAsync(Guid chairId, CancellationToken ct = default) => board.LoadChairAsync(chairId, ct);

    private static string Describe(SessionEvent e) => e.Kind switch
    {
        SessionEventKind.CheckedIn => "Checked in",
        SessionEventKind.PhaseChanged => $"{e.FromPhase} → {e.ToPhase}" + (e.Reason is null ? string.Empty : $": {e.Reason}"),
        SessionEventKind.AlarmRaised => $"Alarm {e.RuleId}: {e.Reason}",
        SessionEventKind.AlarmAcknowledged => $"Alarm {e.RuleId} acknowledged: {e.Reason}",
        SessionEventKind.AlarmEscalated => $"Alarm {e.RuleId} escalated: {e.Reason}",
        SessionEventKind.AlarmResolved => $"Alarm {e.RuleId} resolved: {e.Reason}",
        SessionEventKind.EpisodeUnconfirmed => e.Reason ?? $"{e.RuleId} not confirmed",
        SessionEventKind.DischargeAssessed => $"Discharge assessment: {e.Reason}",
        SessionEventKind.BpDeviationAcknowledged => $"DC-03 BP deviation acknowledged by physician: {e.Reason}",
        SessionEventKind.EscortHandedOff => $"Escort hand-off: {e.Reason}",
        SessionEventKind.LeftAgainstMedicalAdvice => $"Left against medical advice (physician override): {e.Reason}",
        SessionEventKind.PreCheckRecorded => $"Pre-check: {e.Reason}",
        SessionEventKind.PreChecksSignedOff => $"Pre-checks signed off ({e.RuleId}): {e.Reason}",
        SessionEventKind.DoseOrdered => $"Dose ordered: {e.Reason}",
        SessionEventKind.DosePrepared => $"Dose prepared: {e.Reason}",
        SessionEventKind.AntiemeticGiven => $"Antiemetic given: {e.Reason}",
        SessionEventKind.PositionChanged => $"Position changed: {e.Reason}",
        SessionEventKind.AdverseEvent => $"Adverse event: {e.Reason}",
        SessionEventKind.ScaleScored => $"Scale scored: {e.Reason}",
    };
}
