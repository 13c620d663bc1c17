using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>Where the patient is in the session; decides which alarm rules apply and which actions make sense.</summary>
public enum MonitoringPhase
{
    /// <summary>Before the infusion starts: the §2.3 gates apply; only CRITICAL in-session rules raise alarms.</summary>
    PreInfusion,

    /// <summary>The infusion is running (readings q10 min from t = 0).</summary>
    Infusing,

    /// <summary>The infusion is paused (still q10 min from t = 0).</summary>
    Paused,

    /// <summary>The infusion has ended; recovery until discharge (readings q15 min).</summary>
    Recovering,
}

/// <summary>
/// Severity of an in-session vital-sign alarm (clinical-spec §4.3). Not an enforcement level: the action for each
/// alarm is given by its rule. Ordered: a higher value is more severe (VS-PREC-01).
/// </summary>
public enum AlarmSeverity
{
    /// <summary>WARN.</summary>
    Warn = 1,

    /// <summary>ALERT.</summary>
    Alert = 2,

    /// <summary>CRITICAL.</summary>
    Critical = 3,
}

/// <summary>
/// The vital sign an alarm belongs to. VS-PREC-01 picks the highest severity within a family; different families are
/// evaluated separately, so one reading raises at most one alarm per family. Target-organ symptoms (VS-SYM-01) share
/// the blood-pressure family because VS-BP-03 takes precedence over VS-SYM-01.
/// </summary>
public enum VitalSignFamily
{
    /// <summary>VS-BP-01, VS-BP-02, VS-BP-03, VS-SYM-01.</summary>
    BloodPressure,

    /// <summary>VS-HR-01, VS-HR-02.</summary>
    HeartRate,

    /// <summary>VS-SPO2-01, VS-SPO2-02.</summary>
    Oxygenation,

    /// <summary>VS-RR-01 (respiratory rate and apnea).</summary>
    Respiration,

    /// <summary>VS-SED-01 (MOAA/S, response to voice).</summary>
    Sedation,

    /// <summary>VS-PSY-01 (emergence reaction, agitation, psychotic symptoms).</summary>
    Emergence,
}

/// <summary>A structured action an alarm requires (clinical-spec §4.3 "Action" column).</summary>
public enum AlarmAction
{
    /// <summary>Increase BP frequency to q5 min (VS-BP-01).</summary>
    IncreaseBpFrequencyQ5,

    /// <summary>Notify the nurse (VS-BP-01).</summary>
    NotifyNurse,

    /// <summary>Pause the infusion (VS-BP-02, VS-PSY-01); only while infusing.</summary>
    PauseInfusion,

    /// <summary>Notify / call the physician.</summary>
    NotifyPhysician,

    /// <summary>Recheck BP every 5 min until SBP ≤ 180 and DBP ≤ 110 or the physician orders otherwise (VS-BP-02).</summary>
    RecheckQ5UntilBelow,

    /// <summary>Resume only with the physician's order (VS-BP-02); while infusing or paused.</summary>
    ResumeOnlyOnPhysicianOrder,

    /// <summary>Stop the infusion; while infusing or paused.</summary>
    StopInfusion,

    /// <summary>Do not start the infusion (a CRITICAL alarm before the start).</summary>
    DoNotStartInfusion,

    /// <summary>Emergency response (911 / ACLS) (VS-BP-03).</summary>
    EmergencyResponse,

    /// <summary>Transfer (VS-BP-03).</summary>
    Transfer,

    /// <summary>Physician to the bedside now (VS-SYM-01).</summary>
    PhysicianToBedside,

    /// <summary>Evaluate for emergency transfer (VS-SYM-01).</summary>
    EvaluateForEmergencyTransfer,

    /// <summary>Consider pausing the infusion (VS-HR-01); only while infusing.</summary>
    ConsiderPausingInfusion,

    /// <summary>Verbal/tactile stimulation (VS-SPO2-01).</summary>
    Stimulate,

    /// <summary>Reposition the airway (VS-SPO2-01).</summary>
    RepositionAirway,

    /// <summary>Recheck (VS-SPO2-01).</summary>
    Recheck,

    /// <summary>Consider O₂ (VS-SPO2-01).</summary>
    ConsiderOxygen,

    /// <summary>Give O₂ (VS-SPO2-02).</summary>
    GiveOxygen,

    /// <summary>Airway support / management (VS-SPO2-02, VS-RR-01).</summary>
    AirwaySupport,

    /// <summary>Monitor the airway (VS-SED-01).</summary>
    MonitorAirway,

    /// <summary>Lower verbal, tactile and visual stimulation (VS-PSY-01).</summary>
    LowerStimulation,

