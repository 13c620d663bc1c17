using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>Clinically relevant events that count as relapse under RELAPSE-SUSTAIN (clinical-spec §7.2).</summary>
public enum ClinicalEventKind
{
    /// <summary>Hospitalization for worsening depression.</summary>
    HospitalizationForWorseningDepression,

    /// <summary>Suicide attempt.</summary>
    SuicideAttempt,

    /// <summary>Completed suicide.</summary>
    CompletedSuicide,

    /// <summary>Hospitalization for suicide prevention.</summary>
    HospitalizationForSuicidePrevention,

    /// <summary>Another clinically relevant event (describe it).</summary>
    OtherClinicallyRelevantEvent,
}

/// <summary>A clinically relevant event on a date (RELAPSE-SUSTAIN).</summary>
public sealed record ClinicalEvent
{
    /// <summary>Creates an event; an "other" event needs a description.</summary>
    /// <param name="kind">What happened.</param>
    /// <param name="occurredOn">Calendar date it happened (clinic local date).</param>
    /// <param name="description">Free text; required for <see cref="ClinicalEventKind.OtherClinicallyRelevantEvent"/>.</param>
    public ClinicalEvent(ClinicalEventKind kind, DateOnly occurredOn, string? description = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown clinical event kind.");
        }
        if (kind == ClinicalEventKind.OtherClinicallyRelevantEvent && string.IsNullOrWhiteSpace(description))
        {
            throw new ArgumentException("An 'other clinically relevant event' needs a description.", nameof(description));
        }
        Kind = kind;
        OccurredOn = occurredOn;
        Description = description;
    }

    /// <summary>What happened.</summary>
    public ClinicalEventKind Kind { get; }

    /// <summary>Date it happened.</summary>
    public DateOnly OccurredOn { get; }

    /// <summary>Free-text description.</summary>
    public string? Description { get; }
}

/// <summary>What established a relapse.</summary>
public abstract record RelapseTrigger
{
    private RelapseTrigger()
    {
    }

    /// <summary>Two qualifying MADRS ratings; the relapse is dated on <see cref="Second"/>.</summary>
    public sealed record ConsecutiveRatings(ScoreRating First, ScoreRating Second) : RelapseTrigger;

    /// <summary>A clinically relevant event (RELAPSE-SUSTAIN only); the relapse is dated on the event.</summary>
    public sealed record Event(ClinicalEvent ClinicalEvent) : RelapseTrigger;
}

/// <summary>Why relapse cannot be assessed yet.</summary>
public enum RelapseNotAssessableReason
{
    /// <summary>The last induction infusion has not been given.</summary>
    InductionNotComplete,

    /// <summary>No MADRS rating before infusion #1 (no baseline, §7.1).</summary>
    NoBaseline,

    /// <summary>Baseline MADRS 0: RESP-01 is null, response can never be established.</summary>
    BaselineZero,

    /// <summary>No MADRS rating dated after the last induction infusion yet (the end-of-induction rating, §6.7).</summary>
    AwaitingEndOfInductionRating,
}

/// <summary>The result of a relapse rule set for one patient (clinical-spec §7.2).</summary>
public abstract record RelapseAssessment
{
    private RelapseAssessment(ProtocolVersion version, RelapseRuleSet ruleSet)
    {
        Version = version;
        RuleSet = ruleSet;
    }

    /// <summary>Protocol version used.</summary>
    public ProtocolVersion Version { get; }

    /// <summary>Rule set applied.</summary>
    public RelapseRuleSet RuleSet { get; }

    /// <summary>Rule id of the rule set (RELAPSE-KET or RELAPSE-SUSTAIN).</summary>
    public RuleId Rule => RelapseRules.RuleIdOf(RuleSet);

    /// <summary>Relapse cannot be assessed (yet).</summary>
    public sealed record NotAssessable(ProtocolVersion Version, RelapseRuleSet RuleSet, RelapseNotAssessableReason Reason)
        : RelapseAssessment(Version, RuleSet);

    /// <summary>Entry condition not met: no RESP-01 response at the end-of-induction rating.</summary>
    /// <param name="Version">Protocol version used.</param>
    /// <param name="RuleSet">Rule set applied.</param>
    /// <param name="EntryRating">The end-of-induction rating (first MADRS rating after the last induction infusion).</param>
    /// <param name="EntryChange">Its change from baseline.</param>
    public sealed record NotAResponder(ProtocolVersion Version, RelapseRuleSet RuleSet, ScoreRating EntryRating, ChangeFromBaseline EntryChange)
        : RelapseAssessment(Version, RuleSet);

