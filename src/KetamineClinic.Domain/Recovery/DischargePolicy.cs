using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Recovery;

/// <summary>
/// Discharge criteria DC-01 … DC-06 (clinical-spec §5.1). Every DC rule is a BLOCK: discharge cannot be recorded
/// until it passes; a patient who leaves earlier is recorded as leaving against medical advice.
/// </summary>
public static class DischargePolicy
{
    /// <summary>DC-01: minimum observation since the end of the infusion (+30 min with DDI-CNS-01).</summary>
    public static RuleId Dc01 => "DC-01";

    /// <summary>DC-02: the configured instrument meets its threshold (Aldrete also needs consciousness = 2).</summary>
    public static RuleId Dc02 => "DC-02";

    /// <summary>DC-03: last BP ≤ 180/110, ≤ 15 min old, within ±20 % of baselineBP or acknowledged, no unresolved VS alarm.</summary>
    public static RuleId Dc03 => "DC-03";

    /// <summary>DC-04: clinician attests dissociation and sedation resolved, no new psychotic symptoms.</summary>
    public static RuleId Dc04 => "DC-04";

    /// <summary>DC-05: no SI trigger, or every SI event's required actions complete; SI-4 is never a home discharge.</summary>
    public static RuleId Dc05 => "DC-05";

    /// <summary>DC-06: responsible adult escort documented and the no-driving instruction given.</summary>
    public static RuleId Dc06 => "DC-06";

    /// <summary>Evaluates every DC rule for a requested discharge.</summary>
    /// <exception cref="ArgumentException">The discharge instant is before the end of the infusion.</exception>
    public static DischargeDecision Evaluate(DischargeAssessment assessment, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(protocol);
        if (assessment.DischargeAt < assessment.InfusionEndedAt)
        {
            throw new ArgumentException("Discharge cannot be requested before the infusion ended.", nameof(assessment));
        }

        var p = protocol.Discharge;
        var (dc01, earliest) = EvaluateDc01(assessment, p);
        var (dc02, aldrete, padss) = EvaluateDc02(assessment, p);
        var (dc03, needsAck) = EvaluateDc03(assessment, p);
        IReadOnlyList<DischargeRuleResult> rules = [dc01, dc02, dc03, EvaluateDc04(assessment), EvaluateDc05(assessment), EvaluateDc06(assessment)];
        return new DischargeDecision(
            rules,
            earliest,
            p.Instrument,
            aldrete,
            p.Instrument == DischargeInstrument.ModifiedAldrete ? p.AldreteThreshold : null,
            padss,
            needsAck,
            protocol.Version);
    }

    /// <summary>
    /// Classifies a departure: <see cref="DepartureKind.Discharged"/> only when the decision evaluated at the moment of
    /// departure lets the patient go; a hand-off to emergency services is an emergency transfer; anything else is
    /// leaving against medical advice.
    /// </summary>
    public static DepartureKind ClassifyDeparture(DischargeDecision decisionAtDeparture, bool handedToEmergencyServices)
    {
        ArgumentNullException.ThrowIfNull(decisionAtDeparture);
        return handedToEmergencyServices
            ? DepartureKind.EmergencyTransfer
            : decisionAtDeparture.MayDischarge ? DepartureKind.Discharged : DepartureKind.LeftAgainstMedicalAdvice;
    }

    /// <summary>DC-01: end of infusion + minimum observation (+ the CNS extension when DDI-CNS-01 fired).</summary>
    public static DateTimeOffset EarliestDischargeAt(DateTimeOffset infusionEndedAt, bool cnsDepressantInteraction, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Discharge;
        return infusionEndedAt.AddMinutes(MinimumObservationMinutes(cnsDepressantInteraction, p));
    }

    private static int MinimumObservationMinutes(bool cns, DischargeProtocol p) =>
        p.MinPostInfusionObservationMinutes + (cns ? p.CnsDepressantExtensionMinutes : 0);

