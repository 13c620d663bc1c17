using KetamineClinic.Domain.Outcomes;
using static KetamineClinic.Domain.Tests.Outcomes.OutcomeFixtures;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class ScoreSeriesTests
{
    private static readonly InductionCourse Course = new(FirstInfusion, LastInfusion);
    private static readonly InstrumentId M = InstrumentId.Madrs;

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenSeveralPreInductionRatings_WhenBaselineTaken_ThenLastOneBeforeInfusionOneCounts()
    {
        var series = new ScoreSeries(M, Course,
        [
            Rating(M, new DateOnly(2024, 12, 20), 36, CoursePhase.PreInduction),
            Rating(M, FirstInfusion, 33, CoursePhase.PreInduction),
            Rating(M, FirstInfusion, 20, CoursePhase.Induction),
        ]);

        Assert.Equal(33, series.BaselineRating!.Total);
    }

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenMaintenanceCourse_WhenBaselineTaken_ThenMaintenanceDoesNotResetIt()
    {
        var series = new ScoreSeries(M, Course,
        [
            Rating(M, new DateOnly(2025, 1, 3), 30, CoursePhase.PreInduction),
            Rating(M, Day(3), 12, CoursePhase.PostInduction),
            Rating(M, Day(30), 20, CoursePhase.Maintenance),
            Rating(M, Day(37), 14, CoursePhase.Maintenance),
        ]);

        var trajectory = OutcomeTrajectory.Build(series, TestProtocol());

        Assert.Equal(30, series.BaselineRating!.Total);
        Assert.All(trajectory.Points.Skip(1), p => Assert.Equal(30, p.Change!.Baseline));
        Assert.Equal(53.3m, trajectory.Points[^1].PercentChangeDisplay);
    }

    [Fact]
    public void GivenNoPreInductionRating_WhenBaselineTaken_ThenNull()
    {
        var series = new ScoreSeries(M, Course, [Rating(M, FirstInfusion, 20, CoursePhase.Induction)]);

        Assert.Null(series.BaselineRating);
    }

    [Fact]
    public void GivenRatingsOnAndBeforeLastInfusion_WhenFollowUpSelected_ThenOnlyDayOneOnwardCounts()
    {
        var series = new ScoreSeries(M, Course,
        [
            Rating(M, new DateOnly(2025, 1, 3), 30, CoursePhase.PreInduction),
            Rating(M, LastInfusion, 10, CoursePhase.Induction),
            Rating(M, LastInfusion, 9, CoursePhase.PostInduction),
            Rating(M, Day(1), 11, CoursePhase.PostInduction),
            Rating(M, Day(9), 18, CoursePhase.Maintenance),
        ]);

        Assert.Equal([Day(1), Day(9)], series.RatingsAfterInduction.Select(r => r.RatedOn));
    }

    [Fact]
    public void GivenInductionRunning_WhenFollowUpSelected_ThenEmpty()
    {
        var series = new ScoreSeries(M, new InductionCourse(FirstInfusion, null), [Rating(M, FirstInfusion, 20, CoursePhase.Induction)]);

        Assert.Empty(series.RatingsAfterInduction);
        Assert.False(series.Course.IsComplete);
        Assert.True(Course.IsComplete);
    }

    [Fact]
    public void GivenRatingOfAnotherInstrument_WhenSeriesCreated_ThenRejectedNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, Course, [Rating(InstrumentId.Phq9, FirstInfusion, 10, CoursePhase.PreInduction)]));

        Assert.Contains("Rating #1 is a phq-9 rating in a madrs series", ex.Message, StringComparison.Ordinal);
        Assert.Equal("ratings", ex.ParamName);
    }

    [Fact]
    public void GivenDatesGoingBackwards_WhenSeriesCreated_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, Course,
        [
            Rating(M, Day(5), 10, CoursePhase.PostInduction),
            Rating(M, Day(4), 10, CoursePhase.PostInduction),
        ]));

        Assert.Contains("Rating #2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("date order", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenPhaseGoingBackwardsOnSameDay_WhenSeriesCreated_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, Course,
        [
            Rating(M, FirstInfusion, 20, CoursePhase.Induction),
            Rating(M, FirstInfusion, 30, CoursePhase.PreInduction),
        ]));

        Assert.Contains("phases must not go backwards", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMaintenanceThenPostInduction_WhenSeriesCreated_ThenAcceptedAsSameRank()
    {
        var series = new ScoreSeries(M, Course,
        [
            Rating(M, Day(10), 12, CoursePhase.Maintenance),
            Rating(M, Day(40), 12, CoursePhase.PostInduction),
        ]);

        Assert.Equal(2, series.Ratings.Count);
    }

    [Theory]
    [InlineData(CoursePhase.PreInduction, 2025, 1, 7, "after infusion #1")]
    [InlineData(CoursePhase.Induction, 2025, 1, 5, "outside the induction course")]
    [InlineData(CoursePhase.Induction, 2025, 1, 18, "outside the induction course")]
    [InlineData(CoursePhase.PostInduction, 2025, 1, 16, "before the last induction infusion")]
    [InlineData(CoursePhase.Maintenance, 2025, 1, 16, "before the last induction infusion")]
    public void GivenPhaseContradictingCourseDates_WhenSeriesCreated_ThenRejected(CoursePhase phase, int y, int m, int d, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, Course, [Rating(M, new DateOnly(y, m, d), 10, phase)]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoursePhase.PreInduction, 2025, 1, 6)]
    [InlineData(CoursePhase.Induction, 2025, 1, 6)]
    [InlineData(CoursePhase.Induction, 2025, 1, 17)]
    [InlineData(CoursePhase.PostInduction, 2025, 1, 17)]
    [InlineData(CoursePhase.Maintenance, 2025, 1, 17)]
    public void GivenPhaseOnCourseBoundaryDate_WhenSeriesCreated_ThenAccepted(CoursePhase phase, int y, int m, int d)
    {
        var series = new ScoreSeries(M, Course, [Rating(M, new DateOnly(y, m, d), 10, phase)]);

        Assert.Single(series.Ratings);
    }

    [Fact]
    public void GivenInductionStillRunning_WhenRatingOpenEndedOrTaggedPostInduction_ThenInductionAcceptedAndPostRejected()
    {
        var running = new InductionCourse(FirstInfusion, null);

        Assert.Single(new ScoreSeries(M, running, [Rating(M, Day(100), 10, CoursePhase.Induction)]).Ratings);
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, running, [Rating(M, Day(1), 10, CoursePhase.PostInduction)]));
        Assert.Contains("has no last infusion yet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNullRating_WhenSeriesCreated_ThenRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScoreSeries(M, Course, [null!]));

        Assert.Contains("Rating #1 is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenLastInfusionBeforeFirst_WhenCourseCreated_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new InductionCourse(LastInfusion, FirstInfusion));
        Assert.Equal(FirstInfusion, new InductionCourse(FirstInfusion, FirstInfusion).LastInfusionOn);
    }

    [Theory]
    [InlineData("madrs", 61)]
    [InlineData("phq-9", 28)]
    [InlineData("qids-sr16", 28)]
    [InlineData("ham-d17", 53)]
    [InlineData("gad-7", 22)]
    [InlineData("madrs", -1)]
    public void GivenTotalOutsideInstrumentRange_WhenRatingCreated_ThenRejected(string instrument, int total) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRating(new InstrumentId(instrument), FirstInfusion, total, CoursePhase.PreInduction));

    [Theory]
    [InlineData("madrs", 60)]
    [InlineData("phq-9", 27)]
    [InlineData("qids-sr16", 27)]
    [InlineData("ham-d17", 52)]
    [InlineData("gad-7", 21)]
    [InlineData("cadss", 92)]
    public void GivenTotalAtInstrumentMaximum_WhenRatingCreated_ThenAccepted(string instrument, int total) =>
        Assert.Equal(total, new ScoreRating(new InstrumentId(instrument), FirstInfusion, total, CoursePhase.PreInduction).Total);

    [Fact]
    public void GivenUnknownPhase_WhenRatingCreated_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRating(M, FirstInfusion, 3, (CoursePhase)9));

    [Theory]
    [InlineData("MADRS")]
    [InlineData("-madrs")]
    [InlineData("phq 9")]
    [InlineData("phq_9")]
    public void GivenMalformedInstrumentId_WhenCreated_ThenRejected(string id) =>
        Assert.Throws<ArgumentException>(() => new InstrumentId(id));

    [Fact]
    public void GivenBlankInstrumentId_WhenCreated_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new InstrumentId(" "));

    [Fact]
    public void GivenKnownInstruments_WhenReadingIds_ThenSpecIdsAndRanges()
    {
        Assert.Equal("madrs", InstrumentId.Madrs.ToString());
        Assert.Equal("phq-9", InstrumentId.Phq9.Value);
        Assert.Equal("qids-sr16", InstrumentId.QidsSr16.Value);
        Assert.Equal("ham-d17", InstrumentId.HamD17.Value);
        Assert.Equal("gad-7", InstrumentId.Gad7.Value);
        Assert.Equal(new InstrumentId("madrs"), InstrumentId.Madrs);
        Assert.Null(new InstrumentId("0-local9").MaximumTotal);
        Assert.Equal("zung-sds", new InstrumentId("zung-sds").Value);
        var ex = Assert.Throws<ArgumentException>(() => new InstrumentId("Zung"));
        Assert.StartsWith("Instrument id 'Zung' must be lower-case letters, digits and hyphens", ex.Message, StringComparison.Ordinal);
    }
}