    /// <summary>A responder without relapse so far.</summary>
    /// <param name="Version">Protocol version used.</param>
    /// <param name="RuleSet">Rule set applied.</param>
    /// <param name="EntryRating">The end-of-induction rating that established response.</param>
    /// <param name="FollowedUpToDay">Day (since the last induction infusion) of the last rating considered; the censoring time for survival analysis.</param>
    public sealed record NoRelapse(ProtocolVersion Version, RelapseRuleSet RuleSet, ScoreRating EntryRating, int FollowedUpToDay)
        : RelapseAssessment(Version, RuleSet);

    /// <summary>A relapse.</summary>
    /// <param name="Version">Protocol version used.</param>
    /// <param name="RuleSet">Rule set applied.</param>
    /// <param name="EntryRating">The end-of-induction rating that established response.</param>
    /// <param name="RelapsedOn">Relapse date.</param>
    /// <param name="DaysToRelapse">RELAPSE-01: calendar days from the last induction infusion (day 0) to the relapse date.</param>
    /// <param name="Trigger">What established the relapse.</param>
    public sealed record Relapsed(
        ProtocolVersion Version,
        RelapseRuleSet RuleSet,
        ScoreRating EntryRating,
        DateOnly RelapsedOn,
        int DaysToRelapse,
        RelapseTrigger Trigger)
        : RelapseAssessment(Version, RuleSet);
}

/// <summary>RELAPSE-KET, RELAPSE-SUSTAIN and RELAPSE-01 (clinical-spec §7.2).</summary>
public static class RelapseRules
{
    /// <summary>RELAPSE-SUSTAIN: MADRS total at or above which an assessment counts toward relapse.</summary>
    public const int SustainMadrsThreshold = 22;

    /// <summary>RELAPSE-SUSTAIN: the 2nd assessment must be at least this many days after the 1st.</summary>
    public const int SustainPairMinDays = 5;

    /// <summary>RELAPSE-SUSTAIN: the 2nd assessment must be at most this many days after the 1st.</summary>
    public const int SustainPairMaxDays = 15;

    /// <summary>Rule id of a rule set.</summary>
    public static RuleId RuleIdOf(RelapseRuleSet ruleSet) => ruleSet switch
    {
        RelapseRuleSet.Ketamine => OutcomeRules.RelapseKet,
        RelapseRuleSet.Sustain => OutcomeRules.RelapseSustain,
    };

    /// <summary>Applies the protocol's relapse rule set.</summary>
    public static RelapseAssessment Evaluate(ScoreSeries madrs, IEnumerable<ClinicalEvent> events, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return Evaluate(madrs, events, protocol, protocol.Outcomes.RelapseRuleSet);
    }

    /// <summary>
    /// Applies <paramref name="ruleSet"/> to a MADRS series (reports may re-run either set).
    /// Entry (both sets, §7.2): RESP-01 response at the end-of-induction rating, taken as the first MADRS rating
    /// dated after the last induction infusion (the §6.7 "24 h–7 days after the last induction infusion" rating).
    /// Only ratings dated after the last induction infusion count (day 1 onward).
    /// </summary>
    /// <param name="madrs">The patient's MADRS series; another instrument is rejected.</param>
    /// <param name="events">Clinically relevant events; only RELAPSE-SUSTAIN uses them, from day 1 after the last induction infusion.</param>
    /// <param name="protocol">Protocol (its version is recorded).</param>
    /// <param name="ruleSet">Rule set to apply.</param>
    public static RelapseAssessment Evaluate(
        ScoreSeries madrs,
        IEnumerable<ClinicalEvent> events,
        ClinicProtocol protocol,
        RelapseRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(madrs);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(protocol);
        if (madrs.Instrument != InstrumentId.Madrs)
        {
            throw new ArgumentException($"Relapse rules use MADRS ratings, not {madrs.Instrument}.", nameof(madrs));
        }
        if (!Enum.IsDefined(ruleSet))
        {
            throw new ArgumentOutOfRangeException(nameof(ruleSet), ruleSet, "Unknown relapse rule set.");
        }
        var version = protocol.Version;
        if (madrs.Course.LastInfusionOn is not { } lastInfusion)
        {
            return new RelapseAssessment.NotAssessable(version, ruleSet, RelapseNotAssessableReason.InductionNotComplete);
        }
        if (madrs.BaselineRating is not { } baseline)
        {
            return new RelapseAssessment.NotAssessable(version, ruleSet, RelapseNotAssessableReason.NoBaseline);
        }
        if (baseline.Total == 0)
        {
            return new RelapseAssessment.NotAssessable(version, ruleSet, RelapseNotAssessableReason.BaselineZero);
        }
        var followUp = madrs.RatingsAfterInduction;
        if (followUp.Count == 0)
        {
            return new RelapseAssessment.NotAssessable(version, ruleSet, RelapseNotAssessableReason.AwaitingEndOfInductionRating);
        }
        var entry = followUp[0];
        var entryChange = ResponseRules.Compare(baseline.Total, entry.Total);
        if (entryChange.Response != true)
        {
            return new RelapseAssessment.NotAResponder(version, ruleSet, entry, entryChange);
        }
        var (relapsedOn, trigger) = ruleSet switch
        {
            RelapseRuleSet.Ketamine => KetamineRelapse(baseline.Total, followUp),
            RelapseRuleSet.Sustain => SustainRelapse(followUp, events.Where(e => e.OccurredOn > lastInfusion)),
        };
        if (trigger is null)
        {
            var followedUpTo = followUp[^1].RatedOn.DayNumber - lastInfusion.DayNumber;
            return new RelapseAssessment.NoRelapse(version, ruleSet, entry, followedUpTo);
        }
        // RELAPSE-01 (clinical-spec §7.2): time-to-relapse = relapse date − date of the last induction infusion (day 0).
        var days = relapsedOn.DayNumber - lastInfusion.DayNumber;
        return new RelapseAssessment.Relapsed(version, ruleSet, entry, relapsedOn, days, trigger);
    }

