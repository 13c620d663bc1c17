using System.Globalization;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>One observation as shown on the session page.</summary>
public sealed record ObservationView(Guid Id, InfusionObservationKind Kind, DateTimeOffset At, decimal? InfusionMinute, string Text, string ByName);

/// <summary>The answer of an in-chair event command. Closed hierarchy.</summary>
public abstract record InfusionEventResult
{
    private InfusionEventResult()
    {
    }

    public sealed record Recorded(ObservationView Observation) : InfusionEventResult;

    public sealed record NotFound(string Message) : InfusionEventResult;

    public sealed record NotAllowed(string Message) : InfusionEventResult;

    public sealed record Invalid(IReadOnlyList<string> Problems) : InfusionEventResult;
}

/// <summary>
/// What happens in the chair (clinical-spec §4.2, §4.4): antiemetic given, position change, adverse event with its
/// seriousness, and the CADSS-23 / MOAA/S scales scored by <see cref="InstrumentCatalog"/> (an incomplete or invalid
/// scale is refused). Each is stored, put on the session timeline and audited in one unit of work. A MOAA/S score
/// also goes through <see cref="VitalsIngestion"/> as a reading, so VS-SED-01 evaluates it like any other.
/// </summary>
public sealed class InfusionEventsHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    VitalsIngestion ingestion,
    ActorAuditTrails audits,
    SessionBroadcaster broadcaster)
{
    public const int MaxTextLength = 1000;

    public Task<InfusionEventResult> AntiemeticAsync(Guid sessionId, string? drug, string? dose, StaffActor actor, CancellationToken ct = default)
    {
        drug = drug?.Trim();
        dose = dose?.Trim();
        if (string.IsNullOrEmpty(drug) || drug.Length > 120 || string.IsNullOrEmpty(dose) || dose.Length > 60)
        {
            return Invalid("Drug (up to 120 characters) and dose (up to 60, e.g. \"4 mg IV\") are required.");
        }

        return RecordAsync(sessionId, actor, new InfusionObservation
        {
            Kind = InfusionObservationKind.AntiemeticGiven,
            Drug = drug,
            DoseText = dose,
            ProtocolVersion = protocol.Version.Value,
            ByName = actor?.Name ?? string.Empty,
        }, SessionEventKind.AntiemeticGiven, $"{drug} {dose}", ct);
    }

    public Task<InfusionEventResult> PositionAsync(Guid sessionId, string? position, StaffActor actor, CancellationToken ct = default)
    {
        position = position?.Trim();
        if (string.IsNullOrEmpty(position) || position.Length > 120)
        {
            return Invalid("Describe the new position (up to 120 characters).");
        }

        return RecordAsync(sessionId, actor, new InfusionObservation
        {
            Kind = InfusionObservationKind.PositionChange,
            Position = position,
            ProtocolVersion = protocol.Version.Value,
            ByName = actor?.Name ?? string.Empty,
        }, SessionEventKind.PositionChanged, position, ct);
    }

    public Task<InfusionEventResult> AdverseEventAsync(Guid sessionId, AdverseEventSeriousness seriousness, string? text, StaffActor actor, CancellationToken ct = default)
    {
        text = text?.Trim();
        if (!Enum.IsDefined(seriousness))
        {
            return Invalid("Choose the seriousness: mild, moderate, severe or serious.");
        }

        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
        {
            return Invalid($"Describe the event (up to {MaxTextLength} characters).");
        }

        return RecordAsync(sessionId, actor, new InfusionObservation
        {
            Kind = InfusionObservationKind.AdverseEvent,
            Seriousness = seriousness,
            Text = text,
            ProtocolVersion = protocol.Version.Value,
            ByName = actor?.Name ?? string.Empty,
        }, SessionEventKind.AdverseEvent, $"{seriousness}: {text}", ct);
    }

    /// <summary>Scores CADSS-23 or MOAA/S with <see cref="InstrumentCatalog"/>; a missing item or an out-of-range answer is refused.</summary>
    public async Task<InfusionEventResult> ScaleAsync(Guid sessionId, string instrumentId, IReadOnlyDictionary<string, ItemAnswer> answers, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(actor);
        if (instrumentId is not (InstrumentIds.Cadss23 or InstrumentIds.Moaas))
        {
            return await Invalid("In the chair: CADSS-23 or MOAA/S.");
        }

        var result = InstrumentCatalog.Score(instrumentId, answers, protocol);
        switch (result)
        {
            case InstrumentResult.Invalid invalid:
                return new InfusionEventResult.Invalid([.. invalid.Errors.Select(e => e.Message)]);
            case InstrumentResult.Incomplete incomplete:
                // SCALE-01 (clinical-spec §6): a missing item makes the scale incomplete; it is not stored as a score.
                return new InfusionEventResult.Invalid([$"{incomplete.Rule}: every item is required; missing " + string.Join(", ", incomplete.MissingAnswers.Select(m => m.LinkId)) + "."]);
            case InstrumentResult.Scored or InstrumentResult.Triaged:
                break;
            default:
                throw new InvalidOperationException("Unknown instrument result.");
        }

        var scored = (InstrumentResult.Scored)result;
        if (instrumentId == InstrumentIds.Moaas && actor.IsClinical)
        {
            // The MOAA/S is also a reading: VS-SED-01 (clinical-spec §4.3) is evaluated by the one vitals pipeline.
            var reading = await ingestion.IngestAsync(new VitalsBatch(
                VitalsSourceKind.Manual,
                new VitalsTarget.OfSession(sessionId),
                new VitalsSender.Clinician(actor.UserId, actor.Name, string.Join(',', actor.Roles)),
                [new IncomingReading("moaas-" + Guid.NewGuid().ToString("N"), clock.GetUtcNow(), new VitalValues { Moaas = scored.Total })]), ct);
            switch (reading)
            {
                case VitalsIngestionResult.Accepted:
                    break;
                case VitalsIngestionResult.Refused r:
                    return new InfusionEventResult.Invalid([.. r.Problems.Select(p => p.Message)]);
                case VitalsIngestionResult.NoOpenSession n:
                    return new InfusionEventResult.NotAllowed(n.Detail);
                case VitalsIngestionResult.UnknownTarget u:
                    return new InfusionEventResult.NotFound(u.Detail);
            }
        }

        return await RecordAsync(sessionId, actor, new InfusionObservation
        {
            Kind = InfusionObservationKind.Scale,
            InstrumentId = instrumentId,
            InstrumentVersion = scored.Instrument.Version,
            Total = scored.Total,
            AnswersJson = ScaleAnswers.ToJson(answers),
            ProtocolVersion = scored.ProtocolVersion.Value,
            ByName = actor.Name,
        }, SessionEventKind.ScaleScored, string.Create(CultureInfo.InvariantCulture, $"{Title(instrumentId)} {scored.Total}"), ct);
    }

    /// <summary>The session's observations, newest first.</summary>
    public async Task<IReadOnlyList<ObservationView>> ListAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Set<InfusionObservation>().AsNoTracking().Where(o => o.SessionId == sessionId).ToListAsync(ct);
        return [.. rows.OrderByDescending(o => o.At).Select(View)];
    }

    /// <summary>
    /// INF-SCALE-01 (clinical-spec §4.2 [C]): CADSS and MOAA/S are due once the infusion has run the protocol's
    /// minutes (default 40) and the scale has not been scored since the infusion started. Returns the due instrument ids.
    /// </summary>
    public static IReadOnlyList<string> ScalesDue(InfusionSession session, IEnumerable<(string InstrumentId, DateTimeOffset At)> scored, DateTimeOffset now, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(protocol);
        if (session.InfusionStartedAt is not { } start || session.Phase is not (SessionPhase.Infusing or SessionPhase.Paused or SessionPhase.Recovering))
        {
            return [];
        }

        if (SessionPhaseHandler.InfusedMinutes(session, now) < protocol.InfusionDay.ScalesDueAtInfusionMinute)
        {
            return [];
        }

        var done = scored.Where(s => s.At >= start).Select(s => s.InstrumentId).ToHashSet(StringComparer.Ordinal);
        return [.. new[] { InstrumentIds.Cadss23, InstrumentIds.Moaas }.Where(id => !done.Contains(id))];
    }

    public static string Title(string instrumentId) => instrumentId switch
    {
        InstrumentIds.Cadss23 => "CADSS-23",
        InstrumentIds.Moaas => "MOAA/S",
        _ => instrumentId,
    };

    private static ObservationView View(InfusionObservation o) => new(o.Id, o.Kind, o.At, o.InfusionMinute, o.Kind switch
    {
        InfusionObservationKind.AntiemeticGiven => $"Antiemetic: {o.Drug} {o.DoseText}",
        InfusionObservationKind.PositionChange => $"Position: {o.Position}",
        InfusionObservationKind.AdverseEvent => $"Adverse event ({o.Seriousness}): {o.Text}",
        InfusionObservationKind.Scale => string.Create(CultureInfo.InvariantCulture, $"{Title(o.InstrumentId ?? string.Empty)}: {o.Total}"),
    }, o.ByName);

    private static Task<InfusionEventResult> Invalid(string problem) => Task.FromResult<InfusionEventResult>(new InfusionEventResult.Invalid([problem]));

    private async Task<InfusionEventResult> RecordAsync(Guid sessionId, StaffActor? actor, InfusionObservation row, SessionEventKind kind, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new InfusionEventResult.NotAllowed("Only nurses and physicians record events in the chair.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new InfusionEventResult.NotFound("No such session.");
        }

        if (SessionPhases.IsTerminal(session.Phase))
        {
            return new InfusionEventResult.NotAllowed("The session has ended.");
        }

        row.SessionId = sessionId;
        row.PatientId = session.PatientId;
        row.At = now;
        row.ByUserId = actor.UserId == Guid.Empty ? null : actor.UserId;
        row.InfusionMinute = session.InfusionStartedAt is null ? null : decimal.Round((decimal)SessionPhaseHandler.InfusedMinutes(session, now), 2, MidpointRounding.AwayFromZero);
        db.Add(row);
        db.Add(new SessionEvent
        {
            SessionId = sessionId,
            At = now,
            Kind = kind,
            Reason = text.Length <= SessionPhaseHandler.MaxReasonLength ? text : text[..SessionPhaseHandler.MaxReasonLength],
            ActorUserId = row.ByUserId,
            ActorName = actor.Name,
        });
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "InfusionObservation", row.Id.ToString(), session.PatientId, Detail: kind.ToString()));
        await db.SaveChangesAsync(ct);
        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new InfusionEventResult.Recorded(View(row));
    }
}
