using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>Where an alarm stands with respect to acknowledgement.</summary>
public enum EscalationState
{
    /// <summary>Not acknowledged, and its escalation time has not come.</summary>
    AwaitingAcknowledgement,

    /// <summary>Acknowledged at or before its escalation time.</summary>
    Acknowledged,

    /// <summary>Not acknowledged by its escalation time: escalate (e.g. to the charge nurse and physician).</summary>
    Escalated,

    /// <summary>Escalated first, acknowledged afterwards.</summary>
    AcknowledgedAfterEscalation,
}

/// <summary>The escalation state of an alarm and when it escalates.</summary>
/// <param name="State">Where the alarm stands.</param>
/// <param name="EscalatesAt">Raised at + the protocol's minutes for its severity.</param>
public sealed record EscalationStatus(EscalationState State, DateTimeOffset EscalatesAt);

/// <summary>
/// Escalation of unacknowledged alarms. The spec is silent on the timing; the protocol's defaults (CRITICAL 2 min,
/// ALERT 5 min, WARN 10 min) are our decision, recorded in docs/clinical-rules/vitals-discharge.md.
/// </summary>
public static class AlarmEscalation
{
    /// <summary>Minutes after which an unacknowledged alarm of this severity escalates.</summary>
    public static int EscalationMinutes(AlarmSeverity severity, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Vitals;
        return severity switch
        {
            AlarmSeverity.Critical => p.EscalateCriticalAfterMinutes,
            AlarmSeverity.Alert => p.EscalateAlertAfterMinutes,
            AlarmSeverity.Warn => p.EscalateWarnAfterMinutes,
        };
    }

    /// <summary>The escalation state of an alarm at <paramref name="now"/>.</summary>
    /// <param name="severity">Alarm severity.</param>
    /// <param name="raisedAt">When the alarm was raised (its event time).</param>
    /// <param name="acknowledgedAt">When it was acknowledged, or null.</param>
    /// <param name="now">The instant to evaluate at (not before <paramref name="raisedAt"/>, not before the acknowledgement).</param>
    /// <param name="protocol">Clinic protocol.</param>
    public static EscalationStatus Evaluate(AlarmSeverity severity, DateTimeOffset raisedAt, DateTimeOffset? acknowledgedAt, DateTimeOffset now, ClinicProtocol protocol)
    {
        if (now < raisedAt || acknowledgedAt < raisedAt || acknowledgedAt > now)
        {
            throw new ArgumentException("Expected raisedAt ≤ acknowledgedAt ≤ now.", nameof(now));
        }

        var escalatesAt = raisedAt.AddMinutes(EscalationMinutes(severity, protocol));
        var state = acknowledgedAt switch
        {
            { } ack when ack <= escalatesAt => EscalationState.Acknowledged,
            not null => EscalationState.AcknowledgedAfterEscalation,
            null when now >= escalatesAt => EscalationState.Escalated,
            null => EscalationState.AwaitingAcknowledgement,
        };
        return new EscalationStatus(state, escalatesAt);
    }

    /// <summary>The escalation state of a raised alarm.</summary>
    public static EscalationStatus Evaluate(VitalSignAlarm alarm, DateTimeOffset? acknowledgedAt, DateTimeOffset now, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return Evaluate(alarm.Severity, alarm.EventTime, acknowledgedAt, now, protocol);
    }
}
