using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class InductionPlannerTests
{
    private static readonly ClinicProtocol Clinic = ClinicProtocol.Default with { Version = new ProtocolVersion("test-sched-1") };

    private static readonly HashSet<DayOfWeek> Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static readonly DateOnly Monday6Jan2025 = new(2025, 1, 6);

    private static DateOnly[] Dates(InductionPlan plan) => [.. plan.Infusions.Select(i => i.Date)];

    private static DateOnly[] Jan(params int[] days) => [.. days.Select(d => new DateOnly(2025, 1, d))];

    [Fact]
    [Trait("Vector", "TV-57")]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenStartMonday6Jan2025ThriceWeekly_WhenPlanningSix_ThenMonWedFriAndLastOnDay11()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionsPerWeek: 3);

        Assert.Equal(Jan(6, 8, 10, 13, 15, 17), Dates(plan));
        Assert.Equal([0, 2, 4, 7, 9, 11], plan.Infusions.Select(i => i.DayNumber));
        Assert.Equal([1, 2, 3, 4, 5, 6], plan.Infusions.Select(i => i.Ordinal));
        Assert.Equal(11, plan.LastDayNumber);
        Assert.Equal(3, plan.InfusionsPerWeek);
        Assert.Empty(plan.Findings);
        Assert.Equal("test-sched-1", plan.ProtocolVersion.Value);
    }

    [Fact]
    [Trait("Vector", "TV-57")]
    public void GivenDefaults_WhenPlanning_ThenSixThriceWeekly()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, _ => true, Clinic);

        Assert.Equal(Jan(6, 8, 10, 13, 15, 17), Dates(plan));
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenTwiceWeeklyFromMonday_WhenPlanningSix_ThenMonThuAndLastOnDay17()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionsPerWeek: 2);

        Assert.Equal(Jan(6, 9, 13, 16, 20, 23), Dates(plan));
        Assert.Equal(17, plan.LastDayNumber);
        Assert.Equal(2, plan.InfusionsPerWeek);
        Assert.Empty(plan.Findings);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenWednesdayHolidayInAWeekdayClinic_WhenPlanning_ThenMovedForwardKeepingTwoDaysApart()
    {
        var holiday = new DateOnly(2025, 1, 8);

        var plan = InductionPlanner.Plan(Monday6Jan2025, d => Weekdays.Contains(d.DayOfWeek) && d != holiday, Clinic);

        Assert.Equal(Jan(6, 9, 13, 15, 17, 20), Dates(plan));
        Assert.Equal(14, plan.LastDayNumber);
        Assert.Empty(plan.Findings);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenWednesdayStartInAWeekdayClinic_WhenPlanning_ThenWeekendSlotsMoveToMonday()
    {
        var plan = InductionPlanner.Plan(new DateOnly(2025, 1, 8), Weekdays, Clinic);

        Assert.Equal(Jan(8, 10, 13, 15, 17, 20), Dates(plan));
        Assert.Equal([0, 2, 5, 7, 9, 12], plan.Infusions.Select(i => i.DayNumber));
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenStartOnClosedSaturday_WhenPlanning_ThenDayZeroIsTheNextOpenDay()
    {
        var plan = InductionPlanner.Plan(new DateOnly(2025, 1, 4), Weekdays, Clinic);

        Assert.Equal(Jan(6, 8, 10, 13, 15, 17), Dates(plan));
        Assert.Equal(0, plan.Infusions[0].DayNumber);
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenClinicOpenOnlyOnMondays_WhenPlanningSix_ThenWarnThatTheCourseDoesNotFit21Days()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, new HashSet<DayOfWeek> { DayOfWeek.Monday }, Clinic);

        Assert.Equal([0, 7, 14, 21, 28, 35], plan.Infusions.Select(i => i.DayNumber));
        var warn = Assert.Single(plan.Findings);
        Assert.Equal("SCHED-LEN-01", warn.Rule.Value);
        Assert.Equal(Enforcement.Warn, warn.Level);
        Assert.Equal(ClinicalAuthority.Physician, warn.Authority);
        Assert.Contains("day 35", warn.Message, StringComparison.Ordinal);
        Assert.Contains("within 21 days (by day 20)", warn.Message, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Rule", "SCHED-LEN-01")]
    [InlineData(26, false)] // day 20
    [InlineData(27, true)] // day 21
    public void GivenInfusionEitherSideOfDay20_WhenCheckingCourseWindow_ThenWarnOnlyAfterDay20(int januaryDay, bool warned)
    {
        var finding = InductionPlanner.CheckCourseWindow(Monday6Jan2025, new DateOnly(2025, 1, januaryDay), Clinic);

        Assert.Equal(warned, finding is { Level: Enforcement.Warn });
    }

    [Theory]
    [Trait("Rule", "SCHED-LEN-01")]
    [InlineData(13, false)]
    [InlineData(14, true)]
    public void GivenClinicWindowOf14Days_WhenCheckingCourseWindow_ThenWarnFromDay14(int day, bool warned)
    {
        var clinic = Clinic with { Scheduling = Clinic.Scheduling with { MaxInductionCourseDays = 14 } };

        Assert.Equal(warned, InductionPlanner.CheckCourseWindow(Monday6Jan2025, Monday6Jan2025.AddDays(day), clinic) is not null);
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenTwiceWeeklyWithEightInfusions_WhenPlanning_ThenLastOnDay24AndWarned()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionsPerWeek: 2, infusionCount: 8);

        Assert.Equal(8, plan.Infusions.Count);
        Assert.Equal(24, plan.LastDayNumber);
        Assert.Contains("day 24", Assert.Single(plan.Findings).Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenSingleInfusionCourse_WhenPlanning_ThenOnlyDayZero()
    {
        var plan = InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionCount: 1);

        Assert.Equal(0, Assert.Single(plan.Infusions).DayNumber);
        Assert.Equal(0, plan.LastDayNumber);
    }

    [Fact]
    [Trait("Rule", "SCHED-01")]
    public void GivenClinicTwiceWeeklyPatternMonFri_WhenPlanning_ThenPatternUsed()
    {
        var clinic = Clinic with { Scheduling = Clinic.Scheduling with { TwiceWeeklyDayOffsets = [0, 4] } };

        var plan = InductionPlanner.Plan(Monday6Jan2025, Weekdays, clinic, infusionsPerWeek: 2, infusionCount: 4);

        Assert.Equal(Jan(6, 10, 13, 17), Dates(plan));
    }

    [Theory]
    [Trait("Rule", "SCHED-LEN-01")]
    [InlineData(1)]
    [InlineData(4)]
    public void GivenFrequencyOutsideTwoToThree_WhenPlanning_ThenRejected(int perWeek) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionsPerWeek: perWeek));

    [Theory]
    [Trait("Rule", "SCHED-LEN-01")]
    [InlineData(0)]
    [InlineData(13)]
    public void GivenInfusionCountOutsideOneToTwelve_WhenPlanning_ThenRejected(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => InductionPlanner.Plan(Monday6Jan2025, Weekdays, Clinic, infusionCount: count));

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenClinicNeverOpen_WhenPlanning_ThenClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => InductionPlanner.Plan(Monday6Jan2025, _ => false, Clinic));

        Assert.Contains("no open day within 366 days of 2025-01-06", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "SCHED-LEN-01")]
    public void GivenClinicOpenOnlyAfterAYear_WhenPlanning_ThenFoundOnTheLastSearchedDay()
    {
        var lastSearched = Monday6Jan2025.AddDays(365);

        var plan = InductionPlanner.Plan(Monday6Jan2025, d => d >= lastSearched, Clinic, infusionCount: 1);

        Assert.Equal(lastSearched, plan.Infusions[0].Date);
    }
}
