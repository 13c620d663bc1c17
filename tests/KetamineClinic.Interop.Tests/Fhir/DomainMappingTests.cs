// Firely's POCO properties are all nullable; a null here fails the test with a NullReferenceException, which is the check.
#nullable disable warnings

using Hl7.Fhir.Model;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Conformance;
using KetamineClinic.Interop.Fhir.FromDomain;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

public sealed class DomainMappingTests(ValidatorFixture fixture)
{
    public static TheoryData<string> InstrumentIdsData => [.. InstrumentCatalog.Ids];

    [Theory]
    [MemberData(nameof(InstrumentIdsData))]
    public void GivenEveryInstrumentDefinition_WhenMappedToAQuestionnaire_ThenItValidatesAgainstR4(string instrumentId)
    {
        var questionnaire = FhirMapper.ToQuestionnaire(DomainMapping.ToQuestionnaireSource(InstrumentCatalog.Get(instrumentId, ClinicProtocol.Default)));

        ValidationAssert.NoErrors(fixture.Validator.Validate(questionnaire), instrumentId);
        Assert.Equal(instrumentId, questionnaire.Id);
    }

    [Fact]
    public void GivenThePhq9Definition_WhenMapped_ThenLoincCanonicalItemCodesAndScoredAnswerCodesFollow()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(DomainMapping.ToQuestionnaireSource(InstrumentCatalog.Get(InstrumentIds.Phq9, ClinicProtocol.Default)));

