using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Tests.Outcomes;

/// <summary>Synthetic series builders. Induction: infusion #1 on 2025-01-06, last (#6) on 2025-01-17 (TV-57).</summary>
internal static class OutcomeFixtures
{
    public static readonly DateOnly FirstInfusion = new(2025, 1, 6);
    public static readonly DateOnly LastInfusion = new(2025, 1, 17);

    public static ClinicProtocol TestProtocol(string version = "test-1", RelapseRuleSet ruleSet = RelapseRuleSet.Ketamine) =>
        ClinicProtocol.Default with
        {
            Version = new ProtocolVersion(version),
            Outcomes = OutcomesProtocol.Default with { RelapseRuleSet = ruleSet },
        };

    /// <summary>Day N after the last induction infusion (day 0 = 2025-01-17).</summary>
    public static DateOnly Day(int n) => LastInfusion.AddDays(n);

    public static ScoreRating Rating(InstrumentId instrument, DateOnly on, int total, CoursePhase phase) => new(instrument, on, total, phase);

    /// <summary>A MADRS series with a baseline on 2025-01-03, one induction rating before infusion 4, and follow-up ratings at (day, total).</summary>
    public static ScoreSeries Madrs(int baseline, params (int Day, int Total)[] followUp) =>
        Series(InstrumentId.Madrs, baseline, inductionTotal: baseline, followUp);

    public static ScoreSeries Series(InstrumentId instrument, int baseline, int inductionTotal, params (int Day, int Total)[] followUp)
    {
        var ratings = new List<ScoreRating>
        {
            Rating(instrument, new DateOnly(2025, 1, 3), baseline, CoursePhase.PreInduction),
            Rating(instrument, new DateOnly(2025, 1, 13), inductionTotal, CoursePhase.Induction),
        };
        ratings.AddRange(followUp.Select(f => Rating(instrument, Day(f.Day), f.Total, CoursePhase.PostInduction)));
        return new ScoreSeries(instrument, new InductionCourse(FirstInfusion, LastInfusion), ratings);
    }

    /// <summary>A two-point series: baseline then one induction-course rating (for response/remission vectors).</summary>
    public static ScoreSeries BaselineThen(InstrumentId instrument, int baseline, int current) =>
        new(
            instrument,
            new InductionCourse(FirstInfusion, LastInfusion),
            [
                Rating(instrument, new DateOnly(2025, 1, 3), baseline, CoursePhase.PreInduction),
                Rating(instrument, Day(2), current, CoursePhase.PostInduction),
            ]);
}
