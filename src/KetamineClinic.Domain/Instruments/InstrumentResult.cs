using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Instruments;

/// <summary>Identifies the instrument definition a result was computed with.</summary>
/// <param name="Id">Instrument id, e.g. "phq-9".</param>
/// <param name="Version">Definition version.</param>
public readonly record struct InstrumentRef(string Id, string Version)
{
    /// <inheritdoc />
    public override string ToString() => $"{Id}@{Version}";
}

/// <summary>Why an answer was rejected.</summary>
public enum ValidationProblem
{
    /// <summary>A number outside the item's allowed range.</summary>
    OutOfRange,

    /// <summary>A number with a fractional part.</summary>
    NotAWholeNumber,

    /// <summary>A yes/no answer for a numeric item, or a number for a yes/no item.</summary>
    WrongAnswerType,

    /// <summary>A coded answer that is not one of the item's answer codes.</summary>
    UnknownAnswerCode,

    /// <summary>An answer to an item the instrument does not have.</summary>
    UnknownItem,

    /// <summary>An answer the form's branching does not allow (CSSRS-VAL-01).</summary>
    BranchingViolation,
}

/// <summary>One reason an input was returned for correction (clinical-spec §0: validation errors are not gates).</summary>
/// <param name="Rule">Rule id, e.g. MADRS-01, HAMD-01, CSSRS-VAL-01.</param>
/// <param name="ItemLinkId">The item concerned.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Message">Plain-words message naming the item and its allowed range.</param>
public sealed record ItemValidationError(RuleId Rule, string ItemLinkId, ValidationProblem Problem, string Message)
{
    /// <summary>Plain-words message; never blank.</summary>
    public string Message { get; } = Checks.NotBlank(Message, nameof(Message));
}

/// <summary>A required answer that is missing.</summary>
/// <param name="LinkId">The missing item.</param>
/// <param name="ItemText">Its short label.</param>
/// <param name="AlternativeLinkId">For an either/or pair, the other item that would also do; else null.</param>
public sealed record MissingAnswer(string LinkId, string ItemText, string? AlternativeLinkId = null)
{
    /// <summary>The missing item's short label; never blank.</summary>
    public string ItemText { get; } = Checks.NotBlank(ItemText, nameof(ItemText));
}

/// <summary>A domain score of a domain-scored instrument (QIDS-SR16).</summary>
/// <param name="Name">Domain name.</param>
/// <param name="Score">Highest answered item of the domain.</param>
public sealed record DomainScore(string Name, int Score);

/// <summary>
/// The outcome of scoring one questionnaire response: a closed hierarchy (<see cref="Scored"/>,
/// <see cref="Triaged"/>, <see cref="Incomplete"/>, <see cref="Invalid"/>). Every result carries the instrument
/// id/version and the protocol version it was computed under.
/// </summary>
public abstract record InstrumentResult
{
    private InstrumentResult(InstrumentRef instrument, ProtocolVersion protocolVersion, IReadOnlyList<SuicideRiskTrigger> triggers)
    {
        Instrument = instrument;
        ProtocolVersion = protocolVersion;
        SuicideRiskTriggers = triggers;
    }

    /// <summary>Instrument id and definition version.</summary>
    public InstrumentRef Instrument { get; }

    /// <summary>Protocol version whose [C] values were used.</summary>
    public ProtocolVersion ProtocolVersion { get; }

    /// <summary>
    /// Suicide-risk triggers raised by this response (clinical-spec §8.1). Raised from the answered items even when
    /// the response is incomplete; never raised from an invalid response (it is returned for correction).
    /// </summary>
    public IReadOnlyList<SuicideRiskTrigger> SuicideRiskTriggers { get; }

    /// <summary>Highest SI level among <see cref="SuicideRiskTriggers"/>; None when there is none.</summary>
    public SuicideRiskLevel HighestSuicideRiskLevel =>
        SuicideRiskTriggers.Select(t => t.Level).DefaultIfEmpty(SuicideRiskLevel.None).Max();

