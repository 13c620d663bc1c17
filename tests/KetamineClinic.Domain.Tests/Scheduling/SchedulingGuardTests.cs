using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

/// <summary>Rule ids, sources, argument guards and protocol checks of the scheduling rules.</summary>
public sealed class SchedulingGuardTests
{
    private static readonly ClinicProtocol Clinic = ClinicProtocol.Default;
    private static readonly ClinicProtocol Broken = Clinic with { Scheduling = Clinic.Scheduling with { FutilityReviewAfterInfusion = 6 } };
    private static readonly DateOnly Monday = new(2025, 1, 6);
    private static readonly DateTimeOffset Nine = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private static InfusionTiming At(DateTimeOffset t) => InfusionTiming.AtOffset(t, TimeSpan.Zero);

    [Fact]
    [Trait("Rule", "SCHED-01")]
    [Trait("Rule", "SCHED-02")]
    [Trait("Rule", "SCHED-03")]
    [Trait("Rule", "SCHED-LEN-01")]
    [Trait("Rule", "MAINT-01")]
    public void GivenRuleIdCatalogue_WhenRead_ThenSpecIds() =>
        Assert.Equal(
            ["SCHED-01", "SCHED-02", "SCHED-03", "SCHED-LEN-01", "MAINT-01"],
            new[] { SchedulingRuleIds.MinimumInterval, SchedulingRuleIds.SameDay, SchedulingRuleIds.FutilityReview, SchedulingRuleIds.CourseWindow, SchedulingRuleIds.Maintenance }.Select(r => r.Value));

