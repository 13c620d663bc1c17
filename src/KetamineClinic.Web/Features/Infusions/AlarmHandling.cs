using System.Globalization;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>The answer to an acknowledgement. Closed hierarchy.</summary>
public abstract record AcknowledgeResult
{
    private AcknowledgeResult()
    {
    }

    public sealed record Acknowledged(AlarmView Alarm) : AcknowledgeResult;

    /// <summary>Someone acknowledged it first; nothing changed.</summary>
    public sealed record AlreadyAcknowledged(AlarmView Alarm) : AcknowledgeResult;

    public sealed record NotFound : AcknowledgeResult;

    public sealed record NotAllowed(string Message) : AcknowledgeResult;

    public sealed record ActionRequired(string Message) : AcknowledgeResult;
}

/// <summary>
/// A nurse or physician acknowledges an alarm and records the action taken (clinical-spec §4.3: every alarm creates
/// a Task for acknowledgement). Audited; the board and the session page are told at once.
/// </summary>
public sealed class AlarmAcknowledgement(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    SessionBroadcaster broadcaster,
    ActorAuditTrails audits)
{
    public const int MaxActionLength = 500;

    public async Task<AcknowledgeResult> AcknowledgeAsync(Guid alarmId, string? actionTaken, StaffActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsClinical)
        {
            return new AcknowledgeResult.NotAllowed("Only nurses and physicians acknowledge alarms.");
        }

        actionTaken = actionTaken?.Trim();
        if (string.IsNullOrEmpty(actionTaken))
        {
            return new AcknowledgeResult.ActionRequired("Record the action taken.");
        }

        if (actionTaken.Length > MaxActionLength)
        {
            return new AcknowledgeResult.ActionRequired(string.Create(CultureInfo.InvariantCulture, $"The action taken is longer than {MaxActionLength} characters."));
        }

        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            await using var db = await contexts.CreateDbContextAsync(ct);
            var alarm = await db.Set<VitalAlarm>().FirstOrDefaultAsync(a => a.Id == alarmId, ct);
            if (alarm is null)
            {
                return new AcknowledgeResult.NotFound();
            }

            if (alarm.AcknowledgedAt is not null)
            {
                return new AcknowledgeResult.AlreadyAcknowledged(AlarmView.From(alarm));
            }

            var session = await db.Set<InfusionSession>().AsNoTracking()
                .Where(s => s.Id == alarm.SessionId).Select(s => new { s.PatientId, s.ChairId }).FirstAsync(ct);
            alarm.AcknowledgedAt = now;
            alarm.AcknowledgedByUserId = actor.UserId == Guid.Empty ? null : actor.UserId;
            alarm.AcknowledgedByName = actor.Name;
            alarm.ActionTaken = actionTaken;
            // Acknowledged and already cleared: nothing left to do about it.
            alarm.State = alarm.ConditionClearedAt is null ? AlarmState.Acknowledged : AlarmState.Resolved;
            alarm.ResolvedAt = alarm.State == AlarmState.Resolved ? now : null;
            alarm.Version = Guid.NewGuid();
            db.Add(new SessionEvent
            {
                SessionId = alarm.SessionId,
                At = now,
                Kind = SessionEventKind.AlarmAcknowledged,
                AlarmId = alarm.Id,
                RuleId = alarm.RuleId,
                Reason = actionTaken,
                ActorUserId = alarm.AcknowledgedByUserId,
                ActorName = actor.Name,
            });
            await audits.For(actor.ToAudit()).StageAsync(db, new AuditEntry(
                AuditActions.Update, "VitalAlarm", alarm.Id.ToString(), session.PatientId, Detail: $"acknowledged {alarm.RuleId}"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                continue; // Escalated or cleared at the same moment: read it again.
            }

            var view = AlarmView.From(alarm);
            broadcaster.Publish(new AlarmChanged(alarm.SiteId, alarm.SessionId, session.ChairId, view));
            return new AcknowledgeResult.Acknowledged(view);
        }
    }
}

public sealed class AlarmEscalationOptions
{
    public const string Section = "Infusions:Escalation";

    /// <summary>How often the escalation check runs (seconds).</summary>
    public int CheckEverySeconds { get; set; } = 10;
}

/// <summary>
/// Marks unacknowledged alarms escalated once the protocol's time for their severity has passed
/// (<see cref="AlarmEscalation"/>), records it on the timeline and in the audit trail, and tells the board.
/// </summary>
public sealed class AlarmEscalator(
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    ClinicProtocol protocol,
    SessionBroadcaster broadcaster,
    ActorAuditTrails audits)
{
    public const string ActorName = "system:alarm-escalation";

    /// <summary>Escalates every alarm whose time has come; returns how many.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Set<VitalAlarm>().AsNoTracking()
                .Where(a => a.State == AlarmState.Raised && a.EscalatesAt <= now)
                .OrderBy(a => a.EscalatesAt)
                .Select(a => a.Id)
                .Take(200)
                .ToListAsync(ct);
        }

        // One alarm per unit of work: its state, its timeline entry and its audit event commit together, and an
        // acknowledgement racing one alarm does not hold back the others.
        var escalated = 0;
        foreach (var id in due)
        {
            escalated += await EscalateAsync(id, now, ct) ? 1 : 0;
        }

        return escalated;
    }

    private async Task<bool> EscalateAsync(Guid alarmId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var alarm = await db.Set<VitalAlarm>().FirstOrDefaultAsync(a => a.Id == alarmId && a.State == AlarmState.Raised, ct);
        if (alarm is null
            || AlarmEscalation.Evaluate(alarm.Severity, alarm.EventTime, null, Max(now, alarm.EventTime), protocol).State != EscalationState.Escalated)
        {
            return false;
        }

        var session = await db.Set<InfusionSession>().AsNoTracking()
            .Where(s => s.Id == alarm.SessionId).Select(s => new { s.PatientId, s.ChairId }).FirstAsync(ct);
        alarm.State = AlarmState.Escalated;
        alarm.EscalatedAt = now;
        alarm.Version = Guid.NewGuid();
        db.Add(new SessionEvent
        {
            SessionId = alarm.SessionId,
            At = now,
            Kind = SessionEventKind.AlarmEscalated,
            AlarmId = alarm.Id,
            RuleId = alarm.RuleId,
            Reason = string.Create(CultureInfo.InvariantCulture, $"Not acknowledged within {AlarmEscalation.EscalationMinutes(alarm.Severity, protocol)} min."),
            ActorName = ActorName,
        });
        await audits.For(new AuditActorInfo(null, ActorName, ActorAuditTrails.SystemRole, null))
            .StageAsync(db, new AuditEntry(AuditActions.Update, "VitalAlarm", alarm.Id.ToString(), session.PatientId, Detail: $"escalated {alarm.RuleId}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // Acknowledged meanwhile: nothing to escalate.
        }

        broadcaster.Publish(new AlarmChanged(alarm.SiteId, alarm.SessionId, session.ChairId, AlarmView.From(alarm)));
        return true;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>Runs <see cref="AlarmEscalator"/> on the injected clock.</summary>
public sealed class AlarmEscalationService(
    AlarmEscalator escalator,
    TimeProvider clock,
    IOptions<AlarmEscalationOptions> options,
    ILogger<AlarmEscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.CheckEverySeconds)), clock);
        do
        {
            try
            {
                var count = await escalator.EscalateDueAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogWarning("Escalated {Count} unacknowledged vital-sign alarm(s)", count);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round (database briefly unavailable) must not stop escalation for the rest of the day.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Alarm escalation round failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
