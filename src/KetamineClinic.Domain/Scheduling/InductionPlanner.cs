using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>One planned induction infusion.</summary>
/// <param name="Ordinal">1 for the first infusion of the course.</param>
/// <param name="Date">Clinic-local calendar date.</param>
/// <param name="DayNumber">Calendar days since infusion #1, which is day 0 (clinical-spec §3.3).</param>
public sealed record PlannedInfusion(int Ordinal, DateOnly Date, int DayNumber);

/// <summary>A proposed induction course (clinical-spec §3.3): dates, day numbers and findings.</summary>
public sealed record InductionPlan
{
    internal InductionPlan(IReadOnlyList<PlannedInfusion> infusions, int infusionsPerWeek, IReadOnlyList<RuleFinding> findings, ProtocolVersion protocolVersion)
    {
        Infusions = infusions;
        InfusionsPerWeek = infusionsPerWeek;
        Findings = findings;
        ProtocolVersion = protocolVersion;
    }

    /// <summary>The infusions in order.</summary>
    public IReadOnlyList<PlannedInfusion> Infusions { get; }

    /// <summary>Target frequency the plan was built for (2 or 3).</summary>
    public int InfusionsPerWeek { get; }

    /// <summary>Findings about the plan (SCHED-LEN-01 when it does not fit the course window).</summary>
    public IReadOnlyList<RuleFinding> Findings { get; }

    /// <summary>Version of the protocol whose numbers were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>Day number of the last infusion (TV-57: 11).</summary>
    public int LastDayNumber => Infusions[^1].DayNumber;
}

/// <summary>Builds induction courses and checks the course window (clinical-spec §3.3).</summary>
public static class InductionPlanner
{
    private const int SearchHorizonDays = 366;

    /// <summary>
    /// Plans an induction course from <paramref name="startOn"/> (moved to the next open day if the clinic is closed).
    /// Each infusion takes its slot in the weekly pattern (thrice weekly {0, 2, 4}: Mon/Wed/Fri from a Monday;
    /// twice weekly {0, 3}: Mon/Thu), counted in weeks from infusion #1. A slot on a closed day, or closer to the
    /// previous infusion than <see cref="SchedulingProtocol.MinimumGapDays"/>, moves to the next day that is open and
    /// far enough. If the last infusion falls after the course window, the plan carries a SCHED-LEN-01 WARN.
    /// </summary>
    /// <param name="startOn">Earliest date for infusion #1 (clinic-local).</param>
    /// <param name="isOpen">Whether the clinic gives infusions on a date (weekdays, holidays), supplied by the caller.</param>
    /// <param name="protocol">The clinic protocol.</param>
    /// <param name="infusionsPerWeek">2 or 3; null for the protocol default (3).</param>
    /// <param name="infusionCount">Infusions in the course (1–12); null for the protocol default (6).</param>
    /// <exception cref="ArgumentException">The clinic has no open day within a year of a needed date.</exception>
    public static InductionPlan Plan(DateOnly startOn, Func<DateOnly, bool> isOpen, ClinicProtocol protocol, int? infusionsPerWeek = null, int? infusionCount = null)
    {
        ArgumentNullException.ThrowIfNull(isOpen);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Scheduling;
        p.EnsureValid();
        var perWeek = infusionsPerWeek ?? p.DefaultInfusionsPerWeek;
        ArgumentOutOfRangeException.ThrowIfLessThan(perWeek, 2, nameof(infusionsPerWeek));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(perWeek, 3, nameof(infusionsPerWeek));
        var count = infusionCount ?? p.InductionInfusionCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(infusionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 12, nameof(infusionCount));
        var offsets = perWeek == 3 ? p.ThriceWeeklyDayOffsets : p.TwiceWeeklyDayOffsets;

        var first = NextOpen(startOn, isOpen);
        var dates = new List<DateOnly> { first };
        for (var i = 1; i < count; i++)
        {
            var slot = first.AddDays((7 * (i / perWeek)) + offsets[i % perWeek]);
            var earliest = dates[^1].AddDays(p.MinimumGapDays);
            dates.Add(NextOpen(new[] { slot, earliest }.Max(), isOpen));
        }

        var infusions = dates.Select((d, i) => new PlannedInfusion(i + 1, d, d.DayNumber - first.DayNumber)).ToList();
        var findings = new List<RuleFinding>();
        if (CheckCourseWindow(first, dates[^1], protocol) is { } window)
        {
            findings.Add(window);
        }
        return new InductionPlan(infusions, perWeek, findings, protocol.Version);
    }

    /// <summary>Plans a course for a clinic open on fixed weekdays.</summary>
    public static InductionPlan Plan(DateOnly startOn, IReadOnlySet<DayOfWeek> openWeekdays, ClinicProtocol protocol, int? infusionsPerWeek = null, int? infusionCount = null)
    {
        ArgumentNullException.ThrowIfNull(openWeekdays);
        return Plan(startOn, d => openWeekdays.Contains(d.DayOfWeek), protocol, infusionsPerWeek, infusionCount);
    }

    /// <summary>
    /// SCHED-LEN-01 (local rule for §3.3 "all within 21 days"): WARN, physician acknowledgement, when an induction
    /// infusion on <paramref name="infusionOn"/> falls later than day (MaxInductionCourseDays − 1) counted from
    /// infusion #1 on <paramref name="firstInfusionOn"/> (default: later than day 20).
    /// </summary>
    public static RuleFinding? CheckCourseWindow(DateOnly firstInfusionOn, DateOnly infusionOn, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Scheduling;
        p.EnsureValid();
        var day = infusionOn.DayNumber - firstInfusionOn.DayNumber;
        var lastAllowedDay = p.MaxInductionCourseDays - 1;
        if (day <= lastAllowedDay)
        {
            return null;
        }
        return new RuleFinding(SchedulingRuleIds.CourseWindow, Enforcement.Warn,
            string.Create(CultureInfo.InvariantCulture,
                $"SCHED-LEN-01: infusion on {infusionOn:yyyy-MM-dd} is day {day} of the induction course; the course should fit within {p.MaxInductionCourseDays} days (by day {lastAllowedDay}). Physician acknowledgement required."),
            ["S31", "S33", "C"], ClinicalAuthority.Physician);
    }

    private static DateOnly NextOpen(DateOnly from, Func<DateOnly, bool> isOpen)
    {
        for (var i = 0; i < SearchHorizonDays; i++)
        {
            var day = from.AddDays(i);
            if (isOpen(day))
            {
                return day;
            }
        }
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The clinic has no open day within {SearchHorizonDays} days of {from:yyyy-MM-dd}."), nameof(isOpen));
    }
}
