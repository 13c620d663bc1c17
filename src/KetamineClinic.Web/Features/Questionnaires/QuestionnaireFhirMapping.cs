using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.FromDomain;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>
/// The instrument catalogue as FHIR sees it: each instrument's Questionnaire canonical (LOINC's where LOINC has a
/// panel, e.g. <c>http://loinc.org/q/44249-1</c> for the PHQ-9, else the clinic's) and the code of its score
/// Observation (PHQ-9 44261-6, GAD-7 70274-6, C-SSRS risk level 93374-7, local codes for the rest).
/// </summary>
public sealed class InstrumentCanonicals
{
    private readonly Dictionary<string, string> _instrumentByCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _canonicalByInstrument = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstrumentDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly List<(string InstrumentId, string System, string Code)> _scoreCodes = [];

    public InstrumentCanonicals(ClinicProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        foreach (var definition in InstrumentCatalog.All(protocol))
        {
            var canonical = DomainMapping.ToQuestionnaireSource(definition).Url;
            _definitions[definition.Id] = definition;
            _canonicalByInstrument[definition.Id] = canonical;
            _instrumentByCanonical[canonical] = definition.Id;
            // The clinic's own address for every instrument is accepted too, and a bare "Questionnaire/<id>".
            _instrumentByCanonical[FhirConventions.QuestionnaireCanonical(definition.Id, null)] = definition.Id;
            _instrumentByCanonical["Questionnaire/" + definition.Id] = definition.Id;
            var code = definition.Scoring == ScoringMethod.CssrsTriage ? CssrsScreener.RiskLevelCode : definition.TotalCode;
            if (code is not null)
            {
                _scoreCodes.Add((definition.Id, code.System, code.Code));
            }
        }
    }

    /// <summary>The instrument a Questionnaire canonical (without <c>|version</c>) names, or null.</summary>
    public string? InstrumentFor(string canonical) =>
        _instrumentByCanonical.GetValueOrDefault(canonical.Split('|', 2)[0]);

    public string CanonicalOf(string instrumentId) => _canonicalByInstrument[instrumentId];

    public InstrumentDefinition Definition(string instrumentId) => _definitions[instrumentId];

    /// <summary>The instruments whose score Observation has a code the token accepts.</summary>
    public IEnumerable<string> InstrumentsWithScoreCode(Func<string, string, bool> matches) =>
        _scoreCodes.Where(c => matches(c.System, c.Code)).Select(c => c.InstrumentId);

    /// <summary>The stored response as a FHIR QuestionnaireResponse (answers coded as the Questionnaire codes them).</summary>
    public FhirResourceOut ToQuestionnaireResponse(InstrumentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var definition = Definition(response.InstrumentId);
        return FhirResourceOut.Of(FhirMapper.ToQuestionnaireResponse(new QuestionnaireResponseSource
        {
            Id = FhirIds.From(response.Id),
            Questionnaire = CanonicalOf(response.InstrumentId),
            PatientId = FhirIds.From(response.PatientId),
            AuthoredAt = response.AnsweredAt,
            Status = ResponseStatus.Completed,
            // Staff user ids are the Practitioner ids (a staff-administered, clinician-rated instrument).
            AuthorPractitionerId = response.Source == ResponseSource.Staff && response.SubmittedByUserId is { } staff ? FhirIds.From(staff) : null,
            Identifier = response.ExternalIdSystem is { } system && response.ExternalIdValue is { } value ? new ExternalIdentifier(system, value) : null,
            Answers = [.. response.Answers
                .OrderBy(a => definition.Items.ToList().FindIndex(i => i.LinkId == a.LinkId))
                .Select(a => new AnswerSource(a.LinkId, AnswerOf(definition.FindItem(a.LinkId), a.Value)))],
        }));
    }

    /// <summary>The score Observation (category survey) derived from the stored response.</summary>
    public static FhirResourceOut ToScoreObservation(InstrumentResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var instrument = DomainMapping.ToScoredInstrument(response.InstrumentId)
            ?? throw new ArgumentException($"Instrument '{response.InstrumentId}' has no score Observation.", nameof(response));
        var source = new ScoreSource
        {
            Id = FhirIds.From(response.ScoreObservationId),
            PatientId = FhirIds.From(response.PatientId),
            Instrument = instrument,
            EffectiveAt = response.AnsweredAt,
            QuestionnaireResponseId = FhirIds.From(response.Id),
            ProtocolVersion = response.ProtocolVersion,
        };
        source = response.Outcome switch
        {
            ResponseOutcome.Scored => source with { Total = response.Total, BandText = response.BandDisplay },
            ResponseOutcome.Triaged when response.CssrsRisk is { } risk =>
                source with { RiskLevel = DomainMapping.ToCssrsRisk(risk), BandText = risk.ObservationValue().Display },
            ResponseOutcome.Triaged or ResponseOutcome.Incomplete => source,
        };
        return FhirResourceOut.Of(FhirMapper.ToObservation(source));
    }

    private static AnswerValue AnswerOf(InstrumentItem? item, int value)
    {
        if (item?.AnswerType == ItemAnswerType.YesNo)
        {
            return new AnswerValue.Boolean(value == 1);
        }
        return item?.Options.FirstOrDefault(o => o.Value == value)?.Code is { } code && item.Options.All(o => o.Code is not null)
            ? new AnswerValue.Coded(new CodedValue(code.System, code.Code, code.Display))
            : new AnswerValue.Integer(value);
    }
}
