using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>What the broadcaster carries: something changed on a session at a site. Closed hierarchy.</summary>
public abstract record SessionUpdate(Guid SiteId, Guid SessionId, Guid ChairId);

/// <summary>
/// New readings were committed (already durable), with the engine's next due reading and the session's new concurrency
/// version (the commit changes it: a view that kept the old one would have its next phase command refused as stale).
/// </summary>
public sealed record ReadingsAdded(
    Guid SiteId,
    Guid SessionId,
    Guid ChairId,
    IReadOnlyList<ReadingView> Readings,
    DateTimeOffset? NextReadingDueAt,
    ReadingDueReason? NextReadingDueReason,
    Guid? SessionVersion = null) : SessionUpdate(SiteId, SessionId, ChairId);

/// <summary>An alarm was raised, acknowledged, escalated or resolved.</summary>
public sealed record AlarmChanged(Guid SiteId, Guid SessionId, Guid ChairId, AlarmView Alarm) : SessionUpdate(SiteId, SessionId, ChairId);

/// <summary>A session was checked in or moved to another phase.</summary>
public sealed record PhaseChanged(Guid SiteId, Guid SessionId, Guid ChairId, SessionPhase Phase) : SessionUpdate(SiteId, SessionId, ChairId);

/// <summary>
/// A device sent values that cannot be physiological and were refused (nothing stored). Shown to the nurse as a
/// device fault: a refused SpO₂ of 45 % is still a reason to look at the patient.
/// </summary>
public sealed record DeviceFault(Guid SiteId, Guid SessionId, Guid ChairId, string DeviceLabel, IReadOnlyList<string> Problems, DateTimeOffset At)
    : SessionUpdate(SiteId, SessionId, ChairId);

/// <summary>The subscriber missed updates (its queue overflowed): reload from the database.</summary>
public sealed record ResyncNeeded(Guid SiteId, Guid SessionId, Guid ChairId) : SessionUpdate(SiteId, SessionId, ChairId);

/// <summary>A stored reading as the board and the session page show it.</summary>
public sealed record ReadingView(
    Guid Id,
    DateTimeOffset TakenAt,
    VitalsSourceKind Source,
    int? SystolicMmHg,
    int? DiastolicMmHg,
    int? HeartRatePerMin,
    int? Spo2Percent,
    bool? OnOxygen,
    int? RespiratoryRatePerMin,
    int? TemperatureDeciCelsius,
    int? ApneaSeconds,
    int? Moaas,
    ReportedSymptoms? Symptoms,
    ReadingEvaluation Evaluation)
{
    public static ReadingView From(VitalReading r) => new(
        r.Id, r.TakenAt, r.Source, r.SystolicMmHg, r.DiastolicMmHg, r.HeartRatePerMin, r.Spo2Percent, r.OnOxygen,
        r.RespiratoryRatePerMin, r.TemperatureDeciCelsius, r.ApneaSeconds, r.Moaas, r.Symptoms, r.Evaluation);
}

/// <summary>A stored alarm as the board and the session page show it.</summary>
public sealed record AlarmView(
    Guid Id,
    Guid SessionId,
    string RuleId,
    AlarmSeverity Severity,
    string Message,
    IReadOnlyList<AlarmAction> Actions,
    DateTimeOffset EventTime,
    AlarmState State,
    DateTimeOffset EscalatesAt,
    DateTimeOffset? EscalatedAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedByName,
    string? ActionTaken,
    DateTimeOffset? ConditionClearedAt,
    Guid Version)
{
    public static AlarmView From(VitalAlarm a) => new(
        a.Id, a.SessionId, a.RuleId, a.Severity, a.Message, a.RequiredActions, a.EventTime, a.State, a.EscalatesAt,
        a.EscalatedAt, a.AcknowledgedAt, a.AcknowledgedByName, a.ActionTaken, a.ConditionClearedAt, a.Version);

    public bool NeedsAcknowledgement => State is AlarmState.Raised or AlarmState.Escalated;
}
