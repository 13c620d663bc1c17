using System.Globalization;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Safety;

namespace KetamineClinic.Domain.Instruments;

/// <summary>
/// Generic scoring of a questionnaire response against an <see cref="InstrumentDefinition"/>: validation of every
/// answer (type, whole number, range), completeness (SCALE-01), total or triage, band, and suicide-risk triggers.
/// </summary>
internal static class InstrumentScorer
{
    public static InstrumentResult Score(
        InstrumentDefinition definition,
        IReadOnlyDictionary<string, ItemAnswer> answers,
        ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(protocol);

        var instrument = new InstrumentRef(definition.Id, definition.Version);
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        var errors = new List<ItemValidationError>();
        foreach (var item in definition.Items)
        {
            if (!answers.TryGetValue(item.LinkId, out var answer) || answer is null)
            {
                continue;
            }

            var (value, error) = Read(definition, item, answer);
            if (error is null)
            {
                values[item.LinkId] = value;
            }
            else
            {
                errors.Add(error);
            }
        }

        foreach (var linkId in answers.Keys.Where(k => definition.FindItem(k) is null).Order(StringComparer.Ordinal))
        {
            errors.Add(new ItemValidationError(
                definition.ItemRule,
                linkId,
                ValidationProblem.UnknownItem,
                $"{definition.Title} has no item '{linkId}' ({definition.ItemRule})."));
        }

        if (definition.Scoring == ScoringMethod.CssrsTriage)
        {
            errors.AddRange(BranchingErrors(definition, values));
        }

        if (errors.Count > 0)
        {
            return new InstrumentResult.Invalid(instrument, protocol.Version, errors);
        }

        var missing = MissingAnswers(definition, values);
        return definition.Scoring switch
        {
            ScoringMethod.CssrsTriage => Triage(definition, instrument, values, missing, protocol),
            ScoringMethod.SumOfItems or ScoringMethod.SumOfDomainMaxima => Total(definition, instrument, values, missing, protocol),
        };
    }

