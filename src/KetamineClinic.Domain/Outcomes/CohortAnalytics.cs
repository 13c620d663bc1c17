using System.Numerics;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>A proportion of a cohort: how many met a criterion among those assessed.</summary>
/// <param name="Met">Patients meeting the criterion.</param>
/// <param name="Assessed">Patients with a verdict (true or false).</param>
/// <param name="NotAssessable">Patients without a verdict (e.g. baseline 0, no end-of-induction rating); not in the denominator.</param>
public sealed record CohortRate(int Met, int Assessed, int NotAssessable)
{
    /// <summary>Exact percentage Met / Assessed × 100; null when nobody was assessed.</summary>
    public decimal? Percent => Assessed == 0 ? null : Met * 100m / Assessed;

    /// <summary><see cref="Percent"/> rounded HALF_UP (AwayFromZero) to 1 dp, as the published figures are shown.</summary>
    public decimal? PercentDisplay => Percent is { } p ? Math.Round(p, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A remission rate with the one cut-off all its verdicts used.</summary>
/// <param name="Rate">The rate.</param>
/// <param name="Cutoff">Cut-off used; null when no verdict was given.</param>
public sealed record RemissionCohortRate(CohortRate Rate, RemissionCutoff? Cutoff);

/// <summary>One responder's follow-up for time-to-relapse analysis.</summary>
/// <param name="Days">RELAPSE-01 days to relapse, or days followed up without relapse (censored); 0 or more.</param>
/// <param name="Relapsed">True for a relapse, false for a censored follow-up.</param>
public sealed record RelapseObservation(int Days, bool Relapsed)
{
    /// <summary>Days since the last induction infusion (0 or more).</summary>
    public int Days { get; } = Days >= 0 ? Days : throw new ArgumentOutOfRangeException(nameof(Days), Days, "Days cannot be negative.");
}

/// <summary>
/// Cohort analytics for the clinic's outcome reports (clinical-spec §7): response and remission rates and median
/// time to relapse, to set beside <see cref="PublishedFigures"/>.
/// </summary>
public static class CohortAnalytics
{
    /// <summary>Response rate from per-patient RESP-01 verdicts; null verdicts (baseline 0) are counted apart.</summary>
    public static CohortRate ResponseRate(IEnumerable<bool?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return Rate(responses);
    }

    /// <summary>
    /// Response rate at the end of induction from relapse assessments (the entry condition of §7.2): responders
    /// are <see cref="RelapseAssessment.NoRelapse"/> and <see cref="RelapseAssessment.Relapsed"/>; not-assessable
    /// patients are left out of the denominator.
    /// </summary>
    public static CohortRate EndOfInductionResponseRate(IEnumerable<RelapseAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return Rate(assessments.Select(a => a switch
        {
            RelapseAssessment.NoRelapse or RelapseAssessment.Relapsed => true,
            RelapseAssessment.NotAResponder => (bool?)false,
            RelapseAssessment.NotAssessable => null,
            _ => throw new ArgumentException("Unknown relapse assessment.", nameof(assessments)),
        }));
    }

    /// <summary>
    /// Remission rate; every verdict must have used the same cut-off (a report never mixes ≤10 and ≤12).
    /// Null entries (instrument without a definition) are counted as not assessable.
    /// </summary>
    public static RemissionCohortRate RemissionRate(IEnumerable<RemissionResult?> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        var cutoffs = list.OfType<RemissionResult>().Select(r => r.Cutoff).Distinct().ToList();
        if (cutoffs.Count > 1)
        {
            throw new ArgumentException(
                "Remission verdicts use different cut-offs (" + string.Join(", ", cutoffs.Select(c => c.ToString())) + "); re-run them with one cut-off.",
                nameof(results));
        }
        return new RemissionCohortRate(Rate(list.Select(r => r?.InRemission)), cutoffs.SingleOrDefault());
    }

    /// <summary>Turns relapse assessments into survival observations: relapses and censored responders.</summary>
    public static IReadOnlyList<RelapseObservation> RelapseObservations(IEnumerable<RelapseAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        return assessments
            .Select(a => a switch
            {
                RelapseAssessment.Relapsed r => new RelapseObservation(r.DaysToRelapse, true),
                RelapseAssessment.NoRelapse n => new RelapseObservation(n.FollowedUpToDay, false),
                RelapseAssessment.NotAResponder or RelapseAssessment.NotAssessable => null,
                _ => throw new ArgumentException("Unknown relapse assessment.", nameof(assessments)),
            })
            .OfType<RelapseObservation>()
            .ToList()
            .AsReadOnly();
    }

    /// <summary>
    /// Median of the RELAPSE-01 days of the patients who relapsed (midpoint of the two middle values for an even
    /// count); null when nobody relapsed. Ignores censored responders: prefer
    /// <see cref="KaplanMeierMedianDaysToRelapse"/> when comparing with a published median.
    /// </summary>
    public static decimal? MedianDaysToRelapse(IEnumerable<int> daysToRelapse)
    {
        ArgumentNullException.ThrowIfNull(daysToRelapse);
        var sorted = daysToRelapse.Order().ToList();
        if (sorted.Any(d => d < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(daysToRelapse), "Days to relapse cannot be negative.");
        }
        if (sorted.Count == 0)
        {
            return null;
        }
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>
    /// Kaplan–Meier median time to relapse among responders, counting censored follow-up: the first day on which
    /// the relapse-free proportion S(t) falls below 0.5; when S(t) equals 0.5 exactly, the midpoint between that
    /// day and the next relapse day (so with no censoring it equals the ordinary median), or that day when no
    /// relapse follows. Null when S(t) never reaches 0.5 ("not reached"). Exact rational arithmetic.
    /// </summary>
    public static decimal? KaplanMeierMedianDaysToRelapse(IEnumerable<RelapseObservation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var list = observations.ToList();
        var atRisk = list.Count;
        BigInteger survivingNumerator = 1;
        BigInteger survivingDenominator = 1;
        int? halfDay = null;
        foreach (var group in list.GroupBy(o => o.Days).OrderBy(g => g.Key))
        {
            var relapses = group.Count(o => o.Relapsed);
            if (relapses > 0)
            {
                if (halfDay is { } h)
                {
                    return (h + group.Key) / 2m;
                }
                survivingNumerator *= atRisk - relapses;
                survivingDenominator *= atRisk;
                var twice = 2 * survivingNumerator;
                if (twice < survivingDenominator)
                {
                    return group.Key;
                }
                if (twice == survivingDenominator)
                {
                    halfDay = group.Key;
                }
            }
            atRisk -= group.Count();
        }
        return halfDay;
    }

    private static CohortRate Rate(IEnumerable<bool?> verdicts)
    {
        int met = 0, assessed = 0, notAssessable = 0;
        foreach (var v in verdicts)
        {
            switch (v)
            {
                case true:
                    met++;
                    assessed++;
                    break;
                case false:
                    assessed++;
                    break;
                default:
                    notAssessable++;
                    break;
            }
        }
        return new CohortRate(met, assessed, notAssessable);
    }
}
