using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

[Trait("Rule", "SCHED-03")]
public sealed class FutilityReviewTests
{
    private static readonly ClinicProtocol Clinic = ClinicProtocol.Default;

    [Fact]
    public void GivenMadrs32To25AfterInfusion3_WhenStartingInfusion4_ThenWarnForPhysicianReview()
    {
        var warn = FutilityReview.Evaluate(4, "MADRS", 32, 25, Clinic);

        Assert.NotNull(warn);
        Assert.Equal("SCHED-03", warn.Rule.Value);
        Assert.Equal(Enforcement.Warn, warn.Level);
        Assert.Equal(ClinicalAuthority.Physician, warn.Authority);
        Assert.Equal(["S32", "C"], warn.Sources);
        Assert.Contains("MADRS 32 → 25 after infusion 3 is a 21.9% improvement, under 25%", warn.Message, StringComparison.Ordinal);
        Assert.Contains("before infusion 4", warn.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, 24, false)] // 4 × 8 = 32, exactly 25%
    [InlineData(32, 25, true)] // 4 × 7 = 28 < 32
    [InlineData(20, 15, false)]
    [InlineData(20, 16, true)]
    [InlineData(30, 0, false)]
    [InlineData(30, 30, true)]
    [InlineData(30, 34, true)] // worse than baseline
    public void GivenImprovementEitherSideOf25Percent_WhenStartingInfusion4_ThenWarnOnlyBelow(int baseline, int current, bool warned) =>
        Assert.Equal(warned, FutilityReview.Evaluate(4, "MADRS", baseline, current, Clinic) is not null);

    [Fact]
    public void GivenWorseThanBaseline_WhenStartingInfusion4_ThenNegativeImprovementShown() =>
        Assert.Contains("-13.3%", FutilityReview.Evaluate(4, "MADRS", 30, 34, Clinic)!.Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void GivenAnyInfusionOtherThan4_WhenStarting_ThenNoFutilityPrompt(int ordinal) =>
        Assert.Null(FutilityReview.Evaluate(ordinal, "MADRS", 32, 32, Clinic));

    [Fact]
    public void GivenNoRatingAfterInfusion3_WhenStartingInfusion4_ThenWarn() =>
        Assert.Contains("no PHQ-9 rating after infusion 3", FutilityReview.Evaluate(4, "PHQ-9", 20, null, Clinic)!.Message, StringComparison.Ordinal);

    [Fact]
    public void GivenBaselineZero_WhenStartingInfusion4_ThenWarnThatImprovementCannotBeMeasured() =>
        Assert.Contains("baseline is 0", FutilityReview.Evaluate(4, "PHQ-9", 0, 0, Clinic)!.Message, StringComparison.Ordinal);

    [Fact]
    public void GivenClinicReviewAfterInfusion2At50Percent_WhenStartingInfusion3_ThenClinicNumbersUsed()
    {
        var clinic = Clinic with { Scheduling = Clinic.Scheduling with { FutilityReviewAfterInfusion = 2, FutilityMinImprovementPercent = 50 } };

        Assert.Null(FutilityReview.Evaluate(4, "MADRS", 30, 30, clinic));
        Assert.Null(FutilityReview.Evaluate(3, "MADRS", 30, 15, clinic));
        Assert.Contains("under 50%", FutilityReview.Evaluate(3, "MADRS", 30, 16, clinic)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenWarnAcknowledged_WhenDeciding_ThenInfusion4MayStart()
    {
        var warn = FutilityReview.Evaluate(4, "MADRS", 32, 30, Clinic)!;

        Assert.IsType<SchedulingDecision.NeedsAcknowledgement>(SchedulingDecision.Decide([warn], Clinic));
        Assert.IsType<SchedulingDecision.Proceed>(SchedulingDecision.Decide([warn], Clinic, acknowledgements: [new PhysicianAcknowledgement(new RuleId("SCHED-03"), "dr.synthetic", "Continue: partial response")]));
    }

    [Fact]
    public void GivenInvalidInputs_WhenEvaluating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FutilityReview.Evaluate(0, "MADRS", 32, 30, Clinic));
        Assert.Throws<ArgumentOutOfRangeException>(() => FutilityReview.Evaluate(4, "MADRS", -1, 30, Clinic));
        Assert.Throws<ArgumentOutOfRangeException>(() => FutilityReview.Evaluate(4, "MADRS", 32, -1, Clinic));
        Assert.ThrowsAny<ArgumentException>(() => FutilityReview.Evaluate(4, " ", 32, 30, Clinic));
    }
}
