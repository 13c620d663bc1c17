using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Outcomes.OutcomeFixtures;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class BoosterRulesTests
{
    private static BoosterSignal Evaluate(ScoreSeries series, ClinicProtocol? protocol = null, params ClinicalEvent[] events) =>
        BoosterRules.Evaluate(series, events, protocol ?? TestProtocol("v-boost"));

    [Fact]
    [Trait("Rule", "BOOST-01")]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenRelapseUnderKet_WhenBoosterEvaluated_ThenPhysicianReviewSuggestedWithReasons()
    {
        var signal = Evaluate(Madrs(30, (1, 12), (8, 16), (15, 17)));

        var suggested = Assert.IsType<BoosterSignal.PhysicianReviewSuggested>(signal);
        Assert.Equal(BoosterSignalKind.RelapseDetected, suggested.Kind);
        Assert.Equal(Day(15), suggested.SignalOn);
        Assert.Equal("v-boost", suggested.Version.Value);
        Assert.Equal(ClinicalAuthority.Physician, BoosterSignal.PhysicianReviewSuggested.ReviewBy);
        Assert.Equal(["BOOST-01", "RELAPSE-KET"], suggested.Reasons.Select(r => r.Rule.Value));
        Assert.All(suggested.Reasons, r => Assert.Equal(Enforcement.Info, r.Level));
        Assert.Equal(["C"], suggested.Reasons[0].Sources);
        Assert.Equal(["S30", "S31"], suggested.Reasons[1].Sources);
        Assert.Contains("Nothing has been scheduled", suggested.Reasons[0].Message, StringComparison.Ordinal);
        Assert.Contains("2025-02-01", suggested.Reasons[0].Message, StringComparison.Ordinal);
        Assert.Equal(
            "RELAPSE-KET: MADRS 16 on 2025-01-25 and 17 on 2025-02-01; relapse on day 15 after the last induction infusion (RELAPSE-01).",
            suggested.Reasons[1].Message);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenSingleLossOfResponse_WhenBoosterEvaluated_ThenEarlyWarningReview()
    {
        var signal = Evaluate(Madrs(30, (1, 12), (8, 16)));

        var suggested = Assert.IsType<BoosterSignal.PhysicianReviewSuggested>(signal);
        Assert.Equal(BoosterSignalKind.EarlyLossOfResponse, suggested.Kind);
        Assert.Equal(Day(8), suggested.SignalOn);
        Assert.Equal(["BOOST-01", "RESP-01"], suggested.Reasons.Select(r => r.Rule.Value));
        Assert.Equal(
            "RESP-01: MADRS 16 on 2025-01-25 is 46.7% below baseline 30, under 50%: response lost on one rating.",
            suggested.Reasons[1].Message);
        Assert.Equal(["S31", "S32", "S52", "S11"], suggested.Reasons[1].Sources);
        Assert.Contains("relapse not confirmed", suggested.Reasons[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenEarlierLossButLatestRatingResponds_WhenBoosterEvaluated_ThenNoSuggestion()
    {
        var signal = Evaluate(Madrs(30, (1, 12), (8, 16), (12, 15)));

        Assert.Equal(
            "Response maintained at the latest post-induction MADRS rating.",
            Assert.IsType<BoosterSignal.NoSuggestion>(signal).Reason);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenEarlyWarningTurnedOff_WhenSingleLoss_ThenNoSuggestionButRelapseStillSignals()
    {
        var protocol = TestProtocol() with { Outcomes = OutcomesProtocol.Default with { BoosterEarlyWarning = false } };

        Assert.Equal(
            "No relapse; early warning is turned off in the clinic protocol.",
            Assert.IsType<BoosterSignal.NoSuggestion>(Evaluate(Madrs(30, (1, 12), (8, 16)), protocol)).Reason);
        Assert.IsType<BoosterSignal.PhysicianReviewSuggested>(Evaluate(Madrs(30, (1, 12), (8, 16), (15, 17)), protocol));
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenSignalTurnedOff_WhenRelapse_ThenNoSuggestion()
    {
        var protocol = TestProtocol() with { Outcomes = OutcomesProtocol.Default with { BoosterSignalEnabled = false } };

        var signal = Evaluate(Madrs(30, (1, 12), (8, 16), (15, 17)), protocol);

        Assert.Contains("turned off", Assert.IsType<BoosterSignal.NoSuggestion>(signal).Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenNonResponder_WhenBoosterEvaluated_ThenNoBoosterSuggestion()
    {
        var signal = Evaluate(Madrs(30, (1, 20), (8, 25)));

        Assert.Contains("No response at the end of induction", Assert.IsType<BoosterSignal.NoSuggestion>(signal).Reason, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenNoFollowUpYet_WhenBoosterEvaluated_ThenNoSuggestionNamingTheReason()
    {
        var signal = Evaluate(Madrs(30));

        Assert.Equal(
            "Relapse cannot be assessed yet (AwaitingEndOfInductionRating).",
            Assert.IsType<BoosterSignal.NoSuggestion>(signal).Reason);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    [Trait("Rule", "RELAPSE-SUSTAIN")]
    public void GivenSustainRuleSetAndSingleMadrs22ThatIsStillAResponse_WhenBoosterEvaluated_ThenEarlyWarning()
    {
        var protocol = TestProtocol(ruleSet: RelapseRuleSet.Sustain);

        var signal = Evaluate(Madrs(50, (1, 10), (8, 22)), protocol);

        var suggested = Assert.IsType<BoosterSignal.PhysicianReviewSuggested>(signal);
        Assert.Equal(BoosterSignalKind.EarlyLossOfResponse, suggested.Kind);
        Assert.Equal("RELAPSE-SUSTAIN", suggested.Reasons[1].Rule.Value);
        Assert.Equal(["S54"], suggested.Reasons[1].Sources);
        Assert.Equal("RELAPSE-SUSTAIN: MADRS 22 on 2025-01-25 is ≥22 on one assessment.", suggested.Reasons[1].Message);
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenKetRuleSetAndSingleMadrs22ThatIsStillAResponse_WhenBoosterEvaluated_ThenNoSuggestion()
    {
        Assert.IsType<BoosterSignal.NoSuggestion>(Evaluate(Madrs(50, (1, 10), (8, 22))));
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenSustainRuleSetAndMadrs21StillAResponse_WhenBoosterEvaluated_ThenNoSuggestion()
    {
        Assert.IsType<BoosterSignal.NoSuggestion>(Evaluate(Madrs(50, (1, 10), (8, 21)), TestProtocol(ruleSet: RelapseRuleSet.Sustain)));
    }

    [Fact]
    [Trait("Rule", "BOOST-01")]
    public void GivenSustainEventRelapse_WhenBoosterEvaluated_ThenReviewNamesTheEvent()
    {
        var signal = Evaluate(
            Madrs(40, (1, 10)),
            TestProtocol(ruleSet: RelapseRuleSet.Sustain),
            new ClinicalEvent(ClinicalEventKind.HospitalizationForWorseningDepression, Day(9)));

        var suggested = Assert.IsType<BoosterSignal.PhysicianReviewSuggested>(signal);
        Assert.Equal(BoosterSignalKind.RelapseDetected, suggested.Kind);
        Assert.Equal(
            "RELAPSE-SUSTAIN: HospitalizationForWorseningDepression on 2025-01-26; relapse on day 9 after the last induction infusion (RELAPSE-01).",
            suggested.Reasons[1].Message);
        Assert.Equal(["S54"], suggested.Reasons[1].Sources);
    }
}
