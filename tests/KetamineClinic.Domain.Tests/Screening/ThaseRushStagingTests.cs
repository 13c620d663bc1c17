using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;
using static KetamineClinic.Domain.Tests.Screening.Screen;

namespace KetamineClinic.Domain.Tests.Screening;

[Trait("Rule", "STAGE-TR-01")]
public sealed class ThaseRushStagingTests
{
    private static readonly Dictionary<string, decimal> Doses = new(StringComparer.Ordinal)
    {
        ["sertraline"] = 100m,
        ["fluoxetine"] = 40m,
        ["venlafaxine"] = 225m,
        ["bupropion"] = 300m,
        ["nortriptyline"] = 100m,
        ["amitriptyline"] = 150m,
        ["phenelzine"] = 60m,
        ["tranylcypromine"] = 40m,
    };

    private static ThaseRushResult StageOf(params string[] failed) =>
        ThaseRushStaging.Stage(TreatmentResistance.Assess(failed.Select(ToTrial).ToList(), Shipped));

    private static TreatmentTrial ToTrial(string item) => item switch
    {
        "ECT-bilateral" => BilateralEctFailed,
        "ECT-unilateral" => TreatmentTrial.Ect(EctLaterality.Unilateral, NonResponse),
        "ECT-unknown" => TreatmentTrial.Ect(EctLaterality.Unknown, NonResponse),
        _ => Failed(item, Doses[item]),
    };

    [Fact]
    [Trait("Vector", "TV-95")]
    public void GivenFailedSsriThenFailedNortriptyline_WhenStaging_ThenStageIIBecauseTheTcaMeetsOnlyOneCriterion()
    {
        var result = StageOf("sertraline", "nortriptyline");

        Assert.Equal(ThaseRushStage.StageII, result.Stage);
        None(result.Findings, "STAGE-TR-02");
        var finding = Single(result.Findings, "STAGE-TR-01");
        Assert.Equal(Enforcement.Info, finding.Level);
        Assert.Equal("STAGE-TR-01: Thase–Rush stage II from 2 adequate antidepressant failure(s) [Ssri, Tca] and 0 failed bilateral ECT course(s); each failure meets one criterion only.", finding.Message);
        Assert.Equal(["S14"], finding.Sources);
        Assert.Equal(Shipped.Version, result.ProtocolVersion);
    }

    [Theory]
    [InlineData(ThaseRushStage.Stage0)]
    [InlineData(ThaseRushStage.StageI, "sertraline")]
    [InlineData(ThaseRushStage.StageI, "sertraline", "fluoxetine")]
    [InlineData(ThaseRushStage.StageII, "sertraline", "venlafaxine")]
    [InlineData(ThaseRushStage.StageII, "sertraline", "fluoxetine", "nortriptyline")]
    [InlineData(ThaseRushStage.StageIII, "sertraline", "nortriptyline", "amitriptyline")]
    [InlineData(ThaseRushStage.StageIII, "sertraline", "venlafaxine", "nortriptyline")]
    [InlineData(ThaseRushStage.StageIII, "sertraline", "nortriptyline", "phenelzine")]
    [InlineData(ThaseRushStage.StageIV, "sertraline", "venlafaxine", "nortriptyline", "phenelzine")]
    [InlineData(ThaseRushStage.StageIV, "sertraline", "nortriptyline", "phenelzine", "tranylcypromine")]
    [InlineData(ThaseRushStage.StageV, "sertraline", "venlafaxine", "nortriptyline", "phenelzine", "ECT-bilateral")]
    [InlineData(ThaseRushStage.StageIV, "sertraline", "venlafaxine", "nortriptyline", "phenelzine", "ECT-unilateral")]
    [InlineData(ThaseRushStage.StageIII, "sertraline", "bupropion", "nortriptyline", "ECT-bilateral")]
    public void GivenFailedTreatments_WhenStaging_ThenEachFailureFillsOneCriterionInOrder(ThaseRushStage expected, params string[] failed) =>
        Assert.Equal(expected, StageOf(failed).Stage);