        Assert.Equal("http://loinc.org/q/44249-1", questionnaire.Url);
        Assert.Equal("Phq9", questionnaire.Name);
        var item9 = questionnaire.Item.Single(i => i.Code.Any(c => c.Code == "44260-8"));
        Assert.Equal(Questionnaire.QuestionnaireItemType.Choice, item9.Type);
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], item9.AnswerOption.Select(o => ((Coding)o.Value).Code));
    }

    [Fact]
    public void GivenTheCssrsRecentDefinition_WhenMapped_ThenQ3ToQ5AreAskedOnlyAfterQ2Yes()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(DomainMapping.ToQuestionnaireSource(InstrumentCatalog.Get(InstrumentIds.CssrsRecent, ClinicProtocol.Default)));

        Assert.Equal("http://loinc.org/q/93373-9", questionnaire.Url);
        Assert.All(questionnaire.Item.Where(i => i.LinkId is "3" or "4" or "5"), i => Assert.Equal("2", i.EnableWhen.Single().Question));
        Assert.Equal("6", questionnaire.Item.Single(i => i.LinkId == "6a").EnableWhen.Single().Question);
        Assert.All(questionnaire.Item, i => Assert.Equal(Questionnaire.QuestionnaireItemType.Boolean, i.Type));
    }

    [Fact]
    public void GivenALocalInstrument_WhenMapped_ThenItsCanonicalIsTheClinicsAndItsPanelCodeLocal()
    {
        var questionnaire = FhirMapper.ToQuestionnaire(DomainMapping.ToQuestionnaireSource(InstrumentCatalog.Get(InstrumentIds.Madrs, ClinicProtocol.Default)));

        Assert.Equal("https://ketamine.clinic/fhir/Questionnaire/madrs", questionnaire.Url);
        Assert.Equal((FhirConventions.ClinicSystems.InstrumentScores, "madrs"), (questionnaire.Code.Single().System, questionnaire.Code.Single().Code));
        Assert.All(questionnaire.Item, i => Assert.Equal(Questionnaire.QuestionnaireItemType.Integer, i.Type));
    }

    [Fact]
    public void GivenAPhq9ResponseWithLoincAnswers_WhenParsedScoredAndMapped_ThenTheScoreObservationValidates()
    {
        var response = FhirMapper.ToQuestionnaireResponse(new QuestionnaireResponseSource
        {
            Id = Samples.QuestionnaireResponseId,
            Questionnaire = "http://loinc.org/q/44249-1",
            PatientId = Samples.PatientId,
            AuthoredAt = Samples.Arrival,
            Answers = [.. Enumerable.Range(1, 9).Select(i => new AnswerSource(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new AnswerValue.Coded(CodedValue.Loinc(i <= 6 ? "LA6570-1" : "LA6568-5"))))],
        });
        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(QuestionnaireResponseParser.Parse(FhirJson.Serialize(response))).Value;
        var answers = Assert.IsType<FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Parsed>(DomainMapping.ToItemAnswers(parsed)).Value;

        var result = InstrumentCatalog.Score(InstrumentIds.Phq9, answers, ClinicProtocol.Default);
        var observation = FhirMapper.ToObservation(DomainMapping.ToScoreSource(result, "20000000-0000-4000-8000-00000000000a", parsed.PatientId, parsed.AuthoredAt, questionnaireResponseId: response.Id, remissionCutoff: 4));

        Assert.Equal(12m, ((Quantity)observation.Value).Value);
        Assert.Equal("Moderate", observation.Interpretation.Single().Text);
        Assert.Equal(ClinicProtocol.Default.Version.Value, ((FhirString)observation.GetExtension(FhirConventions.Extensions.ProtocolVersion).Value).Value);
        ValidationAssert.NoErrors(fixture.Validator.Validate(observation), "PHQ-9 score");
    }

    [Theory]
    [InlineData(false, false, CssrsRisk.None, "none")]
    [InlineData(true, false, CssrsRisk.Low, "low")]
    public void GivenATriagedCssrs_WhenMapped_ThenTheRiskLevelIsTheObservationValue(bool q1, bool q2, CssrsRisk risk, string code)
    {
        var answers = new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["1"] = q1, ["2"] = q2, ["6"] = false };
        var result = Assert.IsType<InstrumentResult.Triaged>(InstrumentCatalog.Score(InstrumentIds.CssrsRecent, answers, ClinicProtocol.Default));

        var source = DomainMapping.ToScoreSource(result, "20000000-0000-4000-8000-00000000000b", Samples.PatientId, Samples.Arrival);

        Assert.Equal(risk, source.RiskLevel);
        Assert.Equal(code, ((CodeableConcept)FhirMapper.ToObservation(source).Value).Coding.Single().Code);
    }

    [Fact]
    public void GivenIncompleteAndInvalidResults_WhenMapped_ThenIncompleteHasNoValueAndInvalidIsRefused()
    {
        var incomplete = InstrumentCatalog.Score(InstrumentIds.Phq9, new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["1"] = 1 }, ClinicProtocol.Default);
        var invalid = InstrumentCatalog.Score(InstrumentIds.Phq9, new Dictionary<string, ItemAnswer>(StringComparer.Ordinal) { ["1"] = 7 }, ClinicProtocol.Default);

        var observation = FhirMapper.ToObservation(DomainMapping.ToScoreSource(Assert.IsType<InstrumentResult.Incomplete>(incomplete), "20000000-0000-4000-8000-00000000000c", Samples.PatientId, Samples.Arrival));

        Assert.Null(observation.Value);
        Assert.NotNull(observation.DataAbsentReason);
        Assert.Throws<ArgumentException>(() => DomainMapping.ToScoreSource(Assert.IsType<InstrumentResult.Invalid>(invalid), "x", Samples.PatientId, Samples.Arrival));
    }

    [Fact]
    public void GivenATextAnswer_WhenTurnedIntoItemAnswers_ThenItIsRejected()
    {
        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(
            QuestionnaireResponseParser.Parse(FhirMapper.ToQuestionnaireResponse(Samples.Phq9Response))).Value;

        var rejected = Assert.IsType<FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Rejected>(DomainMapping.ToItemAnswers(parsed));

        Assert.Contains("'note'", Assert.Single(rejected.Issues).Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenEveryInstrument_WhenItsIdIsLookedUp_ThenItHasAScoreObservationCode()
    {
        Assert.All(InstrumentCatalog.Ids, id => Assert.NotNull(DomainMapping.ToScoredInstrument(id)));
        Assert.Null(DomainMapping.ToScoredInstrument("unknown"));
        Assert.All(InstrumentCatalog.All(ClinicProtocol.Default).Where(d => d.TotalCode is not null), d =>
        {
            var coding = FhirMapper.ScoreCode(DomainMapping.ToScoredInstrument(d.Id)!.Value).Coding.Single();
            Assert.Equal((d.TotalCode!.System, d.TotalCode.Code), (coding.System, coding.Code));
        });
    }

    [Fact]
    public void GivenTheDomainsLocalCodes_WhenLookedUpInTheClinicCodeSystems_ThenCodeAndDisplayAgree()
    {
        var systems = ClinicConformance.CodeSystems().ToDictionary(cs => cs.Url, StringComparer.Ordinal);
        var domainCodes = InstrumentCatalog.All(ClinicProtocol.Default)
            .SelectMany(d => new[] { d.PanelCode, d.TotalCode }.Concat(d.Items.Select(i => i.Code)))
            .Concat(Enum.GetValues<CssrsRiskLevel>().Select(r => r.ObservationValue()))
            .OfType<ConceptCode>()
            .Where(c => c.System.StartsWith(FhirConventions.ClinicBase, StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(domainCodes);
        Assert.All(domainCodes, c => Assert.Equal(c.Display, Assert.Single(systems[c.System].Concept, x => x.Code == c.Code).Display));
        Assert.All(Enum.GetValues<CssrsRiskLevel>(), r =>
        {
            var ours = FhirMapper.ToRiskAssessment(Samples.CssrsRiskAssessment with { Risk = DomainMapping.ToCssrsRisk(r) }).Prediction[0].QualitativeRisk.Coding[0];
            Assert.Equal((r.QualitativeRisk().System, r.QualitativeRisk().Code, r.QualitativeRisk().Display), (ours.System, ours.Code, ours.Display));
        });
    }

    [Fact]
    public void GivenDomainVitals_WhenConverted_ThenTheMeasurementsCarryTheSameValues()
    {
        Assert.Equal(new VitalMeasurement.BloodPressure(182m, 96m), DomainMapping.ToMeasurement(new BloodPressure(182, 96)));
        Assert.Equal(new VitalMeasurement.HeartRate(61m), DomainMapping.ToMeasurement(new HeartRate(61)));
        Assert.Equal(new VitalMeasurement.OxygenSaturation(93m), DomainMapping.ToMeasurement(Spo2.RoomAir(93)));
        Assert.Equal(new VitalMeasurement.RespiratoryRate(9m), DomainMapping.ToMeasurement(new RespiratoryRate(9)));
        Assert.Equal(new VitalMeasurement.BodyTemperature(37.2m), DomainMapping.ToMeasurement(new BodyTemperature(37.2m)));
    }

    [Theory]
    [InlineData(96.5, "not a whole number")]
    [InlineData(45, "outside the accepted range")]
    [InlineData(97, null)]
    public void GivenAnInboundSpo2_WhenCheckedAgainstTheDomain_ThenFractionsAndImpossibleValuesAreNamed(double percent, string? expected)
    {
        var problem = DomainMapping.DomainProblem(new VitalMeasurement.OxygenSaturation((decimal)percent));

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void GivenAnInboundBloodPressureWithDiastolicAboveSystolic_WhenCheckedAgainstTheDomain_ThenItIsRefused() =>
        Assert.Contains("must be below systolic", DomainMapping.DomainProblem(new VitalMeasurement.BloodPressure(90m, 120m)), StringComparison.Ordinal);
}
