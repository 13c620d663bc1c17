namespace KetamineClinic.Domain.Outcomes;

/// <summary>Rule ids of the outcome rules (clinical-spec §6–§7) and of this module's own [C] rules.</summary>
public static class OutcomeRules
{
    /// <summary>RESP-01 (§7.1): response ⇔ 2 × (baseline − current) ≥ baseline, integer arithmetic.</summary>
    public const string Resp01 = "RESP-01";

    /// <summary>PHQ9-REM-01 (§6.2): PHQ-9 remission = total &lt; 5.</summary>
    public const string Phq9Rem01 = "PHQ9-REM-01";

    /// <summary>Local id for the MADRS remission row of §7.1 (the spec gives the row no id).</summary>
    public const string RemMadrs = "REM-MADRS";

    /// <summary>Local id for the QIDS-SR16 remission row of §7.1 / §6.4.</summary>
    public const string RemQids = "REM-QIDS-SR16";

    /// <summary>Local id for the HAM-D17 remission row of §7.1 / §6.5.</summary>
    public const string RemHamD = "REM-HAM-D17";

    /// <summary>RELAPSE-KET (§7.2): loss of response on 2 consecutive post-induction MADRS ratings.</summary>
    public const string RelapseKet = "RELAPSE-KET";

    /// <summary>RELAPSE-SUSTAIN (§7.2): MADRS ≥ 22 on 2 assessments 5–15 days apart, or a clinical event.</summary>
    public const string RelapseSustain = "RELAPSE-SUSTAIN";

    /// <summary>RELAPSE-01 (§7.2): time-to-relapse in calendar days since the last induction infusion (day 0).</summary>
    public const string Relapse01 = "RELAPSE-01";

    /// <summary>BOOST-01 [C] (this module): suggest a physician review for a booster; never schedules one.</summary>
    public const string Boost01 = "BOOST-01";
}

/// <summary>Change from baseline of one rating (clinical-spec §7.1, RESP-01).</summary>
/// <param name="Baseline">Baseline total (last pre-induction rating).</param>
/// <param name="Current">Current total.</param>
/// <param name="PercentChange">
/// Exact <c>(baseline − current) / baseline × 100</c> (positive = improvement); null when the baseline is 0.
/// For charts and displays only: response never uses it.
/// </param>
/// <param name="PercentChangeDisplay">
/// <see cref="PercentChange"/> rounded HALF_UP (<see cref="MidpointRounding.AwayFromZero"/>) to 1 decimal place;
/// null when the baseline is 0.
/// </param>
/// <param name="Response">RESP-01 response; null when the baseline is 0.</param>
public sealed record ChangeFromBaseline(
    int Baseline,
    int Current,
    decimal? PercentChange,
    decimal? PercentChangeDisplay,
    bool? Response);

/// <summary>Percent change and response (clinical-spec §7.1).</summary>
public static class ResponseRules
{
    /// <summary>
    /// Computes the change from <paramref name="baseline"/> to <paramref name="current"/>.
    /// RESP-01 (clinical-spec §7.1): response ⇔ 2 × (baseline − current) ≥ baseline, in integer arithmetic
    /// (no floating point); baseline 0 ⇒ pct null and response null.
    /// </summary>
    /// <param name="baseline">Baseline total (0 or more).</param>
    /// <param name="current">Current total (0 or more).</param>
    public static ChangeFromBaseline Compare(int baseline, int current)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        var pct = PercentChange(baseline, current);
        return new ChangeFromBaseline(
            baseline,
            current,
            pct,
            pct is { } p ? DisplayPercent(p) : null,
            IsResponse(baseline, current));
    }

    /// <summary>
    /// RESP-01 (clinical-spec §7.1): response ⇔ 2 × (baseline − current) ≥ baseline, integer arithmetic;
    /// the same as pct ≥ 50 inclusive. Null when the baseline is 0 (no division, no verdict).
    /// </summary>
    public static bool? IsResponse(int baseline, int current)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        if (baseline == 0)
        {
            return null;
        }
        long improvement = (long)baseline - current;
        return 2 * improvement >= baseline;
    }

    /// <summary>
    /// Percent change (§7.1): (baseline − current) / baseline × 100, exact decimal; null when the baseline is 0.
    /// Negative when the score worsened.
    /// </summary>
    public static decimal? PercentChange(int baseline, int current)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baseline);
        ArgumentOutOfRangeException.ThrowIfNegative(current);
        if (baseline == 0)
        {
            return null;
        }
        return ((decimal)baseline - current) * 100m / baseline;
    }

    /// <summary>
    /// Display rounding of a percent change (§7.1): HALF_UP to 1 dp, i.e. <see cref="MidpointRounding.AwayFromZero"/>
    /// (56.25 → 56.3, where banker's rounding would show 56.2; −12.25 → −12.3).
    /// </summary>
    public static decimal DisplayPercent(decimal percentChange) =>
        Math.Round(percentChange, 1, MidpointRounding.AwayFromZero);
}