    private static (DischargeRuleResult Result, DateTimeOffset Earliest) EvaluateDc01(DischargeAssessment a, DischargeProtocol p)
    {
        // DC-01 (clinical-spec §5.1): ≥ minPostInfusionObsMin since the infusion ended; +30 min when DDI-CNS-01 fired.
        var minutes = MinimumObservationMinutes(a.CnsDepressantInteraction, p);
        var earliest = a.InfusionEndedAt.AddMinutes(minutes);
        var cns = a.CnsDepressantInteraction ? Text($" (includes +{p.CnsDepressantExtensionMinutes} min for DDI-CNS-01)") : string.Empty;
        return a.DischargeAt >= earliest
            ? (Pass(Dc01, Text($"DC-01: {minutes} min of observation{cns} completed at {Stamp(earliest)}."), "C", "S4", "S5"), earliest)
            : (Fail(Dc01, Text($"DC-01: {minutes} min of observation{cns} required after the infusion ended at {Stamp(a.InfusionEndedAt)}; not before {Stamp(earliest)}."), "C", "S4", "S5"), earliest);
    }

    private static (DischargeRuleResult Result, AldreteResult? Aldrete, PadssResult? Padss) EvaluateDc02(DischargeAssessment a, DischargeProtocol p)
    {
        return p.Instrument switch
        {
            DischargeInstrument.Padss => EvaluateDc02Padss(a, p),
            DischargeInstrument.ModifiedAldrete => EvaluateDc02Aldrete(a, p),
        };
    }

    private static string[] Dc02Sources => ["C", "S55", "S57", "S59"];

    private static (DischargeRuleResult Result, AldreteResult? Aldrete, PadssResult? Padss) EvaluateDc02Padss(DischargeAssessment a, DischargeProtocol p)
    {
        var sources = Dc02Sources;
        var current = a.LastReading;
        if (a.Padss is null)
        {
            return (Fail(Dc02, "DC-02: PADSS has not been assessed.", sources), null, null);
        }

        if (current.BloodPressure is null || current.HeartRate is null || a.Baseline.HeartRate is null)
        {
            return (Fail(Dc02, "DC-02: PADSS cannot be scored: the vital-signs item needs BP and HR at the last reading and a pre-infusion HR.", sources), null, null);
        }

        var padss = PadssScore.Score(p.PadssVariant, a.Padss, a.Baseline, current);
        var padssName = p.PadssVariant switch
        {
            PadssVariant.Padss => "PADSS",
            PadssVariant.ModifiedPadss => "modified PADSS",
        };
        return padss.Total >= p.PadssMinimumTotal
            ? (Pass(Dc02, Text($"DC-02: {padssName} {padss.Total} meets the threshold ≥{p.PadssMinimumTotal}."), sources), null, padss)
            : (Fail(Dc02, Text($"DC-02: {padssName} {padss.Total} is below the threshold ≥{p.PadssMinimumTotal}."), sources), null, padss);
    }

    private static (DischargeRuleResult Result, AldreteResult? Aldrete, PadssResult? Padss) EvaluateDc02Aldrete(DischargeAssessment a, DischargeProtocol p)
    {
        var sources = Dc02Sources;
        var current = a.LastReading;
        if (a.Aldrete is null)
        {
            return (Fail(Dc02, "DC-02: the modified Aldrete score has not been assessed.", sources), null, null);
        }

        if (current.BloodPressure is not { } bp || current.Spo2 is not { } spo2)
        {
            return (Fail(Dc02, "DC-02: the modified Aldrete score cannot be scored: it needs BP and SpO2 at the last reading.", sources), null, null);
        }

        var aldrete = AldreteScore.Score(a.Aldrete, a.Baseline.BloodPressure, bp, spo2, p.AldreteCirculation);
        var threshold = p.AldreteThreshold switch
        {
            AldreteThresholdVariant.NineOrMore => "≥9",
            AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo => "≥8 with respiration and SpO2 each = 2 (threshold-only variant)",
        };
        if (!AldreteScore.MeetsThreshold(aldrete, p.AldreteThreshold))
        {
            return (Fail(Dc02, Text($"DC-02: modified Aldrete {aldrete.Total} does not meet {threshold}."), sources), aldrete, null);
        }

        return aldrete.Consciousness == 2
            ? (Pass(Dc02, Text($"DC-02: modified Aldrete {aldrete.Total} meets {threshold} and the patient is fully awake."), sources), aldrete, null)
            : (Fail(Dc02, Text($"DC-02: modified Aldrete {aldrete.Total} meets {threshold} but consciousness = {aldrete.Consciousness}; home discharge needs consciousness = 2 (fully awake)."), sources), aldrete, null);
    }

