using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// The single writer of the vitals pipeline, with group commit. <see cref="VitalsIngestion"/> resolves and validates
/// each batch in parallel, then queues it here (bounded queue: callers wait when it is full). The writer takes every
/// batch that queued while it was busy and commits them in ONE transaction: readings (prepared inserts, BulkRows),
/// raised and cleared alarms, each session's engine state, the timeline, and one audit event per batch. Each caller's
/// task completes only after that commit (contracts.md: 2xx/AA only once durable), and the broadcast follows it.
/// <list type="bullet">
/// <item>Why: a commit costs a synchronous log write (~5-10 ms on this disk) and the audit-chain head lookup. One
/// transaction per request caps the pipeline at ~200 requests/s; merged, the cost is paid once per group.</item>
/// <item>Dedupe holds inside a group: a key stored by an earlier batch of the group makes a later one a duplicate
/// (or a conflict, if the values differ), exactly as if the batches had been committed one after another.</item>
/// <item>Per session, the new readings of all the group's batches are fed to the alarm engine together, in TakenAt
/// order (then arrival order), and the engine state is written once: the result of ingesting the batches one by one
/// in TakenAt order.</item>
/// <item>A failure of the merged transaction does not fail innocent batches: after a second try, the group's
/// batches are committed one by one (each with the usual retries), so every caller gets its own true result.</item>
/// </list>
/// </summary>
public sealed class VitalsWriter : IAsyncDisposable
{
    /// <summary>Batches waiting for the writer before callers are held back (backpressure).</summary>
    public const int QueueCapacity = 4096;

    /// <summary>At most this many batches in one transaction.</summary>
    public const int MaxGroupBatches = 512;

    /// <summary>At most this many readings in one transaction (a single larger batch still goes alone).</summary>
    public const int MaxGroupReadings = 10_000;

    private const int MaxAttempts = 5;
    private const int MergedAttempts = 2;

    private readonly IDbContextFactory<ClinicDbContext> _contexts;
    private readonly TimeProvider _clock;
    private readonly ClinicProtocol _protocol;
    private readonly SessionBroadcaster _broadcaster;
    private readonly ActorAuditTrails _audits;
    private readonly ILogger<VitalsWriter> _logger;
    private readonly Channel<PendingBatch> _queue = Channel.CreateBounded<PendingBatch>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SemaphoreSlim _hold = new(1, 1);
    private readonly Task _loop;
    private long _groups;
    private long _batches;
    private long _fallbacks;
    private long _busyTicks;

