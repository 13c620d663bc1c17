using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>Rule ids of clinical-spec §3.3 and §3.4 (induction and maintenance scheduling).</summary>
public static class SchedulingRuleIds
{
    /// <summary>WARN: start-to-start interval shorter than 48 h − tolerance.</summary>
    public static RuleId MinimumInterval => new("SCHED-01");

    /// <summary>HARD STOP: two infusions on the same calendar day (clinic-local date).</summary>
    public static RuleId SameDay => new("SCHED-02");

    /// <summary>WARN: early-futility review after infusion 3 when improvement is below 25%.</summary>
    public static RuleId FutilityReview => new("SCHED-03");

    /// <summary>
    /// Local rule (not in clinical-spec v0.2), WARN: an induction infusion falls outside the course window
    /// ("all within 21 days", §3.3: last − first ≤ 20 days).
    /// </summary>
    public static RuleId CourseWindow => new("SCHED-LEN-01");

    /// <summary>BLOCK: maintenance course without frequency, stop criteria, or a current review.</summary>
    public static RuleId Maintenance => new("MAINT-01");
}
