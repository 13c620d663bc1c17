using System.Globalization;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>Words for the infusion-day screens.</summary>
public static class InfusionText
{
    public static string Phase(SessionPhase phase) => phase switch
    {
        SessionPhase.CheckedIn => "Checked in",
        SessionPhase.PreChecks => "Pre-checks",
        SessionPhase.Infusing => "Infusing",
        SessionPhase.Paused => "Paused",
        SessionPhase.Recovering => "Recovering",
        SessionPhase.ReadyForDischarge => "Ready for discharge",
        SessionPhase.Discharged => "Discharged",
        SessionPhase.Aborted => "Aborted",
    };

    public static string Severity(AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Warn => "WARN",
        AlarmSeverity.Alert => "ALERT",
        AlarmSeverity.Critical => "CRITICAL",
    };

    public static string Action(AlarmAction action) => action switch
    {
        AlarmAction.IncreaseBpFrequencyQ5 => "BP every 5 min",
        AlarmAction.NotifyNurse => "Nurse notified",
        AlarmAction.PauseInfusion => "Infusion paused",
        AlarmAction.NotifyPhysician => "Physician notified",
        AlarmAction.RecheckQ5UntilBelow => "Recheck every 5 min",
        AlarmAction.ResumeOnlyOnPhysicianOrder => "Resume only on physician order",
        AlarmAction.StopInfusion => "Infusion stopped",
        AlarmAction.DoNotStartInfusion => "Infusion not started",
        AlarmAction.EmergencyResponse => "Emergency response called",
        AlarmAction.Transfer => "Transfer arranged",
        AlarmAction.PhysicianToBedside => "Physician at bedside",
        AlarmAction.EvaluateForEmergencyTransfer => "Evaluated for transfer",
        AlarmAction.ConsiderPausingInfusion => "Pause considered",
        AlarmAction.Stimulate => "Stimulated",
        AlarmAction.RepositionAirway => "Airway repositioned",
        AlarmAction.Recheck => "Rechecked",
        AlarmAction.ConsiderOxygen => "O2 considered",
        AlarmAction.GiveOxygen => "O2 given",
        AlarmAction.AirwaySupport => "Airway support",
        AlarmAction.MonitorAirway => "Airway monitored",
        AlarmAction.LowerStimulation => "Stimulation lowered",
        AlarmAction.PhysicianEvaluation => "Physician evaluated",
    };

    public static string DueReason(ReadingDueReason reason) => reason switch
    {
        ReadingDueReason.RoutineInfusion => "routine q10",
        ReadingDueReason.RoutineRecovery => "routine q15",
        ReadingDueReason.IntensiveBp => "BP q5",
        ReadingDueReason.Confirmation => "confirming repeat",
        ReadingDueReason.UnconfirmedRecheck => "recheck",
        ReadingDueReason.SustainedHeartRate => "HR still high?",
    };

    /// <summary>"in 3:20" or "overdue 1:05".</summary>
    public static (string Text, bool Overdue) Due(DateTimeOffset at, DateTimeOffset now) =>
        at >= now ? ($"in {PhaseTimer.Clock(at - now)}", false) : ($"overdue {PhaseTimer.Clock(now - at)}", true);

    public static string Ago(DateTimeOffset at, DateTimeOffset now) =>
        now - at < TimeSpan.FromMinutes(1) ? "just now" : string.Create(CultureInfo.InvariantCulture, $"{(int)(now - at).TotalMinutes} min ago");

    /// <summary>The tile's border: the most severe open alarm.</summary>
    public static string TileClass(AlarmSeverity? highest) => highest switch
    {
        AlarmSeverity.Critical => "kc-tile--critical",
        AlarmSeverity.Alert => "kc-tile--alert",
        AlarmSeverity.Warn => "kc-tile--warn",
        null => string.Empty,
    };

    public static string Temperature(int deciCelsius) => (deciCelsius / 10m).ToString("0.0", CultureInfo.InvariantCulture) + " °C";
}

/// <summary>A phase command from a tile or the session page.</summary>
public sealed record TileCommand(Guid SessionId, PhaseCommand Command, string? Reason, Guid Version);

/// <summary>What the page tells a tile after a command or an acknowledgement.</summary>
public sealed record TileOutcome(bool Done, bool NeedsReason, string? Message)
{
    public static TileOutcome Ok { get; } = new(true, false, null);

    public static TileOutcome From(SessionCommandResult result) => result switch
    {
        SessionCommandResult.Done => Ok,
        SessionCommandResult.ReasonRequired r => new(false, true, r.Message),
        SessionCommandResult.NotFound n => new(false, false, n.Message),
        SessionCommandResult.NotAllowed n => new(false, false, n.Message),
        SessionCommandResult.Blocked b => new(false, false, string.Join(" ", b.Findings.Select(f => f.Message))),
        SessionCommandResult.Conflict c => new(false, false, c.Message),
        _ => throw new InvalidOperationException("Unknown session command result."),
    };

    public static TileOutcome From(AcknowledgeResult result) => result switch
    {
        AcknowledgeResult.Acknowledged => Ok,
        AcknowledgeResult.AlreadyAcknowledged a => new(true, false, $"Already acknowledged by {a.Alarm.AcknowledgedByName}."),
        AcknowledgeResult.NotFound => new(false, false, "The alarm no longer exists."),
        AcknowledgeResult.NotAllowed n => new(false, false, n.Message),
        AcknowledgeResult.ActionRequired r => new(false, true, r.Message),
        _ => throw new InvalidOperationException("Unknown acknowledgement result."),
    };
}