    /// <summary>Physician evaluation (VS-PSY-01).</summary>
    PhysicianEvaluation,
}

/// <summary>FHIR Observation.interpretation for an alarm (v3-ObservationInterpretation).</summary>
public enum ObservationInterpretation
{
    /// <summary>H: high.</summary>
    High,

    /// <summary>HH: critical high.</summary>
    CriticalHigh,

    /// <summary>L: low.</summary>
    Low,

    /// <summary>LL: critical low.</summary>
    CriticalLow,
}

/// <summary>FHIR codes for <see cref="ObservationInterpretation"/>.</summary>
public static class ObservationInterpretationCodes
{
    /// <summary>The code system of the interpretation codes.</summary>
    public const string System = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    /// <summary>H, HH, L or LL.</summary>
    public static string ToFhirCode(this ObservationInterpretation interpretation) => interpretation switch
    {
        ObservationInterpretation.High => "H",
        ObservationInterpretation.CriticalHigh => "HH",
        ObservationInterpretation.Low => "L",
        ObservationInterpretation.CriticalLow => "LL",
    };
}

/// <summary>How an alarm came to be raised (VS-CONF-01).</summary>
public enum AlarmConfirmation
{
    /// <summary>CRITICAL or stop-the-infusion rule: raised on the first reading.</summary>
    FirstReading,

    /// <summary>A repeat 2–5 min after the first reading also met the condition.</summary>
    Confirmed,

    /// <summary>The repeat came later than 5 min after the first and still met the condition (our decision: it confirms).</summary>
    ConfirmedLate,

    /// <summary>The repeat did not confirm; the reading measured once more afterwards met the condition.</summary>
    ConfirmedOnRecheck,

    /// <summary>VS-HR-01: HR above the threshold over ≥ 5 consecutive minutes.</summary>
    Sustained,
}

/// <summary>State of an open alarm episode (one per rule).</summary>
public enum EpisodeState
{
    /// <summary>First reading met the condition; a confirming repeat (or, for VS-HR-01, 5 sustained minutes) is awaited.</summary>
    AwaitingConfirmation,

    /// <summary>The repeat did not confirm: the first reading is logged as unconfirmed and one more reading is awaited.</summary>
    AwaitingRecheck,

    /// <summary>The condition is confirmed and still met (the alarm was raised, or suppressed by a more severe one).</summary>
    Active,
}

/// <summary>How an episode closed.</summary>
public enum EpisodeClosure
{
    /// <summary>VS-CONF-01: never confirmed (for VS-HR-01: not sustained).</summary>
    Unconfirmed,

    /// <summary>The condition of an active episode is no longer met.</summary>
    Cleared,
}

/// <summary>
/// An open alarm episode: the state VS-CONF-01 needs between readings. <see cref="VitalsPolicy.Evaluate"/> takes the
/// open episodes and returns their next state; the caller stores them.
/// </summary>
/// <param name="Rule">The VS rule.</param>
/// <param name="State">Where the episode stands.</param>
/// <param name="FirstMetAt">The first reading that met the condition (start of a VS-HR-01 run).</param>
/// <param name="LastCountedAt">The last reading the episode counted (first reading, unconfirming repeat, or last continuing reading).</param>
/// <param name="UnconfirmedAt">When the repeat failed to confirm (the first reading was logged as unconfirmed), if it did.</param>
/// <param name="AlarmRaised">True when an alarm was raised for this episode; false while awaiting, or when a more severe alarm suppressed it.</param>
public sealed record AlarmEpisode(
    RuleId Rule,
    EpisodeState State,
    DateTimeOffset FirstMetAt,
    DateTimeOffset LastCountedAt,
    DateTimeOffset? UnconfirmedAt = null,
    bool AlarmRaised = false);

/// <summary>An episode that closed at this reading.</summary>
/// <param name="Rule">The VS rule.</param>
/// <param name="Closure">Unconfirmed or cleared.</param>
/// <param name="FirstMetAt">When the episode started.</param>
/// <param name="ClosedAt">The reading that closed it.</param>
/// <param name="AlarmRaised">Whether the episode had raised an alarm.</param>
public sealed record ClosedAlarmEpisode(RuleId Rule, EpisodeClosure Closure, DateTimeOffset FirstMetAt, DateTimeOffset ClosedAt, bool AlarmRaised);

/// <summary>A rule that matched but was not raised because a more severe rule of the same family was raised or active (VS-PREC-01).</summary>
/// <param name="Rule">The suppressed rule.</param>
/// <param name="SuppressedBy">The rule raised or active instead.</param>
public sealed record SuppressedRule(RuleId Rule, RuleId SuppressedBy);