    /// <summary>A complete, valid response with a total (e.g. PHQ9-01, MADRS-01, QIDS domain collapse).</summary>
    public sealed record Scored : InstrumentResult
    {
        /// <summary>Creates a scored result.</summary>
        public Scored(
            InstrumentRef instrument,
            ProtocolVersion protocolVersion,
            int total,
            ScoreBand? band,
            IReadOnlyDictionary<string, int> itemValues,
            IReadOnlyList<DomainScore> domains,
            IReadOnlyList<SuicideRiskTrigger> triggers)
            : base(instrument, protocolVersion, triggers)
        {
            Total = total;
            Band = band;
            ItemValues = itemValues;
            Domains = domains;
        }

        /// <summary>The total score.</summary>
        public int Total { get; }

        /// <summary>The severity band; null for instruments without bands (CADSS, BPRS, SSI, MOAA/S).</summary>
        public ScoreBand? Band { get; }

        /// <summary>Every answered item's value by link id (including unscored items such as PHQ-9 item 10).</summary>
        public IReadOnlyDictionary<string, int> ItemValues { get; }

        /// <summary>Domain scores (QIDS-SR16); empty for plain sums.</summary>
        public IReadOnlyList<DomainScore> Domains { get; }
    }

    /// <summary>A complete, valid C-SSRS screener with its risk level (CSSRS-01…04).</summary>
    public sealed record Triaged : InstrumentResult
    {
        /// <summary>Creates a triaged result.</summary>
        public Triaged(
            InstrumentRef instrument,
            ProtocolVersion protocolVersion,
            CssrsScreenerVersion screenerVersion,
            CssrsRiskLevel risk,
            RuleId decidedBy,
            IReadOnlyDictionary<string, int> itemValues,
            IReadOnlyList<SuicideRiskTrigger> triggers)
            : base(instrument, protocolVersion, triggers)
        {
            ScreenerVersion = screenerVersion;
            Risk = risk;
            DecidedBy = decidedBy;
            ItemValues = itemValues;
        }

        /// <summary>Which screener form was used (CSSRS-VER-01).</summary>
        public CssrsScreenerVersion ScreenerVersion { get; }

        /// <summary>The derived risk level (recorded as Observation 93374-7).</summary>
        public CssrsRiskLevel Risk { get; }

        /// <summary>The rule that decided the level (CSSRS-01 High … CSSRS-04 None).</summary>
        public RuleId DecidedBy { get; }

        /// <summary>Answers by link id: Yes = 1, No = 0.</summary>
        public IReadOnlyDictionary<string, int> ItemValues { get; }
    }

    /// <summary>
    /// A valid response with required items missing: total null, no prorating (SCALE-01, PHQ9-03). An incomplete
    /// C-SSRS screener is treated as High until completed (CSSRS-VAL-01).
    /// </summary>
    public sealed record Incomplete : InstrumentResult
    {
        /// <summary>Creates an incomplete result.</summary>
        public Incomplete(
            InstrumentRef instrument,
            ProtocolVersion protocolVersion,
            RuleId rule,
            IReadOnlyList<MissingAnswer> missing,
            IReadOnlyDictionary<string, int> itemValues,
            IReadOnlyList<SuicideRiskTrigger> triggers)
            : base(instrument, protocolVersion, triggers)
        {
            if (missing.Count == 0)
            {
                throw new ArgumentException("An incomplete result names at least one missing answer.", nameof(missing));
            }

            Rule = rule;
            MissingAnswers = missing;
            ItemValues = itemValues;
        }

        /// <summary>The completeness rule (SCALE-01, PHQ9-03 or CSSRS-VAL-01).</summary>
        public RuleId Rule { get; }

        /// <summary>The missing answers, in form order.</summary>
        public IReadOnlyList<MissingAnswer> MissingAnswers { get; }

        /// <summary>The answered items' values by link id.</summary>
        public IReadOnlyDictionary<string, int> ItemValues { get; }
    }

    /// <summary>The input is rejected and returned for correction; nothing is scored or triggered.</summary>
    public sealed record Invalid : InstrumentResult
    {
        /// <summary>Creates an invalid result.</summary>
        public Invalid(InstrumentRef instrument, ProtocolVersion protocolVersion, IReadOnlyList<ItemValidationError> errors)
            : base(instrument, protocolVersion, [])
        {
            if (errors.Count == 0)
            {
                throw new ArgumentException("An invalid result names at least one error.", nameof(errors));
            }

            Errors = errors;
        }

        /// <summary>Every problem found, in form order.</summary>
        public IReadOnlyList<ItemValidationError> Errors { get; }
    }
}
