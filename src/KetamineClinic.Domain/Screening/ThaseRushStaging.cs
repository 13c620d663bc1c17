using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Screening.TreatmentResistance;

namespace KetamineClinic.Domain.Screening;

/// <summary>Thase–Rush stages (clinical-spec §1.2, S14), ordered: a higher value is more resistant.</summary>
public enum ThaseRushStage
{
    /// <summary>No adequate failure (responded, or not yet resistant).</summary>
    Stage0 = 0,

    /// <summary>Failure of ≥1 adequate trial of one major class.</summary>
    StageI = 1,

    /// <summary>Stage I plus failure of an adequate trial of a different class.</summary>
    StageII = 2,

    /// <summary>Stage II plus failure of an adequate TCA trial.</summary>
    StageIII = 3,

    /// <summary>Stage III plus failure of an adequate MAOI trial.</summary>
    StageIV = 4,

    /// <summary>Stage IV plus failure of a course of bilateral ECT.</summary>
    StageV = 5,
}

/// <summary>A Thase–Rush stage with its explanation.</summary>
/// <param name="Stage">The ordinal stage.</param>
/// <param name="Findings">STAGE-TR-01 (INFO, how the stage was reached) and any STAGE-TR-02 gap warnings (INFO).</param>
/// <param name="ProtocolVersion">Protocol whose adequacy rules were used.</param>
public sealed record ThaseRushResult(ThaseRushStage Stage, IReadOnlyList<RuleFinding> Findings, ProtocolVersion ProtocolVersion);

/// <summary>
/// Thase–Rush staging as an ordinal derived value (clinical-spec §1.2). Only adequate non-response antidepressant
/// trials of the current episode (ELIG-TRD-02/03, one per drug) and failed bilateral ECT courses count, and each
/// failure satisfies only one stage criterion: stage k is reached only when distinct trials fill criteria I..k.
/// </summary>
public static class ThaseRushStaging
{
    private static readonly string[] Sources = ["S14"];

    /// <summary>Stages a patient from the TRD assessment (its adequate failures) and the ECT courses among its trials.</summary>
    public static ThaseRushResult Stage(TrdAssessment trd)
    {
        ArgumentNullException.ThrowIfNull(trd);
        var failedClasses = trd.AdequateFailures.Select(f => f.Trial.Class ?? AntidepressantClass.Other).ToList();
        var ectCourses = trd.Trials.Select(t => t.Trial).Where(t => t.Kind == TreatmentKind.Ect && t.InCurrentEpisode && t.Outcome.IsNonResponse).ToList();
        var bilateralEctFailures = ectCourses.Count(t => t.Laterality == EctLaterality.Bilateral);

        var stage = HighestFeasible(failedClasses, bilateralEctFailures);
        var findings = new List<RuleFinding>
        {
            new(
                ScreeningRules.ThaseRushStage,
                Enforcement.Info,
                Invariant($"STAGE-TR-01: Thase–Rush {Label(stage)} from {failedClasses.Count} adequate antidepressant failure(s) [{string.Join(", ", failedClasses)}] and {bilateralEctFailures} failed bilateral ECT course(s); each failure meets one criterion only."),
                Sources),
        };

        // STAGE-TR-02 (clinical-spec §1.2): a later stage's treatment failed but an earlier stage's was never tried.
        void Gap(string treatment, ThaseRushStage treatmentStage, string missing)
        {
            findings.Add(new RuleFinding(
                ScreeningRules.ThaseRushGap,
                Enforcement.Info,
                Invariant($"STAGE-TR-02: {treatment} (a {Label(treatmentStage)} treatment) failed, but {missing}; reported {Label(stage)}, the highest stage whose prerequisites are all met."),
                Sources));
        }

        if (failedClasses.Contains(AntidepressantClass.Tca) && stage < ThaseRushStage.StageII)
        {
            Gap("a TCA", ThaseRushStage.StageIII, "no adequate trial of a second, different class failed (stage II)");
        }
        if (failedClasses.Contains(AntidepressantClass.Maoi) && stage < ThaseRushStage.StageIII)
        {
            Gap("an MAOI", ThaseRushStage.StageIV, "the stages before it are not met (an adequate TCA failure is needed for stage III)");
        }
        if (bilateralEctFailures > 0 && stage < ThaseRushStage.StageIV)
        {
            Gap("bilateral ECT", ThaseRushStage.StageV, "the stages before it are not met (stage V needs stage IV: SSRI/other, a different class, a TCA and an MAOI)");
        }

        var nonBilateral = ectCourses.Count - bilateralEctFailures;
        if (nonBilateral > 0)
        {
            findings.Add(new RuleFinding(
                ScreeningRules.ThaseRushGap,
                Enforcement.Info,
                Invariant($"STAGE-TR-02: {nonBilateral} failed ECT course(s) not documented as bilateral do not count toward stage V."),
                Sources));
        }

        return new ThaseRushResult(stage, findings, trd.ProtocolVersion);
    }

    /// <summary>
    /// Highest stage whose criteria distinct failures can fill: III reserves one TCA, IV one MAOI, V a bilateral ECT
    /// course; criteria I and II then need two remaining failures of different classes.
    /// </summary>
    internal static ThaseRushStage HighestFeasible(IReadOnlyCollection<AntidepressantClass> failedClasses, int bilateralEctFailures)
    {
        for (var stage = ThaseRushStage.StageV; stage > ThaseRushStage.Stage0; stage--)
        {
            if (Feasible(stage, failedClasses, bilateralEctFailures))
            {
                return stage;
            }
        }
        return ThaseRushStage.Stage0;
    }

    private static bool Feasible(ThaseRushStage stage, IReadOnlyCollection<AntidepressantClass> failedClasses, int bilateralEctFailures)
    {
        var remaining = failedClasses.ToList();
        if (stage >= ThaseRushStage.StageV && bilateralEctFailures == 0)
        {
            return false;
        }
        if (stage >= ThaseRushStage.StageIV && !remaining.Remove(AntidepressantClass.Maoi))
        {
            return false;
        }
        if (stage >= ThaseRushStage.StageIII && !remaining.Remove(AntidepressantClass.Tca))
        {
            return false;
        }
        return stage >= ThaseRushStage.StageII
            ? remaining.Distinct().Count() >= 2
            : remaining.Count >= 1;
    }

    /// <summary>"stage II" etc.</summary>
    public static string Label(ThaseRushStage stage) => stage switch
    {
        ThaseRushStage.Stage0 => "stage 0",
        ThaseRushStage.StageI => "stage I",
        ThaseRushStage.StageII => "stage II",
        ThaseRushStage.StageIII => "stage III",
        ThaseRushStage.StageIV => "stage IV",
        ThaseRushStage.StageV => "stage V",
    };
}
