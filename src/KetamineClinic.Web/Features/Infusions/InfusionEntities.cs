using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// One patient's visit to one chair on one day, from check-in to discharge. The phase moves only through
/// <see cref="SessionPhaseHandler"/> (transitions from <see cref="SessionPhases"/>); two nurses acting at once
/// meet the <see cref="Version"/> concurrency token.
/// </summary>
public sealed class InfusionSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PatientId { get; set; }
    public Guid SiteId { get; set; }
    public Guid ChairId { get; set; }

    /// <summary>The clinic day in the site's time zone.</summary>
    public DateOnly SessionDate { get; set; }

    public SessionPhase Phase { get; set; } = SessionPhase.CheckedIn;

    /// <summary>Equals <see cref="ChairId"/> while the session is open, null once closed: a unique index keeps one open session per chair.</summary>
    public Guid? OpenChairId { get; set; }

    /// <summary>Equals <see cref="PatientId"/> while open: one open session per patient.</summary>
    public Guid? OpenPatientId { get; set; }

    public DateTimeOffset CheckedInAt { get; set; }
    public DateTimeOffset? PreChecksStartedAt { get; set; }

    /// <summary>t = 0 of the infusion (clinical-spec §4.2 schedule origin).</summary>
    public DateTimeOffset? InfusionStartedAt { get; set; }

    /// <summary>Start of the current pause, while paused.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    /// <summary>Sum of finished pauses, whole seconds (the infusion timer counts running time only).</summary>
    public int PausedSeconds { get; set; }

    /// <summary>End of the infusion (completed or stopped early): origin of the q15 schedule and DC-01.</summary>
    public DateTimeOffset? InfusionEndedAt { get; set; }

    public DateTimeOffset? RecoveryStartedAt { get; set; }
    public DateTimeOffset? ReadyForDischargeAt { get; set; }
    public DateTimeOffset? DischargedAt { get; set; }
    public DateTimeOffset? AbortedAt { get; set; }
    public string? AbortReason { get; set; }

    /// <summary>Planned infusion length in minutes (40 by default; DOSE-04 allows 40–100).</summary>
    public int PlannedInfusionMinutes { get; set; } = 40;

    /// <summary>The clinic protocol version the session runs under.</summary>
    public required string ProtocolVersion { get; set; }

    /// <summary>Latest reading time (any vital), for the board.</summary>
    public DateTimeOffset? LastReadingAt { get; set; }

    /// <summary>When the next reading is due (clinical-spec §4.2 / VS-CONF-01), as the alarm engine last computed it.</summary>
    public DateTimeOffset? NextReadingDueAt { get; set; }

    public ReadingDueReason? NextReadingDueReason { get; set; }

    /// <summary>Open alarm episodes and per-family watermarks of the alarm engine (JSON, see <see cref="AlarmEngineState"/>).</summary>
    public string? AlarmStateJson { get; set; }

    /// <summary>Optimistic concurrency: two nurses, or two devices, acting on one session at once.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => !SessionPhases.IsTerminal(Phase);
}

public enum SessionEventKind
{
    CheckedIn,
    PhaseChanged,
    AlarmRaised,
    AlarmAcknowledged,
    AlarmEscalated,
    AlarmResolved,
    EpisodeUnconfirmed,

    /// <summary>Recovery (Features/Recovery): a discharge score and DC-04 attestation were recorded.</summary>
    DischargeAssessed,

    /// <summary>Recovery: a physician acknowledged a BP deviation beyond ±20 % of baseline (DC-03).</summary>
    BpDeviationAcknowledged,

    /// <summary>Recovery: the escort hand-off (DC-06) was recorded.</summary>
    EscortHandedOff,

    /// <summary>Recovery: a physician recorded the patient leaving before every DC rule passed (against medical advice).</summary>
    LeftAgainstMedicalAdvice,

    /// <summary>Pre-infusion, dose and in-chair events (Features/Infusions/PreInfusion).</summary>
    PreCheckRecorded,
    PreChecksSignedOff,
    DoseOrdered,
    DosePrepared,
    AntiemeticGiven,
    PositionChanged,
    AdverseEvent,
    ScaleScored,
}

/// <summary>The session's timeline: phase changes with their reason, alarms and their handling.</summary>
public sealed class SessionEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public DateTimeOffset At { get; set; }
    public SessionEventKind Kind { get; set; }
    public SessionPhase? FromPhase { get; set; }
    public SessionPhase? ToPhase { get; set; }
    public string? Reason { get; set; }
    public Guid? AlarmId { get; set; }
    public string? RuleId { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string ActorName { get; set; }
}

