using System.Globalization;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Infusions.PreInfusion;

/// <summary>Rule ids of the pre-infusion checklist that the spec does not name (our local ids).</summary>
public static class PreInfusionRuleIds
{
    /// <summary>PRE-VS-01 (local, BLOCK): the §2.3 vital-sign gate has not decided yet (a gated sign missing, or a repeat due).</summary>
    public static RuleId VitalsPending => new("PRE-VS-01");

    /// <summary>PRE-WT-01 (local, BLOCK): no weight recorded on the session day (the dose is calculated on today's weight).</summary>
    public static RuleId WeightToday => new("PRE-WT-01");

    /// <summary>PRE-SCALE-01 (local, BLOCK; clinical-spec §6.7, §4.2): the same-day PHQ-9 and C-SSRS screener are required before infusion.</summary>
    public static RuleId SameDayScales => new("PRE-SCALE-01");

    /// <summary>PRE-ESCORT-01 (local, BLOCK; Ketalar label [S4, S5]): a responsible adult escort is confirmed before starting.</summary>
    public static RuleId Escort => new("PRE-ESCORT-01");

    /// <summary>PRE-CONSENT-01 (local, BLOCK; off-label use, clinical-spec governance notice): informed consent on file.</summary>
    public static RuleId Consent => new("PRE-CONSENT-01");

    /// <summary>PRE-GATE-01 (local, BLOCK at StartInfusion): the checklist has not passed (or its evaluation is older than its inputs).</summary>
    public static RuleId GateNotPassed => new("PRE-GATE-01");

    /// <summary>PRE-DOSE-01 (local, BLOCK at StartInfusion): no dose ordered, prepared and confirmed for the session.</summary>
    public static RuleId DoseNotConfirmed => new("PRE-DOSE-01");
}

/// <summary>What the checklist decides. Exhaustive switches only.</summary>
public enum PreInfusionOutcome
{
    /// <summary>Every check passed with no WARN: the infusion may start (once the dose is confirmed).</summary>
    Proceed,

    /// <summary>Only WARN findings: a physician signs off before the infusion starts.</summary>
    SignOffRequired,

    /// <summary>A HARD STOP or clinical BLOCK: the infusion is deferred.</summary>
    Defer,

    /// <summary>Something still has to be recorded (vitals, weight, scales, escort, consent).</summary>
    Incomplete,
}

/// <summary>
/// What the pre-infusion checklist reads (clinical-spec §2.2, §2.3, §4.2, §6.7, §8.1). Built by the caller from
/// stored data; the checklist itself does no I/O.
/// </summary>
public sealed record PreInfusionFacts
{
    /// <summary>Creates the facts.</summary>
    /// <param name="vitalsGate">The §2.3 gate decision on today's pre-infusion readings, or null when none was taken.</param>
    /// <param name="weightRecordedToday">A weight was recorded on the session day.</param>
    /// <param name="phq9">Today's PHQ-9 result, or null when none.</param>
    /// <param name="cssrs">Today's C-SSRS screener result (either version), or null when none.</param>
    /// <param name="escortConfirmed">An escort (name and phone) was confirmed today.</param>
    /// <param name="consentOnFile">A current informed-consent record is on file.</param>
    /// <param name="pregnancy">Pregnancy screening facts (reproductive potential, latest test), evaluated with <see cref="Contraindications"/>.</param>
    /// <param name="sessionDate">The clinic day of the session.</param>
    public PreInfusionFacts(
        PreInfusionGateDecision? vitalsGate,
        bool weightRecordedToday,
        InstrumentResult? phq9,
        InstrumentResult? cssrs,
        bool escortConfirmed,
        bool consentOnFile,
        PatientScreeningFacts pregnancy,
        DateOnly sessionDate)
    {
        ArgumentNullException.ThrowIfNull(pregnancy);
        if (phq9 is not null && phq9.Instrument.Id != InstrumentIds.Phq9)
        {
            throw new ArgumentException("The PHQ-9 slot holds another instrument.", nameof(phq9));
        }
        if (cssrs is not null && cssrs.Instrument.Id is not (InstrumentIds.CssrsRecent or InstrumentIds.CssrsSinceLastVisit))
        {
            throw new ArgumentException("The C-SSRS slot holds another instrument.", nameof(cssrs));
        }
        VitalsGate = vitalsGate;
        WeightRecordedToday = weightRecordedToday;
        Phq9 = phq9;
        Cssrs = cssrs;
        EscortConfirmed = escortConfirmed;
        ConsentOnFile = consentOnFile;
        Pregnancy = pregnancy;
        SessionDate = sessionDate;
    }

    /// <summary>The §2.3 vital-sign gate decision, or null when no pre-infusion reading was taken.</summary>
    public PreInfusionGateDecision? VitalsGate { get; }

