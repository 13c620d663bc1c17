using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class EligibilityDecisionTests
{
    [Fact]
    [Trait("Rule", "ELIG-TRD-01")]
    public void GivenATreatmentResistantAdultWithNothingElse_WhenDeciding_ThenEligibleWithInfoOnly()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(), Shipped);

        Assert.IsType<EligibilityDecision.Eligible>(decision);
        Assert.Equal(Enforcement.Info, decision.Strictest);
        Assert.All(decision.Findings, f => Assert.Equal(Enforcement.Info, f.Level));
        Assert.True(decision.Details.Trd.IsTrd);
        Assert.Equal(ThaseRushStage.StageII, decision.Details.ThaseRush.Stage);
        Assert.Null(decision.Details.Maudsley);
        Assert.Equal(40, decision.Details.AgeYears);
        Assert.Equal(Today, decision.Details.EvaluatedOn);
        Assert.Equal(Shipped.Version, decision.ProtocolVersion);
        Assert.Equal(0, decision.Details.ExtendsObservationMinutes);
        Assert.False(decision.Details.EnhancedBloodPressureMonitoring);
        Single(decision.Findings, "ELIG-TRD-01");
        Single(decision.Findings, "STAGE-TR-01");
    }

    [Fact]
    [Trait("Rule", "ELIG-INC-TRD-01")]
    public void GivenOnlyOneAdequateFailure_WhenDeciding_ThenNeedsPhysicianReviewWithAHardStop()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(trials: [Failed("sertraline", 100m)]), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        var finding = Assert.Single(review.OverridesRequired);
        Assert.Equal("ELIG-INC-TRD-01", finding.Rule.Value);
        Assert.Equal(ClinicalAuthority.Physician, finding.Authority);
        Assert.Equal("ELIG-INC-TRD-01: 1 adequate non-response antidepressant trial(s) in the current episode; the clinic's protocol requires ≥2 (isTRD = false). Treating outside the TRD protocol needs a documented decision.", finding.Message);
        Assert.Equal(["S10", "S11", "S12", "S38", "C"], finding.Sources);
        Assert.False(review.MedicalDirectorRequired);
        Assert.Equal(ThaseRushStage.StageI, decision.Details.ThaseRush.Stage);
    }

    [Fact]
    [Trait("Rule", "ELIG-INC-TRD-01")]
    public void GivenClinicRequiresThreeFailures_WhenTwoFailed_ThenTrdButStillHeldForReview()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(), With(e => e with { RequiredAdequateFailures = 3 }));

        Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.True(decision.Details.Trd.IsTrd);
        Assert.Contains("requires ≥3 (isTRD = true)", Single(decision.Findings, "ELIG-INC-TRD-01").Message, StringComparison.Ordinal);
        Assert.Equal(new ProtocolVersion("test-1"), decision.ProtocolVersion);
    }

    [Theory]
    [Trait("Rule", "ELIG-INC-TRD-01")]
    [InlineData(Enforcement.Warn, typeof(EligibilityDecision.NeedsPhysicianReview), ClinicalAuthority.Physician)]
    [InlineData(Enforcement.Block, typeof(EligibilityDecision.NotEligible), ClinicalAuthority.None)]
    public void GivenClinicNotTrdLevel_WhenNotTrd_ThenThatLevelDecides(Enforcement level, Type expected, ClinicalAuthority authority)
    {
        var decision = EligibilityEvaluator.Evaluate(Request(trials: []), With(e => e with { NotTreatmentResistantLevel = level }));

        Assert.IsType(expected, decision);
        var finding = Single(decision.Findings, "ELIG-INC-TRD-01");
        Assert.Equal(level, finding.Level);
        Assert.Equal(authority, finding.Authority);
    }

    [Fact]
    [Trait("Rule", "CI-ABS-01")]
    public void GivenKetamineHypersensitivityAndWarnings_WhenDeciding_ThenNotEligibleAndBlockListedFirst()
    {
        var patient = Adult(70, conditions: ConditionKind.KetamineOrEsketamineHypersensitivity);

        var decision = EligibilityEvaluator.Evaluate(Request(patient, meds: [new ConcomitantMedication("oxycodone")]), Shipped);

        var notEligible = Assert.IsType<EligibilityDecision.NotEligible>(decision);
        Assert.Equal("CI-ABS-01", Assert.Single(notEligible.Blocks).Rule.Value);
        Assert.Equal("CI-ABS-01", decision.Findings[0].Rule.Value);
        Assert.Equal(Enforcement.Block, decision.Strictest);
        Single(decision.Findings, "CI-REL-07");
        Single(decision.Findings, "DDI-CNS-01");
        Assert.Equal(30, decision.Details.ExtendsObservationMinutes);
    }

    [Fact]
    [Trait("Rule", "CI-HS-01")]
    public void GivenAnAneurysm_WhenDeciding_ThenReviewNeedsTheMedicalDirector()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(Adult(conditions: ConditionKind.AneurysmalVascularDiseaseOrAvm)), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.True(review.MedicalDirectorRequired);
        Assert.Equal("CI-HS-01", Assert.Single(review.OverridesRequired).Rule.Value);
        Assert.Equal(Enforcement.HardStop, decision.Strictest);
    }

    [Fact]
    [Trait("Rule", "CI-REL-01")]
    public void GivenHistoryOfPsychosisOnly_WhenDeciding_ThenReviewWithAnAcknowledgement()
    {
        var decision = EligibilityEvaluator.Evaluate(Request(Adult(conditions: ConditionKind.PsychosisHistory)), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.Empty(review.OverridesRequired);
        Assert.Equal("CI-REL-01", Assert.Single(review.AcknowledgementsRequired).Rule.Value);
        Assert.False(review.MedicalDirectorRequired);
        Assert.Equal(Enforcement.Warn, decision.Strictest);
    }

    [Fact]
    [Trait("Rule", "DDI-MAOI-01")]
    public void GivenAnMaoi_WhenDeciding_ThenDecisionAsksForEnhancedBpMonitoring() =>
        Assert.True(EligibilityEvaluator.Evaluate(Request(meds: [new ConcomitantMedication("tranylcypromine", 30m)]), Shipped).Details.EnhancedBloodPressureMonitoring);

    [Fact]
    public void GivenAVitalSignHardStopFromAnotherModule_WhenDeciding_ThenItIsFoldedIn()
    {
        var bp = new RuleFinding("BP-PRE-01", Enforcement.HardStop, "BP-PRE-01: 186/104 on repeat; defer.", ["S61", "S25"], ClinicalAuthority.Physician);

        var decision = EligibilityEvaluator.Evaluate(Request(extra: [bp]), Shipped);

        var review = Assert.IsType<EligibilityDecision.NeedsPhysicianReview>(decision);
        Assert.Same(bp, Assert.Single(review.OverridesRequired));
        Assert.Same(bp, decision.Findings[0]);
    }

    [Fact]
    public void GivenABlockFromAnotherModule_WhenDeciding_ThenNotEligible()
    {
        var block = new RuleFinding("VS-CFG-01", Enforcement.Block, "VS-CFG-01: RR floor unset.", ["C"]);

        Assert.IsType<EligibilityDecision.NotEligible>(EligibilityEvaluator.Evaluate(Request(extra: [block]), Shipped));
    }

    [Fact]
    public void GivenAnInfoFromAnotherModule_WhenDeciding_ThenStillEligibleAndKept()
    {
        var info = new RuleFinding("X-INFO", Enforcement.Info, "informational", ["C"]);

        var decision = EligibilityEvaluator.Evaluate(Request(extra: [info]), Shipped);

        Assert.IsType<EligibilityDecision.Eligible>(decision);
        Assert.Contains(info, decision.Findings);
    }

    [Fact]
    public void GivenMixedLevels_WhenDeciding_ThenFindingsAreStrictestFirst()
    {
        var patient = Adult(70, conditions: ConditionKind.AneurysmalVascularDiseaseOrAvm);

        var decision = EligibilityEvaluator.Evaluate(Request(patient, trials: [Failed("sertraline", 100m)]), Shipped);

        var levels = decision.Findings.Select(f => f.Level).ToList();
        Assert.Equal(levels.OrderByDescending(l => l), levels);
        Assert.Equal(Enforcement.HardStop, levels[0]);
        Assert.Equal(Enforcement.Info, levels[^1]);
    }

    [Fact]
    [Trait("Rule", "MSM-01")]
    [Trait("Rule", "MSM-02")]
    public void GivenEpisodeDurationAndSeverity_WhenDeciding_ThenMaudsleyFromTheTrials()
    {
        var trials = new List<TreatmentTrial>(TwoFailures)
        {
            TreatmentTrial.Augmentation("lithium", NonResponse, 900m, 6m),
            TreatmentTrial.Ect(EctLaterality.Unilateral, NonResponse, inCurrentEpisode: false),
        };
        var request = Request(trials: trials) with { EpisodeDurationMonths = 18m, BaselineSeverity = BaselineSeverity.Moderate };

        var decision = EligibilityEvaluator.Evaluate(request, Shipped);

        var msm = Assert.IsType<MaudsleyResult>(decision.Details.Maudsley);
        Assert.Equal((2, 3, 1, 1, 0), (msm.DurationPoints, msm.SeverityPoints, msm.AntidepressantPoints, msm.AugmentationPoints, msm.EctPoints));
        Assert.Equal(7, msm.Total);
        Assert.Equal(MaudsleyBand.Moderate, msm.Band);
        Single(decision.Findings, "MSM-01");
        Single(decision.Findings, "MSM-02");
    }

    [Theory]
    [Trait("Rule", "MSM-01")]
    [InlineData(true, false, 2)]
    [InlineData(false, true, 2)]
    [InlineData(true, true, 0)]
    public void GivenMissingMaudsleyInputsOrNoFailure_WhenDeciding_ThenNoMaudsley(bool withMonths, bool withSeverity, int failures)
    {
        var trials = TwoFailures.Take(failures).ToList();
        var request = Request(trials: trials) with
        {
            EpisodeDurationMonths = withMonths ? 10m : null,
            BaselineSeverity = withSeverity ? BaselineSeverity.Mild : null,
        };

        var decision = EligibilityEvaluator.Evaluate(request, Shipped);

        Assert.Null(decision.Details.Maudsley);
        None(decision.Findings, "MSM-01");
    }

    [Fact]
    [Trait("Rule", "MSM-01")]
    public void GivenCurrentEpisodeEct_WhenDeciding_ThenMaudsleyEctPoint()
    {
        var trials = new List<TreatmentTrial>(TwoFailures) { TreatmentTrial.Ect(EctLaterality.Bilateral, NonResponse) };
        var request = Request(trials: trials) with { EpisodeDurationMonths = 3m, BaselineSeverity = BaselineSeverity.Mild };

        var msm = EligibilityEvaluator.Evaluate(request, Shipped).Details.Maudsley!;

        Assert.Equal((0, 1), (msm.AugmentationPoints, msm.EctPoints));
        Assert.Equal(5, msm.Total);
    }

    [Fact]
    [Trait("Rule", "ELIG-INC-AGE-02")]
    public void GivenMinimumAgeAboveMaximum_WhenDeciding_ThenRejectedAsInconsistent() =>
        Assert.Throws<InvalidOperationException>(() => EligibilityEvaluator.Evaluate(Request(), With(e => e with { MinimumAgeYears = 70, MaximumAgeYears = 60 })));

    [Fact]
    public void GivenNullParts_WhenDeciding_ThenRejected()
    {
        Assert.Throws<ArgumentNullException>(() => EligibilityEvaluator.Evaluate(null!, Shipped));
        Assert.Throws<ArgumentNullException>(() => EligibilityEvaluator.Evaluate(Request(), null!));
        Assert.Throws<ArgumentNullException>(() => EligibilityEvaluator.Evaluate(Request(extra: [null!]), Shipped));
    }
}
