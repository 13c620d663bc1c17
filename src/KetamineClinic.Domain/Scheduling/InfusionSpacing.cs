using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>
/// When an infusion starts (actual, or booked for one not yet started) and the calendar day it falls on in the
/// clinic's local time. The local date is passed in, or derived from an offset or time zone the caller supplies;
/// the machine's time zone is never consulted.
/// </summary>
public sealed record InfusionTiming
{
    /// <summary>Creates a timing from an instant and the clinic-local date the caller computed.</summary>
    /// <param name="startAt">Start instant (actual start when known, else the booked start).</param>
    /// <param name="clinicDate">The calendar day of <paramref name="startAt"/> in the clinic's local time.</param>
    public InfusionTiming(DateTimeOffset startAt, DateOnly clinicDate)
    {
        StartAt = startAt;
        ClinicDate = clinicDate;
    }

    /// <summary>Start instant.</summary>
    public DateTimeOffset StartAt { get; }

    /// <summary>Calendar day in the clinic's local time (SCHED-02 compares these).</summary>
    public DateOnly ClinicDate { get; }

    /// <summary>Derives the clinic date from a fixed UTC offset (e.g. +01:00), given by the caller.</summary>
    public static InfusionTiming AtOffset(DateTimeOffset startAt, TimeSpan clinicUtcOffset) =>
        new(startAt, DateOnly.FromDateTime(startAt.ToOffset(clinicUtcOffset).DateTime));

    /// <summary>Derives the clinic date in the clinic's time zone (daylight saving included), given by the caller.</summary>
    public static InfusionTiming InTimeZone(DateTimeOffset startAt, TimeZoneInfo clinicTimeZone)
    {
        ArgumentNullException.ThrowIfNull(clinicTimeZone);
        return new(startAt, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startAt, clinicTimeZone).DateTime));
    }
}

/// <summary>Spacing between a patient's infusions: <c>SCHED-01</c> and <c>SCHED-02</c> (clinical-spec §3.3).</summary>
public static class InfusionSpacing
{
    /// <summary>
    /// Checks a proposed infusion against the patient's other infusions (completed and booked, not cancelled).
    /// SCHED-01 WARN when the start-to-start interval to the previous infusion, or from this one to the next booked
    /// one, is shorter than <c>MinStartToStartHours</c> − <c>Sched01ToleranceMin</c>. SCHED-02 HARD STOP when
    /// another infusion falls on the same clinic-local calendar day.
    /// </summary>
    public static IReadOnlyList<RuleFinding> Evaluate(IEnumerable<InfusionTiming> otherInfusions, InfusionTiming proposed, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(otherInfusions);
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Scheduling;
        p.EnsureValid();
        var others = otherInfusions.ToList();
        var findings = new List<RuleFinding>();

        // SCHED-01 (clinical-spec §3.3): WARN if start-to-start < 48 h − sched01ToleranceMin, on actual times.
        var minimum = TimeSpan.FromHours(p.MinStartToStartHours) - TimeSpan.FromMinutes(p.Sched01ToleranceMin);
        var previous = others.Where(o => o.StartAt <= proposed.StartAt).MaxBy(o => o.StartAt);
        var next = others.Where(o => o.StartAt > proposed.StartAt).MinBy(o => o.StartAt);
        if (previous is not null && proposed.StartAt - previous.StartAt < minimum)
        {
            findings.Add(IntervalWarning(proposed.StartAt - previous.StartAt, "after the previous infusion", p));
        }
        if (next is not null && next.StartAt - proposed.StartAt < minimum)
        {
            findings.Add(IntervalWarning(next.StartAt - proposed.StartAt, "before the next booked infusion", p));
        }

        // SCHED-02 (clinical-spec §3.3): HARD STOP when two infusions fall on the same calendar day (clinic-local).
        if (others.Any(o => o.ClinicDate == proposed.ClinicDate))
        {
            findings.Add(new RuleFinding(SchedulingRuleIds.SameDay, Enforcement.HardStop,
                Invariant($"SCHED-02: another infusion is already on {proposed.ClinicDate:yyyy-MM-dd}; two infusions on the same day need a physician override with reason."),
                ["C"], ClinicalAuthority.Physician));
        }
        return findings;
    }

    private static RuleFinding IntervalWarning(TimeSpan interval, string where, SchedulingProtocol p) =>
        new(SchedulingRuleIds.MinimumInterval, Enforcement.Warn,
            Invariant($"SCHED-01: start-to-start interval {(int)interval.TotalHours}:{interval.Minutes:00} h {where} is under {p.MinStartToStartHours} h (tolerance {p.Sched01ToleranceMin} min); physician acknowledgement required."),
            ["C"], ClinicalAuthority.Physician);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
