using System.Globalization;
using System.Runtime.InteropServices;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Infusions.Vitals;

/// <summary>
/// Pre-infusion vital-sign gates (clinical-spec §2.3): BP-PRE-01/02/03, HR-PRE-01/02 and SPO2-PRE-01, with the
/// shared repeat rule. A first reading that meets any gate condition needs a seated repeat 5 ± 1 min later and the
/// repeat decides every gate; a missing or out-of-window repeat leaves the decision to the most abnormal reading
/// taken (the higher value for an upper limit, the lower value for a lower limit).
/// </summary>
public static class PreInfusionGate
{
    /// <summary>BP-PRE-01 (HARD STOP): SBP &gt; 180 or DBP &gt; 110 on the deciding reading → defer.</summary>
    public static RuleId BpPre01 => "BP-PRE-01";

    /// <summary>BP-PRE-02 (WARN): not deferred and SBP &gt; 140 or DBP &gt; 90 → physician risk–benefit note.</summary>
    public static RuleId BpPre02 => "BP-PRE-02";

    /// <summary>BP-PRE-03 (WARN): SBP &lt; 90 or DBP &lt; 60 → physician review.</summary>
    public static RuleId BpPre03 => "BP-PRE-03";

    /// <summary>HR-PRE-01 (HARD STOP): HR &gt; 120 or &lt; 45 → defer.</summary>
    public static RuleId HrPre01 => "HR-PRE-01";

    /// <summary>HR-PRE-02 (WARN): 45 ≤ HR &lt; 50 → physician acknowledgement.</summary>
    public static RuleId HrPre02 => "HR-PRE-02";

    /// <summary>SPO2-PRE-01 (HARD STOP): SpO₂ &lt; 92 % on room air → defer pending physician review.</summary>
    public static RuleId Spo2Pre01 => "SPO2-PRE-01";

    /// <summary>
    /// Evaluates the gates on the first pre-infusion reading and, when taken, its repeat.
    /// </summary>
    /// <param name="first">The first seated pre-infusion reading of the encounter.</param>
    /// <param name="repeat">The next reading, if one was taken (must be later than <paramref name="first"/>).</param>
    /// <param name="asOf">Now: decides whether a missing repeat is still awaited (not before either reading).</param>
    /// <param name="protocol">Clinic protocol (<see cref="ClinicProtocol.Vitals"/>).</param>
    public static PreInfusionGateDecision Evaluate(VitalsReading first, VitalsReading? repeat, DateTimeOffset asOf, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(protocol);
        if (repeat is not null && repeat.TakenAt <= first.TakenAt)
        {
            throw new ArgumentException("The repeat must be taken after the first reading.", nameof(repeat));
        }

        if (asOf < (repeat ?? first).TakenAt)
        {
            throw new ArgumentException("asOf must not be earlier than the readings.", nameof(asOf));
        }

        var p = protocol.Vitals;
        var version = protocol.Version;
        var firstFindings = Findings(GateValues.Of([first]), p);
        var dueFrom = first.TakenAt.AddMinutes(p.PreInfusionRepeatAfterMinutes - p.PreInfusionRepeatToleranceMinutes);
        var dueBy = first.TakenAt.AddMinutes(p.PreInfusionRepeatAfterMinutes + p.PreInfusionRepeatToleranceMinutes);

        if (firstFindings.Count == 0)
        {
            // A first reading that meets no gate condition needs no repeat (§2.3).
            return repeat is null
                ? Decide(GateValues.Of([first]), first, null, RepeatResolution.NoRepeatNeeded, version, p)
                : MostAbnormal(first, repeat, RepeatResolution.UnrequestedRepeatConsidered, version, p);
        }

        if (repeat is null)
        {
            return asOf <= dueBy
                ? new PreInfusionGateDecision.AwaitingRepeat(firstFindings, version, dueFrom, dueBy)
                : Decide(GateValues.Of([first]), first, null, RepeatResolution.RepeatMissing, version, p);
        }

        if (repeat.TakenAt < dueFrom || repeat.TakenAt > dueBy)
        {
            return MostAbnormal(first, repeat, RepeatResolution.RepeatOutsideWindow, version, p);
        }

        // The repeat decides every gate; a value the repeat lacks counts as a missing repeat for that vital sign,
        // so the first reading's value (the only one taken) decides it.
        var values = GateValues.Of(
            repeat.BloodPressure is null ? [first] : [repeat],
            repeat.HeartRate is null ? [first] : [repeat],
            repeat.Spo2 is null ? [first] : [repeat]);
        return Decide(values, repeat, first, RepeatResolution.RepeatDecided, version, p);
    }

