using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Outcomes.OutcomeFixtures;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class RelapseKetTests
{
    private static RelapseAssessment Ket(ScoreSeries series, params ClinicalEvent[] events) =>
        RelapseRules.Evaluate(series, events, TestProtocol("v-ket"));

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenResponderLosingResponseOnTwoConsecutiveRatings_WhenRelapseKet_ThenRelapseDatedOnSecondRating()
    {
        var result = Ket(Madrs(30, (1, 12), (8, 16), (15, 17)));

        var relapsed = Assert.IsType<RelapseAssessment.Relapsed>(result);
        Assert.Equal(Day(15), relapsed.RelapsedOn);
        Assert.Equal(15, relapsed.DaysToRelapse);
        Assert.Equal(RelapseRuleSet.Ketamine, relapsed.RuleSet);
        Assert.Equal("RELAPSE-KET", relapsed.Rule.Value);
        Assert.Equal("v-ket", relapsed.Version.Value);
        Assert.Equal(Day(1), relapsed.EntryRating.RatedOn);
        var pair = Assert.IsType<RelapseTrigger.ConsecutiveRatings>(relapsed.Trigger);
        Assert.Equal(Day(8), pair.First.RatedOn);
        Assert.Equal(Day(15), pair.Second.RatedOn);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenExactlyFiftyPercentOnFollowUp_WhenRelapseKet_ThenStillAResponseSoNoRelapse()
    {
        // Baseline 30: 15 is exactly 50 % (2 × 15 = 30 ≥ 30), 16 is a loss.
        var result = Ket(Madrs(30, (1, 12), (8, 15), (15, 15)));

        var none = Assert.IsType<RelapseAssessment.NoRelapse>(result);
        Assert.Equal(15, none.FollowedUpToDay);
        Assert.Equal(Day(1), none.EntryRating.RatedOn);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenLossesSeparatedByAResponse_WhenRelapseKet_ThenNotConsecutiveSoNoRelapse()
    {
        var result = Ket(Madrs(30, (1, 12), (8, 16), (12, 14), (19, 18)));

        Assert.Equal(19, Assert.IsType<RelapseAssessment.NoRelapse>(result).FollowedUpToDay);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenThreeConsecutiveLosses_WhenRelapseKet_ThenFirstPairDecides()
    {
        var relapsed = Assert.IsType<RelapseAssessment.Relapsed>(Ket(Madrs(30, (1, 12), (4, 20), (6, 21), (9, 25))));

        Assert.Equal(Day(6), relapsed.RelapsedOn);
        Assert.Equal(6, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenNoResponseAtEndOfInductionRating_WhenRelapseKet_ThenNotAResponder()
    {
        var result = Ket(Madrs(30, (2, 16), (9, 20), (16, 22)));

        var notResponder = Assert.IsType<RelapseAssessment.NotAResponder>(result);
        Assert.Equal(Day(2), notResponder.EntryRating.RatedOn);
        Assert.False(notResponder.EntryChange.Response);
        Assert.Equal(46.7m, notResponder.EntryChange.PercentChangeDisplay);
        Assert.Equal("RELAPSE-KET", notResponder.Rule.Value);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenResponseRatedOnLastInfusionDay_WhenRelapseKet_ThenOnlyRatingsDatedAfterItCount()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, LastInfusion),
        [
            Rating(InstrumentId.Madrs, new DateOnly(2025, 1, 3), 30, CoursePhase.PreInduction),
            Rating(InstrumentId.Madrs, LastInfusion, 10, CoursePhase.PostInduction),
            Rating(InstrumentId.Madrs, Day(1), 16, CoursePhase.PostInduction),
            Rating(InstrumentId.Madrs, Day(3), 17, CoursePhase.PostInduction),
        ]);

        var result = Ket(series);

        Assert.Equal(Day(1), Assert.IsType<RelapseAssessment.NotAResponder>(result).EntryRating.RatedOn);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenMaintenanceRatings_WhenRelapseKet_ThenTheyCountAgainstThePreCourseBaseline()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, LastInfusion),
        [
            Rating(InstrumentId.Madrs, new DateOnly(2025, 1, 3), 30, CoursePhase.PreInduction),
            Rating(InstrumentId.Madrs, Day(2), 10, CoursePhase.PostInduction),
            Rating(InstrumentId.Madrs, Day(30), 20, CoursePhase.Maintenance),
            Rating(InstrumentId.Madrs, Day(37), 19, CoursePhase.Maintenance),
        ]);

        var relapsed = Assert.IsType<RelapseAssessment.Relapsed>(Ket(series));

        Assert.Equal(37, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenSuicideAttemptButNoRatingLoss_WhenRelapseKet_ThenEventsDoNotDefineRelapseUnderKet()
    {
        var result = Ket(Madrs(30, (1, 12), (8, 12)), new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(5)));

        Assert.IsType<RelapseAssessment.NoRelapse>(result);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenInductionNotComplete_WhenRelapseEvaluated_ThenNotAssessable()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, null),
            [Rating(InstrumentId.Madrs, new DateOnly(2025, 1, 3), 30, CoursePhase.PreInduction)]);

        var result = Assert.IsType<RelapseAssessment.NotAssessable>(Ket(series));

        Assert.Equal(RelapseNotAssessableReason.InductionNotComplete, result.Reason);
    }

    [Fact]
    public void GivenNoBaseline_WhenRelapseEvaluated_ThenNotAssessable()
    {
        var series = new ScoreSeries(InstrumentId.Madrs, new InductionCourse(FirstInfusion, LastInfusion),
            [Rating(InstrumentId.Madrs, Day(1), 5, CoursePhase.PostInduction)]);

        Assert.Equal(RelapseNotAssessableReason.NoBaseline, Assert.IsType<RelapseAssessment.NotAssessable>(Ket(series)).Reason);
    }

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenBaselineZero_WhenRelapseEvaluated_ThenNotAssessable()
    {
        Assert.Equal(
            RelapseNotAssessableReason.BaselineZero,
            Assert.IsType<RelapseAssessment.NotAssessable>(Ket(Madrs(0, (1, 0), (8, 5), (15, 6)))).Reason);
    }

    [Fact]
    public void GivenBaselineOne_WhenRelapseEvaluated_ThenAssessed()
    {
        Assert.IsType<RelapseAssessment.Relapsed>(Ket(Madrs(1, (1, 0), (8, 1), (15, 1))));
    }

    [Fact]
    public void GivenNoRatingAfterLastInfusion_WhenRelapseEvaluated_ThenAwaitingEndOfInductionRating()
    {
        Assert.Equal(
            RelapseNotAssessableReason.AwaitingEndOfInductionRating,
            Assert.IsType<RelapseAssessment.NotAssessable>(Ket(Madrs(30))).Reason);
    }

    [Fact]
    public void GivenPhq9Series_WhenRelapseEvaluated_ThenRejectedAsNotMadrs()
    {
        var series = BaselineThen(InstrumentId.Phq9, 20, 5);

        var ex = Assert.Throws<ArgumentException>(() => Ket(series));
        Assert.Contains("phq-9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenUnknownRuleSet_WhenRelapseEvaluated_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RelapseRules.Evaluate(Madrs(30, (1, 10)), [], TestProtocol(), (RelapseRuleSet)9));

    [Fact]
    public void GivenSustainProtocol_WhenEvaluatedWithDefaultOverload_ThenProtocolRuleSetApplied()
    {
        var result = RelapseRules.Evaluate(Madrs(30, (1, 10)), [], TestProtocol(ruleSet: RelapseRuleSet.Sustain));

        Assert.Equal(RelapseRuleSet.Sustain, result.RuleSet);
        Assert.Equal("RELAPSE-SUSTAIN", result.Rule.Value);
    }
}

public sealed class RelapseSustainTests
{
    private static RelapseAssessment Sustain(ScoreSeries series, params ClinicalEvent[] events) =>
        RelapseRules.Evaluate(series, events, TestProtocol("v-sus"), RelapseRuleSet.Sustain);

    private static RelapseAssessment.Relapsed Relapsed(ScoreSeries series, params ClinicalEvent[] events) =>
        Assert.IsType<RelapseAssessment.Relapsed>(Sustain(series, events));

    private static (DateOnly First, DateOnly Second) Pair(RelapseAssessment.Relapsed relapsed)
    {
        var pair = Assert.IsType<RelapseTrigger.ConsecutiveRatings>(relapsed.Trigger);
        return (pair.First.RatedOn, pair.Second.RatedOn);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenMadrs22TwiceExactlyFiveDaysApart_WhenSustain_ThenRelapseOnSecond()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 22), (15, 22)));

        Assert.Equal((Day(10), Day(15)), Pair(relapsed));
        Assert.Equal(Day(15), relapsed.RelapsedOn);
        Assert.Equal(15, relapsed.DaysToRelapse);
        Assert.Equal("RELAPSE-SUSTAIN", relapsed.Rule.Value);
        Assert.Equal("v-sus", relapsed.Version.Value);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenThreeQualifyingAssessments_WhenSustain_ThenTheFirstQualifyingPairDates()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (15, 26), (20, 27), (25, 28)));

        Assert.Equal((Day(10), Day(15)), Pair(relapsed));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenMadrsHighTwiceExactlyFifteenDaysApart_WhenSustain_ThenRelapse()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (25, 23)));

        Assert.Equal((Day(10), Day(25)), Pair(relapsed));
        Assert.Equal(25, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenSecondAssessmentUnderFiveDays_WhenSustain_ThenFirstPairsWithTheNextAssessment()
    {
        // Day 14 is 4 days after day 10: skipped whatever its score; day 17 (7 days) pairs with day 10.
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (14, 10), (17, 24)));

        Assert.Equal((Day(10), Day(17)), Pair(relapsed));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenHighSecondAssessmentUnderFiveDays_WhenSustain_ThenItDoesNotCompleteThePair()
    {
        var result = Sustain(Madrs(40, (1, 10), (10, 25), (14, 30)));

        Assert.Equal(14, Assert.IsType<RelapseAssessment.NoRelapse>(result).FollowedUpToDay);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenSecondAssessmentSixteenDaysLater_WhenSustain_ThenPairFailsAndSecondStartsANewPair()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (26, 25), (31, 22)));

        Assert.Equal((Day(26), Day(31)), Pair(relapsed));
        Assert.Equal(31, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenSecondAssessmentSixteenDaysLaterAndNothingAfter_WhenSustain_ThenNoRelapse()
    {
        Assert.Equal(26, Assert.IsType<RelapseAssessment.NoRelapse>(Sustain(Madrs(40, (1, 10), (10, 25), (26, 25)))).FollowedUpToDay);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenLowAssessmentMoreThanFifteenDaysLater_WhenSustain_ThenItCannotStartAPair()
    {
        var result = Sustain(Madrs(40, (1, 10), (10, 25), (26, 10), (31, 25)));

        Assert.IsType<RelapseAssessment.NoRelapse>(result);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenLowAssessmentInsideTheWindow_WhenSustain_ThenPairFailsAndANewHighStartsAgain()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (15, 21), (20, 25), (25, 22)));

        Assert.Equal((Day(20), Day(25)), Pair(relapsed));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenMadrs21Then22_WhenSustain_ThenTwentyOneDoesNotCountButTwentyTwoStartsAPair()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 21), (15, 22), (20, 22)));

        Assert.Equal((Day(15), Day(20)), Pair(relapsed));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenLowThenHigh_WhenSustain_ThenLowRatingNeverStartsAPair()
    {
        Assert.IsType<RelapseAssessment.NoRelapse>(Sustain(Madrs(40, (1, 10), (5, 12), (10, 22))));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenEndOfInductionRatingIsAResponseAbove22_WhenSustain_ThenItCountsAsTheFirstAssessment()
    {
        // Baseline 50: 24 is a response (2 × 26 = 52 ≥ 50) yet ≥22.
        var relapsed = Relapsed(Madrs(50, (1, 24), (7, 23)));

        Assert.Equal((Day(1), Day(7)), Pair(relapsed));
    }

    [Theory]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    [InlineData(ClinicalEventKind.HospitalizationForWorseningDepression)]
    [InlineData(ClinicalEventKind.SuicideAttempt)]
    [InlineData(ClinicalEventKind.CompletedSuicide)]
    [InlineData(ClinicalEventKind.HospitalizationForSuicidePrevention)]
    public void GivenClinicallyRelevantEvent_WhenSustain_ThenRelapseDatedOnTheEvent(ClinicalEventKind kind)
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (8, 12)), new ClinicalEvent(kind, Day(6)));

        var trigger = Assert.IsType<RelapseTrigger.Event>(relapsed.Trigger);
        Assert.Equal(kind, trigger.ClinicalEvent.Kind);
        Assert.Equal(Day(6), relapsed.RelapsedOn);
        Assert.Equal(6, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenOtherEventWithDescription_WhenSustain_ThenRelapse()
    {
        var e = new ClinicalEvent(ClinicalEventKind.OtherClinicallyRelevantEvent, Day(3), "Emergency visit for worsening mood");

        var relapsed = Relapsed(Madrs(40, (1, 10)), e);

        Assert.Equal("Emergency visit for worsening mood", Assert.IsType<RelapseTrigger.Event>(relapsed.Trigger).ClinicalEvent.Description);
    }

    [Fact]
    public void GivenOtherEventWithoutDescription_WhenCreated_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new ClinicalEvent(ClinicalEventKind.OtherClinicallyRelevantEvent, Day(3), " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClinicalEvent((ClinicalEventKind)42, Day(3)));
        Assert.Null(new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(3)).Description);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenEventOnTheLastInfusionDay_WhenSustain_ThenNotCountedAsRelapse()
    {
        var result = Sustain(Madrs(40, (1, 10)), new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(0)));

        Assert.IsType<RelapseAssessment.NoRelapse>(result);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenEventAfterARatingPair_WhenSustain_ThenTheEarlierPairDates()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (15, 25)), new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(16)));

        Assert.IsType<RelapseTrigger.ConsecutiveRatings>(relapsed.Trigger);
        Assert.Equal(15, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenEventOnTheSameDayAsThePair_WhenSustain_ThenTheEventIsReported()
    {
        var relapsed = Relapsed(Madrs(40, (1, 10), (10, 25), (15, 25)), new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(15)));

        Assert.IsType<RelapseTrigger.Event>(relapsed.Trigger);
        Assert.Equal(15, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenTwoEvents_WhenSustain_ThenTheEarliestDates()
    {
        var relapsed = Relapsed(
            Madrs(40, (1, 10)),
            new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(9)),
            new ClinicalEvent(ClinicalEventKind.HospitalizationForWorseningDepression, Day(4)));

        Assert.Equal(4, relapsed.DaysToRelapse);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenNonResponderWithEvent_WhenSustain_ThenEntryConditionNotMet()
    {
        var result = Sustain(Madrs(40, (1, 25)), new ClinicalEvent(ClinicalEventKind.SuicideAttempt, Day(5)));

        Assert.IsType<RelapseAssessment.NotAResponder>(result);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenRelapseAcrossAMonthEnd_WhenTimeToRelapseComputed_ThenCalendarDaysSinceLastInfusion()
    {
        // Last induction infusion 2025-01-17 (day 0); relapse 2025-02-03 = day 17.
        var relapsed = Relapsed(Madrs(40, (1, 10), (12, 30), (17, 31)));

        Assert.Equal(new DateOnly(2025, 2, 3), relapsed.RelapsedOn);
        Assert.Equal(17, relapsed.DaysToRelapse);
    }
}
