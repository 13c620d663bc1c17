using CsCheck;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class OutcomePropertyTests
{
    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenAnyBaseline_WhenFollowUpScoreIsLower_ThenResponseNeverTurnsFromTrueToFalse() =>
        Gen.Select(Gen.Int[1, 60], Gen.Int[0, 60], Gen.Int[0, 60]).Sample((baseline, a, b) =>
        {
            var lower = Math.Min(a, b);
            var higher = Math.Max(a, b);
            return ResponseRules.IsResponse(baseline, higher) != true || ResponseRules.IsResponse(baseline, lower) == true;
        });

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenAnyScores_WhenIntegerRuleApplied_ThenItAgreesWithExactPctAtLeastFifty() =>
        Gen.Select(Gen.Int[1, 60], Gen.Int[0, 60]).Sample((baseline, current) =>
            ResponseRules.IsResponse(baseline, current) == (ResponseRules.PercentChange(baseline, current) >= 50m));

    [Fact]
    [Trait("Rule", "RESP-01")]
    public void GivenAnyScores_WhenPctDisplayed_ThenItEqualsExactIntegerHalfUpAndIsStable() =>
        Gen.Select(Gen.Int[1, 60], Gen.Int[0, 60]).Sample((baseline, current) =>
        {
            var display = ResponseRules.Compare(baseline, current).PercentChangeDisplay!.Value;
            // Exact HALF_UP in integers: tenths of a percent = round(1000 × (b − c) / b), ties away from zero.
            long numerator = 1000L * (baseline - current);
            var tenths = Math.Sign(numerator) * ((2 * Math.Abs(numerator) + baseline) / (2L * baseline));
            return display == tenths / 10m
                && ResponseRules.DisplayPercent(display) == display
                && ResponseRules.Compare(baseline, current).PercentChangeDisplay == display;
        });

    [Fact]
    [Trait("Rule", "PHQ9-REM-01")]
    public void GivenAnyBaselines_WhenRemissionEvaluated_ThenItDependsOnlyOnTheCurrentScore() =>
        Gen.Select(Gen.Int[0, 27], Gen.Int[0, 27], Gen.Int[0, 27]).Sample((b1, b2, current) =>
        {
            var first = OutcomeTrajectory.Build(OutcomeFixtures.BaselineThen(InstrumentId.Phq9, b1, current), ClinicProtocol.Default).Points[^1];
            var second = OutcomeTrajectory.Build(OutcomeFixtures.BaselineThen(InstrumentId.Phq9, b2, current), ClinicProtocol.Default).Points[^1];
            return first.InRemission == second.InRemission && first.InRemission == current < 5;
        });

    [Fact]
    [Trait("Rule", "RELAPSE-01")]
    public void GivenNoCensoring_WhenKaplanMeierMedianComputed_ThenItEqualsTheSampleMedian() =>
        Gen.Int[0, 90].Array[1, 30].Sample(days =>
            CohortAnalytics.KaplanMeierMedianDaysToRelapse(days.Select(d => new RelapseObservation(d, true)))
                == CohortAnalytics.MedianDaysToRelapse(days));

    [Fact]
    [Trait("Rule", "RELAPSE-KET")]
    public void GivenAnyFollowUp_WhenKetRelapseFound_ThenTwoConsecutiveLossesEndOnTheRelapseDate() =>
        Gen.Int[0, 40].Array[1, 8].Sample(totals =>
        {
            var series = OutcomeFixtures.Madrs(30, totals.Select((t, i) => (Day: 1 + (7 * i), Total: t)).ToArray());
            var result = RelapseRules.Evaluate(series, [], ClinicProtocol.Default);
            return result switch
            {
                RelapseAssessment.Relapsed r when r.Trigger is RelapseTrigger.ConsecutiveRatings pair =>
                    ResponseRules.IsResponse(30, pair.First.Total) == false
                    && ResponseRules.IsResponse(30, pair.Second.Total) == false
                    && r.DaysToRelapse == pair.Second.RatedOn.DayNumber - OutcomeFixtures.LastInfusion.DayNumber,
                RelapseAssessment.NotAResponder n => n.EntryChange.Response == false && totals[0] > 15,
                RelapseAssessment.NoRelapse => totals[0] <= 15,
                _ => false,
            };
        });
}
