using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class CohortAnalyticsTests
{
    private static readonly ProtocolVersion V = new("v");
    private static readonly ScoreRating Entry = new(InstrumentId.Madrs, new DateOnly(2025, 1, 18), 10, CoursePhase.PostInduction);

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenSeventeenOfTwentyFourResponders_WhenRateComputed_ThenSeventyPoint8LikeMurrough()
    {
        var responses = Enumerable.Repeat<bool?>(true, 17).Concat(Enumerable.Repeat<bool?>(false, 7)).Append(null);

        var rate = CohortAnalytics.ResponseRate(responses);

        Assert.Equal(new CohortRate(17, 24, 1), rate);
        Assert.Equal(70.8m, rate.PercentDisplay);
        Assert.Equal(PublishedFigures.Murrough2013ResponseRate.Value, rate.PercentDisplay);
    }

    [Fact]
    public void GivenNobodyAssessed_WhenRateComputed_ThenPercentNull()
    {
        var rate = CohortAnalytics.ResponseRate([null, null]);

        Assert.Null(rate.Percent);
        Assert.Null(rate.PercentDisplay);
        Assert.Equal(2, rate.NotAssessable);
    }

    [Fact]
    public void GivenOneOfEight_WhenRateComputed_ThenHalfUpDisplay()
    {
        // 1/8 = 12.5 % exactly; 1/16 = 6.25 % -> 6.3 (HALF_UP), banker's would give 6.2.
        Assert.Equal(12.5m, CohortAnalytics.ResponseRate([true, false, false, false, false, false, false, false]).PercentDisplay);
        var sixteen = Enumerable.Repeat<bool?>(false, 15).Append(true);
        Assert.Equal(6.3m, CohortAnalytics.ResponseRate(sixteen).PercentDisplay);
        Assert.Equal(6.25m, CohortAnalytics.ResponseRate(sixteen).Percent);
    }

    [Fact]
    public void GivenRelapseAssessments_WhenEndOfInductionResponseRate_ThenRespondersOverAssessed()
    {
        var change = ResponseRules.Compare(30, 20);
        RelapseAssessment[] cohort =
        [
            new RelapseAssessment.NoRelapse(V, RelapseRuleSet.Ketamine, Entry, 30),
            new RelapseAssessment.Relapsed(V, RelapseRuleSet.Ketamine, Entry, new DateOnly(2025, 2, 1), 15, new RelapseTrigger.ConsecutiveRatings(Entry, Entry)),
            new RelapseAssessment.NotAResponder(V, RelapseRuleSet.Ketamine, Entry, change),
            new RelapseAssessment.NotAssessable(V, RelapseRuleSet.Ketamine, RelapseNotAssessableReason.NoBaseline),
        ];

        Assert.Equal(new CohortRate(2, 3, 1), CohortAnalytics.EndOfInductionResponseRate(cohort));
        Assert.Equal(
            [new RelapseObservation(30, false), new RelapseObservation(15, true)],
            CohortAnalytics.RelapseObservations(cohort));
    }

    [Fact]
    [Trait("Rule", "PHQ9-REM-01")]
    public void GivenRemissionVerdictsWithOneCutoff_WhenRateComputed_ThenCutoffCarried()
    {
        var protocol = ClinicProtocol.Default;
        var results = new[] { 3, 4, 5, 9 }.Select(t => RemissionRules.Evaluate(InstrumentId.Phq9, t, protocol)).Append(null);

        var rate = CohortAnalytics.RemissionRate(results);

        Assert.Equal(new CohortRate(2, 4, 1), rate.Rate);
        Assert.Equal("<5", rate.Cutoff!.Display);
    }

    [Fact]
    public void GivenNoVerdicts_WhenRemissionRateComputed_ThenNoCutoff()
    {
        var rate = CohortAnalytics.RemissionRate([null]);

        Assert.Null(rate.Cutoff);
        Assert.Equal(new CohortRate(0, 0, 1), rate.Rate);
    }

    [Fact]
    [Trait("Rule", "REM-MADRS")]
    public void GivenMixedMadrsCutoffs_WhenRemissionRateComputed_ThenRejected()
    {
        var at12 = ClinicProtocol.Default with
        {
            Outcomes = OutcomesProtocol.Default with { MadrsRemission = new RemissionCutoff(InstrumentId.Madrs, CutoffComparison.AtMost, 12, OutcomeRules.RemMadrs) },
        };
        RemissionResult?[] mixed =
        [
            RemissionRules.Evaluate(InstrumentId.Madrs, 11, ClinicProtocol.Default),
            RemissionRules.Evaluate(InstrumentId.Madrs, 11, at12),
        ];

        var ex = Assert.Throws<ArgumentException>(() => CohortAnalytics.RemissionRate(mixed));
        Assert.StartsWith(
            "Remission verdicts use different cut-offs (madrs ≤10 (REM-MADRS), madrs ≤12 (REM-MADRS)); re-run them with one cut-off.",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "RELAPSE-01")]
    [InlineData(new[] { 18 }, 18.0)]
    [InlineData(new[] { 30, 6, 18 }, 18.0)]
    [InlineData(new[] { 6, 45, 19, 12 }, 15.5)]
    [InlineData(new[] { 10, 20 }, 15.0)]
    public void GivenDaysToRelapse_WhenMedianComputed_ThenSampleMedian(int[] days, double expected) =>
        Assert.Equal((decimal)expected, CohortAnalytics.MedianDaysToRelapse(days));

    [Fact]
    public void GivenNoRelapses_WhenMedianComputed_ThenNull() =>
        Assert.Null(CohortAnalytics.MedianDaysToRelapse([]));

    [Fact]
    public void GivenNegativeDays_WhenMedianComputed_ThenRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortAnalytics.MedianDaysToRelapse([3, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RelapseObservation(-1, true));
        Assert.Equal(0, new RelapseObservation(0, true).Days);
    }

    [Fact]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenCensoredResponders_WhenKaplanMeierMedian_ThenCensoringCounts()
    {
        // Times: 5 R, 8 C, 10 R, 12 R, 20 C.  S(5)=4/5, S(10)=4/5*2/3=8/15 (>0.5), S(12)=8/15*1/2=4/15 -> median 12.
        RelapseObservation[] obs = [new(5, true), new(8, false), new(10, true), new(12, true), new(20, false)];

        Assert.Equal(12m, CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
        Assert.Equal(10m, CohortAnalytics.MedianDaysToRelapse([5, 10, 12]));
    }

    [Fact]
    public void GivenSurvivalExactlyHalfThenAnotherRelapse_WhenKaplanMeierMedian_ThenMidpoint()
    {
        // 4 patients, relapses at 10, 20, 30, 40: S(20) = 0.5 exactly -> (20 + 30) / 2.
        RelapseObservation[] obs = [new(10, true), new(20, true), new(30, true), new(40, true)];

        Assert.Equal(25m, CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
    }

    [Fact]
    public void GivenSurvivalExactlyHalfThenOnlyCensoring_WhenKaplanMeierMedian_ThenThatDay()
    {
        RelapseObservation[] obs = [new(10, true), new(20, false)];

        Assert.Equal(10m, CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
    }

    [Fact]
    public void GivenThirdsCrossingHalf_WhenKaplanMeierMedian_ThenExactArithmeticFindsExactHalf()
    {
        // 2 censored early; day 5: 4 at risk, S = 3/4; day 7: 3 at risk, S = 3/4 × 2/3 = 1/2 exactly (decimal
        // arithmetic would give 0.5000...0025 and miss it) -> midpoint of days 7 and 9.
        RelapseObservation[] obs = [new(2, false), new(3, false), new(5, true), new(7, true), new(9, true), new(11, false)];

        Assert.Equal(8m, CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
    }

    [Fact]
    public void GivenFewRelapses_WhenKaplanMeierMedian_ThenNotReached()
    {
        RelapseObservation[] obs = [new(10, true), new(20, false), new(30, false)];

        Assert.Null(CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
        Assert.Null(CohortAnalytics.KaplanMeierMedianDaysToRelapse([]));
    }

    [Fact]
    public void GivenTiesBetweenRelapseAndCensoring_WhenKaplanMeierMedian_ThenCensoredCountAtRiskThatDay()
    {
        // Day 10: 3 at risk, 1 relapse + 1 censored -> S = 2/3; day 20: 1 at risk, relapse -> S = 0 -> median 20.
        RelapseObservation[] obs = [new(10, true), new(10, false), new(20, true)];

        Assert.Equal(20m, CohortAnalytics.KaplanMeierMedianDaysToRelapse(obs));
    }

    [Fact]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenPublishedFigures_WhenRead_ThenSpecValuesWithSources()
    {
        Assert.Equal(70.8m, PublishedFigures.Murrough2013ResponseRate.Value);
        Assert.Equal("S31", PublishedFigures.Murrough2013ResponseRate.SourceId);
        Assert.Equal("%", PublishedFigures.Murrough2013ResponseRate.Unit);
        Assert.Equal(18m, PublishedFigures.Murrough2013MedianDaysToRelapse.Value);
        Assert.Equal("V", PublishedFigures.Murrough2013MedianDaysToRelapse.Evidence);
        Assert.Equal("days", PublishedFigures.Murrough2013MedianDaysToRelapse.Unit);
        Assert.Equal(19m, PublishedFigures.AanHetRot2010MeanDaysToRelapse.Value);
        Assert.Equal("K", PublishedFigures.AanHetRot2010MeanDaysToRelapse.Evidence);
        Assert.Equal("S30", PublishedFigures.AanHetRot2010MeanDaysToRelapse.SourceId);
        Assert.Equal(59m, PublishedFigures.Phillips2019ResponseRate.Value);
        Assert.Equal("S32", PublishedFigures.Phillips2019ResponseRate.SourceId);
        Assert.Equal(4, PublishedFigures.All.Count);
    }
}
