using System.Globalization;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// The one vitals pipeline: validate → persist and evaluate alarms in one unit of work → broadcast. HTTP, HL7 v2
/// over MLLP, FHIR, the tablet form and the simulator all call <see cref="IngestAsync"/>.
/// <list type="bullet">
/// <item>A batch is all-or-nothing: one impossible value refuses the whole batch and nothing is stored.</item>
/// <item>A reading is unique per sender and idempotency key: a resend is acknowledged as a duplicate, never stored
/// or evaluated twice; the same key with different content is refused.</item>
/// <item>Readings are evaluated in TakenAt order per vital-sign family (<see cref="AlarmEngine"/>); the readings,
/// the alarms they raise, the engine state, the timeline and the audit event commit in ONE SaveChanges, so a
/// stored reading always has its evaluation. The caller acknowledges (HTTP 2xx, HL7 AA) only after this returns
/// <see cref="VitalsIngestionResult.Accepted"/>, i.e. after the commit.</item>
/// <item>Subscribers (chair board, session page) are told after the commit.</item>
/// </list>
/// </summary>
public sealed class VitalsIngestion(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    SessionBroadcaster broadcaster,
    SessionLocks locks,
    DeviceDirectory devices,
    ActorAuditTrails audits,
    ILogger<VitalsIngestion> logger)
{
    public const int MaxBatchSize = 1000;
    private const int MaxAttempts = 5;

    public async Task<VitalsIngestionResult> IngestAsync(VitalsBatch batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Readings.Count is 0 or > MaxBatchSize)
        {
            return new VitalsIngestionResult.Refused(
                [new ReadingProblem(-1, null, "readings", string.Create(CultureInfo.InvariantCulture, $"A batch holds 1–{MaxBatchSize} readings; this one has {batch.Readings.Count}."))]);
        }

        var now = clock.GetUtcNow();
        var target = await ResolveAsync(batch.Target, ct);
        if (target.Failure is not null)
        {
            return target.Failure;
        }

        var session = target.Session!;
        var (readings, problems) = ValidateAll(batch.Readings, session.CheckedInAt, now);
        if (problems.Count > 0)
        {
            if (batch.Sender is VitalsSender.Device device)
            {
                // Never silently dropped: the nurse sees that the device sent something impossible.
                broadcaster.Publish(new DeviceFault(session.SiteId, session.Id, session.ChairId, device.Label, [.. problems.Select(p => p.Message).Distinct(StringComparer.Ordinal)], now));
            }

            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("Refused a vitals batch of {Count} readings from {Source}: {Problems} problems", batch.Readings.Count, batch.Source, problems.Count);
            }
            return new VitalsIngestionResult.Refused(problems);
        }

        using var held = await locks.AcquireAsync(session.Id, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await PersistAsync(batch, session.Id, readings, ct);
                if (outcome.Result is VitalsIngestionResult.Accepted && outcome.Updates.Count > 0)
                {
                    broadcaster.PublishAll(outcome.Updates);
                }

                return outcome.Result;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Another writer changed the session or an alarm (concurrency token), or stored the same key at the
                // same moment (unique index): start again from the database, where the dedupe will see it.
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation(ex, "Vitals batch retried after a concurrent write (attempt {Attempt})", attempt);
                }
            }
        }
    }

    private sealed record ResolvedTarget(OpenSession? Session, VitalsIngestionResult? Failure);

    private sealed record OpenSession(Guid Id, Guid SiteId, Guid ChairId, DateTimeOffset CheckedInAt);

    private async Task<ResolvedTarget> ResolveAsync(VitalsTarget target, CancellationToken ct)
    {
        Guid? chairId;
        Guid? sessionId = null;
        switch (target)
        {
            case VitalsTarget.OfDevice d:
                var device = await devices.FindAsync(d.DeviceId, ct);
                if (device is null || !device.IsActive)
                {
                    return new(null, new VitalsIngestionResult.UnknownTarget("The device is not registered or has been deactivated."));
                }

                if (device.ChairId is null)
                {
                    return new(null, new VitalsIngestionResult.UnknownTarget($"Device '{device.Label}' is not bound to a chair; bind it in the device registry."));
                }

                chairId = device.ChairId;
                break;
            case VitalsTarget.OfChair c:
                chairId = c.ChairId;
                break;
            case VitalsTarget.OfSession s:
                chairId = null;
                sessionId = s.SessionId;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "Unknown target.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Set<InfusionSession>().AsNoTracking();
        query = sessionId is { } id ? query.Where(x => x.Id == id && x.OpenChairId != null) : query.Where(x => x.OpenChairId == chairId);
        var session = await query.Select(x => new OpenSession(x.Id, x.SiteId, x.ChairId, x.CheckedInAt)).FirstOrDefaultAsync(ct);
        return session is null
            ? new(null, new VitalsIngestionResult.NoOpenSession(sessionId is null
                ? "No patient is checked in on this chair: readings are accepted only during a session (check-in to discharge)."
                : "The session is closed or does not exist."))
            : new(session, null);
    }

    private static (List<(IncomingReading Incoming, VitalsReading Reading, int Index)> Readings, List<ReadingProblem> Problems) ValidateAll(
        IReadOnlyList<IncomingReading> incoming, DateTimeOffset checkedInAt, DateTimeOffset now)
    {
        var problems = new List<ReadingProblem>();
        var valid = new List<(IncomingReading, VitalsReading, int)>(incoming.Count);
        var seen = new Dictionary<string, IncomingReading>(StringComparer.Ordinal);
        for (var i = 0; i < incoming.Count; i++)
        {
            var r = incoming[i];
            var (reading, readingProblems) = VitalsValidation.Validate(i, r, checkedInAt, now);
            problems.AddRange(readingProblems);
            if (reading is null)
            {
                continue;
            }

            if (seen.TryGetValue(r.IdempotencyKey, out var first))
            {
                if (!SameContent(first, r))
                {
                    problems.Add(new ReadingProblem(i, r.IdempotencyKey, "id", "The idempotency id appears twice in the batch with different values."));
                }

                continue; // An exact repeat inside the batch is one reading.
            }

            seen[r.IdempotencyKey] = r;
            valid.Add((r, reading, i));
        }

        return (valid, problems);
    }

    private static bool SameContent(IncomingReading a, IncomingReading b) =>
        SameInstant(a.TakenAt, b.TakenAt) && Normalize(a.Values) == Normalize(b.Values);

    // Stored form: O₂ status only with SpO₂, unknown counted as room air.
    private static VitalValues Normalize(VitalValues v) => v with { OnOxygen = v.Spo2Percent is null ? null : v.OnOxygen == true };

    // PostgreSQL keeps microseconds; a resend must match what was stored, not the last 100 ns.
    private static bool SameInstant(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < TimeSpan.FromMilliseconds(1);

    private sealed record PersistOutcome(VitalsIngestionResult Result, List<SessionUpdate> Updates);

    private async Task<PersistOutcome> PersistAsync(
        VitalsBatch batch,
        Guid sessionId,
        List<(IncomingReading Incoming, VitalsReading Reading, int Index)> readings,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        if (session is null || SessionPhases.Monitoring(session.Phase) is not { } phase)
        {
            return new(new VitalsIngestionResult.NoOpenSession("The session closed before the readings could be stored."), []);
        }

        var senderKey = batch.Sender.Key;
        var keys = readings.Select(r => r.Incoming.IdempotencyKey).ToList();
        var existing = await db.Set<VitalReading>().AsNoTracking()
            .Where(r => r.SenderKey == senderKey && keys.Contains(r.IdempotencyKey))
            .ToDictionaryAsync(r => r.IdempotencyKey, StringComparer.Ordinal, ct);

        var outcomes = new Dictionary<string, ReadingOutcome>(StringComparer.Ordinal);
        var conflicts = new List<ReadingProblem>();
        var fresh = new List<(IncomingReading Incoming, VitalsReading Reading, int Index)>();
        foreach (var r in readings)
        {
            if (existing.TryGetValue(r.Incoming.IdempotencyKey, out var previous))
            {
                if (SameContent(ToIncoming(previous), r.Incoming))
                {
                    outcomes[r.Incoming.IdempotencyKey] = new ReadingOutcome(r.Incoming.IdempotencyKey, ReadingDisposition.Duplicate, previous.Id);
                }
                else
                {
                    conflicts.Add(new ReadingProblem(r.Index, r.Incoming.IdempotencyKey, "id", "This idempotency id was already used for a different reading."));
                }
            }
            else
            {
                fresh.Add(r);
            }
        }

        if (conflicts.Count > 0)
        {
            return new(new VitalsIngestionResult.Refused(conflicts), []);
        }

        if (fresh.Count == 0)
        {
            return new(Accepted(batch, session.Id, outcomes, []), []);
        }

        var unresolved = await db.Set<VitalAlarm>().Where(a => a.SessionId == session.Id && a.State != AlarmState.Resolved).ToListAsync(ct);
        var raised = new List<VitalAlarm>();
        var changed = new HashSet<VitalAlarm>();
        var state = AlarmEngineState.FromJson(session.AlarmStateJson);
        var stored = new List<VitalReading>(fresh.Count);
        var (deviceId, userId) = batch.Sender switch
        {
            VitalsSender.Device d => ((Guid?)d.DeviceId, (Guid?)null),
            VitalsSender.Clinician c => (null, c.UserId),
            VitalsSender.System => ((Guid?)null, (Guid?)null),
            _ => throw new ArgumentOutOfRangeException(nameof(batch), batch.Sender, "Unknown sender."),
        };

        foreach (var r in fresh.OrderBy(r => r.Reading.TakenAt).ThenBy(r => r.Incoming.IdempotencyKey, StringComparer.Ordinal))
        {
            var step = AlarmEngine.Feed(
                state, r.Reading, phase, session.InfusionStartedAt, session.InfusionEndedAt, protocol,
                rule => unresolved.Exists(a => a.RuleId == rule.Value) || raised.Exists(a => a.RuleId == rule.Value));
            state = step.State;
            var v = r.Incoming.Values;
            var entity = new VitalReading
            {
                SessionId = session.Id,
                DeviceId = deviceId,
                EnteredByUserId = userId,
                Source = batch.Source,
                SenderKey = senderKey,
                IdempotencyKey = r.Incoming.IdempotencyKey,
                TakenAt = r.Reading.TakenAt,
                ReceivedAt = now,
                SystolicMmHg = v.SystolicMmHg,
                DiastolicMmHg = v.DiastolicMmHg,
                HeartRatePerMin = v.HeartRatePerMin,
                Spo2Percent = v.Spo2Percent,
                OnOxygen = v.Spo2Percent is null ? null : v.OnOxygen == true,
                RespiratoryRatePerMin = v.RespiratoryRatePerMin,
                TemperatureDeciCelsius = v.TemperatureDeciCelsius,
                ApneaSeconds = v.ApneaSeconds,
                Moaas = v.Moaas,
                RespondsToVoice = v.RespondsToVoice,
                Symptoms = v.Symptoms,
                Evaluation = step.Late ? ReadingEvaluation.Late : ReadingEvaluation.InOrder,
            };
            stored.Add(entity);
            outcomes[r.Incoming.IdempotencyKey] = new ReadingOutcome(r.Incoming.IdempotencyKey, ReadingDisposition.Stored, entity.Id);

            foreach (var alarm in step.Alarms)
            {
                var row = NewAlarm(session, entity.Id, alarm, now);
                raised.Add(row);
                db.Add(new SessionEvent
                {
                    SessionId = session.Id,
                    At = now,
                    Kind = SessionEventKind.AlarmRaised,
                    AlarmId = row.Id,
                    RuleId = row.RuleId,
                    Reason = row.Message,
                    ActorName = batch.Sender.AuditName,
                });
            }

            foreach (var closed in step.Closed)
            {
                if (closed.Closure == EpisodeClosure.Unconfirmed)
                {
                    db.Add(new SessionEvent
                    {
                        SessionId = session.Id,
                        At = now,
                        Kind = SessionEventKind.EpisodeUnconfirmed,
                        RuleId = closed.Rule.Value,
                        Reason = string.Create(CultureInfo.InvariantCulture, $"VS-CONF-01: {closed.Rule} first met at {closed.FirstMetAt:HH:mm:ss} UTC was not confirmed."),
                        ActorName = batch.Sender.AuditName,
                    });
                    continue;
                }

                // The condition cleared: an acknowledged alarm is now resolved; an unacknowledged one still waits for
                // its acknowledgement (an alarm nobody saw must be seen).
                foreach (var alarm in unresolved.Concat(raised).Where(a => a.RuleId == closed.Rule.Value && a.ConditionClearedAt is null && a.State != AlarmState.Resolved))
                {
                    alarm.ConditionClearedAt = closed.ClosedAt;
                    if (alarm.State == AlarmState.Acknowledged)
                    {
                        alarm.State = AlarmState.Resolved;
                        alarm.ResolvedAt = now;
                        db.Add(new SessionEvent
                        {
                            SessionId = session.Id,
                            At = now,
                            Kind = SessionEventKind.AlarmResolved,
                            AlarmId = alarm.Id,
                            RuleId = alarm.RuleId,
                            Reason = "Condition cleared after acknowledgement.",
                            ActorName = batch.Sender.AuditName,
                        });
                    }

                    alarm.Version = Guid.NewGuid();
                    changed.Add(alarm);
                }
            }
        }

        // The readings go in as multi-row INSERTs inside the same transaction (BulkRows); the rest through EF.
        var verifyReadingsWritten = BulkRows.InsertOnSave(db, stored);
        db.AddRange(raised);
        session.AlarmStateJson = state.ToJson();
        var latest = stored.Max(r => r.TakenAt);
        session.LastReadingAt = session.LastReadingAt is { } last && last > latest ? last : latest;
        session.NextReadingDueAt = state.NextDue?.At;
        session.NextReadingDueReason = state.NextDue?.Reason;
        session.Version = Guid.NewGuid();

        // Device writes of patient data are audited: one event per batch, the device (or user) as the actor.
        var audit = audits.For(new AuditActorInfo(
            batch.Sender is VitalsSender.Clinician clinician ? clinician.UserId : null,
            batch.Sender.AuditName,
            batch.Sender switch
            {
                VitalsSender.Device => ActorAuditTrails.DeviceRole,
                VitalsSender.Clinician cl => cl.Role,
                VitalsSender.System => ActorAuditTrails.SystemRole,
                _ => null,
            },
            null));
        await audit.StageAsync(db, new AuditEntry(
            AuditActions.Create,
            "VitalReading",
            session.Id.ToString(),
            session.PatientId,
            Detail: string.Create(CultureInfo.InvariantCulture, $"{stored.Count} reading(s) via {batch.Source}; {raised.Count} alarm(s) raised")));
        await db.SaveChangesAsync(ct);
        verifyReadingsWritten();

        var updates = new List<SessionUpdate>
        {
            new ReadingsAdded(session.SiteId, session.Id, session.ChairId, [.. stored.OrderBy(r => r.TakenAt).Select(ReadingView.From)], session.NextReadingDueAt, session.NextReadingDueReason),
        };
        updates.AddRange(raised.Concat(changed.Except(raised)).Select(a => new AlarmChanged(session.SiteId, session.Id, session.ChairId, AlarmView.From(a))));
        return new(Accepted(batch, session.Id, outcomes, [.. raised.Select(AlarmView.From)]), updates);
    }

    private static VitalsIngestionResult.Accepted Accepted(VitalsBatch batch, Guid sessionId, Dictionary<string, ReadingOutcome> outcomes, IReadOnlyList<AlarmView> alarms)
    {
        // One outcome per reading of the request, in request order (an exact repeat inside the batch repeats its outcome).
        var list = batch.Readings.Select(r => outcomes[r.IdempotencyKey]).ToList();
        return new VitalsIngestionResult.Accepted(sessionId, list, alarms);
    }

    private VitalAlarm NewAlarm(InfusionSession session, Guid readingId, VitalSignAlarm alarm, DateTimeOffset now) => new()
    {
        SessionId = session.Id,
        SiteId = session.SiteId,
        ReadingId = readingId,
        RuleId = alarm.Rule.Value,
        Family = alarm.Family,
        Severity = alarm.Severity,
        Actions = string.Join(',', alarm.RequiredActions),
        Message = alarm.Message.Length <= 600 ? alarm.Message : alarm.Message[..600],
        EventTime = alarm.EventTime,
        FirstMetAt = alarm.FirstMetAt,
        Confirmation = alarm.Confirmation,
        SuppressedRules = alarm.SuppressedRules.Count == 0 ? null : string.Join(',', alarm.SuppressedRules.Select(r => r.Value)),
        Interpretation = alarm.InterpretationCode,
        ProtocolVersion = alarm.ProtocolVersion.Value,
        State = AlarmState.Raised,
        RaisedAt = now,
        // Unacknowledged alarms escalate after the protocol's minutes for their severity, counted from the event.
        EscalatesAt = alarm.EventTime.AddMinutes(AlarmEscalation.EscalationMinutes(alarm.Severity, protocol)),
    };

    private static IncomingReading ToIncoming(VitalReading r) => new(r.IdempotencyKey, r.TakenAt, new VitalValues
    {
        SystolicMmHg = r.SystolicMmHg,
        DiastolicMmHg = r.DiastolicMmHg,
        HeartRatePerMin = r.HeartRatePerMin,
        Spo2Percent = r.Spo2Percent,
        OnOxygen = r.OnOxygen,
        RespiratoryRatePerMin = r.RespiratoryRatePerMin,
        TemperatureDeciCelsius = r.TemperatureDeciCelsius,
        ApneaSeconds = r.ApneaSeconds,
        Moaas = r.Moaas,
        RespondsToVoice = r.RespondsToVoice,
        Symptoms = r.Symptoms,
    });
}
