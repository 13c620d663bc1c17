using System.Globalization;
using System.Text;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;
using DomainBloodPressure = KetamineClinic.Domain.Infusions.Vitals.BloodPressure;
using DomainBodyTemperature = KetamineClinic.Domain.Infusions.Vitals.BodyTemperature;
using DomainHeartRate = KetamineClinic.Domain.Infusions.Vitals.HeartRate;
using DomainRespiratoryRate = KetamineClinic.Domain.Infusions.Vitals.RespiratoryRate;

namespace KetamineClinic.Interop.Fhir.FromDomain;

/// <summary>
/// Thin conversions between Domain values (instrument definitions and results, vital-sign value types) and the FHIR
/// source records. The core mappers do not depend on the Domain; these helpers save the web layer the glue.
/// </summary>
public static class DomainMapping
{
    /// <summary>The Questionnaire source of an instrument definition (items, LOINC or local codes, answer scores, branching).</summary>
    public static QuestionnaireSource ToQuestionnaireSource(InstrumentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new QuestionnaireSource
        {
            Id = definition.Id,
            Name = MachineName(definition.Id),
            Title = definition.Title,
            Version = definition.Version,
            PanelCode = ToCoded(definition.PanelCode),
            Items = [.. definition.Items.Select(ToItem)],
        };
    }

    /// <summary>Which score Observation an instrument produces; null for an unknown id.</summary>
    public static ScoredInstrument? ToScoredInstrument(string instrumentId) => instrumentId switch
    {
        InstrumentIds.Phq9 => ScoredInstrument.Phq9,
        InstrumentIds.Gad7 => ScoredInstrument.Gad7,
        InstrumentIds.QidsSr16 => ScoredInstrument.QidsSr16,
        InstrumentIds.Madrs => ScoredInstrument.Madrs,
        InstrumentIds.Hamd17 => ScoredInstrument.HamD17,
        InstrumentIds.CssrsRecent or InstrumentIds.CssrsSinceLastVisit => ScoredInstrument.CssrsScreener,
        InstrumentIds.Cadss23 => ScoredInstrument.Cadss,
        InstrumentIds.Moaas => ScoredInstrument.Moaas,
        InstrumentIds.BprsPositive => ScoredInstrument.BprsPositive,
        InstrumentIds.BeckSsi => ScoredInstrument.BeckSsi,
        _ => null,
    };

    /// <summary>C-SSRS triage level in the source vocabulary.</summary>
    public static CssrsRisk ToCssrsRisk(CssrsRiskLevel level) => level switch
    {
        CssrsRiskLevel.None => CssrsRisk.None,
        CssrsRiskLevel.Low => CssrsRisk.Low,
        CssrsRiskLevel.Moderate => CssrsRisk.Moderate,
        CssrsRiskLevel.High => CssrsRisk.High,
    };

    /// <summary>
    /// The score Observation source of a scoring result: total and band for a scored instrument, the risk level for
    /// a triaged C-SSRS, no value (dataAbsentReason) for an incomplete one. The protocol version comes from the result.
    /// </summary>
    /// <exception cref="ArgumentException">The result is <see cref="InstrumentResult.Invalid"/> (it goes back for correction, it is not stored) or the instrument is unknown.</exception>
    public static ScoreSource ToScoreSource(InstrumentResult result, string id, string patientId, DateTimeOffset effectiveAt, string? encounterId = null, string? questionnaireResponseId = null, int? remissionCutoff = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var instrument = ToScoredInstrument(result.Instrument.Id)
            ?? throw new ArgumentException($"Instrument '{result.Instrument.Id}' has no score Observation.", nameof(result));
        var score = new ScoreSource
        {
            Id = id,
            PatientId = patientId,
            Instrument = instrument,
            EffectiveAt = effectiveAt,
            EncounterId = encounterId,
            QuestionnaireResponseId = questionnaireResponseId,
            ProtocolVersion = result.ProtocolVersion.Value,
        };
        return result switch
        {
            InstrumentResult.Scored scored => score with { Total = scored.Total, BandText = scored.Band?.Display, RemissionCutoff = remissionCutoff },
            InstrumentResult.Triaged triaged => score with { RiskLevel = ToCssrsRisk(triaged.Risk), BandText = triaged.Risk.ObservationValue().Display },
            InstrumentResult.Incomplete => score,
            InstrumentResult.Invalid => throw new ArgumentException("An invalid response is returned for correction, not stored as a score.", nameof(result)),
            _ => throw new ArgumentException($"Unknown result {result.GetType().Name}.", nameof(result)),
        };
    }

