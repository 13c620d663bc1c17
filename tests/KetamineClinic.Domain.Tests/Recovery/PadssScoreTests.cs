using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Recovery;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Recovery;

[Trait("Rule", "DC-02")]
public sealed class PadssScoreTests
{
    internal static readonly PadssObservations AllGood = new(true, true, PadssSeverity.Minimal, PadssSeverity.Minimal, SurgicalBleeding.NoSurgicalSite, true, true);

    private static VitalsBaseline Baseline(int sbp = 130, int dbp = 80, int hr = 70, int? rr = null, decimal? temp = null) =>
        new(new BloodPressure(sbp, dbp), new HeartRate(hr), rr is null ? null : new RespiratoryRate(rr.Value), temp is null ? null : new BodyTemperature(temp.Value), At(-10));

    private static VitalsReading Current(int sbp = 130, int dbp = 80, int hr = 70, int? rr = null, decimal? temp = null) =>
        new(At(60), new BloodPressure(sbp, dbp), new HeartRate(hr), respiratoryRate: rr is null ? null : new RespiratoryRate(rr.Value), temperature: temp is null ? null : new BodyTemperature(temp.Value));

    [Fact]
    [Trait("Vector", "TV-42")]
    public void GivenVitals2Activity2PainNausea2NoSurgicalSiteAndIntakeOutput1_WhenScored_ThenTotalNineFitForDischarge()
    {
        var observations = AllGood with { Voided = false };

        var result = PadssScore.Score(PadssVariant.Padss, observations, Baseline(), Current(135, 82, 72));

        Assert.Equal(
            [
                new PadssItemScore(PadssItem.VitalSigns, 2),
                new PadssItemScore(PadssItem.ActivityAndMentalStatus, 2),
                new PadssItemScore(PadssItem.PainNauseaVomiting, 2),
                new PadssItemScore(PadssItem.SurgicalBleeding, 2),
                new PadssItemScore(PadssItem.IntakeAndOutput, 1),
            ],
            result.Items);
        Assert.Equal(9, result.Total);
        Assert.Equal(PadssVariant.Padss, result.Variant);
    }

    [Fact]
    [Trait("Vector", "TV-90")]
    public void GivenBaseline130Over80Hr70AndLast160Over85Hr75_WhenScoringVitalSigns_ThenOneFromTheSystolicDeviation()
    {
        var item = PadssScore.VitalSignsItem(Baseline(130, 80, 70), Current(160, 85, 75));

        Assert.Equal(1, item.Points);
        Assert.Equal(23.08m, item.LargestDeviationPercent);
        Assert.Equal(PadssVital.Systolic, item.LargestDeviationIn);
    }

    [Theory]
    [InlineData(156, 2)]
    [InlineData(157, 1)]
    [InlineData(104, 2)]
    [InlineData(103, 1)]
    [InlineData(182, 1)]
    [InlineData(183, 0)]
    public void GivenSystolicAroundTwentyAndFortyPercent_WhenScored_ThenEdgesAreInclusive(int sbp, int points) =>
        Assert.Equal(points, PadssScore.VitalSignsItem(Baseline(130, 80, 70), Current(sbp, 80, 70)).Points);

    [Theory]
    [InlineData(84, 2)]
    [InlineData(85, 1)]
    [InlineData(98, 1)]
    [InlineData(99, 0)]
    public void GivenHeartRateAroundTwentyAndFortyPercent_WhenScored_ThenHeartRateCounts(int hr, int points)
    {
        var item = PadssScore.VitalSignsItem(Baseline(130, 80, 70), Current(130, 80, hr));

        Assert.Equal(points, item.Points);
        Assert.Equal(PadssVital.HeartRate, item.LargestDeviationIn);
    }

    [Fact]
    public void GivenDiastolicDeviatesMost_WhenScored_ThenDiastolicDecides()
    {
        var item = PadssScore.VitalSignsItem(Baseline(130, 80, 70), Current(130, 100, 70));

        Assert.Equal((1, 25.00m, PadssVital.Diastolic), (item.Points, item.LargestDeviationPercent, item.LargestDeviationIn));
    }

    [Fact]
    public void GivenRespiratoryRateRecordedAtBothTimes_WhenScored_ThenItCounts()
    {
        var item = PadssScore.VitalSignsItem(Baseline(rr: 10), Current(rr: 15));

        Assert.Equal((0, 50.00m, PadssVital.RespiratoryRate), (item.Points, item.LargestDeviationPercent, item.LargestDeviationIn));
    }

