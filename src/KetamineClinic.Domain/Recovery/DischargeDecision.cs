using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Recovery;

/// <summary>The result of one DC rule.</summary>
/// <param name="Rule">DC-01 … DC-06.</param>
/// <param name="Passed">True when the rule passes.</param>
/// <param name="Reason">Why, with the numbers a clinician checks.</param>
/// <param name="Sources">Source ids (clinical-spec §13); "C" for clinic policy.</param>
public sealed record DischargeRuleResult(RuleId Rule, bool Passed, string Reason, IReadOnlyList<string> Sources)
{
    /// <summary>The BLOCK finding for a failed rule (all DC rules are BLOCK: no override exists), or null when passed.</summary>
    public RuleFinding? Finding => Passed ? null : new RuleFinding(Rule, Enforcement.Block, Reason, Sources);
}

/// <summary>
/// Whether a patient may be discharged (clinical-spec §5.1): every DC rule with pass/fail and reason, the earliest
/// discharge instant (DC-01), the instrument and variant used (DC-02) and the protocol version.
/// </summary>
public sealed record DischargeDecision
{
    internal DischargeDecision(
        IReadOnlyList<DischargeRuleResult> rules,
        DateTimeOffset earliestDischargeAt,
        DischargeInstrument instrument,
        AldreteResult? aldrete,
        AldreteThresholdVariant? aldreteThreshold,
        PadssResult? padss,
        bool bpDeviationNeedsAcknowledgement,
        ProtocolVersion protocolVersion)
    {
        Rules = rules;
        EarliestDischargeAt = earliestDischargeAt;
        Instrument = instrument;
        Aldrete = aldrete;
        AldreteThreshold = aldreteThreshold;
        Padss = padss;
        BpDeviationNeedsAcknowledgement = bpDeviationNeedsAcknowledgement;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>True only when every DC rule passes.</summary>
    public bool MayDischarge => Rules.All(r => r.Passed);

    /// <summary>DC-01 … DC-06 in order.</summary>
    public IReadOnlyList<DischargeRuleResult> Rules { get; }

    /// <summary>The BLOCK findings of the failed rules.</summary>
    public IReadOnlyList<RuleFinding> BlockingFindings => [.. Rules.Select(r => r.Finding).OfType<RuleFinding>()];

    /// <summary>DC-01: end of infusion + minimum observation (+ CNS extension when DDI-CNS-01 fired).</summary>
    public DateTimeOffset EarliestDischargeAt { get; }

    /// <summary>DC-02: the instrument used.</summary>
    public DischargeInstrument Instrument { get; }

    /// <summary>The Aldrete result (with its circulation variant) when Aldrete was used and could be scored.</summary>
    public AldreteResult? Aldrete { get; }

    /// <summary>The Aldrete threshold variant used, when Aldrete was the instrument.</summary>
    public AldreteThresholdVariant? AldreteThreshold { get; }

    /// <summary>The PADSS result (with its variant) when PADSS was used and could be scored.</summary>
    public PadssResult? Padss { get; }

    /// <summary>DC-03: BP is within the never-acknowledgeable limits but beyond ±20 % of baselineBP and not yet acknowledged; a physician acknowledgement clears it.</summary>
    public bool BpDeviationNeedsAcknowledgement { get; }

    /// <summary>The protocol version used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>The result of one rule.</summary>
    public DischargeRuleResult For(RuleId rule) => Rules.Single(r => r.Rule == rule);
}

/// <summary>How an encounter ended. A patient who leaves before every DC rule passes is not discharged.</summary>
public enum DepartureKind
{
    /// <summary>Discharged: every DC rule passed at departure.</summary>
    Discharged,

    /// <summary>Left against medical advice: left before every DC rule passed (clinical-spec §5.1 [C]).</summary>
    LeftAgainstMedicalAdvice,

    /// <summary>Handed to emergency services (e.g. SI-4, VS-BP-03 transfer): not a home discharge.</summary>
    EmergencyTransfer,
}

/// <summary>The discharge checklist items (clinical-spec §5.4).</summary>
public enum DischargeChecklistItem
{
    /// <summary>Nausea/vomiting.</summary>
    NauseaVomiting,

    /// <summary>Dizziness.</summary>
    Dizziness,

    /// <summary>Headache.</summary>
    Headache,

    /// <summary>Dissociation/perceptual change.</summary>
    DissociationOrPerceptualChange,

    /// <summary>Sedation.</summary>
    Sedation,

    /// <summary>Anxiety/agitation.</summary>
    AnxietyOrAgitation,

    /// <summary>BP status.</summary>
    BloodPressureStatus,

    /// <summary>Escort and no-driving acknowledgement.</summary>
    EscortAndDrivingAcknowledgement,
}
