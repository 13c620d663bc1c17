namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// The clinic's vital-sign thresholds and timings: pre-infusion gates (clinical-spec §2.3), monitoring schedule (§4.2)
/// and in-session alarms (§4.3). Every value is a [C] clinic policy with the spec's default; every setter checks a
/// range. Pressures in mmHg, rates per minute, saturations in whole percent, times in whole minutes or seconds.
/// </summary>
public sealed record VitalsProtocol
{
    /// <summary>The spec v0.2 defaults.</summary>
    public static VitalsProtocol Default { get; } = new();

    // ---- §2.3 pre-infusion gates -------------------------------------------------------------------------------

    /// <summary>BP-PRE-01 (HARD STOP): defer when SBP is above this on the deciding reading. Default 180 mmHg.</summary>
    public int PreInfusionDeferSystolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 100, 250, nameof(PreInfusionDeferSystolicAboveMmHg)); } = 180;

    /// <summary>BP-PRE-01 (HARD STOP): defer when DBP is above this. Default 110 mmHg.</summary>
    public int PreInfusionDeferDiastolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 60, 150, nameof(PreInfusionDeferDiastolicAboveMmHg)); } = 110;

    /// <summary>BP-PRE-02 (WARN): physician risk–benefit note when SBP is above this (strict). Default 140 mmHg.</summary>
    public int PreInfusionWarnSystolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 100, 250, nameof(PreInfusionWarnSystolicAboveMmHg)); } = 140;

    /// <summary>BP-PRE-02 (WARN): when DBP is above this (strict). Default 90 mmHg.</summary>
    public int PreInfusionWarnDiastolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 60, 150, nameof(PreInfusionWarnDiastolicAboveMmHg)); } = 90;

    /// <summary>BP-PRE-03 (WARN): physician review when SBP is below this (strict). Default 90 mmHg.</summary>
    public int PreInfusionWarnSystolicBelowMmHg { get; init => field = ProtocolRange.Check(value, 60, 120, nameof(PreInfusionWarnSystolicBelowMmHg)); } = 90;

    /// <summary>BP-PRE-03 (WARN): when DBP is below this (strict). Default 60 mmHg.</summary>
    public int PreInfusionWarnDiastolicBelowMmHg { get; init => field = ProtocolRange.Check(value, 30, 80, nameof(PreInfusionWarnDiastolicBelowMmHg)); } = 60;

    /// <summary>HR-PRE-01 (HARD STOP): defer when HR is above this. Default 120 /min.</summary>
    public int PreInfusionDeferHeartRateAbovePerMin { get; init => field = ProtocolRange.Check(value, 90, 180, nameof(PreInfusionDeferHeartRateAbovePerMin)); } = 120;

    /// <summary>HR-PRE-01 (HARD STOP): defer when HR is below this. Default 45 /min.</summary>
    public int PreInfusionDeferHeartRateBelowPerMin { get; init => field = ProtocolRange.Check(value, 30, 60, nameof(PreInfusionDeferHeartRateBelowPerMin)); } = 45;

    /// <summary>HR-PRE-02 (WARN): physician acknowledgement when HR is below this (and not below the HR-PRE-01 floor). Default 50 /min.</summary>
    public int PreInfusionWarnHeartRateBelowPerMin { get; init => field = ProtocolRange.Check(value, 30, 70, nameof(PreInfusionWarnHeartRateBelowPerMin)); } = 50;

    /// <summary>SPO2-PRE-01 (HARD STOP): defer when SpO₂ is below this on room air. Default 92 %.</summary>
    public int PreInfusionDeferSpo2BelowPercent { get; init => field = ProtocolRange.Check(value, 85, 98, nameof(PreInfusionDeferSpo2BelowPercent)); } = 92;

    /// <summary>Pre-infusion repeat rule: the repeat is due this long after the first reading. Default 5 min.</summary>
    public int PreInfusionRepeatAfterMinutes { get; init => field = ProtocolRange.Check(value, 1, 30, nameof(PreInfusionRepeatAfterMinutes)); } = 5;

    /// <summary>Pre-infusion repeat rule: tolerance either side of the due time. Default ±1 min.</summary>
    public int PreInfusionRepeatToleranceMinutes { get; init => field = ProtocolRange.Check(value, 0, 10, nameof(PreInfusionRepeatToleranceMinutes)); } = 1;

    // ---- §4.2 monitoring schedule ------------------------------------------------------------------------------

    /// <summary>Routine reading interval during the infusion, counted from t = 0 (infusion start). Default q10 min.</summary>
    public int InfusionReadingIntervalMinutes { get; init => field = ProtocolRange.Check(value, 1, 30, nameof(InfusionReadingIntervalMinutes)); } = 10;

    /// <summary>Routine reading interval in recovery, counted from the end of the infusion. Default q15 min.</summary>
    public int RecoveryReadingIntervalMinutes { get; init => field = ProtocolRange.Check(value, 1, 60, nameof(RecoveryReadingIntervalMinutes)); } = 15;

    /// <summary>BP interval while VS-BP-01 or VS-BP-02 is active. Default q5 min.</summary>
    public int IntensiveBpIntervalMinutes { get; init => field = ProtocolRange.Check(value, 1, 15, nameof(IntensiveBpIntervalMinutes)); } = 5;

    // ---- §4.3 alarm thresholds ---------------------------------------------------------------------------------

    /// <summary>VS-BP-01 (WARN): lower edge of the intermediate band, SBP above this. Default 160 mmHg.</summary>
    public int WarnSystolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 120, 220, nameof(WarnSystolicAboveMmHg)); } = 160;

    /// <summary>VS-BP-01 (WARN): DBP above this. Default 100 mmHg.</summary>
    public int WarnDiastolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 70, 140, nameof(WarnDiastolicAboveMmHg)); } = 100;

    /// <summary>VS-BP-02 / VS-BP-03: SBP above this pauses (asymptomatic) or stops (symptomatic). Default 180 mmHg.</summary>
    public int PauseSystolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 140, 250, nameof(PauseSystolicAboveMmHg)); } = 180;

    /// <summary>VS-BP-02 / VS-BP-03: DBP above this. Default 110 mmHg.</summary>
    public int PauseDiastolicAboveMmHg { get; init => field = ProtocolRange.Check(value, 80, 150, nameof(PauseDiastolicAboveMmHg)); } = 110;

    /// <summary>VS-HR-01 (ALERT): sustained HR above this. Default 110 /min.</summary>
    public int TachycardiaAbovePerMin { get; init => field = ProtocolRange.Check(value, 90, 180, nameof(TachycardiaAbovePerMin)); } = 110;

    /// <summary>VS-HR-01: "sustained" = HR above the threshold over at least this many minutes (VS-CONF-01). Default 5 min.</summary>
    public int SustainedTachycardiaMinutes { get; init => field = ProtocolRange.Check(value, 1, 30, nameof(SustainedTachycardiaMinutes)); } = 5;

    /// <summary>VS-HR-02 (ALERT): HR below this. Default 50 /min.</summary>
    public int BradycardiaBelowPerMin { get; init => field = ProtocolRange.Check(value, 30, 70, nameof(BradycardiaBelowPerMin)); } = 50;

    /// <summary>VS-SPO2-01 (WARN): SpO₂ at or below this on room air. Default 92 %.</summary>
    public int Spo2WarnRoomAirAtOrBelowPercent { get; init => field = ProtocolRange.Check(value, 85, 98, nameof(Spo2WarnRoomAirAtOrBelowPercent)); } = 92;

    /// <summary>VS-SPO2-01 (WARN): SpO₂ below this on supplemental O₂. Default 94 %.</summary>
    public int Spo2WarnOnOxygenBelowPercent { get; init => field = ProtocolRange.Check(value, 85, 100, nameof(Spo2WarnOnOxygenBelowPercent)); } = 94;

    /// <summary>VS-SPO2-02 (CRITICAL): SpO₂ below this. Default 90 %.</summary>
    public int Spo2CriticalBelowPercent { get; init => field = ProtocolRange.Check(value, 80, 95, nameof(Spo2CriticalBelowPercent)); } = 90;

    /// <summary>
    /// VS-RR-01 (CRITICAL): RR below this floor. Default 8 /min [C]. Null = unset: VS-CFG-01 then blocks starting an
    /// infusion, and the alarm (never switched off on a running session) falls back to the spec default.
    /// </summary>
    public int? RrFloorPerMin { get; init => field = value is null ? null : ProtocolRange.Check(value.Value, 4, 16, nameof(RrFloorPerMin)); } = 8;

    /// <summary>
    /// VS-RR-01 (CRITICAL): apnea lasting at least this many seconds. Default 20 s [C]. Null = unset: VS-CFG-01 blocks
    /// starting an infusion; evaluation falls back to the spec default.
    /// </summary>
    public int? ApneaSec { get; init => field = value is null ? null : ProtocolRange.Check(value.Value, 5, 60, nameof(ApneaSec)); } = 20;

    /// <summary>VS-SED-01 (CRITICAL): MOAA/S at or below this. Default 2.</summary>
    public int SedationMoaasAtOrBelow { get; init => field = ProtocolRange.Check(value, 0, 4, nameof(SedationMoaasAtOrBelow)); } = 2;

    // ---- VS-CONF-01 confirmation --------------------------------------------------------------------------------

    /// <summary>VS-CONF-01: a confirming repeat counts from this long after the first reading. Default 2 min.</summary>
    public int ConfirmationMinMinutes { get; init => field = ProtocolRange.Check(value, 1, 10, nameof(ConfirmationMinMinutes)); } = 2;

    /// <summary>VS-CONF-01: the confirming repeat is due by this long after the first reading. Default 5 min.</summary>
    public int ConfirmationMaxMinutes { get; init => field = ProtocolRange.Check(value, 1, 15, nameof(ConfirmationMaxMinutes)); } = 5;

    /// <summary>VS-CONF-01: after an unconfirming repeat, measure once more this long later. Default 5 min.</summary>
    public int UnconfirmedRecheckMinutes { get; init => field = ProtocolRange.Check(value, 1, 15, nameof(UnconfirmedRecheckMinutes)); } = 5;

    // ---- alarm escalation (the spec is silent: clinic decision, docs/clinical-rules/vitals-discharge.md) ----------

    /// <summary>An unacknowledged CRITICAL alarm escalates after this many minutes. Default 2 min [C, our decision].</summary>
    public int EscalateCriticalAfterMinutes { get; init => field = ProtocolRange.Check(value, 1, 15, nameof(EscalateCriticalAfterMinutes)); } = 2;

    /// <summary>An unacknowledged ALERT escalates after this many minutes. Default 5 min [C, our decision].</summary>
    public int EscalateAlertAfterMinutes { get; init => field = ProtocolRange.Check(value, 1, 30, nameof(EscalateAlertAfterMinutes)); } = 5;

    /// <summary>An unacknowledged WARN escalates after this many minutes. Default 10 min [C, our decision].</summary>
    public int EscalateWarnAfterMinutes { get; init => field = ProtocolRange.Check(value, 1, 60, nameof(EscalateWarnAfterMinutes)); } = 10;

    /// <summary>Spec default for <see cref="RrFloorPerMin"/> (8 /min), used when the setting is unset.</summary>
    public const int SpecDefaultRrFloorPerMin = 8;

    /// <summary>Spec default for <see cref="ApneaSec"/> (20 s), used when the setting is unset.</summary>
    public const int SpecDefaultApneaSec = 20;
}