    [Fact]
    [Trait("Rule", "SCHED-01")]
    [Trait("Rule", "SCHED-02")]
    public void GivenSpacingFindings_WhenRead_ThenClinicPolicySources()
    {
        var findings = InfusionSpacing.Evaluate([At(Nine)], At(Nine.AddHours(1)), Clinic);

        Assert.All(findings, f => Assert.Equal(["C"], f.Sources));
        Assert.Equal(2, findings.Count);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenNextBookingOnlyBeforeTheProposed_WhenAlsoAfterwards_ThenNextIsTheNearestLaterOne()
    {
        var findings = InfusionSpacing.Evaluate([At(Nine.AddDays(1)), At(Nine.AddDays(7))], At(Nine), Clinic);

        Assert.Contains("24:00 h before the next booked infusion", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenNextBookingExactly48HoursLater_WhenBooking_ThenNoWarning() =>
        Assert.Empty(InfusionSpacing.Evaluate([At(Nine.AddHours(48))], At(Nine), Clinic));

    [Fact]
    [Trait("Rule", "SCHED-01")]
    [Trait("Rule", "SCHED-02")]
    public void GivenExistingInfusionAtTheSameInstant_WhenBooking_ThenOneIntervalWarningAndSameDayStop()
    {
        var findings = InfusionSpacing.Evaluate([At(Nine)], At(Nine), Clinic);

        Assert.Contains("0:00 h after the previous infusion", Assert.Single(findings, f => f.Rule.Value == "SCHED-01").Message, StringComparison.Ordinal);
        Assert.Single(findings, f => f.Rule.Value == "SCHED-02");
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenCourseWindowFinding_WhenRead_ThenTrialSources() =>
        Assert.Equal(["S31", "S33", "C"], InductionPlanner.CheckCourseWindow(Monday, Monday.AddDays(30), Clinic)!.Sources);

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenOpenDayOnlyJustBeyondTheSearchHorizon_WhenPlanning_ThenClearError() =>
        Assert.Throws<ArgumentException>(() => InductionPlanner.Plan(Monday, d => d == Monday.AddDays(366), Clinic, infusionCount: 1));

    [Fact]
    [Trait("Rule", "MAINT-01")]
    public void GivenMaintenanceFindings_WhenRead_ThenLabelAndAsaSources()
    {
        var course = new MaintenanceCourse(Monday, null, [], [new MaintenanceReview(Monday, "dr.synthetic", [])]);

        var findings = MaintenanceRules.Evaluate(course, Monday.AddDays(200), Clinic).Findings;

        Assert.Equal(4, findings.Count);
        Assert.All(findings, f => Assert.Equal(["S4", "S9", "C"], f.Sources));
        Assert.All(findings, f => Assert.Equal(ClinicalAuthority.None, f.Authority));
    }

    [Fact]
    [Trait("Rule", "MAINT-01")]
    public void GivenIncompleteAndCompleteReviewOnTheSameDay_WhenAssessed_ThenNoInfoAboutTheIncompleteOne()
    {
        var course = new MaintenanceCourse(Monday, 28, ["Loss of response"],
        [
            new MaintenanceReview(Monday.AddDays(10), "dr.synthetic", [ProlongedUseReviewItem.LiverInjury]),
            new MaintenanceReview(Monday.AddDays(10), "dr.synthetic", MaintenanceRules.LabelReviewItems),
        ]);

        Assert.Empty(MaintenanceRules.Evaluate(course, Monday.AddDays(11), Clinic).Findings);
    }

    [Fact]
    [Trait("Rule", "SCHED-03")]
    public void GivenMissingRatingOrZeroBaseline_WhenStartingInfusion4_ThenMessageNamesInfusion4()
    {
        Assert.EndsWith("physician review before infusion 4.", FutilityReview.Evaluate(4, "MADRS", 30, null, Clinic)!.Message, StringComparison.Ordinal);
        Assert.EndsWith("physician review before infusion 4.", FutilityReview.Evaluate(4, "MADRS", 0, 3, Clinic)!.Message, StringComparison.Ordinal);
        Assert.Equal(["S32", "C"], FutilityReview.Evaluate(4, "MADRS", 0, 3, Clinic)!.Sources);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    [Trait("Rule", "SCHED-03")]
    [Trait("Rule", "MAINT-01")]
    public void GivenInconsistentSchedulingProtocol_WhenAnyRuleRuns_ThenInvalidOperation()
    {
        Assert.Throws<InvalidOperationException>(() => InfusionSpacing.Evaluate([], At(Nine), Broken));
        Assert.Throws<InvalidOperationException>(() => InductionPlanner.Plan(Monday, _ => true, Broken));
        Assert.Throws<InvalidOperationException>(() => InductionPlanner.CheckCourseWindow(Monday, Monday, Broken));
        Assert.Throws<InvalidOperationException>(() => FutilityReview.Evaluate(4, "MADRS", 30, 20, Broken));
        Assert.Throws<InvalidOperationException>(() => MaintenanceRules.Evaluate(new MaintenanceCourse(Monday, 28, ["x"], []), Monday, Broken));
        Assert.Equal(
            "Invalid scheduling protocol: SCHED-03: FutilityReviewAfterInfusion must come before the last induction infusion.",
            Assert.Throws<InvalidOperationException>(Broken.Scheduling.EnsureValid).Message);
        Assert.Equal(
            ["SCHED-01: Sched01ToleranceMin must be shorter than MinStartToStartHours."],
            (SchedulingProtocol.Default with { MinStartToStartHours = 1, ThriceWeeklyDayOffsets = [0, 2, 4], Sched01ToleranceMin = 60 }).Validate());
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenPatternWithACloseInnerPair_WhenValidated_ThenProblem()
    {
        Assert.Single((SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 3, 4] }).Validate());
        Assert.Contains("must increase strictly", Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 2, 2] }).Message, StringComparison.Ordinal);
        Assert.Contains("needs exactly 3 offsets starting with 0", Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 2] }).Message, StringComparison.Ordinal);
        Assert.Equal("TwiceWeeklyDayOffsets", Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { TwiceWeeklyDayOffsets = [0, 7] }).ParamName);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenNullArguments_WhenEvaluating_ThenArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => InfusionSpacing.Evaluate(null!, At(Nine), Clinic));
        Assert.Throws<ArgumentNullException>(() => InfusionSpacing.Evaluate([], null!, Clinic));
        Assert.Throws<ArgumentNullException>(() => InfusionSpacing.Evaluate([], At(Nine), null!));
        Assert.Throws<ArgumentNullException>(() => InductionPlanner.Plan(Monday, (Func<DateOnly, bool>)null!, Clinic));
        Assert.Throws<ArgumentNullException>(() => InductionPlanner.Plan(Monday, _ => true, null!));
        Assert.Throws<ArgumentNullException>(() => InductionPlanner.Plan(Monday, (IReadOnlySet<DayOfWeek>)null!, Clinic));
        Assert.Throws<ArgumentNullException>(() => InductionPlanner.CheckCourseWindow(Monday, Monday, null!));
        Assert.Throws<ArgumentNullException>(() => FutilityReview.Evaluate(4, "MADRS", 30, 20, null!));
        Assert.Throws<ArgumentNullException>(() => MaintenanceRules.Evaluate(null!, Monday, Clinic));
        Assert.Throws<ArgumentNullException>(() => MaintenanceRules.Evaluate(new MaintenanceCourse(Monday, 28, ["x"], []), Monday, null!));
        Assert.Throws<ArgumentNullException>(() => new MaintenanceCourse(Monday, 28, null!, []));
        Assert.Throws<ArgumentNullException>(() => new MaintenanceCourse(Monday, 28, ["x"], null!));
        Assert.Throws<ArgumentNullException>(() => new MaintenanceReview(Monday, "dr.synthetic", null!));
        Assert.Throws<ArgumentNullException>(() => SchedulingDecision.Decide(null!, Clinic));
        Assert.Throws<ArgumentNullException>(() => SchedulingDecision.Decide([], null!));
        Assert.ThrowsAny<ArgumentException>(() => new PhysicianAcknowledgement(default, "dr.synthetic"));
        Assert.ThrowsAny<ArgumentException>(() => new PhysicianAcknowledgement(new RuleId("SCHED-01"), " "));
        Assert.Equal("note", new PhysicianAcknowledgement(new RuleId("SCHED-01"), "dr.synthetic", "note").Note);
    }
}