    private static PreInfusionGateDecision MostAbnormal(VitalsReading first, VitalsReading second, RepeatResolution resolution, ProtocolVersion version, VitalsProtocol p)
    {
        var firstLevel = Rules.Findings.Strictest(Findings(GateValues.Of([first]), p));
        var secondLevel = Rules.Findings.Strictest(Findings(GateValues.Of([second]), p));
        var (deciding, other) = firstLevel > secondLevel ? (first, second) : (second, first);
        return Decide(GateValues.Of([first, second]), deciding, other, resolution, version, p);
    }

    private static PreInfusionGateDecision Decide(
        GateValues values,
        VitalsReading deciding,
        VitalsReading? other,
        RepeatResolution resolution,
        ProtocolVersion version,
        VitalsProtocol p)
    {
        var findings = Findings(values, p);
        var missing = new List<GatedVitalSign>();
        if (values.MaxSystolic is null)
        {
            missing.Add(GatedVitalSign.BloodPressure);
        }

        if (values.MaxHeartRate is null)
        {
            missing.Add(GatedVitalSign.HeartRate);
        }

        if (values.MinSpo2 is null)
        {
            missing.Add(GatedVitalSign.Spo2);
        }

        if (missing.Count > 0)
        {
            return new PreInfusionGateDecision.Incomplete(findings, version, missing);
        }

        var baseline = new VitalsBaseline(
            (deciding.BloodPressure ?? other?.BloodPressure)!.Value,
            deciding.HeartRate ?? other?.HeartRate,
            deciding.RespiratoryRate ?? other?.RespiratoryRate,
            deciding.Temperature ?? other?.Temperature,
            deciding.TakenAt);

        return Rules.Findings.Strictest(findings) switch
        {
            Enforcement.HardStop or Enforcement.Block => new PreInfusionGateDecision.Defer(findings, version, deciding, baseline, resolution),
            Enforcement.Warn => new PreInfusionGateDecision.WarnWithSignOff(findings, version, deciding, baseline, resolution),
            Enforcement.Info => new PreInfusionGateDecision.Proceed(findings, version, deciding, baseline, resolution),
        };
    }

