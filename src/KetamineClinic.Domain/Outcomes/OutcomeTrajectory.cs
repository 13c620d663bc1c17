using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>One chart point: a rating with its change from baseline and remission verdict.</summary>
/// <param name="Rating">The rating.</param>
/// <param name="DayOfCourse">
/// Calendar days since infusion #1 of the induction course ("day N", §3.3; negative before it).
/// </param>
/// <param name="DayAfterInduction">
/// Calendar days since the last induction infusion (day 0, §7.2 RELAPSE-01); null while induction runs or for
/// ratings dated before the last induction infusion.
/// </param>
/// <param name="Change">
/// Change from baseline (pct, display pct, RESP-01); null for pre-induction ratings (the baseline period) and
/// when the series has no baseline.
/// </param>
/// <param name="Remission">Remission verdict with its cut-off; null when the instrument has no definition.</param>
public sealed record OutcomePoint(
    ScoreRating Rating,
    int DayOfCourse,
    int? DayAfterInduction,
    ChangeFromBaseline? Change,
    RemissionResult? Remission)
{
    /// <summary>RESP-01 response; null when not applicable or the baseline is 0.</summary>
    public bool? Response => Change?.Response;

    /// <summary>Display pct (1 dp, HALF_UP); null when not applicable or the baseline is 0.</summary>
    public decimal? PercentChangeDisplay => Change?.PercentChangeDisplay;

    /// <summary>Remission flag; null when the instrument has no remission definition.</summary>
    public bool? InRemission => Remission?.InRemission;
}

/// <summary>A patient's trajectory on one instrument, for charts (clinical-spec §7.1).</summary>
/// <param name="Version">Protocol version whose cut-offs were used.</param>
/// <param name="Instrument">Instrument.</param>
/// <param name="Baseline">Baseline rating (§7.1); null when none was recorded before infusion #1.</param>
/// <param name="Points">One point per rating, in chronological order.</param>
public sealed record OutcomeTrajectory(
    ProtocolVersion Version,
    InstrumentId Instrument,
    ScoreRating? Baseline,
    IReadOnlyList<OutcomePoint> Points)
{
    /// <summary>Builds the trajectory of <paramref name="series"/> under <paramref name="protocol"/>.</summary>
    public static OutcomeTrajectory Build(ScoreSeries series, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(protocol);
        var baseline = series.BaselineRating;
        var first = series.Course.FirstInfusionOn;
        var last = series.Course.LastInfusionOn;
        var points = series.Ratings
            .Select(r => new OutcomePoint(
                r,
                r.RatedOn.DayNumber - first.DayNumber,
                last is { } l && r.RatedOn >= l ? r.RatedOn.DayNumber - l.DayNumber : null,
                baseline is not null && r.Phase != CoursePhase.PreInduction
                    ? ResponseRules.Compare(baseline.Total, r.Total)
                    : null,
                RemissionRules.Evaluate(r.Instrument, r.Total, protocol)))
            .ToList();
        return new OutcomeTrajectory(protocol.Version, series.Instrument, baseline, points.AsReadOnly());
    }
}
