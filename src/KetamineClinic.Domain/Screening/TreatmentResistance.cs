using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Screening;

/// <summary>How ELIG-TRD-02/03/04 judged one trial.</summary>
/// <param name="Trial">The trial.</param>
/// <param name="Counted">True when it is a current-episode antidepressant monotherapy trial (ELIG-TRD-04).</param>
/// <param name="Adequate">True when ELIG-TRD-02 holds (only for counted trials).</param>
/// <param name="NonResponse">True when ELIG-TRD-03 holds.</param>
/// <param name="MinimumDoseMgPerDay">The dose-table minimum used, mg/day, or null when the table has no row.</param>
/// <param name="Reasons">Why, in words, each prefixed with its rule id.</param>
public sealed record TrialAssessment(
    TreatmentTrial Trial,
    bool Counted,
    bool Adequate,
    bool NonResponse,
    decimal? MinimumDoseMgPerDay,
    IReadOnlyList<string> Reasons)
{
    /// <summary>True when the trial is an adequate, counted non-response: a failure for ELIG-TRD-01.</summary>
    public bool IsAdequateFailure => Counted && Adequate && NonResponse;
}

/// <summary>Result of ELIG-TRD-01..04 for one patient's current episode.</summary>
/// <param name="IsTrd">ELIG-TRD-01: ≥2 different antidepressants failed adequately in the current episode.</param>
/// <param name="AdequateFailureCount">Distinct antidepressants with an adequate non-response trial in the current episode.</param>
/// <param name="Trials">Per-trial judgement, in input order.</param>
/// <param name="Findings">INFO findings (summary, prompts for missing data, trials recorded but not counted).</param>
/// <param name="DoseTableSignedOff">Whether the dose table used was signed off by the medical director.</param>
/// <param name="ProtocolVersion">Protocol the assessment used.</param>
public sealed record TrdAssessment(
    bool IsTrd,
    int AdequateFailureCount,
    IReadOnlyList<TrialAssessment> Trials,
    IReadOnlyList<RuleFinding> Findings,
    bool DoseTableSignedOff,
    ProtocolVersion ProtocolVersion)
{
    /// <summary>Adequate failures, one per distinct drug (first trial of each drug), in input order.</summary>
    public IReadOnlyList<TrialAssessment> AdequateFailures =>
        Trials.Where(t => t.IsAdequateFailure).DistinctBy(t => DrugCatalogue.GenericNameOf(t.Trial.Name)).ToList();
}

/// <summary>Treatment-resistance rules ELIG-TRD-01..04 (clinical-spec §1.1).</summary>
public static class TreatmentResistance
{
    /// <summary>ELIG-TRD-01: the number of adequate non-response antidepressants that makes a depression treatment-resistant.</summary>
    public const int TrdThreshold = 2;

    private static readonly string[] TrdSources = ["S10", "S11", "S12"];
    private static readonly string[] AdequacySources = ["S10", "S11", "C"];
    private static readonly string[] NonResponseSources = ["S11"];
    private static readonly string[] NotCountedSources = ["S10", "S15"];

    /// <summary>Judges every trial and decides isTRD.</summary>
    public static TrdAssessment Assess(IEnumerable<TreatmentTrial> trials, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(protocol);
        var policy = protocol.Eligibility;
        var findings = new List<RuleFinding>();
        var assessed = new List<TrialAssessment>();
        var list = trials.ToList();

        foreach (var trial in list)
        {
            ArgumentNullException.ThrowIfNull(trial, nameof(trials));
            assessed.Add(AssessOne(trial, policy, findings));
        }

        // ELIG-TRD-01 (clinical-spec §1.1, §0.1): ≥2 — not ">2" as the seed article says. Counted per distinct drug
        // ("≥2 different antidepressants", S10), so repeating one drug cannot make a patient resistant.
        var failures = assessed.Where(a => a.IsAdequateFailure)
            .Select(a => DrugCatalogue.GenericNameOf(a.Trial.Name))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var isTrd = failures.Count >= TrdThreshold;

        var notCounted = list.Where(t => t.Kind is TreatmentKind.Augmentation or TreatmentKind.Psychotherapy or TreatmentKind.Ect).ToList();
        if (notCounted.Count > 0)
        {
            // ELIG-TRD-04: augmentation and psychotherapy recorded but not counted (ECT likewise: not an antidepressant).
            findings.Add(new RuleFinding(
                ScreeningRules.TrdNotCounted,
                Enforcement.Info,
                Invariant($"ELIG-TRD-04: {notCounted.Count} augmentation/psychotherapy/ECT treatment(s) recorded but not counted as antidepressant trials ({string.Join(", ", notCounted.Select(t => t.Name))})."),
                NotCountedSources));
        }

        if (list.Any(t => t.Kind == TreatmentKind.AntidepressantMonotherapy) && !policy.MinimumEffectiveDoses.SignedOff)
        {
            findings.Add(new RuleFinding(
                ScreeningRules.TrdAdequacy,
                Enforcement.Info,
                "ELIG-TRD-02: doses were judged against the clinic's minimum-effective-dose table, which the medical director has NOT signed off (placeholder values).",
                AdequacySources));
        }

        var drugs = failures.Count == 0 ? "none" : string.Join(", ", failures);
        findings.Insert(0, new RuleFinding(
            ScreeningRules.TrdCount,
            Enforcement.Info,
            Invariant($"ELIG-TRD-01: {failures.Count} adequate non-response antidepressant trial(s) in the current episode ({drugs}); threshold ≥{TrdThreshold} → {(isTrd ? "treatment-resistant" : "not treatment-resistant")}."),
            TrdSources));

        return new TrdAssessment(isTrd, failures.Count, assessed, findings, policy.MinimumEffectiveDoses.SignedOff, protocol.Version);
    }