    /// <summary>A weight was recorded on the session day.</summary>
    public bool WeightRecordedToday { get; }

    /// <summary>Today's PHQ-9.</summary>
    public InstrumentResult? Phq9 { get; }

    /// <summary>Today's C-SSRS screener.</summary>
    public InstrumentResult? Cssrs { get; }

    /// <summary>Escort confirmed today.</summary>
    public bool EscortConfirmed { get; }

    /// <summary>Informed consent on file.</summary>
    public bool ConsentOnFile { get; }

    /// <summary>Pregnancy screening facts.</summary>
    public PatientScreeningFacts Pregnancy { get; }

    /// <summary>The clinic day.</summary>
    public DateOnly SessionDate { get; }
}

/// <summary>The checklist's decision: the outcome, every finding with its rule id, and the protocol version.</summary>
/// <param name="Outcome">What may happen next.</param>
/// <param name="Findings">Every finding, vitals first; missing items are BLOCK findings with local rule ids.</param>
/// <param name="SuicideRiskLevel">The encounter's SI level from today's scales (SI-ESC-01).</param>
/// <param name="ProtocolVersion">Protocol version used.</param>
public sealed record PreInfusionDecision(
    PreInfusionOutcome Outcome,
    IReadOnlyList<RuleFinding> Findings,
    SuicideRiskLevel SuicideRiskLevel,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>The WARN findings a physician must sign off.</summary>
    public IReadOnlyList<RuleFinding> NeedsSignOff => [.. Findings.Where(f => f.Level == Enforcement.Warn)];
}

/// <summary>
/// The pre-infusion checklist: combines the §2.3 vital-sign gate (<see cref="PreInfusionGate"/>), today's weight,
/// the same-day PHQ-9 and C-SSRS with their SI escalation (SI-ESC-01, §8.1), escort, consent and pregnancy
/// screening (PREG-01, CI-HS-07 via <see cref="Contraindications"/>) into one decision. It sets no threshold of its
/// own: each rule it combines owns its numbers.
/// </summary>
public static class PreInfusionChecklist
{
    private static readonly string[] LabelEscortSources = ["S4", "S5"];
    private static readonly string[] ScheduleSources = ["C"];