/// <summary>How a reading reached the clinic.</summary>
public enum VitalsSourceKind
{
    Http,
    Mllp,
    Fhir,
    Manual,
    Simulator,
}

/// <summary>How the alarm engine treated a reading.</summary>
public enum ReadingEvaluation
{
    /// <summary>Evaluated in TakenAt order for every vital sign it carries.</summary>
    InOrder,

    /// <summary>
    /// Older than a reading already evaluated for at least one of its vital signs: stored and charted, checked
    /// on its own for first-reading (CRITICAL) rules only, never fed to the confirmation logic twice or out of order.
    /// </summary>
    Late,
}

/// <summary>
/// One vital-signs reading, stored as whole numbers in the units of its name. A reading is unique per sender
/// (<see cref="SenderKey"/>) and idempotency key, so a resend is never counted twice.
/// </summary>
public sealed class VitalReading
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid? DeviceId { get; set; }
    public Guid? EnteredByUserId { get; set; }
    public VitalsSourceKind Source { get; set; }

    /// <summary>"device:{id}", "user:{id}" or "client:{name}": the namespace of <see cref="IdempotencyKey"/>.</summary>
    public required string SenderKey { get; set; }

    public required string IdempotencyKey { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public int? SystolicMmHg { get; set; }
    public int? DiastolicMmHg { get; set; }
    public int? HeartRatePerMin { get; set; }
    public int? Spo2Percent { get; set; }

    /// <summary>True on supplemental O₂ when SpO₂ was measured, false on room air; null without SpO₂.</summary>
    public bool? OnOxygen { get; set; }

    public int? RespiratoryRatePerMin { get; set; }

    /// <summary>Body temperature in tenths of a degree Celsius (368 = 36.8 °C).</summary>
    public int? TemperatureDeciCelsius { get; set; }

    public int? ApneaSeconds { get; set; }
    public int? Moaas { get; set; }
    public bool? RespondsToVoice { get; set; }

    /// <summary>Symptoms assessed with the reading; null = not assessed (device readings).</summary>
    public ReportedSymptoms? Symptoms { get; set; }

    public ReadingEvaluation Evaluation { get; set; }
}

/// <summary>Where a stored alarm stands. Resolved = acknowledged and its condition cleared (or the session closed).</summary>
public enum AlarmState
{
    Raised,
    Escalated,
    Acknowledged,
    Resolved,
}

/// <summary>An in-session vital-sign alarm raised by the rules core (clinical-spec §4.3), and its handling.</summary>
public sealed class VitalAlarm
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SessionId { get; set; }
    public Guid SiteId { get; set; }
    public Guid? ReadingId { get; set; }
    public required string RuleId { get; set; }
    public VitalSignFamily Family { get; set; }
    public AlarmSeverity Severity { get; set; }

    /// <summary>Required actions (comma-separated <see cref="AlarmAction"/> names).</summary>
    public required string Actions { get; set; }

    public required string Message { get; set; }

    /// <summary>Time of the reading that raised it (the confirming one for WARN/ALERT).</summary>
    public DateTimeOffset EventTime { get; set; }

    public DateTimeOffset FirstMetAt { get; set; }
    public AlarmConfirmation Confirmation { get; set; }

    /// <summary>Rules logged as suppressed by this alarm (VS-PREC-01), comma-separated.</summary>
    public string? SuppressedRules { get; set; }

    /// <summary>FHIR interpretation code (H, HH, L, LL) or null.</summary>
    public string? Interpretation { get; set; }

    public required string ProtocolVersion { get; set; }
    public AlarmState State { get; set; } = AlarmState.Raised;

    /// <summary>When the alarm was stored (server clock).</summary>
    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>EventTime + the protocol's minutes for the severity (AlarmEscalation).</summary>
    public DateTimeOffset EscalatesAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedByUserId { get; set; }
    public string? AcknowledgedByName { get; set; }
    public string? ActionTaken { get; set; }

    /// <summary>When the rules core reported the condition cleared.</summary>
    public DateTimeOffset? ConditionClearedAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsUnresolved => State != AlarmState.Resolved;

    public IReadOnlyList<AlarmAction> RequiredActions =>
        [.. Actions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => Enum.Parse<AlarmAction>(a))];
}