    [Fact]
    public void GivenRespiratoryRateOnlyAtDischarge_WhenScored_ThenItIsIgnored() =>
        Assert.Equal(2, PadssScore.VitalSignsItem(Baseline(), Current(rr: 30)).Points);

    [Fact]
    public void GivenBaselineRespiratoryRateZero_WhenScored_ThenItIsSkipped() =>
        Assert.Equal(2, PadssScore.VitalSignsItem(Baseline(rr: 0), Current(rr: 14)).Points);

    [Fact]
    public void GivenTemperatureRecordedAtBothTimes_WhenScored_ThenItCounts()
    {
        var item = PadssScore.VitalSignsItem(Baseline(temp: 36.0m), Current(temp: 44.0m));

        Assert.Equal((1, 22.22m, PadssVital.Temperature), (item.Points, item.LargestDeviationPercent, item.LargestDeviationIn));
    }

    [Fact]
    public void GivenNoHeartRateAtDischarge_WhenScoringVitalSigns_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => PadssScore.VitalSignsItem(Baseline(), new VitalsReading(At(60), new BloodPressure(120, 80))));

    [Fact]
    public void GivenNoBaselineHeartRate_WhenScoringVitalSigns_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => PadssScore.VitalSignsItem(new VitalsBaseline(new BloodPressure(130, 80), null, null, null, At(0)), Current()));

    [Theory]
    [InlineData(true, true, 2)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]
    public void GivenOrientationAndGait_WhenScored_ThenActivityItem(bool oriented, bool steady, int points) =>
        Assert.Equal(points, PadssScore.Score(PadssVariant.Padss, AllGood with { OrientedTimesThree = oriented, SteadyGait = steady }, Baseline(), Current()).PointsFor(PadssItem.ActivityAndMentalStatus));

    [Theory]
    [InlineData(true, true, 2)]
    [InlineData(true, false, 1)]
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]
    public void GivenFluidsAndVoiding_WhenScored_ThenIntakeOutputItem(bool drank, bool voided, int points) =>
        Assert.Equal(points, PadssScore.Score(PadssVariant.Padss, AllGood with { DrankFluids = drank, Voided = voided }, Baseline(), Current()).PointsFor(PadssItem.IntakeAndOutput));

    [Theory]
    [InlineData(PadssSeverity.Minimal, PadssSeverity.Minimal, 2)]
    [InlineData(PadssSeverity.Moderate, PadssSeverity.Minimal, 1)]
    [InlineData(PadssSeverity.Minimal, PadssSeverity.Severe, 0)]
    public void GivenPainAndNausea_WhenScoredOnPadss_ThenTheWorseOfTheTwo(PadssSeverity pain, PadssSeverity nausea, int points) =>
        Assert.Equal(points, PadssScore.Score(PadssVariant.Padss, AllGood with { Pain = pain, NauseaVomiting = nausea }, Baseline(), Current()).PointsFor(PadssItem.PainNauseaVomiting));

    [Theory]
    [InlineData(SurgicalBleeding.NoSurgicalSite, 2)]
    [InlineData(SurgicalBleeding.Minimal, 2)]
    [InlineData(SurgicalBleeding.Moderate, 1)]
    [InlineData(SurgicalBleeding.Severe, 0)]
    public void GivenBleeding_WhenScored_ThenNoSurgicalSiteCountsAsMinimal(SurgicalBleeding bleeding, int points) =>
        Assert.Equal(points, PadssScore.BleedingPoints(bleeding));

    [Fact]
    public void GivenModifiedPadss_WhenScored_ThenPainAndNauseaSplitAndNoIntakeOutput()
    {
        var observations = AllGood with { Pain = PadssSeverity.Moderate, NauseaVomiting = PadssSeverity.Severe, DrankFluids = false, Voided = false };

        var result = PadssScore.Score(PadssVariant.ModifiedPadss, observations, Baseline(), Current());

        Assert.Equal(
            [
                new PadssItemScore(PadssItem.VitalSigns, 2),
                new PadssItemScore(PadssItem.ActivityAndMentalStatus, 2),
                new PadssItemScore(PadssItem.Pain, 1),
                new PadssItemScore(PadssItem.NauseaVomiting, 0),
                new PadssItemScore(PadssItem.SurgicalBleeding, 2),
            ],
            result.Items);
        Assert.Equal(7, result.Total);
        Assert.Equal(PadssVariant.ModifiedPadss, result.Variant);
        Assert.Throws<ArgumentException>(() => result.PointsFor(PadssItem.IntakeAndOutput));
    }
}