    public VitalsWriter(
        IDbContextFactory<ClinicDbContext> contexts,
        TimeProvider clock,
        ClinicProtocol protocol,
        SessionBroadcaster broadcaster,
        ActorAuditTrails audits,
        ILogger<VitalsWriter> logger)
    {
        _contexts = contexts;
        _clock = clock;
        _protocol = protocol;
        _broadcaster = broadcaster;
        _audits = audits;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Counters since start (diagnostics and the load bench).</summary>
    public WriterStats Stats => new(
        Interlocked.Read(ref _groups),
        Interlocked.Read(ref _batches),
        Interlocked.Read(ref _fallbacks),
        TimeSpan.FromSeconds((double)Interlocked.Read(ref _busyTicks) / Stopwatch.Frequency));

    /// <summary>Batches waiting for the writer now.</summary>
    internal int Queued => _queue.Reader.Count;

    /// <summary>Queues a validated batch and completes after its transaction committed (or with its own failure).</summary>
    internal async Task<VitalsIngestionResult> WriteAsync(
        VitalsBatch batch,
        Guid sessionId,
        List<(IncomingReading Incoming, VitalsReading Reading, int Index)> readings,
        CancellationToken ct)
    {
        var pending = new PendingBatch(batch, sessionId, readings);
        await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the batch is written even if this caller stops waiting; a resend is then a duplicate.
        return await pending.Completion.Task.WaitAsync(ct);
    }

    /// <summary>Tests: keeps the writer from taking the next group until disposed, so queued batches form one group.</summary>
    internal async Task<IDisposable> HoldAsync()
    {
        await _hold.WaitAsync();
        return new Releaser(_hold);
    }

    public async ValueTask DisposeAsync()
    {
        // Finish what is queued, then stop.
        _queue.Writer.TryComplete();
        await _loop;
        _hold.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var group = new List<PendingBatch>();
        PendingBatch? carry = null;
        while (carry is not null || await reader.WaitToReadAsync())
        {
            await _hold.WaitAsync();
            _hold.Release();
            group.Clear();
            var readings = 0;
            if (carry is not null)
            {
                group.Add(carry);
                readings = carry.Readings.Count;
                carry = null;
            }

            while (group.Count < MaxGroupBatches && reader.TryRead(out var next))
            {
                if (group.Count > 0 && readings + next.Readings.Count > MaxGroupReadings)
                {
                    carry = next;
                    break;
                }

                group.Add(next);
                readings += next.Readings.Count;
            }

            if (group.Count > 0)
            {
                await CommitAsync([.. group]);
            }
        }
    }

    private async Task CommitAsync(List<PendingBatch> group)
    {
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _groups);
        Interlocked.Add(ref _batches, group.Count);
        try
        {
            await CommitGroupAsync(group);
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    private async Task CommitGroupAsync(List<PendingBatch> group)
    {
        if (group.Count > 1)
        {
            for (var attempt = 1; attempt <= MergedAttempts; attempt++)
            {
                try
                {
                    Complete(group, await PersistAsync(group));
                    return;
                }
#pragma warning disable CA1031 // Any failure of the merged transaction falls back to one by one, where each batch meets its own.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (_logger.IsEnabled(LogLevel.Warning))
                    {
                        _logger.LogWarning(ex, "A group commit of {Count} vitals batches failed (attempt {Attempt})", group.Count, attempt);
                    }
                }
            }

            Interlocked.Increment(ref _fallbacks);
        }

        foreach (var pending in group)
        {
            await CommitAloneAsync(pending);
        }
    }

    private async Task CommitAloneAsync(PendingBatch pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Complete([pending], await PersistAsync([pending]));
                return;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // Another writer (another process, a phase change, an acknowledgement) changed the session or an alarm
                // (concurrency token), or stored the same key at the same moment (unique index): start again from the
                // database, where the dedupe will see it.
                if (_logger.IsEnabled(LogLevel.Information))
                {
                    _logger.LogInformation(ex, "Vitals batch retried after a concurrent write (attempt {Attempt})", attempt);
                }
            }
#pragma warning disable CA1031 // The failure belongs to this batch's caller, not to the writer loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                pending.Completion.TrySetException(ex);
                return;
            }
        }
    }

    private void Complete(List<PendingBatch> group, GroupOutcome outcome)
    {
        // Durable now: tell the board, then the callers.
        if (outcome.Updates.Count > 0)
        {
            _broadcaster.PublishAll(outcome.Updates);
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Completion.TrySetResult(outcome.Results[i] ?? throw new InvalidOperationException("A batch of the group has no result."));
        }
    }

    private sealed record GroupOutcome(VitalsIngestionResult?[] Results, List<SessionUpdate> Updates);

    private sealed record FreshReading(int Batch, VitalsReading Reading, VitalReading Entity);

    private async Task<GroupOutcome> PersistAsync(List<PendingBatch> group)
    {
        var now = _clock.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync();
        var results = new VitalsIngestionResult?[group.Count];
        var sessionIds = group.Select(p => p.SessionId).Distinct().ToList();
        // Not tracked: the few columns ingestion changes are written by one prepared UPDATE per session (below).
        var sessions = await db.Set<InfusionSession>().AsNoTracking().Where(s => sessionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);

        var existing = new Dictionary<(string Sender, string Key), VitalReading>();
        foreach (var r in await ExistingAsync(db, group))
        {
            existing[(r.SenderKey, r.IdempotencyKey)] = r;
        }

        var inGroup = new Dictionary<(string Sender, string Key), VitalReading>();
        var outcomes = new Dictionary<string, ReadingOutcome>?[group.Count];
        var work = new Dictionary<Guid, List<FreshReading>>();
        for (var i = 0; i < group.Count; i++)
        {
            var p = group[i];
            if (!sessions.TryGetValue(p.SessionId, out var session) || SessionPhases.Monitoring(session.Phase) is null)
            {
                results[i] = new VitalsIngestionResult.NoOpenSession("The session closed before the readings could be stored.");
                continue;
            }

            var senderKey = p.Batch.Sender.Key;
            var batchOutcomes = new Dictionary<string, ReadingOutcome>(StringComparer.Ordinal);
            var conflicts = new List<ReadingProblem>();
            var fresh = new List<(IncomingReading Incoming, VitalsReading Reading, int Index)>();
            foreach (var r in p.Readings)
            {
                var key = (senderKey, r.Incoming.IdempotencyKey);
                // Stored before, or by an earlier batch of this group: the same as if that batch had committed first.
                if ((existing.GetValueOrDefault(key) ?? inGroup.GetValueOrDefault(key)) is { } previous)
                {
                    if (VitalsIngestion.SameContent(ToIncoming(previous), r.Incoming))
                    {
                        batchOutcomes[r.Incoming.IdempotencyKey] = new ReadingOutcome(r.Incoming.IdempotencyKey, ReadingDisposition.Duplicate, previous.Id);
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
                results[i] = new VitalsIngestionResult.Refused(conflicts);
                continue;
            }

            outcomes[i] = batchOutcomes;
            if (fresh.Count == 0)
            {
                results[i] = Accepted(p.Batch, p.SessionId, batchOutcomes, []);
                continue;
            }

            var (deviceId, userId) = p.Batch.Sender switch
            {
                VitalsSender.Device d => ((Guid?)d.DeviceId, (Guid?)null),
                VitalsSender.Clinician c => (null, c.UserId),
                VitalsSender.System => ((Guid?)null, (Guid?)null),
                _ => throw new InvalidOperationException("Unknown sender."),
            };
            if (!work.TryGetValue(p.SessionId, out var items))
            {
                work[p.SessionId] = items = [];
            }

            foreach (var r in fresh)
            {
                var v = r.Incoming.Values;
                var entity = new VitalReading
                {
                    SessionId = p.SessionId,
                    DeviceId = deviceId,
                    EnteredByUserId = userId,
                    Source = p.Batch.Source,
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
                };
                inGroup[(senderKey, entity.IdempotencyKey)] = entity;
                batchOutcomes[entity.IdempotencyKey] = new ReadingOutcome(entity.IdempotencyKey, ReadingDisposition.Stored, entity.Id);
                items.Add(new FreshReading(i, r.Reading, entity));
            }
        }

        if (work.Count == 0)
        {
            return new GroupOutcome(results, []);
        }

        var workSessions = work.Keys.ToList();
        var unresolvedAll = await db.Set<VitalAlarm>().Where(a => workSessions.Contains(a.SessionId) && a.State != AlarmState.Resolved).ToListAsync();
        var raisedBy = new List<VitalAlarm>?[group.Count];
        var stored = new List<VitalReading>();
        var touched = new List<(InfusionSession Row, object OriginalVersion)>();
        var updates = new List<SessionUpdate>();
        foreach (var (sessionId, items) in work)
        {
            var session = sessions[sessionId];
            var phase = SessionPhases.Monitoring(session.Phase)!.Value;
            var unresolved = unresolvedAll.Where(a => a.SessionId == sessionId).ToList();
            var raised = new List<VitalAlarm>();
            var changed = new HashSet<VitalAlarm>();
            var state = AlarmEngineState.FromJson(session.AlarmStateJson);
            // TakenAt order per session across the group's batches (the engine keeps each family in order); ties in
            // arrival order, then by key, as a single batch has always been evaluated.
            items.Sort((a, b) =>
            {
                var c = a.Reading.TakenAt.CompareTo(b.Reading.TakenAt);
                c = c != 0 ? c : a.Batch.CompareTo(b.Batch);
                return c != 0 ? c : string.CompareOrdinal(a.Entity.IdempotencyKey, b.Entity.IdempotencyKey);
            });
            foreach (var item in items)
            {
                var actorName = group[item.Batch].Batch.Sender.AuditName;
                var step = AlarmEngine.Feed(
                    state, item.Reading, phase, session.InfusionStartedAt, session.InfusionEndedAt, _protocol,
                    rule => unresolved.Exists(a => a.RuleId == rule.Value) || raised.Exists(a => a.RuleId == rule.Value));
                state = step.State;
                item.Entity.Evaluation = step.Late ? ReadingEvaluation.Late : ReadingEvaluation.InOrder;
                stored.Add(item.Entity);

                foreach (var alarm in step.Alarms)
                {
                    var row = NewAlarm(session, item.Entity.Id, alarm, now);
                    raised.Add(row);
                    (raisedBy[item.Batch] ??= []).Add(row);
                    db.Add(new SessionEvent
                    {
                        SessionId = session.Id,
                        At = now,
                        Kind = SessionEventKind.AlarmRaised,
                        AlarmId = row.Id,
                        RuleId = row.RuleId,
                        Reason = row.Message,
                        ActorName = actorName,
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
                            ActorName = actorName,
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
                                ActorName = actorName,
                            });
                        }

                        alarm.Version = Guid.NewGuid();
                        changed.Add(alarm);
                    }
                }
            }

            db.AddRange(raised);
            session.AlarmStateJson = state.ToJson();
            var latest = items.Max(r => r.Entity.TakenAt);
            session.LastReadingAt = session.LastReadingAt is { } last && last > latest ? last : latest;
            session.NextReadingDueAt = state.NextDue?.At;
            session.NextReadingDueReason = state.NextDue?.Reason;
            touched.Add((session, session.Version));
            session.Version = Guid.NewGuid();

            // Items are in TakenAt order already.
            updates.Add(new ReadingsAdded(session.SiteId, session.Id, session.ChairId, [.. items.Select(x => ReadingView.From(x.Entity))], session.NextReadingDueAt, session.NextReadingDueReason, session.Version));
            updates.AddRange(raised.Concat(changed.Except(raised)).Select(a => new AlarmChanged(session.SiteId, session.Id, session.ChairId, AlarmView.From(a))));
        }

        // Device writes of patient data are audited: one event per batch that stored readings, the device (or user) as
        // the actor, all in this transaction (staged events have placeholder keys until the chain numbers them).
        for (var i = 0; i < group.Count; i++)
        {
            var p = group[i];
            if (results[i] is not null)
            {
                continue;
            }

            var session = sessions[p.SessionId];
            var storedCount = outcomes[i]!.Values.Count(o => o.Disposition == ReadingDisposition.Stored);
            await _audits.For(AuditActor(p.Batch.Sender)).StageAsync(db, new AuditEntry(
                AuditActions.Create,
                "VitalReading",
                session.Id.ToString(),
                session.PatientId,
                Detail: string.Create(CultureInfo.InvariantCulture, $"{storedCount} reading(s) via {p.Batch.Source}; {raisedBy[i]?.Count ?? 0} alarm(s) raised")));
        }

        // The bulk of the unit of work goes through prepared statements in the same transaction (BulkRows): EF's change
        // tracker and per-entity command building cost more than the writes themselves. The readings and the audit
        // events are inserted (the events once ClinicDbContext has given them their chain sequence and hashes), the
        // sessions updated under their concurrency token; alarms and timeline events, rare, go through EF.
        var written = false;
        void WriteInBulk(object? sender, SavingChangesEventArgs e)
        {
            db.SavingChanges -= WriteInBulk;
            BulkRows.Insert(db, stored);
            var events = db.ChangeTracker.Entries<AuditEvent>().Where(x => x.State == EntityState.Added).ToList();
            BulkRows.Insert(db, [.. events.Select(x => x.Entity)]);
            foreach (var entry in events)
            {
                entry.State = EntityState.Unchanged;
            }

            BulkRows.UpdateChecked(db, touched, SessionColumns, nameof(InfusionSession.Id), nameof(InfusionSession.Version));
            written = true;
        }

        db.SavingChanges += WriteInBulk;
        await db.SaveChangesAsync();
        if (!written)
        {
            throw new InvalidOperationException("The readings were not written: SaveChanges did not run.");
        }

        for (var i = 0; i < group.Count; i++)
        {
            results[i] ??= Accepted(group[i].Batch, group[i].SessionId, outcomes[i]!, [.. (raisedBy[i] ?? []).Select(AlarmView.From)]);
        }

        return new GroupOutcome(results, updates);
    }

    private static readonly string[] SessionColumns =
    [
        nameof(InfusionSession.AlarmStateJson), nameof(InfusionSession.LastReadingAt), nameof(InfusionSession.NextReadingDueAt),
        nameof(InfusionSession.NextReadingDueReason), nameof(InfusionSession.Version),
    ];

    /// <summary>
    /// The readings already stored under any (sender, key) pair of the group: one query that probes the unique index
    /// once per pair (two IN lists would probe every sender with every key, quadratic in the group's size).
    /// </summary>
    private static Task<List<VitalReading>> ExistingAsync(ClinicDbContext db, List<PendingBatch> group)
    {
        var pairs = group.SelectMany(p => p.Readings.Select(r => (Sender: p.Batch.Sender.Key, Key: r.Incoming.IdempotencyKey))).Distinct().ToList();
        var rows = db.Database.IsSqlite()
            ? db.Set<VitalReading>().FromSqlRaw(
                """SELECT v.* FROM "VitalReadings" AS v JOIN json_each({0}) AS j ON v."SenderKey" = json_extract(j.value, '$[0]') AND v."IdempotencyKey" = json_extract(j.value, '$[1]')""",
                JsonSerializer.Serialize(pairs.Select(p => new[] { p.Sender, p.Key }).ToArray(), PairJson.Default.StringArrayArray))
            : db.Set<VitalReading>().FromSqlRaw(
                """SELECT v.* FROM "VitalReadings" AS v JOIN unnest({0}, {1}) AS k(s, i) ON v."SenderKey" = k.s AND v."IdempotencyKey" = k.i""",
                pairs.Select(p => p.Sender).ToArray(),
                pairs.Select(p => p.Key).ToArray());
        return rows.AsNoTracking().ToListAsync();
    }

    private static AuditActorInfo AuditActor(VitalsSender sender) => new(
        sender is VitalsSender.Clinician clinician ? clinician.UserId : null,
        sender.AuditName,
        sender switch
        {
            VitalsSender.Device => ActorAuditTrails.DeviceRole,
            VitalsSender.Clinician cl => cl.Role,
            VitalsSender.System => ActorAuditTrails.SystemRole,
            _ => null,
        },
        null);

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
        EscalatesAt = alarm.EventTime.AddMinutes(AlarmEscalation.EscalationMinutes(alarm.Severity, _protocol)),
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

    private sealed class PendingBatch(VitalsBatch batch, Guid sessionId, List<(IncomingReading Incoming, VitalsReading Reading, int Index)> readings)
    {
        public VitalsBatch Batch { get; } = batch;
        public Guid SessionId { get; } = sessionId;
        public List<(IncomingReading Incoming, VitalsReading Reading, int Index)> Readings { get; } = readings;
        public TaskCompletionSource<VitalsIngestionResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}

[JsonSerializable(typeof(string[][]))]
internal sealed partial class PairJson : JsonSerializerContext;

/// <summary>Writer counters: transactions (groups), batches written, groups that fell back to one by one, and the
/// time the writer spent writing (its utilisation is Busy divided by the elapsed time).</summary>
public sealed record WriterStats(long Groups, long Batches, long Fallbacks, TimeSpan Busy)
{
    public double BatchesPerGroup => Groups == 0 ? 0 : (double)Batches / Groups;
}
