using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Recovery;

namespace KetamineClinic.Domain.Tests.Recovery;

[Trait("Rule", "DC-02")]
public sealed class AldreteScoreTests
{
    [Fact]
    [Trait("Vector", "TV-39")]
    public void GivenAldreteNineWithConsciousnessOne_WhenChecked_ThenThresholdMetButNotHomeDischarge()
    {
        var result = new AldreteResult(2, 2, 2, 1, 2, AldreteCirculationVariant.MillimetresOfMercury);

        Assert.Equal(9, result.Total);
        Assert.True(AldreteScore.MeetsThreshold(result, AldreteThresholdVariant.NineOrMore));
        Assert.False(AldreteScore.MeetsHomeDischarge(result, AldreteThresholdVariant.NineOrMore));
    }

    [Fact]
    [Trait("Vector", "TV-88")]
    public void GivenSpo292OnRoomAir_WhenScored_ThenOxygenItemIsOne() =>
        Assert.Equal(1, AldreteScore.OxygenSaturationPoints(Spo2.RoomAir(92)));

    [Theory]
    [InlineData(93, OxygenSupport.RoomAir, 2)]
    [InlineData(92, OxygenSupport.RoomAir, 1)]
    [InlineData(90, OxygenSupport.RoomAir, 1)]
    [InlineData(89, OxygenSupport.RoomAir, 0)]
    [InlineData(99, OxygenSupport.SupplementalOxygen, 1)]
    [InlineData(90, OxygenSupport.SupplementalOxygen, 1)]
    [InlineData(89, OxygenSupport.SupplementalOxygen, 0)]
    public void GivenSpo2_WhenScored_ThenExactCutOffs(int percent, OxygenSupport support, int points) =>
        Assert.Equal(points, AldreteScore.OxygenSaturationPoints(new Spo2(percent, support)));

    [Theory]
    [InlineData(120, 140, 2)]
    [InlineData(120, 100, 2)]
    [InlineData(120, 141, 1)]
    [InlineData(120, 99, 1)]
    [InlineData(120, 169, 1)]
    [InlineData(120, 170, 0)]
    [InlineData(120, 70, 0)]
    public void GivenSbpAgainstBaseline_WhenScoredInMmHg_ThenTwentyAndFiftyAreTheEdges(int baseline, int current, int points) =>
        Assert.Equal(points, AldreteScore.CirculationPoints(baseline, current, AldreteCirculationVariant.MillimetresOfMercury));

    [Theory]
    [InlineData(130, 156, 2)]
    [InlineData(130, 104, 2)]
    [InlineData(130, 157, 1)]
    [InlineData(130, 194, 1)]
    [InlineData(130, 195, 0)]
    [InlineData(130, 65, 0)]
    [InlineData(130, 66, 1)]
    public void GivenSbpAgainstBaseline_WhenScoredInPercent_ThenTwentyAndFiftyPercentAreTheEdges(int baseline, int current, int points) =>
        Assert.Equal(points, AldreteScore.CirculationPoints(baseline, current, AldreteCirculationVariant.PercentOfBaseline));

