using KetamineClinic.Domain.Outcomes;
using static KetamineClinic.Domain.Tests.Outcomes.OutcomeFixtures;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class OutcomeTrajectoryTests
{
    // TV-13's MADRS total 32 is the baseline of TV-14; TV-13 itself (scoring, band, SI-1) belongs to the scoring rules.
    [Fact]
    [Trait("Vector", "TV-13")]
    [Trait("Vector", "TV-14")]
    [Trait("Rule", "RESP-01")]
    public void GivenMadrsSeries_WhenTrajectoryBuilt_ThenEachPointCarriesPctResponseRemissionAndDays()
    {
        var series = Madrs(32, (1, 14), (8, 10), (20, 18));

        var t = OutcomeTrajectory.Build(series, TestProtocol("v-traj"));

        Assert.Equal("v-traj", t.Version.Value);
        Assert.Equal(InstrumentId.Madrs, t.Instrument);
        Assert.Equal(32, t.Baseline!.Total);
        Assert.Equal(5, t.Points.Count);

        var baseline = t.Points[0];
        Assert.Null(baseline.Change);
        Assert.Null(baseline.Response);
        Assert.Null(baseline.PercentChangeDisplay);
        Assert.Equal(-3, baseline.DayOfCourse);
        Assert.Null(baseline.DayAfterInduction);
        Assert.False(baseline.InRemission);

        var induction = t.Points[1];
        Assert.Equal(7, induction.DayOfCourse);
        Assert.Null(induction.DayAfterInduction);
        Assert.Equal(0m, induction.PercentChangeDisplay);
        Assert.False(induction.Response);

        var day1 = t.Points[2];
        Assert.Equal(56.3m, day1.PercentChangeDisplay);
        Assert.True(day1.Response);
        Assert.False(day1.InRemission);
        Assert.Equal(1, day1.DayAfterInduction);
        Assert.Equal(12, day1.DayOfCourse);

        var day8 = t.Points[3];
        Assert.True(day8.InRemission);
        Assert.Equal(10, day8.Remission!.Cutoff.Value);
        Assert.Equal(68.8m, day8.PercentChangeDisplay);

        var day20 = t.Points[4];
        Assert.False(day20.Response);
        Assert.Equal(43.8m, day20.PercentChangeDisplay);
        Assert.Equal(20, day20.DayAfterInduction);
    }

    [Fact]
    public void GivenNoBaseline_WhenTrajectoryBuilt_ThenNoChangeButRemissionStillShown()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, LastInfusion),
            [Rating(InstrumentId.Madrs, Day(2), 8, CoursePhase.PostInduction)]);

        var point = OutcomeTrajectory.Build(series, TestProtocol()).Points.Single();

        Assert.Null(point.Change);
        Assert.True(point.InRemission);
        Assert.Equal(13, point.DayOfCourse);
        Assert.Equal(2, point.DayAfterInduction);
    }

    [Fact]
    public void GivenRatingOnLastInfusionDay_WhenTrajectoryBuilt_ThenDayAfterInductionIsZero()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, LastInfusion),
            [Rating(InstrumentId.Madrs, LastInfusion, 8, CoursePhase.Induction)]);

        Assert.Equal(0, OutcomeTrajectory.Build(series, TestProtocol()).Points.Single().DayAfterInduction);
    }

    [Fact]
    public void GivenGad7_WhenTrajectoryBuilt_ThenNoRemissionFlag()
    {
        var series = BaselineThen(InstrumentId.Gad7, 15, 6);

        var point = OutcomeTrajectory.Build(series, TestProtocol()).Points[^1];

        Assert.Null(point.InRemission);
        Assert.Null(point.Remission);
        Assert.True(point.Response);
        Assert.Equal(60.0m, point.PercentChangeDisplay);
    }

    [Fact]
    [Trait("Vector", "TV-18")]
    public void GivenHamD24To7_WhenTrajectoryBuilt_ThenResponseAndRemission()
    {
        var point = OutcomeTrajectory.Build(BaselineThen(InstrumentId.HamD17, 24, 7), TestProtocol()).Points[^1];

        Assert.Equal(70.8m, point.PercentChangeDisplay);
        Assert.True(point.Response);
        Assert.True(point.InRemission);
    }

    [Fact]
    [Trait("Vector", "TV-71")]
    public void GivenHamD22To11_WhenTrajectoryBuilt_ThenResponseButNoRemission()
    {
        var point = OutcomeTrajectory.Build(BaselineThen(InstrumentId.HamD17, 22, 11), TestProtocol()).Points[^1];

        Assert.True(point.Response);
        Assert.Equal(50.0m, point.PercentChangeDisplay);
        Assert.False(point.InRemission);
    }

    [Fact]
    [Trait("Vector", "TV-72")]
    public void GivenMadrs31To16_WhenTrajectoryBuilt_ThenNoResponseNoRemission()
    {
        var point = OutcomeTrajectory.Build(BaselineThen(InstrumentId.Madrs, 31, 16), TestProtocol()).Points[^1];

        Assert.False(point.Response);
        Assert.Equal(48.4m, point.PercentChangeDisplay);
        Assert.False(point.InRemission);
    }

    [Fact]
    [Trait("Vector", "TV-16")]
    public void GivenMadrs28To15_WhenTrajectoryBuilt_ThenNoResponse()
    {
        var point = OutcomeTrajectory.Build(BaselineThen(InstrumentId.Madrs, 28, 15), TestProtocol()).Points[^1];

        Assert.False(point.Response);
        Assert.Equal(46.4m, point.PercentChangeDisplay);
    }
}
