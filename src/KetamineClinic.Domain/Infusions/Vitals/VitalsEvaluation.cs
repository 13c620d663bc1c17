using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>What <see cref="VitalsPolicy.Evaluate"/> needs besides the reading.</summary>
public sealed record VitalsContext
{
    /// <summary>Creates a context; the infusion instants the phase needs must be present.</summary>
    /// <param name="phase">Where the session is.</param>
    /// <param name="infusionStartedAt">t = 0 of the infusion (needed while infusing, paused or recovering).</param>
    /// <param name="infusionEndedAt">End of the infusion (needed while recovering).</param>
    /// <param name="openEpisodes">The open alarm episodes of the session (at most one per rule).</param>
    public VitalsContext(MonitoringPhase phase, DateTimeOffset? infusionStartedAt, DateTimeOffset? infusionEndedAt, IReadOnlyList<AlarmEpisode> openEpisodes)
    {
        ArgumentNullException.ThrowIfNull(openEpisodes);
        if (!Enum.IsDefined(phase))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown monitoring phase.");
        }

        if (phase is MonitoringPhase.Infusing or MonitoringPhase.Paused or MonitoringPhase.Recovering && infusionStartedAt is null)
        {
            throw new ArgumentException("The infusion start (t = 0) is needed once the infusion has started.", nameof(infusionStartedAt));
        }

        if (phase == MonitoringPhase.Recovering && infusionEndedAt is null)
        {
            throw new ArgumentException("The infusion end is needed in recovery.", nameof(infusionEndedAt));
        }

        if (infusionEndedAt < infusionStartedAt)
        {
            throw new ArgumentException("The infusion cannot end before it started.", nameof(infusionEndedAt));
        }

        if (openEpisodes.GroupBy(e => e.Rule).Any(g => g.Count() > 1))
        {
            throw new ArgumentException("At most one open episode per rule.", nameof(openEpisodes));
        }

        Phase = phase;
        InfusionStartedAt = infusionStartedAt;
        InfusionEndedAt = infusionEndedAt;
        OpenEpisodes = openEpisodes;
    }

    /// <summary>Where the session is.</summary>
    public MonitoringPhase Phase { get; }

    /// <summary>t = 0 of the infusion.</summary>
    public DateTimeOffset? InfusionStartedAt { get; }

    /// <summary>End of the infusion.</summary>
    public DateTimeOffset? InfusionEndedAt { get; }

    /// <summary>The open alarm episodes (from the previous evaluation).</summary>
    public IReadOnlyList<AlarmEpisode> OpenEpisodes { get; }

    /// <summary>A pre-infusion context with no episodes.</summary>
    public static VitalsContext BeforeInfusion() => new(MonitoringPhase.PreInfusion, null, null, []);

    /// <summary>An infusing context.</summary>
    public static VitalsContext Infusing(DateTimeOffset startedAt, IReadOnlyList<AlarmEpisode>? openEpisodes = null) =>
        new(MonitoringPhase.Infusing, startedAt, null, openEpisodes ?? []);

    /// <summary>A recovery context.</summary>
    public static VitalsContext Recovering(DateTimeOffset startedAt, DateTimeOffset endedAt, IReadOnlyList<AlarmEpisode>? openEpisodes = null) =>
        new(MonitoringPhase.Recovering, startedAt, endedAt, openEpisodes ?? []);
}