    [Fact]
    public void GivenZeroBaseline_WhenScoringCirculation_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AldreteScore.CirculationPoints(0, 120, AldreteCirculationVariant.PercentOfBaseline));

    [Theory]
    [InlineData(AldreteActivity.MovesFourExtremities, 2)]
    [InlineData(AldreteActivity.MovesTwoExtremities, 1)]
    [InlineData(AldreteActivity.MovesNoExtremities, 0)]
    public void GivenActivity_WhenScored_ThenPoints(AldreteActivity activity, int points) =>
        Assert.Equal(points, AldreteScore.ActivityPoints(activity));

    [Theory]
    [InlineData(AldreteRespiration.BreathesDeeplyAndCoughsFreely, 2)]
    [InlineData(AldreteRespiration.DyspneaOrShallowBreathing, 1)]
    [InlineData(AldreteRespiration.Apneic, 0)]
    public void GivenRespiration_WhenScored_ThenPoints(AldreteRespiration respiration, int points) =>
        Assert.Equal(points, AldreteScore.RespirationPoints(respiration));

    [Theory]
    [InlineData(AldreteConsciousness.FullyAwake, 2)]
    [InlineData(AldreteConsciousness.ArousableOnCalling, 1)]
    [InlineData(AldreteConsciousness.NotResponding, 0)]
    public void GivenConsciousness_WhenScored_ThenPoints(AldreteConsciousness consciousness, int points) =>
        Assert.Equal(points, AldreteScore.ConsciousnessPoints(consciousness));

    [Fact]
    public void GivenObservationsAndReadings_WhenScored_ThenEveryItemAndTheVariantAreRecorded()
    {
        var result = AldreteScore.Score(
            new AldreteObservations(AldreteActivity.MovesTwoExtremities, AldreteRespiration.DyspneaOrShallowBreathing, AldreteConsciousness.FullyAwake),
            new BloodPressure(130, 80),
            new BloodPressure(157, 85),
            Spo2.OnOxygen(95),
            AldreteCirculationVariant.PercentOfBaseline);

        Assert.Equal((1, 1, 1, 2, 1), (result.Activity, result.Respiration, result.Circulation, result.Consciousness, result.OxygenSaturation));
        Assert.Equal(6, result.Total);
        Assert.Equal(AldreteCirculationVariant.PercentOfBaseline, result.CirculationVariant);
    }

    [Theory]
    [InlineData(2, 2, 2, 1, 9, true)]
    [InlineData(2, 2, 2, 2, 10, true)]
    [InlineData(1, 2, 2, 2, 9, true)]
    [InlineData(2, 2, 1, 2, 8, false)]
    public void GivenNineOrMoreVariant_WhenChecked_ThenOnlyTotal(int activity, int respiration, int circulation, int consciousness, int total, bool meets)
    {
        var result = new AldreteResult(activity, respiration, circulation, consciousness, total - activity - respiration - circulation - consciousness, AldreteCirculationVariant.MillimetresOfMercury);

        Assert.Equal(meets, AldreteScore.MeetsThreshold(result, AldreteThresholdVariant.NineOrMore));
    }

    [Theory]
    [InlineData(2, 2, 0, 2, 2, true)]
    [InlineData(1, 2, 1, 2, 2, true)]
    [InlineData(2, 1, 1, 2, 2, false)]
    [InlineData(2, 2, 1, 2, 1, false)]
    [InlineData(1, 2, 0, 2, 2, false)]
    public void GivenEightOrMoreThresholdOnlyVariant_WhenChecked_ThenNeedsRespirationAndSpo2AtTwo(int activity, int respiration, int circulation, int consciousness, int oxygen, bool meets)
    {
        var result = new AldreteResult(activity, respiration, circulation, consciousness, oxygen, AldreteCirculationVariant.MillimetresOfMercury);

        Assert.Equal(meets, AldreteScore.MeetsThreshold(result, AldreteThresholdVariant.EightOrMoreWithRespirationAndSpo2AtTwo));
    }

    [Theory]
    [InlineData(-1, 0, 0, 0, 0)]
    [InlineData(0, 3, 0, 0, 0)]
    [InlineData(0, 0, -1, 0, 0)]
    [InlineData(0, 0, 0, 3, 0)]
    [InlineData(0, 0, 0, 0, 3)]
    public void GivenItemOutsideZeroToTwo_WhenBuildingResult_ThenRejected(int a, int r, int c, int k, int o) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AldreteResult(a, r, c, k, o, AldreteCirculationVariant.MillimetresOfMercury));

    [Fact]
    public void GivenUnknownCirculationVariant_WhenBuildingResult_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AldreteResult(2, 2, 2, 2, 2, (AldreteCirculationVariant)5));
}
