using System.Runtime.CompilerServices;

namespace KetamineClinic.Domain.Protocol;

/// <summary>
/// The clinic's induction and maintenance scheduling policy (clinical-spec §3.3, §3.4). Every property is a [C]
/// default that the medical director signs off. Each property validates its own range when set; relations between
/// properties are checked by <see cref="Validate"/>, which every scheduling rule calls first.
/// </summary>
public sealed record SchedulingProtocol
{
    /// <summary>The spec's defaults (clinical-spec v0.2).</summary>
    public static SchedulingProtocol Default { get; } = new();

    /// <summary>§3.3 [C]: infusions in an induction course. Default 6 [S30, S31, S32]; 1–12.</summary>
    public int InductionInfusionCount { get; init => field = InRange(value, 1, 12); } = 6;

    /// <summary>§3.3 [C]: target infusions per week when the order does not say. Default 3 [S31]; allowed 2 or 3 [S31, S33].</summary>
    public int DefaultInfusionsPerWeek { get; init => field = InRange(value, 2, 3); } = 3;

    /// <summary>
    /// §3.3 [C]: weekday offsets (days after the week's first infusion) for a thrice-weekly course.
    /// Default {0, 2, 4}: Mon/Wed/Fri when the course starts on a Monday.
    /// </summary>
    public IReadOnlyList<int> ThriceWeeklyDayOffsets { get; init => field = Offsets(value, 3); } = [0, 2, 4];

    /// <summary>
    /// §3.3 [C]: weekday offsets for a twice-weekly course. Default {0, 3}: Mon/Thu when the course starts on a Monday.
    /// </summary>
    public IReadOnlyList<int> TwiceWeeklyDayOffsets { get; init => field = Offsets(value, 2); } = [0, 3];

    /// <summary>
    /// §3.3 [C]: every induction infusion falls within this many days, counted with infusion #1 as day 0, so the
    /// last infusion is at most on day (value − 1). Default 21 ("all within 21 days" ⇔ last − first ≤ 20 days); 7–56.
    /// Checked by the local rule <c>SCHED-LEN-01</c>.
    /// </summary>
    public int MaxInductionCourseDays { get; init => field = InRange(value, 7, 56); } = 21;

    /// <summary><c>SCHED-01</c> [C]: minimum start-to-start interval (hours) between infusions. Default 48; 1–168.</summary>
    public int MinStartToStartHours { get; init => field = InRange(value, 1, 168); } = 48;

    /// <summary>
    /// <c>SCHED-01</c> [C] <c>sched01ToleranceMin</c>: minutes by which an interval may fall short of
    /// <see cref="MinStartToStartHours"/> without a warning. Default 0; 0 up to less than the minimum interval.
    /// </summary>
    public int Sched01ToleranceMin { get; init => field = InRange(value, 0, 24 * 60); }

    /// <summary><c>SCHED-03</c> [C]: the futility review falls after this infusion (before the next one). Default 3 [S32].</summary>
    public int FutilityReviewAfterInfusion { get; init => field = InRange(value, 1, 12); } = 3;

    /// <summary>
    /// <c>SCHED-03</c> [C]: improvement on the primary scale (percent of baseline, whole number) below which the
    /// futility review is prompted. Default 25; 1–100. Compared in integers: 100 × (baseline − current) &lt; pct × baseline.
    /// </summary>
    public int FutilityMinImprovementPercent { get; init => field = InRange(value, 1, 100); } = 25;

    /// <summary><c>MAINT-01</c> [C]: weeks between planned maintenance reviews. Default 12 [S9]; 1–52.</summary>
    public int MaintenanceReviewIntervalWeeks { get; init => field = InRange(value, 1, 52); } = 12;

    /// <summary>Checks the relations between properties. Returns the problems found (empty when usable).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Sched01ToleranceMin >= MinStartToStartHours * 60)
        {
            problems.Add("SCHED-01: Sched01ToleranceMin must be shorter than MinStartToStartHours.");
        }
        if (FutilityReviewAfterInfusion >= InductionInfusionCount)
        {
            problems.Add("SCHED-03: FutilityReviewAfterInfusion must come before the last induction infusion.");
        }
        var minGapDays = MinimumGapDays;
        foreach (var (name, offsets) in new[] { ("ThriceWeeklyDayOffsets", ThriceWeeklyDayOffsets), ("TwiceWeeklyDayOffsets", TwiceWeeklyDayOffsets) })
        {
            // Offsets start at 0, so the gap into the next week's first infusion is 7 − the last offset.
            var closestInWeek = offsets.Zip(offsets.Skip(1), (a, b) => b - a).Min();
            if (closestInWeek < minGapDays || 7 - offsets[^1] < minGapDays)
            {
                problems.Add($"SCHED-01: {name} places infusions closer than MinStartToStartHours.");
            }
        }
        return problems;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every problem <see cref="Validate"/> finds.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid scheduling protocol: " + string.Join(" ", problems));
        }
    }

    /// <summary>The fewest whole calendar days between planned infusions that keep <see cref="MinStartToStartHours"/> at equal clock times.</summary>
    public int MinimumGapDays => (MinStartToStartHours + 23) / 24;

    private static IReadOnlyList<int> Offsets(IReadOnlyList<int> value, int count, [CallerMemberName] string property = "")
    {
        ArgumentNullException.ThrowIfNull(value, property);
        if (value.Count != count || value[0] != 0)
        {
            throw new ArgumentException($"{property} needs exactly {count} offsets starting with 0.", property);
        }
        for (var i = 1; i < value.Count; i++)
        {
            if (value[i] <= value[i - 1] || value[i] > 6)
            {
                throw new ArgumentException($"{property} must increase strictly and stay within 0..6.", property);
            }
        }
        return [.. value];
    }

    private static int InRange(int value, int min, int max, [CallerMemberName] string property = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, property);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, property);
        return value;
    }
}