    [Fact]
    public void GivenATcaTrialThatWasNotAdequate_WhenStaging_ThenItDoesNotCount()
    {
        var trials = new[] { Failed("sertraline", 100m), Failed("venlafaxine", 150m), Failed("nortriptyline", 100m, weeks: 2m) };

        var result = ThaseRushStaging.Stage(TreatmentResistance.Assess(trials, Shipped));

        Assert.Equal(ThaseRushStage.StageII, result.Stage);
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenFailedSsriAndMaoiButNoTca_WhenStaging_ThenStageIIWithInfoThatTheTcaWasSkipped()
    {
        var result = StageOf("sertraline", "phenelzine");

        Assert.Equal(ThaseRushStage.StageII, result.Stage);
        var gap = Single(result.Findings, "STAGE-TR-02");
        Assert.Equal(Enforcement.Info, gap.Level);
        Assert.Equal("STAGE-TR-02: an MAOI (a stage IV treatment) failed, but the stages before it are not met (an adequate TCA failure is needed for stage III); reported stage II, the highest stage whose prerequisites are all met.", gap.Message);
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenOnlyATcaFailed_WhenStaging_ThenStageIWithInfoThatNoSecondClassFailed()
    {
        var result = StageOf("nortriptyline");

        Assert.Equal(ThaseRushStage.StageI, result.Stage);
        Assert.Equal("STAGE-TR-02: a TCA (a stage III treatment) failed, but no adequate trial of a second, different class failed (stage II); reported stage I, the highest stage whose prerequisites are all met.",
            Single(result.Findings, "STAGE-TR-02").Message);
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenBilateralEctFailedWithoutTcaOrMaoi_WhenStaging_ThenStageIIWithInfo()
    {
        var result = StageOf("sertraline", "venlafaxine", "ECT-bilateral");

        Assert.Equal(ThaseRushStage.StageII, result.Stage);
        Assert.StartsWith("STAGE-TR-02: bilateral ECT (a stage V treatment) failed, but the stages before it are not met", Single(result.Findings, "STAGE-TR-02").Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenBilateralEctWithStageIVReached_WhenStaging_ThenStageVAndNoGap()
    {
        var result = StageOf("sertraline", "venlafaxine", "nortriptyline", "phenelzine", "ECT-bilateral");

        Assert.Equal(ThaseRushStage.StageV, result.Stage);
        None(result.Findings, "STAGE-TR-02");
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenBilateralEctWithOnlyStageIII_WhenStaging_ThenGapInfo()
    {
        var result = StageOf("sertraline", "venlafaxine", "nortriptyline", "ECT-bilateral");

        Assert.Equal(ThaseRushStage.StageIII, result.Stage);
        Assert.Single(result.Findings, f => f.Rule.Value == "STAGE-TR-02");
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenMaoiWithStageIIIReached_WhenStaging_ThenNoGapInfo()
    {
        var result = StageOf("sertraline", "nortriptyline", "phenelzine");

        Assert.Equal(ThaseRushStage.StageIII, result.Stage);
        None(result.Findings, "STAGE-TR-02");
    }

    [Fact]
    [Trait("Rule", "STAGE-TR-02")]
    public void GivenTcaWithStageIIReached_WhenStaging_ThenNoGapInfo() =>
        None(StageOf("sertraline", "amitriptyline").Findings, "STAGE-TR-02");

    [Theory]
    [Trait("Rule", "STAGE-TR-02")]
    [InlineData("ECT-unilateral")]
    [InlineData("ECT-unknown")]
    public void GivenEctNotDocumentedBilateral_WhenStaging_ThenItDoesNotCountForStageVAndInfoSaysSo(string ect)
    {
        var result = StageOf("sertraline", "venlafaxine", "nortriptyline", "phenelzine", ect);

        Assert.Equal(ThaseRushStage.StageIV, result.Stage);
        Assert.Equal("STAGE-TR-02: 1 failed ECT course(s) not documented as bilateral do not count toward stage V.", Single(result.Findings, "STAGE-TR-02").Message);
    }

    [Fact]
    public void GivenBilateralEctThatHelped_WhenStaging_ThenItDoesNotCount()
    {
        var trials = new[] { Failed("sertraline", 100m), Failed("venlafaxine", 150m), Failed("nortriptyline", 100m), Failed("phenelzine", 60m), TreatmentTrial.Ect(EctLaterality.Bilateral, Response) };

        Assert.Equal(ThaseRushStage.StageIV, ThaseRushStaging.Stage(TreatmentResistance.Assess(trials, Shipped)).Stage);
    }

    [Theory]
    [InlineData(ThaseRushStage.Stage0, "stage 0")]
    [InlineData(ThaseRushStage.StageI, "stage I")]
    [InlineData(ThaseRushStage.StageII, "stage II")]
    [InlineData(ThaseRushStage.StageIII, "stage III")]
    [InlineData(ThaseRushStage.StageIV, "stage IV")]
    [InlineData(ThaseRushStage.StageV, "stage V")]
    public void GivenAStage_WhenLabelling_ThenRomanNumeral(ThaseRushStage stage, string label) =>
        Assert.Equal(label, ThaseRushStaging.Label(stage));
}