    private static (int Value, ItemValidationError? Error) Read(InstrumentDefinition definition, InstrumentItem item, ItemAnswer answer)
    {
        var label = $"{definition.Title} item {item.LinkId} ({item.Text})";
        ItemValidationError Error(ValidationProblem problem, string detail) =>
            new(definition.ItemRule, item.LinkId, problem, $"{label}: {detail} ({definition.ItemRule}).");

        switch (answer)
        {
            case ItemAnswer.Number number when item.AnswerType == ItemAnswerType.YesNo:
                return (0, Error(ValidationProblem.WrongAnswerType, "expects Yes or No, not a number"));
            case ItemAnswer.Number number when number.Value != decimal.Truncate(number.Value):
                return (0, Error(
                    ValidationProblem.NotAWholeNumber,
                    $"{Format(number.Value)} is not a whole number; allowed values are the whole numbers {item.AllowedRangeText}"));
            case ItemAnswer.Number number when number.Value < item.MinValue || number.Value > item.MaxValue:
                return (0, Error(
                    ValidationProblem.OutOfRange,
                    $"{Format(number.Value)} is outside the allowed range {item.AllowedRangeText}"));
            case ItemAnswer.Number number:
                return ((int)number.Value, null);
            case ItemAnswer.YesNo when item.AnswerType == ItemAnswerType.WholeNumber:
                return (0, Error(ValidationProblem.WrongAnswerType, $"expects a whole number {item.AllowedRangeText}, not Yes/No"));
            case ItemAnswer.YesNo yesNo:
                return (yesNo.Value ? 1 : 0, null);
            case ItemAnswer.Coded coded:
                var option = item.Options.FirstOrDefault(o =>
                    o.Code is { } code
                    && string.Equals(code.System, coded.System, StringComparison.Ordinal)
                    && string.Equals(code.Code, coded.Code, StringComparison.Ordinal));
                return option is null
                    ? (0, Error(
                        ValidationProblem.UnknownAnswerCode,
                        $"answer code {coded.System}|{coded.Code} is not one of the item's answers {item.AllowedRangeText}"))
                    : (option.Value, null);
            default:
                throw new ArgumentException($"Unsupported answer type {answer.GetType().Name}.", nameof(answer));
        }
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// CSSRS-VAL-01 (clinical-spec §6.6): Q3–Q5 answered Yes while Q2 = No is a branching violation. Answers of No to
    /// skipped questions, and Q6a after Q6 = No, are accepted and ignored.
    /// </summary>
    private static IEnumerable<ItemValidationError> BranchingErrors(InstrumentDefinition definition, Dictionary<string, int> values) =>
        definition.Items
            .Where(i => i.EnabledWhenYesTo == "2"
                && values.TryGetValue("2", out var q2) && q2 == 0
                && values.TryGetValue(i.LinkId, out var v) && v == 1)
            .Select(i => new ItemValidationError(
                definition.ItemRule,
                i.LinkId,
                ValidationProblem.BranchingViolation,
                $"{definition.Title} item {i.LinkId} ({i.Text}): answered Yes although item 2 was No; items 3–5 are asked only after item 2 = Yes ({definition.ItemRule})."));

    /// <summary>SCALE-01 / PHQ9-03 / CSSRS-VAL-01: required (and enabled) items without an answer, in form order.</summary>
    private static List<MissingAnswer> MissingAnswers(InstrumentDefinition definition, Dictionary<string, int> values)
    {
        var missing = new List<MissingAnswer>();
        foreach (var item in definition.Items)
        {
            var enabled = item.EnabledWhenYesTo is not { } parent || (values.TryGetValue(parent, out var p) && p == 1);
            if (item.Required && enabled && !values.ContainsKey(item.LinkId))
            {
                missing.Add(new MissingAnswer(item.LinkId, item.Text));
            }

            var group = definition.EitherOrGroups.FirstOrDefault(g => string.Equals(g.ItemLinkIds[0], item.LinkId, StringComparison.Ordinal));
            if (group is not null && !group.ItemLinkIds.Any(values.ContainsKey))
            {
                missing.Add(new MissingAnswer(item.LinkId, item.Text, group.ItemLinkIds[1]));
            }
        }

        return missing;
    }

    private static InstrumentResult Total(
        InstrumentDefinition definition,
        InstrumentRef instrument,
        Dictionary<string, int> values,
        List<MissingAnswer> missing,
        ClinicProtocol protocol)
    {
        var triggers = SuicideItemTriggers(definition, values, protocol);
        if (missing.Count > 0)
        {
            // SCALE-01 (clinical-spec §6.1): any missing scored item ⇒ total null, status incomplete; no prorating.
            return new InstrumentResult.Incomplete(instrument, protocol.Version, definition.CompletenessRule, missing, values, triggers);
        }

        // QIDS-SR16 (clinical-spec §6.4): each domain scores its highest item; never the sum of the 16 items.
        DomainScore[] domains = [.. definition.Domains.Select(d => new DomainScore(
            d.Name,
            d.ItemLinkIds.Where(values.ContainsKey).Max(l => values[l])))];
        var total = definition.Scoring == ScoringMethod.SumOfDomainMaxima
            ? domains.Sum(d => d.Score)
            : definition.Items.Where(i => i.Scored).Sum(i => values[i.LinkId]);
        return new InstrumentResult.Scored(
            instrument,
            protocol.Version,
            total,
            definition.BandFor(total),
            values,
            domains,
            triggers);
    }

    /// <summary>PHQ9-SAFETY-01, QIDS-SAFETY-01, MADRS-SAFETY-01, HAMD-SAFETY-01: the suicide item's SI level.</summary>
    private static SuicideRiskTrigger[] SuicideItemTriggers(InstrumentDefinition definition, Dictionary<string, int> values, ClinicProtocol protocol)
    {
        if (definition.SuicideItem is not { } mapping || !values.TryGetValue(mapping.ItemLinkId, out var value))
        {
            return [];
        }

        var level = mapping.Thresholds(protocol.Instruments).LevelFor(value);
        if (level == SuicideRiskLevel.None)
        {
            return [];
        }

        var cssrs = mapping.SameSessionCssrsFrom != SuicideRiskLevel.None && level >= mapping.SameSessionCssrsFrom;
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{definition.Title} item {mapping.ItemLinkId} = {value}: {SuicideRiskLevels.Label(level)}{(cssrs ? " with a mandatory same-session C-SSRS" : string.Empty)} ({mapping.Rule}).");
        return [new SuicideRiskTrigger(mapping.Rule, level, definition.Id, mapping.ItemLinkId, value, reason, cssrs)];
    }

    private static InstrumentResult Triage(
        InstrumentDefinition definition,
        InstrumentRef instrument,
        Dictionary<string, int> values,
        List<MissingAnswer> missing,
        ClinicProtocol protocol)
    {
        var version = definition.FindItem("6a") is null ? CssrsScreenerVersion.SinceLastVisit : CssrsScreenerVersion.Recent;
        if (missing.Count > 0)
        {
            // CSSRS-VAL-01 (clinical-spec §6.6): an incomplete screener is treated as High (SI-3) until completed.
            var trigger = new SuicideRiskTrigger(
                definition.CompletenessRule,
                SuicideRiskLevel.SI3,
                definition.Id,
                missing[0].LinkId,
                itemValue: null,
                $"{definition.Title} incomplete (item {string.Join(", ", missing.Select(m => m.LinkId))} missing): treated as High, SI-3, until completed ({definition.CompletenessRule}).");
            return new InstrumentResult.Incomplete(instrument, protocol.Version, definition.CompletenessRule, missing, values, [trigger]);
        }

        var (risk, rule, item) = CssrsScreener.Triage(values, version);
        var level = risk.ToSuicideRiskLevel();

        // CSSRS-04: None names no deciding item and raises no trigger; every other level names the item that decided it.
        SuicideRiskTrigger[] triggers = item is null
            ? []
            :
            [
                new SuicideRiskTrigger(
                    rule,
                    level,
                    definition.Id,
                    item,
                    values[item],
                    string.Create(CultureInfo.InvariantCulture, $"{definition.Title}: {risk} risk (item {item} = {(values[item] == 1 ? "Yes" : "No")}): {SuicideRiskLevels.Label(level)} ({rule})."))
            ];
        return new InstrumentResult.Triaged(instrument, protocol.Version, version, risk, rule, values, triggers);
    }
}
