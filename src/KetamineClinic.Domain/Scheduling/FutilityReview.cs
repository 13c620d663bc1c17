using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Scheduling;

/// <summary><c>SCHED-03</c> (clinical-spec §3.3): early-futility review before infusion 4.</summary>
public static class FutilityReview
{
    /// <summary>
    /// WARN (physician acknowledges before the infusion starts) when the infusion about to start is the one after
    /// <c>FutilityReviewAfterInfusion</c> (default: infusion 4) and the primary scale has improved by less than
    /// <c>FutilityMinImprovementPercent</c> (default 25%) from baseline, in integers:
    /// 100 × (baseline − current) &lt; pct × baseline (for 25%: 4 × (baseline − current) &lt; baseline).
    /// Also WARN when no rating after the review infusion exists, or the baseline is 0 (no improvement can be measured).
    /// </summary>
    /// <param name="nextInfusionOrdinal">Ordinal of the infusion about to start (1 = first).</param>
    /// <param name="scale">Name of the primary scale (e.g. "MADRS"), for the message.</param>
    /// <param name="baselineScore">Baseline total on the primary scale (0 or more; higher = worse).</param>
    /// <param name="currentScore">Latest total after the review infusion, or null when not rated.</param>
    /// <param name="protocol">The clinic protocol.</param>
    public static RuleFinding? Evaluate(int nextInfusionOrdinal, string scale, int baselineScore, int? currentScore, ClinicProtocol protocol)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextInfusionOrdinal, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(scale);
        ArgumentOutOfRangeException.ThrowIfNegative(baselineScore);
        if (currentScore is { } c)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(currentScore));
        }
        ArgumentNullException.ThrowIfNull(protocol);
        var p = protocol.Scheduling;
        p.EnsureValid();
        var after = p.FutilityReviewAfterInfusion;
        if (nextInfusionOrdinal != after + 1)
        {
            return null;
        }

        if (currentScore is not { } current)
        {
            return Warn(Invariant($"SCHED-03: no {scale} rating after infusion {after}; physician review before infusion {after + 1}."));
        }
        if (baselineScore == 0)
        {
            return Warn(Invariant($"SCHED-03: {scale} baseline is 0, so improvement cannot be measured; physician review before infusion {after + 1}."));
        }

        // SCHED-03 [C]: integer comparison, no percentage rounding at the threshold.
        var improvementScaled = 100L * (baselineScore - current);
        if (improvementScaled >= (long)p.FutilityMinImprovementPercent * baselineScore)
        {
            return null;
        }
        var percent = Math.Round(improvementScaled / (decimal)baselineScore, 1, MidpointRounding.AwayFromZero);
        return Warn(Invariant(
            $"SCHED-03: {scale} {baselineScore} → {current} after infusion {after} is a {percent:0.0}% improvement, under {p.FutilityMinImprovementPercent}%; physician review before infusion {after + 1}."));
    }

    private static RuleFinding Warn(string message) =>
        new(SchedulingRuleIds.FutilityReview, Enforcement.Warn, message, ["S32", "C"], ClinicalAuthority.Physician);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