    /// <summary>Decides. Missing items make the outcome <see cref="PreInfusionOutcome.Incomplete"/> unless a clinical finding already defers.</summary>
    public static PreInfusionDecision Evaluate(PreInfusionFacts facts, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(protocol);
        var clinical = new List<RuleFinding>();
        var missing = new List<RuleFinding>();

        switch (facts.VitalsGate)
        {
            case null:
                missing.Add(Missing(PreInfusionRuleIds.VitalsPending, "PRE-VS-01: no baseline vital signs yet; take a seated BP, HR and SpO2 after 5 min rest (clinical-spec §2.3).", "C"));
                break;
            case PreInfusionGateDecision.AwaitingRepeat awaiting:
                clinical.AddRange(awaiting.Findings.Select(f => f with { Level = Enforcement.Info }));
                missing.Add(Missing(PreInfusionRuleIds.VitalsPending,
                    Text($"PRE-VS-01: the first reading met a gate condition; take the seated repeat between {awaiting.RepeatDueFrom:HH:mm} and {awaiting.RepeatDueBy:HH:mm} UTC (the repeat decides, §2.3)."), "C"));
                break;
            case PreInfusionGateDecision.Incomplete incomplete:
                clinical.AddRange(incomplete.Findings);
                missing.Add(Missing(PreInfusionRuleIds.VitalsPending,
                    "PRE-VS-01: measure " + string.Join(", ", incomplete.Missing.Select(Describe)) + " before the gate can decide (§2.3).", "C"));
                break;
            case PreInfusionGateDecision.Decided decided:
                clinical.AddRange(decided.Findings);
                break;
            default:
                throw new ArgumentException("Unknown gate decision.", nameof(facts));
        }

        if (!facts.WeightRecordedToday)
        {
            missing.Add(Missing(PreInfusionRuleIds.WeightToday, "PRE-WT-01: record today's weight; the dose is calculated on it (DOSE-WT-01/02).", "C"));
        }

        var phq9 = facts.Phq9 is InstrumentResult.Scored ? facts.Phq9 : null;
        var cssrs = facts.Cssrs is InstrumentResult.Triaged or InstrumentResult.Incomplete ? facts.Cssrs : null;
        if (phq9 is null)
        {
            missing.Add(Missing(PreInfusionRuleIds.SameDayScales,
                facts.Phq9 is null ? "PRE-SCALE-01: no PHQ-9 today; the patient completes it or the nurse administers it (§6.7)." : "PRE-SCALE-01: today's PHQ-9 is not complete (SCALE-01); complete it (§6.7).",
                "C"));
        }
        if (cssrs is null)
        {
            missing.Add(Missing(PreInfusionRuleIds.SameDayScales, "PRE-SCALE-01: no C-SSRS screener today; the patient completes it or the nurse administers it (§6.7).", "C"));
        }

        // SI-ESC-01 (clinical-spec §8.1): the highest trigger of today's scales decides. An incomplete C-SSRS counts as
        // High (CSSRS-VAL-01), which the scorer reports as an SI-3 trigger.
        var triggers = new[] { phq9, cssrs }.Where(r => r is not null).SelectMany(r => r!.SuicideRiskTriggers);
        var escalation = SuicideRiskEscalation.Evaluate(triggers, protocol);
        switch (escalation.Level)
        {
            case SuicideRiskLevel.None:
                break;
            case SuicideRiskLevel.SI1:
            case SuicideRiskLevel.SI2:
                // §8.1: SI-1 same-session clinician review / SI-2 clinician assessment before infusion → physician sign-off.
                clinical.Add(new RuleFinding(SafetyRuleIds.Escalation, Enforcement.Warn,
                    Text($"SI-ESC-01: today's scales reach {escalation.Level}; a clinician review is required before the infusion ({Actions(escalation)})."),
                    ScheduleSources, ClinicalAuthority.Physician));
                break;
            case SuicideRiskLevel.SI3:
                // §8.1: SI-3 immediate evaluation; infusion only on physician decision → defer here (HARD STOP).
                clinical.Add(new RuleFinding(SafetyRuleIds.Escalation, Enforcement.HardStop,
                    Text($"SI-ESC-01: today's scales reach SI3 (high risk); immediate clinician evaluation, the patient is not left alone; infusion only on a physician's decision ({Actions(escalation)})."),
                    ScheduleSources, ClinicalAuthority.Physician));
                break;
            case SuicideRiskLevel.SI4:
                clinical.Add(new RuleFinding(SafetyRuleIds.Escalation, Enforcement.Block,
                    "SI-ESC-01: SI4 imminent danger: call emergency services and document the hand-off; no infusion.", ScheduleSources));
                break;
        }

        if (!facts.EscortConfirmed)
        {
            missing.Add(Missing(PreInfusionRuleIds.Escort, "PRE-ESCORT-01: confirm the responsible adult who takes the patient home (name and phone); the Ketalar label releases outpatients only with one.", LabelEscortSources));
        }
        if (!facts.ConsentOnFile)
        {
            missing.Add(Missing(PreInfusionRuleIds.Consent, "PRE-CONSENT-01: no informed consent on file for off-label IV ketamine; record the signed consent.", ScheduleSources));
        }

        // PREG-01 / CI-HS-07 (clinical-spec §2.2): only the pregnancy rows of the contraindication screen apply here.
        var pregnancyRules = new HashSet<RuleId> { ScreeningRules.PregnancyTestRequired, ScreeningRules.ContraceptionAdvice, ContraindicationCatalogue.For(ConditionKind.Pregnancy).Rule };
        foreach (var finding in Contraindications.Evaluate(facts.Pregnancy, facts.SessionDate, protocol).Where(f => pregnancyRules.Contains(f.Rule)))
        {
            // PREG-01 asks for a (current) test: something to record, so it keeps its HARD STOP level but makes the
            // checklist Incomplete rather than Defer; a positive test (CI-HS-07) defers.
            (finding.Rule == ScreeningRules.PregnancyTestRequired ? missing : clinical).Add(finding);
        }

        var strictest = Rules.Findings.Strictest(clinical);
        var outcome = strictest switch
        {
            Enforcement.HardStop or Enforcement.Block => PreInfusionOutcome.Defer,
            Enforcement.Warn or Enforcement.Info when missing.Count > 0 => PreInfusionOutcome.Incomplete,
            Enforcement.Warn => PreInfusionOutcome.SignOffRequired,
            Enforcement.Info => PreInfusionOutcome.Proceed,
        };
        return new PreInfusionDecision(outcome, [.. clinical, .. missing], escalation.Level, protocol.Version);
    }

    private static RuleFinding Missing(RuleId rule, string message, params string[] sources) =>
        new(rule, Enforcement.Block, message, sources);

    private static string Describe(GatedVitalSign sign) => sign switch
    {
        GatedVitalSign.BloodPressure => "blood pressure",
        GatedVitalSign.HeartRate => "heart rate",
        GatedVitalSign.Spo2 => "SpO2",
    };

    private static string Actions(SuicideRiskEscalation escalation) =>
        string.Join("; ", escalation.RequiredActions.Select(a => a.Description));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
