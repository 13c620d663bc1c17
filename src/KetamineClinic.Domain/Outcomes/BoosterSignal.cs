using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>Why a booster review is suggested (BOOST-01).</summary>
public enum BoosterSignalKind
{
    /// <summary>Early warning: the latest post-induction MADRS rating of a responder shows loss of response.</summary>
    EarlyLossOfResponse,

    /// <summary>The protocol's relapse rule set detected a relapse.</summary>
    RelapseDetected,
}

/// <summary>
/// BOOST-01 [C] (this module; the spec has no booster rule, §3.4 only says maintenance is case by case): a
/// suggestion that a physician review the patient for a booster / maintenance infusion. It is a suggestion only:
/// it never creates an appointment, order or infusion.
/// </summary>
public abstract record BoosterSignal
{
    private BoosterSignal(ProtocolVersion version) => Version = version;

    /// <summary>Protocol version used.</summary>
    public ProtocolVersion Version { get; }

    /// <summary>No suggestion, with the reason in plain words.</summary>
    public sealed record NoSuggestion(ProtocolVersion Version, string Reason) : BoosterSignal(Version);

    /// <summary>Suggest a physician review for a booster. Shown as INFO; no gate, no automatic scheduling.</summary>
    /// <param name="Version">Protocol version used.</param>
    /// <param name="Kind">Early warning or relapse.</param>
    /// <param name="SignalOn">Date of the rating or event that raised the signal.</param>
    /// <param name="Reasons">BOOST-01 finding first, then the supporting RESP-01 / RELAPSE-* findings.</param>
    public sealed record PhysicianReviewSuggested(
        ProtocolVersion Version,
        BoosterSignalKind Kind,
        DateOnly SignalOn,
        IReadOnlyList<RuleFinding> Reasons)
        : BoosterSignal(Version)
    {
        /// <summary>Who should review: a physician decides whether a booster is given.</summary>
        public static ClinicalAuthority ReviewBy => ClinicalAuthority.Physician;
    }
}

/// <summary>BOOST-01 [C]: when to suggest a physician review for a booster.</summary>
public static class BoosterRules
{
    private static readonly string[] ClinicPolicy = ["C"];
    private static readonly string[] ResponseSources = ["S31", "S32", "S52", "S11"];

    /// <summary>
    /// BOOST-01 [C]: for a patient who met the relapse rule set's entry condition (RESP-01 response at the end of
    /// induction), suggest a physician review when (a) the protocol's relapse rule set detects a relapse, or
    /// (b) early warning, if enabled: the latest post-induction MADRS rating shows loss of RESP-01 response
    /// (under RELAPSE-SUSTAIN also a single MADRS ≥22). Never schedules anything.
    /// </summary>
    public static BoosterSignal Evaluate(ScoreSeries madrs, IEnumerable<ClinicalEvent> events, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(madrs);
        ArgumentNullException.ThrowIfNull(protocol);
        var version = protocol.Version;
        var settings = protocol.Outcomes;
        if (!settings.BoosterSignalEnabled)
        {
            return new BoosterSignal.NoSuggestion(version, "Booster signal (BOOST-01) is turned off in the clinic protocol.");
        }
        var assessment = RelapseRules.Evaluate(madrs, events, protocol);
        return assessment switch
        {
            RelapseAssessment.Relapsed relapsed => RelapseSignal(version, relapsed),
            RelapseAssessment.NoRelapse noRelapse => EarlyWarning(madrs, settings, version, noRelapse),
            RelapseAssessment.NotAResponder => new BoosterSignal.NoSuggestion(
                version, "No response at the end of induction: a booster review does not apply (review the treatment plan instead)."),
            RelapseAssessment.NotAssessable notAssessable => new BoosterSignal.NoSuggestion(
                version, string.Create(CultureInfo.InvariantCulture, $"Relapse cannot be assessed yet ({notAssessable.Reason}).")),
            _ => throw new InvalidOperationException("Unknown relapse assessment."),
        };
    }