    private static (DischargeRuleResult Result, bool NeedsAcknowledgement) EvaluateDc03(DischargeAssessment a, DischargeProtocol p)
    {
        string[] sources = ["C", "S55", "S57"];
        var reading = a.LastReading;
        if (reading.BloodPressure is not { } bp)
        {
            return (Fail(Dc03, "DC-03: the last reading has no BP.", sources), false);
        }

        var problems = new List<string>();
        var ageMinutes = (a.DischargeAt - reading.TakenAt).TotalMinutes;
        if (ageMinutes > p.LastReadingMaxAgeMinutes)
        {
            problems.Add(Text($"the last BP was taken at {Stamp(reading.TakenAt)}, more than {p.LastReadingMaxAgeMinutes} min before discharge; measure again"));
        }

        // DC-03: SBP > 180 or DBP > 110 can never be acknowledged or overridden for discharge.
        var overLimit = bp.SystolicMmHg > p.MaxSystolicMmHg || bp.DiastolicMmHg > p.MaxDiastolicMmHg;
        if (overLimit)
        {
            problems.Add(Text($"BP {bp} is above {p.MaxSystolicMmHg}/{p.MaxDiastolicMmHg} mmHg, which no acknowledgement can release"));
        }

        var baseline = a.Baseline.BloodPressure;
        var withinBand = WithinPercent(baseline.SystolicMmHg, bp.SystolicMmHg, p.BpDeviationMaxPercent)
            && WithinPercent(baseline.DiastolicMmHg, bp.DiastolicMmHg, p.BpDeviationMaxPercent);
        var needsAck = false;
        if (!withinBand && !a.BpDeviationAcknowledgedByPhysician)
        {
            needsAck = !overLimit;
            problems.Add(Text($"BP {bp} is more than ±{p.BpDeviationMaxPercent} % from baselineBP {baseline} and no physician has acknowledged the deviation"));
        }

        if (a.UnresolvedAlarms.Count > 0)
        {
            problems.Add("unresolved VS alarm(s): " + string.Join(", ", a.UnresolvedAlarms.Select(r => r.Value)));
        }

        if (problems.Count > 0)
        {
            return (Fail(Dc03, "DC-03: " + string.Join("; ", problems) + ".", sources), needsAck);
        }

        var ack = withinBand ? Text($"within ±{p.BpDeviationMaxPercent} % of baselineBP {baseline}") : Text($"beyond ±{p.BpDeviationMaxPercent} % of baselineBP {baseline}, acknowledged by a physician");
        return (Pass(Dc03, Text($"DC-03: last BP {bp} at {Stamp(reading.TakenAt)}, {ack}; no unresolved VS alarm."), sources), false);
    }

    private static DischargeRuleResult EvaluateDc04(DischargeAssessment a)
    {
        // DC-04: the clinician attests that dissociation and sedation have resolved and there are no new psychotic symptoms.
        var t = a.Attestation;
        if (t is null)
        {
            return Fail(Dc04, "DC-04: no clinician attestation yet (dissociation, sedation, psychotic symptoms).", "C");
        }

        var missing = new List<string>();
        if (!t.DissociationResolved)
        {
            missing.Add("dissociation not resolved");
        }

        if (!t.SedationResolved)
        {
            missing.Add("sedation not resolved");
        }

        if (!t.NoNewPsychoticSymptoms)
        {
            missing.Add("new psychotic symptoms");
        }

        return missing.Count == 0
            ? Pass(Dc04, "DC-04: the clinician attests dissociation and sedation resolved and no new psychotic symptoms.", "C")
            : Fail(Dc04, "DC-04: " + string.Join("; ", missing) + ".", "C");
    }

