using System.Globalization;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>A session after a command.</summary>
public sealed record SessionSummary(Guid Id, Guid PatientId, Guid SiteId, Guid ChairId, SessionPhase Phase, Guid Version);

/// <summary>The answer to a check-in or a phase command. Closed hierarchy.</summary>
public abstract record SessionCommandResult
{
    private SessionCommandResult()
    {
    }

    public sealed record Done(SessionSummary Session) : SessionCommandResult;

    public sealed record NotFound(string Message) : SessionCommandResult;

    /// <summary>Not allowed from this phase, or not for this role.</summary>
    public sealed record NotAllowed(string Message) : SessionCommandResult;

    public sealed record ReasonRequired(string Message) : SessionCommandResult;

    /// <summary>A BLOCK rule holds the command back (e.g. VS-CFG-01 on starting the infusion).</summary>
    public sealed record Blocked(IReadOnlyList<RuleFinding> Findings) : SessionCommandResult;

    /// <summary>Someone else changed the session (or occupied the chair) first: reload and retry.</summary>
    public sealed record Conflict(string Message) : SessionCommandResult;
}

/// <summary>
/// Check-in and the phase transitions of a session (<see cref="SessionPhases"/>), with their timestamps, their
/// reason on the timeline, the audit event and the broadcast. The pre-infusion, dosing and recovery workflows call
/// <see cref="ApplyAsync(Guid, PhaseCommand, string?, StaffActor, Guid?, CancellationToken)"/> for their phase changes.
/// </summary>
public sealed class SessionPhaseHandler(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    SessionBroadcaster broadcaster,
    ActorAuditTrails audits)
{
    public const int MaxReasonLength = 500;

    /// <summary>Seats a patient: opens a session on an empty chair. Front desk, nurses and physicians.</summary>
    public async Task<SessionCommandResult> CheckInAsync(Guid chairId, Guid patientId, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical && !actor.IsFrontDesk)
        {
            return new SessionCommandResult.NotAllowed("Only front desk, nurses and physicians check patients in.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var chair = await db.Chairs.AsNoTracking().Where(c => c.Id == chairId)
            .Select(c => new { c.Id, c.SiteId, c.IsActive, c.Label, TimeZone = c.Site!.TimeZone })
            .FirstOrDefaultAsync(ct);
        if (chair is null || !chair.IsActive)
        {
            return new SessionCommandResult.NotFound("No such chair, or the chair is out of service.");
        }

        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct))
        {
            return new SessionCommandResult.NotFound("No such patient.");
        }

        if (await db.Set<InfusionSession>().AnyAsync(s => s.OpenChairId == chairId, ct))
        {
            return new SessionCommandResult.Conflict($"Chair {chair.Label} is already occupied.");
        }

        if (await db.Set<InfusionSession>().AnyAsync(s => s.OpenPatientId == patientId, ct))
        {
            return new SessionCommandResult.Conflict("This patient is already checked in to another chair.");
        }

        var session = new InfusionSession
        {
            PatientId = patientId,
            SiteId = chair.SiteId,
            ChairId = chairId,
            OpenChairId = chairId,
            OpenPatientId = patientId,
            SessionDate = LocalDate(now, chair.TimeZone),
            Phase = SessionPhase.CheckedIn,
            CheckedInAt = now,
            ProtocolVersion = protocol.Version.Value,
        };
        db.Add(session);
        db.Add(new SessionEvent
        {
            SessionId = session.Id,
            At = now,
            Kind = SessionEventKind.CheckedIn,
            ToPhase = SessionPhase.CheckedIn,
            ActorUserId = NullIfEmpty(actor.UserId),
            ActorName = actor.Name,
        });
        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(AuditActions.Create, "InfusionSession", session.Id.ToString(), patientId, Detail: $"check-in to chair {chair.Label}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique open-chair / open-patient index: someone checked in at the same moment.
            return new SessionCommandResult.Conflict("The chair or the patient was checked in by someone else a moment ago.");
        }

        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        return new SessionCommandResult.Done(Summary(session));
    }

    /// <summary>
    /// Moves a session through its state machine. Nurses and physicians only. <paramref name="expectedVersion"/>
    /// (from the screen the user acted on) turns a stale screen into a <see cref="SessionCommandResult.Conflict"/>.
    /// </summary>
    public Task<SessionCommandResult> ApplyAsync(Guid sessionId, PhaseCommand command, string? reason, StaffActor actor, Guid? expectedVersion = null, CancellationToken ct = default) =>
        ApplyAsync(sessionId, command, reason, actor, expectedVersion, step: null, ct);

    /// <summary>
    /// <see cref="ApplyAsync(Guid, PhaseCommand, string?, StaffActor, Guid?, CancellationToken)"/> with a workflow
    /// step that runs in the same unit of work just before the save: it may add rows, or refuse with a result.
    /// </summary>
    internal async Task<SessionCommandResult> ApplyAsync(
        Guid sessionId,
        PhaseCommand command,
        string? reason,
        StaffActor actor,
        Guid? expectedVersion,
        Func<ClinicDbContext, InfusionSession, DateTimeOffset, Task<SessionCommandResult?>>? step,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new SessionCommandResult.NotAllowed("Only nurses and physicians change a session's phase.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > MaxReasonLength })
        {
            return new SessionCommandResult.ReasonRequired(string.Create(CultureInfo.InvariantCulture, $"The reason is longer than {MaxReasonLength} characters."));
        }

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            return new SessionCommandResult.NotFound("No such session.");
        }

        if (expectedVersion is { } v && v != session.Version)
        {
            return new SessionCommandResult.Conflict("The session changed since this screen was loaded; it has been refreshed.");
        }

        var from = session.Phase;
        if (SessionPhases.TryApply(from, command) is not { } to)
        {
            return new SessionCommandResult.NotAllowed($"'{Describe(command)}' is not possible while the session is {Describe(from)}.");
        }

        if (SessionPhases.RequiresReason(command) && reason is null)
        {
            return new SessionCommandResult.ReasonRequired($"'{Describe(command)}' needs a reason.");
        }

        var unresolved = await db.Set<VitalAlarm>().Where(a => a.SessionId == sessionId && a.State != AlarmState.Resolved).ToListAsync(ct);
        switch (command)
        {
            case PhaseCommand.StartInfusion:
                // VS-CFG-01 (clinical-spec §4.3) BLOCK: no infusion starts while the RR floor or apnea time is unset.
                var findings = VitalsPolicy.CheckInfusionStart(protocol);
                if (findings.Count > 0)
                {
                    return new SessionCommandResult.Blocked(findings);
                }

                // PRE-GATE-01 / PRE-DOSE-01 (docs/infusion-day.md "Pre-infusion"): the pre-infusion checklist passed
                // (a defer blocks; WARNs need a physician's sign-off) and the dose is ordered, prepared and confirmed.
                var blockers = await PreInfusion.PreInfusionHandler.StartBlockersAsync(db, sessionId, ct);
                if (blockers.Count > 0)
                {
                    return new SessionCommandResult.Blocked(blockers);
                }

                break;
            case PhaseCommand.ResumeInfusion when reason is null && !actor.IsPhysician
                                                  && unresolved.Exists(a => a.RequiredActions.Contains(AlarmAction.ResumeOnlyOnPhysicianOrder)):
                // VS-BP-02 (clinical-spec §4.3): resume only with the physician's order.
                return new SessionCommandResult.ReasonRequired("VS-BP-02: the infusion resumes only on a physician's order; record the order (who, what) as the reason.");
            case PhaseCommand.StopInfusion when reason is null && InfusedMinutes(session, now) < session.PlannedInfusionMinutes:
                return new SessionCommandResult.ReasonRequired(string.Create(CultureInfo.InvariantCulture, $"The infusion ran less than its planned {session.PlannedInfusionMinutes} min: give the reason for stopping early."));
            case PhaseCommand.Discharge:
                // DC-01 … DC-06 (clinical-spec §5.1) BLOCK: evaluated here, at the instant of discharge, whatever screen
                // or endpoint asked. DC-01 refuses a discharge before the observation minutes have passed.
                var evaluation = await DischargeReadiness.EvaluateAsync(db, session, now, protocol, ct);
                if (!evaluation.MayDischarge)
                {
                    await audits.For(actor.ToAudit()).RecordAsync(new AuditEntry(
                        AuditActions.Update, "InfusionSession", session.Id.ToString(), session.PatientId, AuditOutcome.Denied, "discharge refused: " + string.Join(",", evaluation.BlockingFindings.Select(f => f.Rule.Value))), ct);
                    return new SessionCommandResult.Blocked(evaluation.BlockingFindings);
                }

                db.Add(new SessionDeparture
                {
                    SessionId = session.Id,
                    Kind = DischargePolicy.ClassifyDeparture(evaluation.Decision!, handedToEmergencyServices: false),
                    DepartedAt = now,
                    RecordedByUserId = NullIfEmpty(actor.UserId),
                    RecordedByName = actor.Name,
                    ProtocolVersion = evaluation.Decision!.ProtocolVersion.Value,
                });
                break;
            default:
                break;
        }

        if (step is not null && await step(db, session, now) is { } refused)
        {
            return refused;
        }

        Stamp(session, command, to, reason, now);
        await PreInfusion.DoseHandler.OnPhaseAsync(db, session, command, reason, now, ct);
        var state = AlarmEngineState.FromJson(session.AlarmStateJson).WithRoutineDue(RoutineDue(session, now));
        session.AlarmStateJson = state.ToJson();
        session.NextReadingDueAt = state.NextDue?.At;
        session.NextReadingDueReason = state.NextDue?.Reason;
        session.Version = Guid.NewGuid();
        db.Add(new SessionEvent
        {
            SessionId = session.Id,
            At = now,
            Kind = SessionEventKind.PhaseChanged,
            FromPhase = from,
            ToPhase = to,
            Reason = reason,
            ActorUserId = NullIfEmpty(actor.UserId),
            ActorName = actor.Name,
        });

        var changedAlarms = new List<VitalAlarm>();
        if (SessionPhases.IsTerminal(to))
        {
            // Acknowledged alarms end with the session; an unacknowledged one stays until someone acknowledges it.
            foreach (var alarm in unresolved.Where(a => a.State == AlarmState.Acknowledged))
            {
                alarm.State = AlarmState.Resolved;
                alarm.ResolvedAt = now;
                alarm.Version = Guid.NewGuid();
                changedAlarms.Add(alarm);
                db.Add(new SessionEvent
                {
                    SessionId = session.Id,
                    At = now,
                    Kind = SessionEventKind.AlarmResolved,
                    AlarmId = alarm.Id,
                    RuleId = alarm.RuleId,
                    Reason = "Session ended.",
                    ActorUserId = NullIfEmpty(actor.UserId),
                    ActorName = actor.Name,
                });
            }
        }

        await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(
            AuditActions.Update, "InfusionSession", session.Id.ToString(), session.PatientId, Detail: $"{from} -> {to}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SessionCommandResult.Conflict("Someone else changed the session at the same moment; it has been refreshed.");
        }

        broadcaster.Publish(new PhaseChanged(session.SiteId, session.Id, session.ChairId, session.Phase));
        broadcaster.PublishAll(changedAlarms.Select(a => new AlarmChanged(session.SiteId, session.Id, session.ChairId, AlarmView.From(a))));
        return new SessionCommandResult.Done(Summary(session));
    }

    /// <summary>Minutes the infusion has actually run (pauses excluded), at <paramref name="now"/>.</summary>
    public static double InfusedMinutes(InfusionSession s, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.InfusionStartedAt is not { } start)
        {
            return 0;
        }

        var end = s.InfusionEndedAt ?? s.PausedAt ?? now;
        return Math.Max(0, (end - start).TotalMinutes - (s.PausedSeconds / 60d));
    }

    public static string Describe(PhaseCommand command) => command switch
    {
        PhaseCommand.BeginPreChecks => "Begin pre-checks",
        PhaseCommand.StartInfusion => "Start infusion",
        PhaseCommand.PauseInfusion => "Pause",
        PhaseCommand.ResumeInfusion => "Resume",
        PhaseCommand.StopInfusion => "Stop infusion",
        PhaseCommand.MarkReadyForDischarge => "Ready for discharge",
        PhaseCommand.ReturnToRecovery => "Back to recovery",
        PhaseCommand.Discharge => "Discharge",
        PhaseCommand.Abort => "Abort session",
    };

    public static string Describe(SessionPhase phase) => phase switch
    {
        SessionPhase.CheckedIn => "checked in",
        SessionPhase.PreChecks => "in pre-checks",
        SessionPhase.Infusing => "infusing",
        SessionPhase.Paused => "paused",
        SessionPhase.Recovering => "recovering",
        SessionPhase.ReadyForDischarge => "ready for discharge",
        SessionPhase.Discharged => "discharged",
        SessionPhase.Aborted => "aborted",
    };

    private static void Stamp(InfusionSession s, PhaseCommand command, SessionPhase to, string? reason, DateTimeOffset now)
    {
        switch (command)
        {
            case PhaseCommand.BeginPreChecks:
                s.PreChecksStartedAt = now;
                break;
            case PhaseCommand.StartInfusion:
                s.InfusionStartedAt = now;
                break;
            case PhaseCommand.PauseInfusion:
                s.PausedAt = now;
                break;
            case PhaseCommand.ResumeInfusion:
                EndPause(s, now);
                break;
            case PhaseCommand.StopInfusion:
                EndPause(s, now);
                s.InfusionEndedAt = now;
                s.RecoveryStartedAt = now;
                break;
            case PhaseCommand.MarkReadyForDischarge:
                s.ReadyForDischargeAt = now;
                break;
            case PhaseCommand.ReturnToRecovery:
                s.ReadyForDischargeAt = null;
                break;
            case PhaseCommand.Discharge:
                s.DischargedAt = now;
                break;
            case PhaseCommand.Abort:
                if (s.InfusionStartedAt is not null && s.InfusionEndedAt is null)
                {
                    EndPause(s, now);
                    s.InfusionEndedAt = now;
                }

                s.AbortedAt = now;
                s.AbortReason = reason;
                break;
        }

        s.Phase = to;
        if (SessionPhases.IsTerminal(to))
        {
            s.OpenChairId = null;
            s.OpenPatientId = null;
        }
    }

    private static void EndPause(InfusionSession s, DateTimeOffset now)
    {
        if (s.PausedAt is { } paused)
        {
            s.PausedSeconds += (int)Math.Max(0, (now - paused).TotalSeconds);
            s.PausedAt = null;
        }
    }

    private ReadingDue? RoutineDue(InfusionSession s, DateTimeOffset now)
    {
        if (SessionPhases.Monitoring(s.Phase) is not { } phase || phase == MonitoringPhase.PreInfusion)
        {
            return null;
        }

        // §4.2: q10 from t = 0 while infusing or paused, q15 from the end of the infusion in recovery.
        var at = VitalsPolicy.NextRoutineReading(phase, s.InfusionStartedAt, s.InfusionEndedAt, now, protocol);
        var reason = phase == MonitoringPhase.Recovering ? ReadingDueReason.RoutineRecovery : ReadingDueReason.RoutineInfusion;
        // The reading at t = 0 itself is due when the infusion starts.
        return at is { } due ? new ReadingDue(phase == MonitoringPhase.Infusing && s.InfusionStartedAt == now ? now : due, null, reason, null, null) : null;
    }

    private static DateOnly LocalDate(DateTimeOffset now, string timeZone)
    {
        try
        {
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(now.UtcDateTime);
        }
    }

    private static Guid? NullIfEmpty(Guid id) => id == Guid.Empty ? null : id;

    private static SessionSummary Summary(InfusionSession s) => new(s.Id, s.PatientId, s.SiteId, s.ChairId, s.Phase, s.Version);
}
