using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class OutcomeArgumentTests
{
    private static readonly ClinicProtocol P = ClinicProtocol.Default;
    private static readonly ScoreSeries Series = OutcomeFixtures.Madrs(30, (1, 10));

    [Fact]
    public void GivenNullArguments_WhenOutcomeRulesCalled_ThenArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => OutcomeTrajectory.Build(null!, P));
        Assert.Throws<ArgumentNullException>(() => OutcomeTrajectory.Build(Series, null!));
        Assert.Throws<ArgumentNullException>(() => RemissionRules.Evaluate(InstrumentId.Madrs, 3, null!));
        Assert.Throws<ArgumentNullException>(() => RelapseRules.Evaluate(Series, [], null!));
        Assert.Throws<ArgumentNullException>(() => RelapseRules.Evaluate(null!, [], P, RelapseRuleSet.Ketamine));
        Assert.Throws<ArgumentNullException>(() => RelapseRules.Evaluate(Series, null!, P, RelapseRuleSet.Ketamine));
        Assert.Throws<ArgumentNullException>(() => BoosterRules.Evaluate(null!, [], P));
        Assert.Throws<ArgumentNullException>(() => BoosterRules.Evaluate(Series, [], null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.ResponseRate(null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.EndOfInductionResponseRate(null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.RemissionRate(null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.RelapseObservations(null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.MedianDaysToRelapse(null!));
        Assert.Throws<ArgumentNullException>(() => CohortAnalytics.KaplanMeierMedianDaysToRelapse(null!));
        Assert.Throws<ArgumentNullException>(() => new ScoreSeries(InstrumentId.Madrs, null!, []));
        Assert.Throws<ArgumentNullException>(() => new ScoreSeries(InstrumentId.Madrs, Series.Course, null!));
    }

    [Fact]
    public void GivenInvalidEnumsAndText_WhenCreated_ThenMessagesSayWhy()
    {
        Assert.StartsWith("Unknown clinical event kind.", Assert.Throws<ArgumentOutOfRangeException>(() => new ClinicalEvent((ClinicalEventKind)9, OutcomeFixtures.Day(1))).Message, StringComparison.Ordinal);
        Assert.StartsWith("An 'other clinically relevant event' needs a description.", Assert.Throws<ArgumentException>(() => new ClinicalEvent(ClinicalEventKind.OtherClinicallyRelevantEvent, OutcomeFixtures.Day(1))).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown relapse rule set.", Assert.Throws<ArgumentOutOfRangeException>(() => RelapseRules.Evaluate(Series, [], P, (RelapseRuleSet)5)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown relapse rule set.", Assert.Throws<ArgumentOutOfRangeException>(() => OutcomesProtocol.Default with { RelapseRuleSet = (RelapseRuleSet)5 }).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown comparison.", Assert.Throws<ArgumentOutOfRangeException>(() => new RemissionCutoff(InstrumentId.Madrs, (CutoffComparison)5, 10, "X")).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown course phase.", Assert.Throws<ArgumentOutOfRangeException>(() => new ScoreRating(InstrumentId.Madrs, OutcomeFixtures.Day(1), 3, (CoursePhase)8)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Days cannot be negative.", Assert.Throws<ArgumentOutOfRangeException>(() => new RelapseObservation(-1, false)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Days to relapse cannot be negative.", Assert.Throws<ArgumentOutOfRangeException>(() => CohortAnalytics.MedianDaysToRelapse([-1])).Message, StringComparison.Ordinal);
    }
}
