using CsCheck;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class ScreeningPropertyTests
{
    private static readonly string[] Drugs = ["sertraline", "fluoxetine", "venlafaxine", "duloxetine", "nortriptyline", "amitriptyline", "phenelzine", "tranylcypromine", "bupropion", "mirtazapine", "vortioxetine"];

    private static readonly Gen<TrialOutcome> GenOutcome = Gen.OneOf<TrialOutcome>(
        [NonResponse, Response, NotAssessed, new TrialOutcome.ScaleRated("MADRS", 30, 20), new TrialOutcome.ScaleRated("MADRS", 30, 10)]);

    private static readonly Gen<TreatmentTrial> GenAntidepressant = Gen.Select(
        Gen.OneOf(Drugs), Gen.Int[0, 400], Gen.Int[0, 120], Gen.Enum<AdherenceStatus>(), GenOutcome, Gen.Bool,
        (drug, dose, tenthsOfWeeks, adherence, outcome, current) =>
            TreatmentTrial.Antidepressant(drug, dose, tenthsOfWeeks / 10m, adherence, outcome, inCurrentEpisode: current));

    private static readonly Gen<TreatmentTrial> GenTrial = Gen.Frequency(
        (6, (IGen<TreatmentTrial>)GenAntidepressant),
        (1, Gen.Select(GenOutcome, o => TreatmentTrial.Augmentation("lithium", o))),
        (1, Gen.Select(Gen.Enum<EctLaterality>(), GenOutcome, (l, o) => TreatmentTrial.Ect(l, o))));

    /// <summary>A trial ELIG-TRD-02 can never call adequate: too short, or adherence not confirmed.</summary>
    private static readonly Gen<TreatmentTrial> GenInadequate = Gen.Select(
        Gen.OneOf(Drugs), Gen.Int[0, 400], Gen.Int[0, 39], Gen.Bool, GenOutcome,
        (drug, dose, tenthsOfWeeks, shortOrUnknown, outcome) => shortOrUnknown
            ? TreatmentTrial.Antidepressant(drug, dose, tenthsOfWeeks / 10m, AdherenceStatus.Confirmed, outcome)
            : TreatmentTrial.Antidepressant(drug, dose, 12m, AdherenceStatus.Unknown, outcome));

    [Fact]
    [Trait("Rule", "MSM-01")]
    [Trait("Rule", "MSM-02")]
    public void GivenAnyValidMaudsleyInput_WhenScoring_ThenTotalIs3To15AndBandMatches() =>
        Gen.Select(Gen.Int[0, 600], Gen.Enum<BaselineSeverity>(), Gen.Int[1, 40], Gen.Bool, Gen.Bool)
            .Sample((tenthsOfMonths, severity, count, aug, ect) =>
            {
                var r = MaudsleyStaging.Score(new MaudsleyInput(tenthsOfMonths / 10m, severity, count, aug, ect));
                var band = r.Total <= 6 ? MaudsleyBand.Mild : r.Total <= 10 ? MaudsleyBand.Moderate : MaudsleyBand.Severe;
                return r.Total is >= 3 and <= 15
                    && r.Total == r.DurationPoints + r.SeverityPoints + r.AntidepressantPoints + r.AugmentationPoints + r.EctPoints
                    && r.Band == band;
            });

    [Fact]
    [Trait("Rule", "ELIG-TRD-01")]
    [Trait("Rule", "ELIG-TRD-02")]
    public void GivenAnyTrials_WhenAddingANonAdequateTrial_ThenIsTrdNeverChanges() =>
        Gen.Select(GenTrial.List[0, 8], GenInadequate, Gen.Int[0, 8])
            .Sample((trials, extra, at) =>
            {
                var before = TreatmentResistance.Assess(trials, Shipped);
                var with = new List<TreatmentTrial>(trials);
                with.Insert(Math.Min(at, with.Count), extra);
                var after = TreatmentResistance.Assess(with, Shipped);
                return before.IsTrd == after.IsTrd && before.AdequateFailureCount == after.AdequateFailureCount;
            });

    [Fact]
    [Trait("Rule", "ELIG-TRD-01")]
    public void GivenAnyTrials_WhenAssessing_ThenIsTrdExactlyWhenTwoDistinctAdequateFailures() =>
        GenTrial.List[0, 10].Sample(trials =>
        {
            var trd = TreatmentResistance.Assess(trials, Shipped);
            var distinct = trd.Trials.Where(t => t.IsAdequateFailure).Select(t => DrugCatalogue.GenericNameOf(t.Trial.Name)).Distinct().Count();
            return trd.AdequateFailureCount == distinct && trd.IsTrd == (distinct >= 2);
        });

    [Fact]
    [Trait("Rule", "STAGE-TR-01")]
    public void GivenAnyTrials_WhenAddingAnotherTrial_ThenTheThaseRushStageNeverDrops() =>
        Gen.Select(GenTrial.List[0, 8], GenTrial)
            .Sample((trials, extra) =>
            {
                var before = ThaseRushStaging.Stage(TreatmentResistance.Assess(trials, Shipped)).Stage;
                var after = ThaseRushStaging.Stage(TreatmentResistance.Assess([.. trials, extra], Shipped)).Stage;
                return after >= before;
            });

    [Fact]
    [Trait("Rule", "STAGE-TR-01")]
    public void GivenAnyTrials_WhenStaging_ThenTheStageNeverExceedsTheNumberOfCountedFailures() =>
        GenTrial.List[0, 10].Sample(trials =>
        {
            var trd = TreatmentResistance.Assess(trials, Shipped);
            var stage = ThaseRushStaging.Stage(trd).Stage;
            var ect = trials.Count(t => t.Kind == TreatmentKind.Ect && t.InCurrentEpisode && t.Laterality == EctLaterality.Bilateral && t.Outcome.IsNonResponse);
            return (int)stage <= trd.AdequateFailureCount + Math.Min(ect, 1)
                && (stage == ThaseRushStage.Stage0) == (trd.AdequateFailureCount == 0);
        });

    [Fact]
    [Trait("Rule", "DDI-BZD-01")]
    public void GivenAnyDiazepamAndLorazepamDoses_WhenScreening_ThenWarnExactlyAbove8MgEquivalent() =>
        Gen.Select(Gen.Int[0, 2000], Gen.Int[0, 200])
            .Sample((diazepamHundredths, lorazepamHundredths) =>
            {
                var diazepam = diazepamHundredths / 100m;
                var lorazepam = lorazepamHundredths / 100m;
                var result = DrugInteractions.Evaluate([new ConcomitantMedication("diazepam", diazepam), new ConcomitantMedication("lorazepam", lorazepam)], Shipped);
                var total = diazepam + (lorazepam * 10m);
                var level = result.Findings.Single(f => f.Rule.Value == "DDI-BZD-01").Level;
                return result.DiazepamEquivalentMgPerDay == total && level == (total > 8m ? Enforcement.Warn : Enforcement.Info);
            });

    [Fact]
    public void GivenAnyExtraFindings_WhenDeciding_ThenTheVariantFollowsTheStrictestLevel() =>
        Gen.Enum<Enforcement>().List[0, 5].Sample(levels =>
        {
            var extra = levels.Select((l, i) => new RuleFinding($"X-{i}", l, "synthetic", ["C"], ClinicalAuthority.Physician)).ToList();
            var decision = EligibilityEvaluator.Evaluate(Request(extra: extra), Shipped);
            var strictest = levels.DefaultIfEmpty(Enforcement.Info).Max();
            return decision switch
            {
                EligibilityDecision.NotEligible => strictest == Enforcement.Block,
                EligibilityDecision.NeedsPhysicianReview => strictest is Enforcement.HardStop or Enforcement.Warn,
                EligibilityDecision.Eligible => strictest == Enforcement.Info,
                _ => false,
            };
        });
}