    private static List<RuleFinding> Findings(GateValues v, VitalsProtocol p)
    {
        var findings = new List<RuleFinding>();
        if (v.MaxSystolic is { } maxSbp && v.MaxDiastolic is { } maxDbp && v.MinSystolic is { } minSbp && v.MinDiastolic is { } minDbp)
        {
            // BP-PRE-01 (clinical-spec §2.3): SBP > 180 or DBP > 110 on the deciding reading → defer (HARD STOP).
            if (maxSbp > p.PreInfusionDeferSystolicAboveMmHg || maxDbp > p.PreInfusionDeferDiastolicAboveMmHg)
            {
                findings.Add(new RuleFinding(
                    BpPre01,
                    Enforcement.HardStop,
                    Text($"BP-PRE-01: pre-infusion BP {maxSbp}/{maxDbp} mmHg is above {p.PreInfusionDeferSystolicAboveMmHg}/{p.PreInfusionDeferDiastolicAboveMmHg}: defer the infusion; a physician may override with a reason."),
                    ["C", "S61", "S25"],
                    ClinicalAuthority.Physician));
            }

            // BP-PRE-02 (§2.3): not deferred by BP-PRE-01 and SBP > 140 or DBP > 90 (strict) → WARN.
            else if (maxSbp > p.PreInfusionWarnSystolicAboveMmHg || maxDbp > p.PreInfusionWarnDiastolicAboveMmHg)
            {
                findings.Add(new RuleFinding(
                    BpPre02,
                    Enforcement.Warn,
                    Text($"BP-PRE-02: pre-infusion BP {maxSbp}/{maxDbp} mmHg is above {p.PreInfusionWarnSystolicAboveMmHg}/{p.PreInfusionWarnDiastolicAboveMmHg}: a physician documents the risk–benefit decision before starting."),
                    ["C", "S1"],
                    ClinicalAuthority.Physician));
            }

            // BP-PRE-03 (§2.3): SBP < 90 or DBP < 60 → WARN, physician review.
            if (minSbp < p.PreInfusionWarnSystolicBelowMmHg || minDbp < p.PreInfusionWarnDiastolicBelowMmHg)
            {
                findings.Add(new RuleFinding(
                    BpPre03,
                    Enforcement.Warn,
                    Text($"BP-PRE-03: pre-infusion BP {minSbp}/{minDbp} mmHg is below {p.PreInfusionWarnSystolicBelowMmHg}/{p.PreInfusionWarnDiastolicBelowMmHg}: physician review before starting."),
                    ["C", "S61"],
                    ClinicalAuthority.Physician));
            }
        }

        if (v.MaxHeartRate is { } maxHr && v.MinHeartRate is { } minHr)
        {
            // HR-PRE-01 (§2.3): HR > 120 or < 45 at rest → defer (HARD STOP).
            if (maxHr > p.PreInfusionDeferHeartRateAbovePerMin || minHr < p.PreInfusionDeferHeartRateBelowPerMin)
            {
                var hr = maxHr > p.PreInfusionDeferHeartRateAbovePerMin ? maxHr : minHr;
                findings.Add(new RuleFinding(
                    HrPre01,
                    Enforcement.HardStop,
                    Text($"HR-PRE-01: pre-infusion HR {hr} /min is outside {p.PreInfusionDeferHeartRateBelowPerMin}–{p.PreInfusionDeferHeartRateAbovePerMin} /min: defer the infusion; a physician may override with a reason."),
                    ["C", "S61"],
                    ClinicalAuthority.Physician));
            }

            // HR-PRE-02 (§2.3): 45 ≤ HR < 50 at rest → WARN.
            if (minHr >= p.PreInfusionDeferHeartRateBelowPerMin && minHr < p.PreInfusionWarnHeartRateBelowPerMin)
            {
                findings.Add(new RuleFinding(
                    HrPre02,
                    Enforcement.Warn,
                    Text($"HR-PRE-02: pre-infusion HR {minHr} /min is below {p.PreInfusionWarnHeartRateBelowPerMin} /min: physician acknowledgement before starting."),
                    ["C"],
                    ClinicalAuthority.Physician));
            }
        }

        // SPO2-PRE-01 (§2.3): SpO₂ < 92 % on room air → defer (HARD STOP). Also applied to a reading on O₂: below 92 %
        // even with oxygen is worse (our decision, docs/clinical-rules/vitals-discharge.md).
        if (v.MinSpo2 is { } spo2 && spo2.Percent < p.PreInfusionDeferSpo2BelowPercent)
        {
            findings.Add(new RuleFinding(
                Spo2Pre01,
                Enforcement.HardStop,
                Text($"SPO2-PRE-01: pre-infusion SpO2 {spo2} is below {p.PreInfusionDeferSpo2BelowPercent} %: defer pending physician review; a physician may override with a reason."),
                ["C", "S55"],
                ClinicalAuthority.Physician));
        }

        return findings;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The extreme values over the readings that decide each gate.</summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly record struct GateValues(
        int? MaxSystolic,
        int? MaxDiastolic,
        int? MinSystolic,
        int? MinDiastolic,
        int? MaxHeartRate,
        int? MinHeartRate,
        Spo2? MinSpo2)
    {
        public static GateValues Of(IReadOnlyList<VitalsReading> readings) => Of(readings, readings, readings);

        public static GateValues Of(IReadOnlyList<VitalsReading> bpFrom, IReadOnlyList<VitalsReading> hrFrom, IReadOnlyList<VitalsReading> spo2From)
        {
            var bps = bpFrom.Where(r => r.BloodPressure is not null).Select(r => r.BloodPressure!.Value).ToList();
            var hrs = hrFrom.Where(r => r.HeartRate is not null).Select(r => r.HeartRate!.Value.BeatsPerMin).ToList();
            var spo2s = spo2From.Where(r => r.Spo2 is not null).Select(r => r.Spo2!.Value).ToList();
            return new GateValues(
                bps.Count == 0 ? null : bps.Max(b => b.SystolicMmHg),
                bps.Count == 0 ? null : bps.Max(b => b.DiastolicMmHg),
                bps.Count == 0 ? null : bps.Min(b => b.SystolicMmHg),
                bps.Count == 0 ? null : bps.Min(b => b.DiastolicMmHg),
                hrs.Count == 0 ? null : hrs.Max(),
                hrs.Count == 0 ? null : hrs.Min(),
                spo2s.Count == 0 ? null : spo2s.MinBy(s => s.Percent));
        }
    }
}