    private static TrialAssessment AssessOne(TreatmentTrial trial, EligibilityProtocol policy, List<RuleFinding> findings)
    {
        var reasons = new List<string>();
        var nonResponse = trial.Outcome.IsNonResponse;

        if (trial.Kind != TreatmentKind.AntidepressantMonotherapy)
        {
            reasons.Add(Invariant($"ELIG-TRD-04: {trial.Kind} is recorded but not counted as an antidepressant trial."));
            return new TrialAssessment(trial, false, false, nonResponse, null, reasons);
        }
        if (!trial.InCurrentEpisode)
        {
            reasons.Add("ELIG-TRD-01: trial belongs to an earlier episode; only the current episode counts.");
            return new TrialAssessment(trial, false, false, nonResponse, null, reasons);
        }

        var adequate = true;
        var weeks = trial.WeeksAtTargetDose ?? 0m;
        var dose = trial.DoseMgPerDay ?? 0m;

        // ELIG-TRD-02 (clinical-spec §1.1): duration at target dose ≥ minTrialWeeks [C, S11].
        if (weeks < policy.MinTrialWeeks)
        {
            adequate = false;
            reasons.Add(Invariant($"ELIG-TRD-02: {Fmt(weeks)} weeks at target dose < minimum {Fmt(policy.MinTrialWeeks)} weeks."));
        }

        // ELIG-TRD-02: dose ≥ the drug's minimum effective dose in the clinic's table.
        var minimum = policy.MinimumEffectiveDoses.MinimumMgPerDay(trial.Name);
        if (minimum is null)
        {
            adequate = false;
            reasons.Add(Invariant($"ELIG-TRD-02: no minimum effective dose for {trial.Name} in the clinic's dose table; adequacy cannot be confirmed."));
            findings.Add(new RuleFinding(
                ScreeningRules.TrdAdequacy,
                Enforcement.Info,
                Invariant($"ELIG-TRD-02: {trial.Name} has no row in the clinic's minimum-dose table, so the trial is not counted as adequate; ask the medical director to add one."),
                AdequacySources));
        }
        else if (dose < minimum.Value)
        {
            adequate = false;
            reasons.Add(Invariant($"ELIG-TRD-02: {Fmt(dose)} mg/day < minimum effective dose {Fmt(minimum.Value)} mg/day."));
        }

        // ELIG-TRD-02 (S10): adherence confirmed; missing documentation ⇒ not adequate + INFO prompt.
        switch (trial.Adherence)
        {
            case AdherenceStatus.Confirmed:
                break;
            case AdherenceStatus.NotConfirmed:
                adequate = false;
                reasons.Add("ELIG-TRD-02: adherence documented as not confirmed.");
                break;
            case AdherenceStatus.Unknown:
                adequate = false;
                reasons.Add("ELIG-TRD-02: adherence not documented.");
                findings.Add(new RuleFinding(
                    ScreeningRules.TrdAdequacy,
                    Enforcement.Info,
                    Invariant($"ELIG-TRD-02: adherence to {trial.Name} ({Fmt(dose)} mg/day, {Fmt(weeks)} weeks) is not documented, so the trial is not adequate; please document adherence."),
                    AdequacySources));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trial), trial.Adherence, "Unknown adherence status.");
        }

        // ELIG-TRD-03 (S11): <50% reduction on a validated scale, or clinician-documented non-response.
        switch (trial.Outcome)
        {
            case TrialOutcome.ScaleRated s:
                reasons.Add(Invariant($"ELIG-TRD-03: {s.Scale} {s.BaselineScore} → {s.FinalScore} ({Fmt(decimal.Round(s.ReductionPercent, 1, MidpointRounding.AwayFromZero))}% reduction) → {(s.IsNonResponse ? "non-response (<50%)" : "response (≥50%)")}."));
                break;
            case TrialOutcome.ClinicianDocumentedNonResponse:
                reasons.Add("ELIG-TRD-03: clinician-documented non-response.");
                break;
            case TrialOutcome.ClinicianDocumentedResponse:
                reasons.Add("ELIG-TRD-03: clinician-documented response.");
                break;
            case TrialOutcome.NotAssessed:
                reasons.Add("ELIG-TRD-03: outcome not recorded.");
                if (adequate)
                {
                    findings.Add(new RuleFinding(
                        ScreeningRules.TrdNonResponse,
                        Enforcement.Info,
                        Invariant($"ELIG-TRD-03: {trial.Name} was an adequate trial but its outcome is not recorded; please record response or non-response."),
                        NonResponseSources));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trial), trial.Outcome, "Unknown trial outcome.");
        }

        return new TrialAssessment(trial, true, adequate, nonResponse, minimum, reasons);
    }

    internal static string Fmt(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