    private static DischargeRuleResult EvaluateDc05(DischargeAssessment a)
    {
        string[] sources = ["C", "S58", "S69", "S71"];
        var done = a.SuicideRiskActions;

        // DC-05 (§5.1, §8.1): the encounter carries its highest SI level (SI-ESC-01) and that level's actions apply.
        return a.HighestSuicideRiskLevel switch
        {
            SuicideRiskLevel.None => Pass(Dc05, "DC-05: no SI trigger fired in this encounter.", sources),
            SuicideRiskLevel.SI1 => done.ClinicianReviewDone || done.ClinicianAssessmentDone
                ? Pass(Dc05, "DC-05: SI-1 clinician review done.", sources)
                : Fail(Dc05, "DC-05: SI-1: the clinician-review Task is not done.", sources),
            SuicideRiskLevel.SI2 => Si2(done, sources),
            SuicideRiskLevel.SI3 => done.MedicalDirectorDisposition switch
            {
                Si3Disposition.HomeDischargeApproved => Pass(Dc05, "DC-05: SI-3 medical director's disposition recorded: home discharge approved.", sources),
                Si3Disposition.NotRecorded => Fail(Dc05, "DC-05: SI-3: the medical director's disposition is not recorded.", sources),
                Si3Disposition.HigherLevelOfCare => Fail(Dc05, "DC-05: SI-3: the medical director chose a higher level of care; not a home discharge.", sources),
            },
            SuicideRiskLevel.SI4 => Fail(Dc05, "DC-05: SI-4 (imminent danger) ends the encounter with an emergency hand-off, never a home discharge.", sources),
        };
    }

    private static DischargeRuleResult Si2(SuicideRiskActions done, string[] sources)
    {
        var missing = new List<string>();
        if (!done.ClinicianAssessmentDone)
        {
            missing.Add("clinician assessment");
        }

        if (!done.SafetyPlanCompletedOrReviewed)
        {
            missing.Add("safety plan completed or reviewed");
        }

        if (!done.FollowUpWithin72HoursBooked)
        {
            missing.Add("follow-up contact within 72 h booked");
        }

        return missing.Count == 0
            ? Pass(Dc05, "DC-05: SI-2 actions complete (clinician assessment, safety plan, follow-up within 72 h).", sources)
            : Fail(Dc05, "DC-05: SI-2 actions not complete: " + string.Join(", ", missing) + ".", sources);
    }

    private static DischargeRuleResult EvaluateDc06(DischargeAssessment a)
    {
        // DC-06: responsible adult escort documented [S4, S5] and told not to drive until the next day [S1, C].
        var missing = new List<string>();
        if (!a.EscortDocumented)
        {
            missing.Add("no responsible adult escort documented");
        }

        if (!a.NoDrivingInstructionGiven)
        {
            missing.Add("no-driving instruction not given");
        }

        return missing.Count == 0
            ? Pass(Dc06, "DC-06: escort documented and no-driving instruction given.", "C", "S1", "S4", "S5")
            : Fail(Dc06, "DC-06: " + string.Join("; ", missing) + ".", "C", "S1", "S4", "S5");
    }

    /// <summary>|current − baseline| ≤ percent % of baseline, exactly (the project compiles with overflow checks).</summary>
    private static bool WithinPercent(int baseline, int current, int percent) =>
        100 * Math.Abs(current - baseline) <= percent * baseline;

    private static DischargeRuleResult Pass(RuleId rule, string reason, params string[] sources) => new(rule, true, reason, sources);

    private static DischargeRuleResult Fail(RuleId rule, string reason, params string[] sources) => new(rule, false, reason, sources);

    private static string Stamp(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
