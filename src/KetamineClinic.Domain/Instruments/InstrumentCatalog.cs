using KetamineClinic.Domain.Protocol;

namespace KetamineClinic.Domain.Instruments;

/// <summary>
/// Every instrument the clinic uses, by id, and the generic entry point for scoring a questionnaire response:
/// <c>InstrumentCatalog.Score(instrumentId, answers, protocol)</c> (used by the portal and FHIR questionnaire handlers).
/// Definitions are small immutable values built on each access; callers may cache them.
/// </summary>
public static class InstrumentCatalog
{
    /// <summary>Every instrument id, in a stable order.</summary>
    public static IReadOnlyList<string> Ids =>
    [
        InstrumentIds.Phq9,
        InstrumentIds.Gad7,
        InstrumentIds.QidsSr16,
        InstrumentIds.Madrs,
        InstrumentIds.Hamd17,
        InstrumentIds.CssrsRecent,
        InstrumentIds.CssrsSinceLastVisit,
        InstrumentIds.Cadss23,
        InstrumentIds.Moaas,
        InstrumentIds.BprsPositive,
        InstrumentIds.BeckSsi,
    ];

    /// <summary>Every definition under the protocol (the MADRS bands follow the protocol's scheme).</summary>
    public static IReadOnlyList<InstrumentDefinition> All(ClinicProtocol protocol) =>
        [.. Ids.Select(id => Get(id, protocol))];

    /// <summary>The definition with this id, or null when the id is unknown.</summary>
    public static InstrumentDefinition? Find(string instrumentId, ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(instrumentId);
        ArgumentNullException.ThrowIfNull(protocol);
        return instrumentId switch
        {
            InstrumentIds.Phq9 => Phq9.Definition,
            InstrumentIds.Gad7 => Gad7.Definition,
            InstrumentIds.QidsSr16 => QidsSr16.Definition,
            InstrumentIds.Madrs => Madrs.Definition(protocol),
            InstrumentIds.Hamd17 => Hamd17.Definition,
            InstrumentIds.CssrsRecent => CssrsScreener.RecentDefinition,
            InstrumentIds.CssrsSinceLastVisit => CssrsScreener.SinceLastVisitDefinition,
            InstrumentIds.Cadss23 => Cadss.Definition,
            InstrumentIds.Moaas => Moaas.Definition,
            InstrumentIds.BprsPositive => BprsPositive.Definition,
            InstrumentIds.BeckSsi => BeckSsi.Definition,
            _ => null,
        };
    }

    /// <summary>The definition with this id.</summary>
    /// <exception cref="ArgumentException">The id is unknown.</exception>
    public static InstrumentDefinition Get(string instrumentId, ClinicProtocol protocol) =>
        Find(instrumentId, protocol)
        ?? throw new ArgumentException(
            $"Unknown instrument '{instrumentId}'. Known: {string.Join(", ", Ids)}.",
            nameof(instrumentId));

    /// <summary>
    /// Scores a questionnaire response given as item link id → answer (a missing answer is an absent entry).
    /// </summary>
    /// <exception cref="ArgumentException">The instrument id is unknown.</exception>
    public static InstrumentResult Score(
        string instrumentId,
        IReadOnlyDictionary<string, ItemAnswer> answers,
        ClinicProtocol protocol) =>
        Score(Get(instrumentId, protocol), answers, protocol);

    /// <summary>Scores a questionnaire response against a given definition.</summary>
    public static InstrumentResult Score(
        InstrumentDefinition definition,
        IReadOnlyDictionary<string, ItemAnswer> answers,
        ClinicProtocol protocol) =>
        InstrumentScorer.Score(definition, answers, protocol);
}
