using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.DosingScenario;

namespace KetamineClinic.Domain.Tests.Infusions;

/// <summary>DOSE-03: titration 0.5 → 0.75 → 1.0 mg/kg, one signed step per infusion.</summary>
[Trait("Rule", "DOSE-03")]
public sealed class TitrationTests
{
    private static readonly StepUpSignOff Signed = new("dr.synthetic", Now.AddHours(-1));

    private static DosingDecision PlanStep(decimal previous, decimal ordered, StepUpSignOff? signOff, params PhysicianOverride[] overrides) =>
        DosingPlanner.Plan(WeighedYesterday(70m), new DoseOrder(ordered, null, previous, signOff), new Preparation(10m, Bag100), Clinic, Now, overrides);

    [Theory]
    [InlineData("0.4", "0.5")]
    [InlineData("0.5", "0.75")]
    [InlineData("0.6", "0.75")]
    [InlineData("0.75", "1.0")]
    [InlineData("0.99", "1.0")]
    public void GivenPreviousDose_WhenProposingTitration_ThenNextRungOfTheLadder(decimal previous, decimal next) =>
        Assert.Equal(next, Titration.ProposeNextStepMgPerKg(previous, DosingProtocol.Default));

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.25")]
    public void GivenPreviousDoseAtTopOfLadder_WhenProposingTitration_ThenNoFurtherStep(decimal previous) =>
        Assert.Null(Titration.ProposeNextStepMgPerKg(previous, DosingProtocol.Default));

    [Fact]
    public void GivenUnsignedStepUpFromHalfToThreeQuarters_WhenPlanned_ThenBlockAndNothingPrepared()
    {
        var held = PlanStep(0.5m, 0.75m, null, Override("DOSE-03")).Held();

        var block = Assert.Single(held.Outstanding);
        Assert.Equal("DOSE-03", block.Rule.Value);
        Assert.Equal(Enforcement.Block, block.Level);
        Assert.Contains("not signed", block.Message, StringComparison.Ordinal);
        Assert.Empty(held.AppliedOverrides);
    }

    [Fact]
    public void GivenSignedStepUpFromHalfToThreeQuarters_WhenPlanned_ThenPreparedWithAuditInfo()
    {
        var decision = PlanStep(0.5m, 0.75m, Signed);

        Assert.Equal(52.5m, decision.Prepared().OrderedDoseMg);
        var info = decision.Findings.Single("DOSE-03", Enforcement.Info);
        Assert.Contains("dr.synthetic", info.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSignedJumpFromHalfToOne_WhenPlanned_ThenBlockBecauseItSkipsAStep()
    {
        var held = PlanStep(0.5m, 1.0m, Signed).Held();

        var block = held.Outstanding.Single("DOSE-03", Enforcement.Block);
        Assert.Contains("skips a titration step", block.Message, StringComparison.Ordinal);
        Assert.Contains("0.75", block.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.6", "0.75", false)]
    [InlineData("0.6", "0.76", true)]
    [InlineData("0.75", "1.0", false)]
    [InlineData("0.75", "1.01", true)]
    public void GivenSignedStepUpEitherSideOfTheNextRung_WhenPlanned_ThenBlockOnlyBeyondIt(decimal previous, decimal ordered, bool blocked)
    {
        var decision = PlanStep(previous, ordered, Signed, Override("DOSE-02"));

        Assert.Equal(blocked, decision.Findings.Any(f => f.Rule.Value == "DOSE-03" && f.Level == Enforcement.Block));
    }

    [Fact]
    public void GivenSignedPartialStepBetweenRungs_WhenPlanned_ThenPrepared() =>
        Assert.IsType<DosingDecision.Prepare>(PlanStep(0.5m, 0.6m, Signed));

    [Theory]
    [InlineData("0.75", "0.75")]
    [InlineData("0.75", "0.5")]
    public void GivenSameOrLowerDose_WhenPlanned_ThenNoTitrationFinding(decimal previous, decimal ordered)
    {
        var decision = PlanStep(previous, ordered, null);

        Assert.DoesNotContain(decision.Findings, f => f.Rule.Value == "DOSE-03");
        Assert.IsType<DosingDecision.Prepare>(decision);
    }

    [Fact]
    public void GivenFirstInfusionAtThreeQuarters_WhenPlanned_ThenNoTitrationFinding()
    {
        var first = DosingPlanner.Plan(WeighedYesterday(70m), new DoseOrder(0.75m), new Preparation(10m, Bag100), Clinic, Now);

        Assert.DoesNotContain(first.Findings, f => f.Rule.Value == "DOSE-03");
        Assert.IsType<DosingDecision.Prepare>(first);
    }

    [Fact]
    public void GivenStepAboveTopRungSignedAndDose02Overridden_WhenPlanned_ThenPrepared()
    {
        var decision = PlanStep(1.0m, 1.25m, Signed, Override("DOSE-02"));

        Assert.Equal(87.5m, decision.Prepared().OrderedDoseMg);
        decision.Findings.Single("DOSE-03", Enforcement.Info);
        decision.Findings.Single("DOSE-02", Enforcement.HardStop);
    }

    [Fact]
    public void GivenUnsignedStepAboveTopRung_WhenDose02Overridden_ThenStillBlocked() =>
        PlanStep(1.0m, 1.25m, null, Override("DOSE-02")).Held().Outstanding.Single("DOSE-03", Enforcement.Block);

    [Fact]
    public void GivenClinicLadderWithSmallerSteps_WhenProposing_ThenClinicRungsUsed()
    {
        var protocol = DosingProtocol.Default with { TitrationStepsMgPerKg = [0.5m, 0.6m, 0.7m] };

        Assert.Equal(0.6m, Titration.ProposeNextStepMgPerKg(0.5m, protocol));
        Assert.Equal(Enforcement.Block, Titration.Evaluate(new DoseOrder(0.7m, null, 0.5m, Signed), protocol)!.Level);
    }

    [Fact]
    public void GivenBlankSigner_WhenSigningStepUp_ThenRejected() =>
        Assert.ThrowsAny<ArgumentException>(() => new StepUpSignOff(" ", Now));

    [Fact]
    public void GivenImpossiblePreviousDose_WhenOrdering_ThenInputRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoseOrder(0.5m, null, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoseOrder(0.5m, null, 100.1m));
    }
}