    /// <summary>RELAPSE-KET: RESP-01 false on 2 consecutive post-induction ratings; dated on the 2nd.</summary>
    private static (DateOnly, RelapseTrigger?) KetamineRelapse(int baseline, IReadOnlyList<ScoreRating> followUp)
    {
        ScoreRating? previousLoss = null;
        foreach (var rating in followUp)
        {
            var loss = ResponseRules.IsResponse(baseline, rating.Total) == false;
            if (loss && previousLoss is not null)
            {
                return (rating.RatedOn, new RelapseTrigger.ConsecutiveRatings(previousLoss, rating));
            }
            previousLoss = loss ? rating : null;
        }
        return (default, null);
    }

    /// <summary>
    /// RELAPSE-SUSTAIN: MADRS ≥22 on 2 consecutive assessments whose 2nd is 5–15 days after the 1st (§7.2
    /// pairing: &lt;5 days ⇒ pair the 1st with the next assessment; &gt;15 days ⇒ the pair does not qualify and
    /// the 2nd starts a new pair), or a clinically relevant event; whichever is dated first.
    /// </summary>
    private static (DateOnly, RelapseTrigger?) SustainRelapse(IReadOnlyList<ScoreRating> followUp, IEnumerable<ClinicalEvent> events)
    {
        (DateOnly On, RelapseTrigger? Trigger) byRatings = (default, null);
        ScoreRating? first = null;
        foreach (var rating in followUp)
        {
            var high = rating.Total >= SustainMadrsThreshold;
            if (first is null)
            {
                first = high ? rating : null;
                continue;
            }
            var gap = rating.RatedOn.DayNumber - first.RatedOn.DayNumber;
            if (gap < SustainPairMinDays)
            {
                continue; // too soon: the 1st pairs with the next assessment
            }
            if (gap <= SustainPairMaxDays && high)
            {
                byRatings = (rating.RatedOn, new RelapseTrigger.ConsecutiveRatings(first, rating));
                break;
            }
            // In the window but below 22: the pair fails. Beyond 15 days: the 2nd starts a new pair.
            first = gap > SustainPairMaxDays && high ? rating : null;
        }
        var firstEvent = events.OrderBy(e => e.OccurredOn).FirstOrDefault();
        if (firstEvent is not null && (byRatings.Trigger is null || firstEvent.OccurredOn <= byRatings.On))
        {
            return (firstEvent.OccurredOn, new RelapseTrigger.Event(firstEvent));
        }
        return byRatings;
    }

    /// <summary>Source ids (clinical-spec §13) of a rule set.</summary>
    internal static IReadOnlyList<string> SourcesOf(RelapseRuleSet ruleSet) => ruleSet switch
    {
        RelapseRuleSet.Ketamine => ["S30", "S31"],
        RelapseRuleSet.Sustain => ["S54"],
    };
}