/// <summary>A raised in-session vital-sign alarm (clinical-spec §4.3). Creates an Observation with <see cref="Interpretation"/>, a Task for acknowledgement and, as needed, a Flag or DetectedIssue.</summary>
/// <param name="Rule">VS rule id.</param>
/// <param name="Family">Vital-sign family (one alarm per family per reading).</param>
/// <param name="Severity">WARN / ALERT / CRITICAL.</param>
/// <param name="RequiredActions">What to do, adapted to the phase (no infusion actions after the infusion ended).</param>
/// <param name="EventTime">The time of the reading that raised it (the confirming reading for WARN/ALERT).</param>
/// <param name="FirstMetAt">The first reading of the episode (equals <paramref name="EventTime"/> for a first-reading alarm).</param>
/// <param name="Confirmation">How it was confirmed (VS-CONF-01).</param>
/// <param name="SuppressedRules">Other rules of the family that matched the same reading, logged as suppressed (VS-PREC-01).</param>
/// <param name="Interpretation">FHIR interpretation (H/HH/L/LL); null for symptom-only rules (VS-SYM-01, VS-PSY-01).</param>
/// <param name="Message">Plain words with the values that triggered it.</param>
/// <param name="ProtocolVersion">Protocol version used.</param>
public sealed record VitalSignAlarm(
    RuleId Rule,
    VitalSignFamily Family,
    AlarmSeverity Severity,
    IReadOnlyList<AlarmAction> RequiredActions,
    DateTimeOffset EventTime,
    DateTimeOffset FirstMetAt,
    AlarmConfirmation Confirmation,
    IReadOnlyList<RuleId> SuppressedRules,
    ObservationInterpretation? Interpretation,
    string Message,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>The FHIR interpretation code (H, HH, L, LL), or null.</summary>
    public string? InterpretationCode => Interpretation?.ToFhirCode();
}

/// <summary>Why a reading is due.</summary>
public enum ReadingDueReason
{
    /// <summary>§4.2: q10 min during the infusion, from t = 0.</summary>
    RoutineInfusion,

    /// <summary>§4.2: q15 min in recovery, from the end of the infusion.</summary>
    RoutineRecovery,

    /// <summary>§4.2 / VS-BP-01 / VS-BP-02: BP q5 min while either is active.</summary>
    IntensiveBp,

    /// <summary>VS-CONF-01: the confirming repeat, 2–5 min after the first abnormal reading.</summary>
    Confirmation,

    /// <summary>VS-CONF-01: one more reading 5 min after an unconfirming repeat.</summary>
    UnconfirmedRecheck,

    /// <summary>VS-HR-01: the reading that shows whether the tachycardia is sustained (5 min after it began).</summary>
    SustainedHeartRate,
}

/// <summary>A reading that is due.</summary>
/// <param name="At">When it is due (for a confirmation, the earliest instant a repeat counts).</param>
/// <param name="NoLaterThan">For a confirmation, the end of the 2–5 min window; otherwise null.</param>
/// <param name="Reason">Why.</param>
/// <param name="Rule">The rule behind it, for confirmation, recheck, sustained and q5 BP readings.</param>
/// <param name="Family">Which vital sign must be measured (null for a routine full set).</param>
public sealed record ReadingDue(DateTimeOffset At, DateTimeOffset? NoLaterThan, ReadingDueReason Reason, RuleId? Rule, VitalSignFamily? Family);

/// <summary>The result of evaluating one reading against the in-session alarm rules.</summary>
/// <param name="Alarms">Alarms raised by this reading, at most one per family (VS-PREC-01).</param>
/// <param name="Suppressed">Rules confirmed at this reading but suppressed by a more severe alarm already active in their family.</param>
/// <param name="OpenEpisodes">The open episodes after this reading (store them for the next evaluation).</param>
/// <param name="ClosedEpisodes">Episodes closed by this reading (unconfirmed or cleared), for the log.</param>
/// <param name="ReadingsDue">Readings now due, earliest first.</param>
/// <param name="ProtocolVersion">Protocol version used.</param>
public sealed record VitalsEvaluation(
    IReadOnlyList<VitalSignAlarm> Alarms,
    IReadOnlyList<SuppressedRule> Suppressed,
    IReadOnlyList<AlarmEpisode> OpenEpisodes,
    IReadOnlyList<ClosedAlarmEpisode> ClosedEpisodes,
    IReadOnlyList<ReadingDue> ReadingsDue,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>The earliest reading due, or null (before the infusion, the gate's repeat rule governs).</summary>
    public ReadingDue? NextReadingDue => ReadingsDue.Count == 0 ? null : ReadingsDue[0];
}