    /// <summary>
    /// The answers of a parsed QuestionnaireResponse as the Domain scorer takes them
    /// (<c>InstrumentCatalog.Score(id, answers, protocol)</c>). Free-text answers are rejected: no instrument scores text.
    /// </summary>
    public static FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>> ToItemAnswers(ParsedQuestionnaireResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal);
        var issues = new List<FhirIssue>();
        foreach (var (linkId, value) in response.Answers)
        {
            ItemAnswer? answer = value switch
            {
                AnswerValue.Integer i => ItemAnswer.Of(i.Value),
                AnswerValue.Decimal d => ItemAnswer.Of(d.Value),
                AnswerValue.Boolean b => ItemAnswer.Of(b.Value),
                AnswerValue.Coded c => new ItemAnswer.Coded(c.Value.System, c.Value.Code),
                _ => null,
            };
            if (answer is null)
            {
                issues.Add(FhirIssue.Error(FhirIssueType.NotSupported, $"Item '{linkId}' has a text answer; instrument items take numbers, yes/no or codes.", "QuestionnaireResponse.item"));
            }
            else
            {
                answers[linkId] = answer;
            }
        }

        return issues.Count > 0
            ? new FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Rejected(issues)
            : new FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Parsed(answers);
    }

    /// <summary>Blood pressure as a measurement.</summary>
    public static VitalMeasurement ToMeasurement(DomainBloodPressure value) => new VitalMeasurement.BloodPressure(value.SystolicMmHg, value.DiastolicMmHg);

    /// <summary>Heart rate as a measurement.</summary>
    public static VitalMeasurement ToMeasurement(DomainHeartRate value) => new VitalMeasurement.HeartRate(value.BeatsPerMin);

    /// <summary>SpO2 as a measurement (the oxygen support is not part of the vital-sign Observation).</summary>
    public static VitalMeasurement ToMeasurement(Spo2 value) => new VitalMeasurement.OxygenSaturation(value.Percent);

    /// <summary>Respiratory rate as a measurement.</summary>
    public static VitalMeasurement ToMeasurement(DomainRespiratoryRate value) => new VitalMeasurement.RespiratoryRate(value.BreathsPerMin);

    /// <summary>Body temperature as a measurement.</summary>
    public static VitalMeasurement ToMeasurement(DomainBodyTemperature value) => new VitalMeasurement.BodyTemperature(value.Celsius);

    /// <summary>
    /// Why an inbound measurement is not a value the Domain accepts (whole numbers where the Domain counts in whole
    /// units, and its physiological bounds), or null when it is. Use it to reject a FHIR create with 422.
    /// </summary>
    public static string? DomainProblem(VitalMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return measurement switch
        {
            VitalMeasurement.BloodPressure bp => WholeNumbers(bp.SystolicMmHg, bp.DiastolicMmHg) ?? DomainBloodPressure.Validate((int)bp.SystolicMmHg, (int)bp.DiastolicMmHg),
            VitalMeasurement.HeartRate hr => WholeNumbers(hr.PerMinute) ?? DomainHeartRate.Validate((int)hr.PerMinute),
            VitalMeasurement.OxygenSaturation spo2 => WholeNumbers(spo2.Percent) ?? Spo2.Validate((int)spo2.Percent),
            VitalMeasurement.RespiratoryRate rr => WholeNumbers(rr.PerMinute) ?? DomainRespiratoryRate.Validate((int)rr.PerMinute),
            VitalMeasurement.BodyTemperature t => DomainBodyTemperature.Validate(t.Celsius),
            VitalMeasurement.BodyWeight => null,
            _ => throw new ArgumentException($"Unknown measurement {measurement.GetType().Name}.", nameof(measurement)),
        };
    }

    private static string? WholeNumbers(params decimal[] values) =>
        values.FirstOrDefault(v => v != decimal.Truncate(v)) is var fractional && fractional != 0m
            ? string.Create(CultureInfo.InvariantCulture, $"{fractional} is not a whole number; this vital sign is recorded in whole units.")
            : null;

    private static QuestionnaireItemSource ToItem(InstrumentItem item)
    {
        var coded = item.Options.All(o => o.Code is not null);
        return new QuestionnaireItemSource
        {
            LinkId = item.LinkId,
            Text = item.Text,
            Type = item.AnswerType switch
            {
                ItemAnswerType.YesNo => QuestionType.Boolean,
                ItemAnswerType.WholeNumber => coded ? QuestionType.Choice : QuestionType.Integer,
            },
            Code = ToCoded(item.Code),
            Required = item.Required,
            AnswerOptions = item.AnswerType == ItemAnswerType.YesNo
                ? []
                : [.. item.Options.Select(o => new AnswerOptionSource { Code = coded ? ToCoded(o.Code) : null, Score = o.Value })],
            EnableWhen = item.EnabledWhenYesTo is { } parent ? [new EnableWhenSource { QuestionLinkId = parent, AnswerBoolean = true }] : [],
        };
    }

    private static CodedValue? ToCoded(ConceptCode? code) => code is null ? null : new CodedValue(code.System, code.Code, code.Display);

    // "phq-9" → "Phq9", "cssrs-screener-recent" → "CssrsScreenerRecent" (Questionnaire.name: [A-Z][A-Za-z0-9_]*).
    private static string MachineName(string id)
    {
        var name = new StringBuilder();
        foreach (var part in id.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            name.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return name.Length > 0 && char.IsAsciiLetterUpper(name[0]) ? name.ToString() : "Q" + name;
    }
}
