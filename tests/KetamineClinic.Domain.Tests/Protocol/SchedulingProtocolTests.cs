using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Protocol;

public sealed class SchedulingProtocolTests
{
    [Fact]
    [Trait("Rule", "SCHED-01")]
    [Trait("Rule", "SCHED-03")]
    [Trait("Rule", "SCHED-LEN-01")]
    [Trait("Rule", "MAINT-01")]
    public void GivenShippedDefaults_WhenRead_ThenTheyAreTheSpecsDefaults()
    {
        var p = ClinicProtocol.Default.Scheduling;

        Assert.Same(SchedulingProtocol.Default, p);
        Assert.Equal(6, p.InductionInfusionCount);
        Assert.Equal(3, p.DefaultInfusionsPerWeek);
        Assert.Equal([0, 2, 4], p.ThriceWeeklyDayOffsets);
        Assert.Equal([0, 3], p.TwiceWeeklyDayOffsets);
        Assert.Equal(21, p.MaxInductionCourseDays);
        Assert.Equal(48, p.MinStartToStartHours);
        Assert.Equal(0, p.Sched01ToleranceMin);
        Assert.Equal(3, p.FutilityReviewAfterInfusion);
        Assert.Equal(25, p.FutilityMinImprovementPercent);
        Assert.Equal(12, p.MaintenanceReviewIntervalWeeks);
        Assert.Equal(2, p.MinimumGapDays);
        Assert.Empty(p.Validate());
        p.EnsureValid();
    }

    [Theory]
    [Trait("Rule", "SCHED-01")]
    [InlineData(24, 1)]
    [InlineData(25, 2)]
    [InlineData(48, 2)]
    [InlineData(49, 3)]
    public void GivenMinimumInterval_WhenConvertedToCalendarDays_ThenRoundedUp(int hours, int days) =>
        Assert.Equal(days, (SchedulingProtocol.Default with { MinStartToStartHours = hours, ThriceWeeklyDayOffsets = [0, 3, 5], TwiceWeeklyDayOffsets = [0, 3] }).MinimumGapDays);

    [Theory]
    [Trait("Rule", "SCHED-01")]
    [InlineData(24 * 60 - 1, 0)]
    [InlineData(24 * 60, 1)]
    public void GivenToleranceNotShorterThanTheInterval_WhenValidated_ThenProblem(int toleranceMin, int problems)
    {
        var p = SchedulingProtocol.Default with { MinStartToStartHours = 24, Sched01ToleranceMin = toleranceMin };

        Assert.Equal(problems, p.Validate().Count);
        Assert.Empty((SchedulingProtocol.Default with { Sched01ToleranceMin = 24 * 60 }).Validate());
    }

    [Fact]
    [Trait("Rule", "SCHED-03")]
    public void GivenFutilityReviewAtOrAfterTheLastInfusion_WhenValidated_ThenProblem()
    {
        Assert.Single((SchedulingProtocol.Default with { FutilityReviewAfterInfusion = 6 }).Validate());
        Assert.Empty((SchedulingProtocol.Default with { FutilityReviewAfterInfusion = 5 }).Validate());
        Assert.Throws<InvalidOperationException>((SchedulingProtocol.Default with { FutilityReviewAfterInfusion = 6 }).EnsureValid);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenWeeklyPatternCloserThanTheMinimumInterval_WhenValidated_ThenProblem()
    {
        Assert.Contains("ThriceWeeklyDayOffsets", Assert.Single((SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 1, 4] }).Validate()), StringComparison.Ordinal);
        Assert.Contains("TwiceWeeklyDayOffsets", Assert.Single((SchedulingProtocol.Default with { TwiceWeeklyDayOffsets = [0, 6] }).Validate()), StringComparison.Ordinal);
        Assert.Single((SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 2, 6] }).Validate());
        Assert.Empty((SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 2, 5] }).Validate());
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenMalformedWeeklyPattern_WhenSet_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 2] });
        Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [1, 3, 5] });
        Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { ThriceWeeklyDayOffsets = [0, 4, 2] });
        Assert.Throws<ArgumentException>(() => SchedulingProtocol.Default with { TwiceWeeklyDayOffsets = [0, 7] });
        Assert.Throws<ArgumentNullException>(() => SchedulingProtocol.Default with { TwiceWeeklyDayOffsets = null! });
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenSettingsOutOfRange_WhenSet_ThenRejectedNamingTheProperty()
    {
        Assert.Equal("DefaultInfusionsPerWeek", Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { DefaultInfusionsPerWeek = 4 }).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { DefaultInfusionsPerWeek = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { InductionInfusionCount = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { InductionInfusionCount = 13 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { MaxInductionCourseDays = 6 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { Sched01ToleranceMin = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { FutilityMinImprovementPercent = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { FutilityMinImprovementPercent = 101 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { MaintenanceReviewIntervalWeeks = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { MaintenanceReviewIntervalWeeks = 53 });
        Assert.Throws<ArgumentOutOfRangeException>(() => SchedulingProtocol.Default with { MinStartToStartHours = 0 });
        Assert.Equal(2, (SchedulingProtocol.Default with { DefaultInfusionsPerWeek = 2 }).DefaultInfusionsPerWeek);
    }
}