    private static BoosterSignal.PhysicianReviewSuggested RelapseSignal(ProtocolVersion version, RelapseAssessment.Relapsed relapsed)
    {
        var what = relapsed.Trigger switch
        {
            RelapseTrigger.ConsecutiveRatings pair => string.Create(
                CultureInfo.InvariantCulture,
                $"MADRS {pair.First.Total} on {pair.First.RatedOn:yyyy-MM-dd} and {pair.Second.Total} on {pair.Second.RatedOn:yyyy-MM-dd}"),
            RelapseTrigger.Event e => string.Create(
                CultureInfo.InvariantCulture, $"{e.ClinicalEvent.Kind} on {e.ClinicalEvent.OccurredOn:yyyy-MM-dd}"),
            _ => throw new InvalidOperationException("Unknown relapse trigger."),
        };
        var reasons = new[]
        {
            new RuleFinding(
                OutcomeRules.Boost01,
                Enforcement.Info,
                string.Create(CultureInfo.InvariantCulture, $"Relapse detected on {relapsed.RelapsedOn:yyyy-MM-dd}: suggest a physician review for a booster. Nothing has been scheduled."),
                ClinicPolicy),
            new RuleFinding(
                relapsed.Rule,
                Enforcement.Info,
                string.Create(CultureInfo.InvariantCulture, $"{relapsed.Rule}: {what}; relapse on day {relapsed.DaysToRelapse} after the last induction infusion (RELAPSE-01)."),
                RelapseRules.SourcesOf(relapsed.RuleSet)),
        };
        return new BoosterSignal.PhysicianReviewSuggested(version, BoosterSignalKind.RelapseDetected, relapsed.RelapsedOn, reasons);
    }

    private static BoosterSignal EarlyWarning(
        ScoreSeries madrs,
        OutcomesProtocol settings,
        ProtocolVersion version,
        RelapseAssessment.NoRelapse noRelapse)
    {
        if (!settings.BoosterEarlyWarning)
        {
            return new BoosterSignal.NoSuggestion(version, "No relapse; early warning is turned off in the clinic protocol.");
        }
        var baseline = madrs.BaselineRating!.Total;
        var latest = madrs.RatingsAfterInduction[^1];
        var change = ResponseRules.Compare(baseline, latest.Total);
        var lostResponse = change.Response == false;
        var sustainHigh = noRelapse.RuleSet == RelapseRuleSet.Sustain && latest.Total >= RelapseRules.SustainMadrsThreshold;
        if (!lostResponse && !sustainHigh)
        {
            return new BoosterSignal.NoSuggestion(version, "Response maintained at the latest post-induction MADRS rating.");
        }
        var detail = lostResponse
            ? string.Create(CultureInfo.InvariantCulture, $"RESP-01: MADRS {latest.Total} on {latest.RatedOn:yyyy-MM-dd} is {change.PercentChangeDisplay:0.0}% below baseline {baseline}, under 50%: response lost on one rating.")
            : string.Create(CultureInfo.InvariantCulture, $"RELAPSE-SUSTAIN: MADRS {latest.Total} on {latest.RatedOn:yyyy-MM-dd} is ≥{RelapseRules.SustainMadrsThreshold} on one assessment.");
        var reasons = new[]
        {
            new RuleFinding(
                OutcomeRules.Boost01,
                Enforcement.Info,
                string.Create(CultureInfo.InvariantCulture, $"Early warning on {latest.RatedOn:yyyy-MM-dd}: relapse not confirmed; suggest a physician review for a booster. Nothing has been scheduled."),
                ClinicPolicy),
            lostResponse
                ? new RuleFinding(OutcomeRules.Resp01, Enforcement.Info, detail, ResponseSources)
                : new RuleFinding(OutcomeRules.RelapseSustain, Enforcement.Info, detail, RelapseRules.SourcesOf(RelapseRuleSet.Sustain)),
        };
        return new BoosterSignal.PhysicianReviewSuggested(version, BoosterSignalKind.EarlyLossOfResponse, latest.RatedOn, reasons);
    }
}
