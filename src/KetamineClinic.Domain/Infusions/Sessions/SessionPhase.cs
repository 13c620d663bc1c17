using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Infusions.Sessions;

/// <summary>
/// Where an infusion session (one patient, one chair, one day) stands. The chair board shows it; the vital-sign
/// rules read it through <see cref="SessionPhases.Monitoring"/>. Adding a phase breaks the build until every rule
/// below has decided about it (switch expressions without a discard arm).
/// </summary>
public enum SessionPhase
{
    /// <summary>The patient has arrived and sits in the chair.</summary>
    CheckedIn,

    /// <summary>Pre-infusion checks: baseline vitals and the §2.3 gates, scales, consent.</summary>
    PreChecks,

    /// <summary>The infusion is running.</summary>
    Infusing,

    /// <summary>The infusion is paused (e.g. VS-BP-02); the clock of the infusion keeps its t = 0.</summary>
    Paused,

    /// <summary>The infusion has ended; post-infusion observation (§5).</summary>
    Recovering,

    /// <summary>Recovery is complete and the discharge criteria are being signed off.</summary>
    ReadyForDischarge,

    /// <summary>The patient has left (terminal).</summary>
    Discharged,

    /// <summary>The session ended without a regular discharge, e.g. an emergency transfer or a deferral (terminal).</summary>
    Aborted,
}

/// <summary>What a clinician asks the session to do; <see cref="SessionPhases.TryApply"/> says where it leads.</summary>
public enum PhaseCommand
{
    /// <summary>Checked in → pre-infusion checks.</summary>
    BeginPreChecks,

    /// <summary>Pre-infusion checks → infusing (t = 0 of the infusion).</summary>
    StartInfusion,

    /// <summary>Infusing → paused. Needs a reason.</summary>
    PauseInfusion,

    /// <summary>Paused → infusing.</summary>
    ResumeInfusion,

    /// <summary>Infusing or paused → recovering (end of the infusion, completed or stopped early).</summary>
    StopInfusion,

    /// <summary>Recovering → ready for discharge.</summary>
    MarkReadyForDischarge,

    /// <summary>Ready for discharge → recovering again (e.g. a new abnormal reading). Needs a reason.</summary>
    ReturnToRecovery,

    /// <summary>Ready for discharge → discharged.</summary>
    Discharge,

    /// <summary>Any open phase → aborted (deferral, emergency transfer, patient left). Needs a reason.</summary>
    Abort,
}

/// <summary>The session state machine: explicit allowed transitions and the monitoring phase of each state.</summary>
public static class SessionPhases
{
    /// <summary>Every command allowed from <paramref name="phase"/>, in the order a UI offers them.</summary>
    public static IReadOnlyList<PhaseCommand> Allowed(SessionPhase phase) => phase switch
    {
        SessionPhase.CheckedIn => [PhaseCommand.BeginPreChecks, PhaseCommand.Abort],
        SessionPhase.PreChecks => [PhaseCommand.StartInfusion, PhaseCommand.Abort],
        SessionPhase.Infusing => [PhaseCommand.PauseInfusion, PhaseCommand.StopInfusion, PhaseCommand.Abort],
        SessionPhase.Paused => [PhaseCommand.ResumeInfusion, PhaseCommand.StopInfusion, PhaseCommand.Abort],
        SessionPhase.Recovering => [PhaseCommand.MarkReadyForDischarge, PhaseCommand.Abort],
        SessionPhase.ReadyForDischarge => [PhaseCommand.Discharge, PhaseCommand.ReturnToRecovery, PhaseCommand.Abort],
        SessionPhase.Discharged => [],
        SessionPhase.Aborted => [],
    };

    /// <summary>The phase a command leads to when it is allowed.</summary>
    public static SessionPhase Target(PhaseCommand command) => command switch
    {
        PhaseCommand.BeginPreChecks => SessionPhase.PreChecks,
        PhaseCommand.StartInfusion => SessionPhase.Infusing,
        PhaseCommand.PauseInfusion => SessionPhase.Paused,
        PhaseCommand.ResumeInfusion => SessionPhase.Infusing,
        PhaseCommand.StopInfusion => SessionPhase.Recovering,
        PhaseCommand.MarkReadyForDischarge => SessionPhase.ReadyForDischarge,
        PhaseCommand.ReturnToRecovery => SessionPhase.Recovering,
        PhaseCommand.Discharge => SessionPhase.Discharged,
        PhaseCommand.Abort => SessionPhase.Aborted,
    };

    /// <summary>The phase after <paramref name="command"/>, or null when the command is not allowed from <paramref name="from"/>.</summary>
    public static SessionPhase? TryApply(SessionPhase from, PhaseCommand command) =>
        Allowed(from).Contains(command) ? Target(command) : null;

    /// <summary>True when the command must carry a free-text reason (pause, return to recovery, abort).</summary>
    public static bool RequiresReason(PhaseCommand command) => command switch
    {
        PhaseCommand.PauseInfusion or PhaseCommand.ReturnToRecovery or PhaseCommand.Abort => true,
        PhaseCommand.BeginPreChecks or PhaseCommand.StartInfusion or PhaseCommand.ResumeInfusion or PhaseCommand.StopInfusion
            or PhaseCommand.MarkReadyForDischarge or PhaseCommand.Discharge => false,
    };

    /// <summary>True for the phases a session never leaves (discharged, aborted).</summary>
    public static bool IsTerminal(SessionPhase phase) => Allowed(phase).Count == 0;

    /// <summary>
    /// The monitoring phase the vital-sign rules use (clinical-spec §4.2/§4.3), or null once the session has ended
    /// (no reading is accepted for a closed session).
    /// </summary>
    public static MonitoringPhase? Monitoring(SessionPhase phase) => phase switch
    {
        SessionPhase.CheckedIn or SessionPhase.PreChecks => MonitoringPhase.PreInfusion,
        SessionPhase.Infusing => MonitoringPhase.Infusing,
        SessionPhase.Paused => MonitoringPhase.Paused,
        SessionPhase.Recovering or SessionPhase.ReadyForDischarge => MonitoringPhase.Recovering,
        SessionPhase.Discharged or SessionPhase.Aborted => null,
    };
}
