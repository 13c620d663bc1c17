using System.Globalization;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>Where a rating sits relative to the induction course of the current episode (clinical-spec §7.1).</summary>
public enum CoursePhase
{
    /// <summary>Before infusion #1 of the induction course; the last such rating is the baseline.</summary>
    PreInduction,

    /// <summary>From infusion #1 up to and including the day of the last induction infusion.</summary>
    Induction,

    /// <summary>Follow-up after the last induction infusion, outside a maintenance course.</summary>
    PostInduction,

    /// <summary>During a maintenance / booster course (§3.4); maintenance never resets the baseline.</summary>
    Maintenance,
}

/// <summary>One total score of one instrument on one date.</summary>
public sealed record ScoreRating
{
    /// <summary>Creates a rating; the total must lie within the instrument's range (0 to its maximum).</summary>
    /// <param name="instrument">Instrument rated.</param>
    /// <param name="ratedOn">Calendar date of the rating (clinic local date).</param>
    /// <param name="total">Total score (0 or more; at most the instrument's maximum, e.g. 60 for MADRS).</param>
    /// <param name="phase">Course phase the rating belongs to.</param>
    public ScoreRating(InstrumentId instrument, DateOnly ratedOn, int total, CoursePhase phase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (instrument.MaximumTotal is { } max && total > max)
        {
            throw new ArgumentOutOfRangeException(
                nameof(total),
                total,
                string.Create(CultureInfo.InvariantCulture, $"A {instrument} total is at most {max}."));
        }
        if (!Enum.IsDefined(phase))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown course phase.");
        }
        Instrument = instrument;
        RatedOn = ratedOn;
        Total = total;
        Phase = phase;
    }

    /// <summary>Instrument rated.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Calendar date of the rating.</summary>
    public DateOnly RatedOn { get; }

    /// <summary>Total score.</summary>
    public int Total { get; }

    /// <summary>Course phase.</summary>
    public CoursePhase Phase { get; }
}

/// <summary>
/// The induction course of the patient's current episode: date of infusion #1 and, once given, the date of the
/// last induction infusion (day 0 for RELAPSE-01).
/// </summary>
public sealed record InductionCourse
{
    /// <summary>Creates a course; the last infusion cannot precede the first.</summary>
    /// <param name="firstInfusionOn">Date of infusion #1 of the induction course.</param>
    /// <param name="lastInfusionOn">Date of the last induction infusion; null while induction is still running.</param>
    public InductionCourse(DateOnly firstInfusionOn, DateOnly? lastInfusionOn)
    {
        if (lastInfusionOn is { } last && last < firstInfusionOn)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The last induction infusion ({last:yyyy-MM-dd}) cannot precede infusion #1 ({firstInfusionOn:yyyy-MM-dd})."),
                nameof(lastInfusionOn));
        }
        FirstInfusionOn = firstInfusionOn;
        LastInfusionOn = lastInfusionOn;
    }

    /// <summary>Date of infusion #1 of the induction course.</summary>
    public DateOnly FirstInfusionOn { get; }

    /// <summary>Date of the last induction infusion (day 0 of follow-up); null while induction runs.</summary>
    public DateOnly? LastInfusionOn { get; }

    /// <summary>True once the last induction infusion has been given.</summary>
    public bool IsComplete => LastInfusionOn.HasValue;
}

/// <summary>
/// The ratings of one instrument for one patient in the current episode, in chronological order, with the
/// induction course they relate to. Ratings on the same date keep their given order (e.g. a pre-infusion and a
/// 4-hour rating on infusion day), which is why each rating carries its <see cref="CoursePhase"/>.
/// </summary>
public sealed record ScoreSeries
{
    /// <summary>
    /// Creates a series. Throws <see cref="ArgumentException"/> when a rating is of another instrument, the dates
    /// go backwards, the phases go backwards (pre-induction → induction → post-induction/maintenance), or a
    /// rating's phase contradicts the course dates.
    /// </summary>
    public ScoreSeries(InstrumentId instrument, InductionCourse course, IEnumerable<ScoreRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(ratings);
        var list = ratings.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (Problem(instrument, course, list, i) is { } problem)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Rating #{i + 1} {problem}."),
                    nameof(ratings));
            }
        }
        Instrument = instrument;
        Course = course;
        Ratings = list.AsReadOnly();
    }

    /// <summary>Instrument of every rating in the series.</summary>
    public InstrumentId Instrument { get; }

    /// <summary>Induction course of the current episode.</summary>
    public InductionCourse Course { get; }

    /// <summary>Ratings in chronological order.</summary>
    public IReadOnlyList<ScoreRating> Ratings { get; }

    /// <summary>
    /// Baseline (clinical-spec §7.1): the last rating before infusion #1 of the induction course of the current
    /// episode; maintenance courses never reset it. Null when no pre-induction rating exists.
    /// </summary>
    public ScoreRating? BaselineRating => Ratings.LastOrDefault(r => r.Phase == CoursePhase.PreInduction);

    /// <summary>
    /// Ratings dated after the last induction infusion (day 1 onward), the only ones RELAPSE-KET and
    /// RELAPSE-SUSTAIN count (§7.2). Empty while induction runs.
    /// </summary>
    public IReadOnlyList<ScoreRating> RatingsAfterInduction =>
        Course.LastInfusionOn is { } last ? Ratings.Where(r => r.RatedOn > last).ToList() : [];

    private static string? Problem(InstrumentId instrument, InductionCourse course, List<ScoreRating> list, int i)
    {
        var r = list[i];
        if (r is null)
        {
            return "is missing";
        }
        if (r.Instrument != instrument)
        {
            return Text($"is a {r.Instrument} rating in a {instrument} series");
        }
        if (i > 0)
        {
            var previous = list[i - 1];
            if (r.RatedOn < previous.RatedOn)
            {
                return Text($"dated {r.RatedOn:yyyy-MM-dd} comes after a rating dated {previous.RatedOn:yyyy-MM-dd}; ratings must be in date order");
            }
            if (Rank(r.Phase) < Rank(previous.Phase))
            {
                return Text($"({r.Phase}) comes after a {previous.Phase} rating; phases must not go backwards");
            }
        }
        var first = course.FirstInfusionOn;
        return (r.Phase, course.LastInfusionOn) switch
        {
            (CoursePhase.PreInduction, _) when r.RatedOn > first =>
                Text($"is tagged PreInduction but dated {r.RatedOn:yyyy-MM-dd}, after infusion #1 ({first:yyyy-MM-dd})"),
            (CoursePhase.Induction, var last) when r.RatedOn < first || r.RatedOn > last =>
                Text($"is tagged Induction but dated {r.RatedOn:yyyy-MM-dd}, outside the induction course"),
            (CoursePhase.PostInduction or CoursePhase.Maintenance, null) =>
                Text($"is tagged {r.Phase} but the induction course has no last infusion yet"),
            (CoursePhase.PostInduction or CoursePhase.Maintenance, { } last) when r.RatedOn < last =>
                Text($"is tagged {r.Phase} but dated {r.RatedOn:yyyy-MM-dd}, before the last induction infusion ({last:yyyy-MM-dd})"),
            _ => null,
        };
    }

    private static int Rank(CoursePhase phase) => phase switch
    {
        CoursePhase.PreInduction => 0,
        CoursePhase.Induction => 1,
        CoursePhase.PostInduction => 2,
        CoursePhase.Maintenance => 2,
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
