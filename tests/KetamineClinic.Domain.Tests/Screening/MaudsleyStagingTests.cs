using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Screening;

namespace KetamineClinic.Domain.Tests.Screening;

public sealed class MaudsleyStagingTests
{
    [Fact]
    [Trait("Vector", "TV-54")]
    [Trait("Rule", "MSM-01")]
    [Trait("Rule", "MSM-02")]
    public void GivenFourAntidepressantsAugmentation18MonthsSevere_WhenScoring_ThenNineModerate()
    {
        var result = MaudsleyStaging.Score(new MaudsleyInput(18m, BaselineSeverity.SevereWithoutPsychosis, 4, augmentationUsed: true, ectUsed: false));

        Assert.Equal((2, 4, 2, 1, 0), (result.DurationPoints, result.SeverityPoints, result.AntidepressantPoints, result.AugmentationPoints, result.EctPoints));
        Assert.Equal(9, result.Total);
        Assert.Equal(MaudsleyBand.Moderate, result.Band);
        var total = Assert.Single(result.Findings, f => f.Rule.Value == "MSM-01");
        Assert.Equal("MSM-01: duration 18 completed months → 2; severity SevereWithoutPsychosis → 4; 4 antidepressant(s) → 2; augmentation → 1; ECT → 0; total 9.", total.Message);
        Assert.Equal(Enforcement.Info, total.Level);
        Assert.Equal(["S15"], total.Sources);
        Assert.Equal("MSM-02: total 9 → Moderate.", Assert.Single(result.Findings, f => f.Rule.Value == "MSM-02").Message);
    }

    [Fact]
    [Trait("Vector", "TV-55")]
    [Trait("Rule", "MSM-01")]
    public void GivenOneAntidepressantNoAugmentationNoEct6MonthsMild_WhenScoring_ThenFourMild()
    {
        var result = MaudsleyStaging.Score(new MaudsleyInput(6m, BaselineSeverity.Mild, 1, false, false));

        Assert.Equal(4, result.Total);
        Assert.Equal(MaudsleyBand.Mild, result.Band);
    }

    [Fact]
    [Trait("Vector", "TV-94")]
    [Trait("Rule", "MSM-01")]
    public void GivenTv55With12Point5Months_WhenScoring_ThenTwelveCompletedMonthsIsAcuteAndFourMild()
    {
        var result = MaudsleyStaging.Score(new MaudsleyInput(12.5m, BaselineSeverity.Mild, 1, false, false));

        Assert.Equal(12, result.CompletedMonths);
        Assert.Equal(1, result.DurationPoints);
        Assert.Equal(4, result.Total);
        Assert.Equal(MaudsleyBand.Mild, result.Band);
    }

    [Theory]
    [Trait("Rule", "MSM-01")]
    [InlineData(0, 1)]
    [InlineData(12, 1)]
    [InlineData(12.99, 1)]
    [InlineData(13, 2)]
    [InlineData(24, 2)]
    [InlineData(24.9, 2)]
    [InlineData(25, 3)]
    [InlineData(120, 3)]
    public void GivenEpisodeMonths_WhenScoringDuration_ThenCompletedMonthsBands(double months, int points) =>
        Assert.Equal(points, MaudsleyStaging.Score(new MaudsleyInput((decimal)months, BaselineSeverity.Mild, 1, false, false)).DurationPoints);

    [Theory]
    [Trait("Rule", "MSM-01")]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(10, 4)]
    [InlineData(11, 5)]
    [InlineData(40, 5)]
    public void GivenAntidepressantCount_WhenScoring_ThenCountBands(int count, int points) =>
        Assert.Equal(points, MaudsleyStaging.AntidepressantPoints(count));

    [Theory]
    [Trait("Rule", "MSM-01")]
    [InlineData(BaselineSeverity.Subsyndromal, 1)]
    [InlineData(BaselineSeverity.Mild, 2)]
    [InlineData(BaselineSeverity.Moderate, 3)]
    [InlineData(BaselineSeverity.SevereWithoutPsychosis, 4)]
    [InlineData(BaselineSeverity.SevereWithPsychosis, 5)]
    public void GivenSeverity_WhenScoring_ThenOneToFivePoints(BaselineSeverity severity, int points) =>
        Assert.Equal(points, MaudsleyStaging.Score(new MaudsleyInput(1m, severity, 1, false, false)).SeverityPoints);

    [Theory]
    [Trait("Rule", "MSM-02")]
    [InlineData(3, MaudsleyBand.Mild)]
    [InlineData(6, MaudsleyBand.Mild)]
    [InlineData(7, MaudsleyBand.Moderate)]
    [InlineData(10, MaudsleyBand.Moderate)]
    [InlineData(11, MaudsleyBand.Severe)]
    [InlineData(15, MaudsleyBand.Severe)]
    public void GivenTotal_WhenBanding_ThenMildModerateSevere(int total, MaudsleyBand band) =>
        Assert.Equal(band, MaudsleyStaging.BandOf(total));

    [Theory]
    [Trait("Rule", "MSM-02")]
    [InlineData(2)]
    [InlineData(16)]
    public void GivenTotalOutside3To15_WhenBanding_ThenRejected(int total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MaudsleyStaging.BandOf(total));

    [Fact]
    [Trait("Rule", "MSM-01")]
    public void GivenEveryItemAtItsMaximum_WhenScoring_ThenFifteenSevere()
    {
        var result = MaudsleyStaging.Score(new MaudsleyInput(30m, BaselineSeverity.SevereWithPsychosis, 11, true, true));

        Assert.Equal(15, result.Total);
        Assert.Equal(MaudsleyBand.Severe, result.Band);
        Assert.Equal((1, 1), (result.AugmentationPoints, result.EctPoints));
    }

    [Fact]
    [Trait("Rule", "MSM-01")]
    public void GivenEveryItemAtItsMinimum_WhenScoring_ThenThreeMild()
    {
        var result = MaudsleyStaging.Score(new MaudsleyInput(0m, BaselineSeverity.Subsyndromal, 1, false, false));

        Assert.Equal(3, result.Total);
        Assert.Equal(MaudsleyBand.Mild, result.Band);
    }

    [Fact]
    [Trait("Rule", "MSM-01")]
    public void GivenInputsOutsideTheirRanges_WhenCreating_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaudsleyInput(-0.1m, BaselineSeverity.Mild, 1, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaudsleyInput(6m, (BaselineSeverity)0, 1, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaudsleyInput(6m, (BaselineSeverity)6, 1, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaudsleyInput(6m, BaselineSeverity.Mild, 0, false, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaudsleyStaging.AntidepressantPoints(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaudsleyStaging.DurationPoints(-1));
    }
}
