using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Screening.TreatmentResistance;

namespace KetamineClinic.Domain.Screening;

/// <summary>Everything eligibility needs about one patient on one date.</summary>
/// <param name="Patient">Date of birth, recorded conditions, reproductive potential, pregnancy test, non-clinic ketamine use.</param>
/// <param name="EvaluatedOn">Date the evaluation applies to (age, test validity and ketamine window are counted to it).</param>
/// <param name="Trials">Treatments tried (all episodes; only the current episode counts).</param>
/// <param name="Medications">Active concomitant medications.</param>
/// <param name="EpisodeDurationMonths">Current-episode duration in months for MSM (null: MSM not computed).</param>
/// <param name="BaselineSeverity">Baseline severity for MSM (null: MSM not computed).</param>
/// <param name="AdditionalFindings">Findings from other modules to fold in (e.g. the pre-infusion vital-sign gates).</param>
public sealed record EligibilityRequest(
    PatientScreeningFacts Patient,
    DateOnly EvaluatedOn,
    IReadOnlyList<TreatmentTrial> Trials,
    IReadOnlyList<ConcomitantMedication> Medications,
    decimal? EpisodeDurationMonths = null,
    BaselineSeverity? BaselineSeverity = null,
    IReadOnlyList<RuleFinding>? AdditionalFindings = null);

/// <summary>
/// Runs every screening rule and returns the verdict (clinical-spec §1, §2). Mapping: any BLOCK ⇒ NotEligible; else
/// any HARD STOP or WARN ⇒ NeedsPhysicianReview; else Eligible. A patient below the clinic's required adequate failures
/// gets ELIG-INC-TRD-01 (default HARD STOP, physician override with the indication as reason).
/// </summary>
public static class EligibilityEvaluator
{
    private static readonly string[] InclusionSources = ["S10", "S11", "S12", "S38", "C"];

    /// <summary>Evaluates eligibility under <paramref name="protocol"/>.</summary>
    public static EligibilityDecision Evaluate(EligibilityRequest request, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Trials, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Medications, nameof(request));
        ArgumentNullException.ThrowIfNull(protocol);
        var policy = protocol.Eligibility;
        policy.EnsureConsistent();

        var findings = new List<RuleFinding>();
        findings.AddRange(Contraindications.Evaluate(request.Patient, request.EvaluatedOn, protocol));

        var trd = TreatmentResistance.Assess(request.Trials, protocol);
        findings.AddRange(trd.Findings);

        // ELIG-INC-TRD-01 (§1.4, own id): the protocol is for TRD; fewer adequate failures than the clinic requires
        // holds the patient for a documented decision (off-protocol indication) rather than refusing outright.
        if (trd.AdequateFailureCount < policy.RequiredAdequateFailures)
        {
            var level = policy.NotTreatmentResistantLevel;
            findings.Add(new RuleFinding(ScreeningRules.ResistanceInclusion, level,
                Invariant($"ELIG-INC-TRD-01: {trd.AdequateFailureCount} adequate non-response antidepressant trial(s) in the current episode; the clinic's protocol requires ≥{policy.RequiredAdequateFailures} (isTRD = {(trd.IsTrd ? "true" : "false")}). Treating outside the TRD protocol needs a documented decision."),
                InclusionSources, AuthorityFor(level)));
        }

        var thaseRush = ThaseRushStaging.Stage(trd);
        findings.AddRange(thaseRush.Findings);

        var maudsley = ScoreMaudsley(request, trd);
        if (maudsley is not null)
        {
            findings.AddRange(maudsley.Findings);
        }

        var interactions = DrugInteractions.Evaluate(request.Medications, protocol);
        findings.AddRange(interactions.Findings);

        foreach (var extra in request.AdditionalFindings ?? [])
        {
            ArgumentNullException.ThrowIfNull(extra, nameof(request));
            findings.Add(extra);
        }

        // Strictest first (stable within a level), so a reviewer reads the blocking reasons first.
        var ordered = findings.OrderByDescending(f => f.Level).ToList();
        var age = Contraindications.AgeInYears(request.Patient.BornOn, request.EvaluatedOn);
        var details = new EligibilityOutcomeDetails(ordered, trd, thaseRush, maudsley, interactions, age, request.EvaluatedOn, protocol.Version);
        return EligibilityDecision.From(details);
    }

    /// <summary>
    /// MSM from the request: duration and severity from the request; antidepressant count = distinct adequate failures
    /// (ELIG-TRD-01 count); augmentation / ECT = any such treatment in the current episode. Null when duration or
    /// severity is missing or no antidepressant failed (MSM has no band for 0).
    /// </summary>
    public static MaudsleyResult? ScoreMaudsley(EligibilityRequest request, TrdAssessment trd)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(trd);
        if (request.EpisodeDurationMonths is not { } months || request.BaselineSeverity is not { } severity || trd.AdequateFailureCount == 0)
        {
            return null;
        }
        var current = request.Trials.Where(t => t.InCurrentEpisode).ToList();
        var input = new MaudsleyInput(
            months,
            severity,
            trd.AdequateFailureCount,
            current.Any(t => t.Kind == TreatmentKind.Augmentation),
            current.Any(t => t.Kind == TreatmentKind.Ect));
        return MaudsleyStaging.Score(input);
    }

    private static ClinicalAuthority AuthorityFor(Enforcement level) => level switch
    {
        Enforcement.Info => ClinicalAuthority.None,
        Enforcement.Warn => ClinicalAuthority.Physician,
        Enforcement.HardStop => ClinicalAuthority.Physician,
        Enforcement.Block => ClinicalAuthority.None,
    };
}
