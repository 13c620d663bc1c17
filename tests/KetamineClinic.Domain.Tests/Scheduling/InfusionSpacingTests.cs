using KetamineClinic.Domain.Infusions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class InfusionSpacingTests
{
    private static readonly ClinicProtocol Clinic = ClinicProtocol.Default with { Version = new ProtocolVersion("test-sched-2") };
    private static readonly TimeSpan ClinicOffset = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Previous = new(2025, 1, 6, 9, 0, 0, ClinicOffset);

    private static InfusionTiming At(DateTimeOffset startAt) => InfusionTiming.AtOffset(startAt, ClinicOffset);

    private static IReadOnlyList<RuleFinding> After(TimeSpan interval, ClinicProtocol? clinic = null) =>
        InfusionSpacing.Evaluate([At(Previous)], At(Previous + interval), clinic ?? Clinic);

    [Fact]
    [Trait("Vector", "TV-59")]
    [Trait("Rule", "SCHED-01")]
    public void GivenNextInfusion30HoursAfterPrevious_WhenBooking_ThenWarnNeedingPhysicianAcknowledgement()
    {
        var findings = After(TimeSpan.FromHours(30));

        var warn = Assert.Single(findings);
        Assert.Equal("SCHED-01", warn.Rule.Value);
        Assert.Equal(Enforcement.Warn, warn.Level);
        Assert.Equal(ClinicalAuthority.Physician, warn.Authority);
        Assert.Contains("30:00 h after the previous infusion is under 48 h", warn.Message, StringComparison.Ordinal);
        var decision = Assert.IsType<SchedulingDecision.NeedsAcknowledgement>(SchedulingDecision.Decide(findings, Clinic));
        Assert.Same(warn, Assert.Single(decision.Unacknowledged));
        Assert.Equal("test-sched-2", decision.ProtocolVersion.Value);
    }

    [Fact]
    [Trait("Vector", "TV-59")]
    [Trait("Rule", "SCHED-01")]
    public void GivenThirtyHourIntervalAcknowledged_WhenDeciding_ThenProceedWithAcknowledgementCarried()
    {
        var ack = new PhysicianAcknowledgement(new RuleId("SCHED-01"), "dr.synthetic", "Travel constraint");

        var decision = Assert.IsType<SchedulingDecision.Proceed>(SchedulingDecision.Decide(After(TimeSpan.FromHours(30)), Clinic, acknowledgements: [ack]));

        Assert.Same(ack, Assert.Single(decision.AppliedAcknowledgements));
        Assert.Single(decision.Findings);
    }

    [Theory]
    [Trait("Rule", "SCHED-01")]
    [InlineData(47 * 60 + 59, true)]
    [InlineData(48 * 60, false)]
    [InlineData(72 * 60, false)]
    public void GivenIntervalEitherSideOf48Hours_WhenBooking_ThenWarnOnlyBelow48Hours(int minutes, bool warned) =>
        Assert.Equal(warned, After(TimeSpan.FromMinutes(minutes)).Any(f => f.Rule.Value == "SCHED-01" && f.Level == Enforcement.Warn));

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenIntervalOneSecondShortOf48Hours_WhenBooking_ThenWarn() =>
        Assert.Single(After(TimeSpan.FromHours(48) - TimeSpan.FromSeconds(1)));

    [Theory]
    [Trait("Rule", "SCHED-01")]
    [InlineData(47 * 60 + 44, true)]
    [InlineData(47 * 60 + 45, false)]
    public void GivenTolerance15Minutes_WhenBooking_ThenWarnOnlyBelow47Hours45(int minutes, bool warned)
    {
        var clinic = Clinic with { Scheduling = Clinic.Scheduling with { Sched01ToleranceMin = 15 } };

        Assert.Equal(warned, After(TimeSpan.FromMinutes(minutes), clinic).Count == 1);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenProposedInfusionOneDayBeforeABookedOne_WhenBooking_ThenWarnAboutTheNextInfusion()
    {
        var booked = At(Previous.AddDays(4));

        var findings = InfusionSpacing.Evaluate([At(Previous), booked], At(Previous.AddDays(3)), Clinic);

        Assert.Contains("24:00 h before the next booked infusion", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenOnlyOlderInfusions_WhenBooking_ThenIntervalMeasuredFromTheLatest()
    {
        var findings = InfusionSpacing.Evaluate([At(Previous.AddDays(-7)), At(Previous)], At(Previous.AddHours(47)), Clinic);

        Assert.Contains("47:00 h", Assert.Single(findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenFirstInfusion_WhenBooking_ThenNoFindings() =>
        Assert.Empty(InfusionSpacing.Evaluate([], At(Previous), Clinic));

    [Fact]
    [Trait("Vector", "TV-60")]
    [Trait("Rule", "SCHED-02")]
    public void GivenTwoInfusionsOnTheSameCalendarDay_WhenBooking_ThenHardStop()
    {
        var findings = InfusionSpacing.Evaluate([At(Previous)], At(Previous.AddHours(6)), Clinic);

        var stop = findings.Single(f => f.Rule.Value == "SCHED-02");
        Assert.Equal(Enforcement.HardStop, stop.Level);
        Assert.Equal(ClinicalAuthority.Physician, stop.Authority);
        Assert.Contains("2025-01-06", stop.Message, StringComparison.Ordinal);
        var held = Assert.IsType<SchedulingDecision.Held>(SchedulingDecision.Decide(findings, Clinic));
        Assert.Same(stop, Assert.Single(held.Outstanding));
        Assert.Equal(2, held.Findings.Count);
    }

    [Fact]
    [Trait("Vector", "TV-60")]
    [Trait("Rule", "SCHED-02")]
    public void GivenSameDayOverriddenButIntervalNotAcknowledged_WhenDeciding_ThenStillNeedsAcknowledgement()
    {
        var findings = InfusionSpacing.Evaluate([At(Previous)], At(Previous.AddHours(6)), Clinic);
        var overrideSameDay = new PhysicianOverride(new RuleId("SCHED-02"), "dr.synthetic", "Split dose protocol");

        var pending = Assert.IsType<SchedulingDecision.NeedsAcknowledgement>(SchedulingDecision.Decide(findings, Clinic, [overrideSameDay]));
        Assert.Equal("SCHED-01", Assert.Single(pending.Unacknowledged).Rule.Value);
        Assert.Same(overrideSameDay, Assert.Single(pending.AppliedOverrides));

        var proceed = SchedulingDecision.Decide(findings, Clinic, [overrideSameDay], [new PhysicianAcknowledgement(new RuleId("SCHED-01"), "dr.synthetic")]);
        Assert.IsType<SchedulingDecision.Proceed>(proceed);
    }

    [Fact]
    [Trait("Rule", "SCHED-02")]
    public void GivenAcknowledgementOfAHardStop_WhenDeciding_ThenStillHeld()
    {
        var findings = InfusionSpacing.Evaluate([At(Previous)], At(Previous.AddHours(6)), Clinic);

        var held = Assert.IsType<SchedulingDecision.Held>(SchedulingDecision.Decide(findings, Clinic, acknowledgements:
            [new PhysicianAcknowledgement(new RuleId("SCHED-02"), "dr.synthetic"), new PhysicianAcknowledgement(new RuleId("SCHED-01"), "dr.synthetic")]));

        Assert.Equal("SCHED-02", Assert.Single(held.Outstanding).Rule.Value);
        Assert.Equal("SCHED-01", Assert.Single(held.AppliedAcknowledgements).Rule.Value);
        Assert.Empty(held.AppliedOverrides);
    }

    [Fact]
    [Trait("Rule", "SCHED-02")]
    public void GivenTimesOnDifferentUtcDaysButTheSameClinicDay_WhenBooking_ThenHardStop()
    {
        var eastern = TimeSpan.FromHours(-5);
        var morning = InfusionTiming.AtOffset(new DateTimeOffset(2025, 1, 6, 8, 0, 0, eastern), eastern);
        var evening = InfusionTiming.AtOffset(new DateTimeOffset(2025, 1, 6, 20, 0, 0, eastern), eastern);

        Assert.NotEqual(morning.StartAt.UtcDateTime.Date, evening.StartAt.UtcDateTime.Date);
        Assert.Contains(InfusionSpacing.Evaluate([morning], evening, Clinic), f => f.Rule.Value == "SCHED-02");
    }

    [Fact]
    [Trait("Rule", "SCHED-02")]
    public void GivenTimesOnTheSameUtcDayButDifferentClinicDays_WhenBooking_ThenNoHardStop()
    {
        var lateEvening = At(new DateTimeOffset(2025, 1, 6, 22, 30, 0, TimeSpan.Zero)); // 23:30 local, 6 Jan
        var afterMidnight = At(new DateTimeOffset(2025, 1, 6, 23, 30, 0, TimeSpan.Zero)); // 00:30 local, 7 Jan

        Assert.Equal(new DateOnly(2025, 1, 7), afterMidnight.ClinicDate);
        var findings = InfusionSpacing.Evaluate([lateEvening], afterMidnight, Clinic);
        Assert.DoesNotContain(findings, f => f.Rule.Value == "SCHED-02");
        Assert.Contains(findings, f => f.Rule.Value == "SCHED-01");
    }

    [Fact]
    [Trait("Rule", "SCHED-02")]
    public void GivenClinicTimeZonePassedIn_WhenDerivingClinicDate_ThenConvertedWithoutMachineLookup()
    {
        var sydneyLike = TimeZoneInfo.CreateCustomTimeZone("Test/Plus10", TimeSpan.FromHours(10), "Test +10", "Test +10");

        var timing = InfusionTiming.InTimeZone(new DateTimeOffset(2025, 1, 6, 20, 0, 0, TimeSpan.Zero), sydneyLike);

        Assert.Equal(new DateOnly(2025, 1, 7), timing.ClinicDate);
        Assert.Throws<ArgumentNullException>(() => InfusionTiming.InTimeZone(timing.StartAt, null!));
    }

    [Fact]
    [Trait("Rule", "SCHED-02")]
    public void GivenLocalDatesPassedIn_WhenBooking_ThenThoseDatesAreCompared()
    {
        var first = new InfusionTiming(Previous, new DateOnly(2025, 1, 6));
        var second = new InfusionTiming(Previous.AddHours(50), new DateOnly(2025, 1, 6));

        Assert.Equal("SCHED-02", Assert.Single(InfusionSpacing.Evaluate([first], second, Clinic)).Rule.Value);
    }
}
