using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Tests.Fhir;

public sealed class QuestionnaireResponseParserTests
{
    private static readonly Dictionary<string, int> Phq9Scores = new(StringComparer.Ordinal)
    {
        ["LA6568-5"] = 0,
        ["LA6569-3"] = 1,
        ["LA6570-1"] = 2,
        ["LA6571-9"] = 3,
    };

    [Fact]
    public void GivenAPhq9WithLoincAnswerCodes_WhenParsed_ThenEachItemScoresByItsLaCode()
    {
        const string json = """
        {
          "resourceType": "QuestionnaireResponse",
          "questionnaire": "http://loinc.org/q/44249-1|2.0",
          "status": "completed",
          "subject": { "reference": "Patient/0b7e3f3a-1d2c-4e5f-8a9b-0c1d2e3f4a5b" },
          "authored": "2026-03-02T13:38:00-05:00",
          "item": [
            { "linkId": "44250-9", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": "LA6570-1", "display": "More than half the days" } }] },
            { "linkId": "44255-8", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": "LA6571-9" } }] },
            { "linkId": "44259-0", "answer": [{ "valueInteger": 1 }] },
            { "linkId": "44260-8", "answer": [{ "valueCoding": { "system": "http://loinc.org", "code": "LA6568-5" } }] },
            { "linkId": "69722-7" }
          ]
        }
        """;

        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(QuestionnaireResponseParser.Parse(json)).Value;

        Assert.Equal("http://loinc.org/q/44249-1", parsed.Questionnaire);
        Assert.Equal("2.0", parsed.QuestionnaireVersion);
        Assert.Equal(Samples.PatientId, parsed.PatientId);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 18, 38, 0, TimeSpan.Zero), parsed.AuthoredAt);
        Assert.Equal(ResponseStatus.Completed, parsed.Status);
        Assert.Equal(2, parsed.ScoreOf("44250-9", Phq9Scores));
        Assert.Equal(3, parsed.ScoreOf("44255-8", Phq9Scores));
        Assert.Equal(1, parsed.ScoreOf("44259-0", Phq9Scores));
        Assert.Equal(0, parsed.ScoreOf("44260-8", Phq9Scores));
        Assert.Null(parsed.ScoreOf("69722-7", Phq9Scores));
        Assert.Equal(4, parsed.Answers.Count);
        Assert.Equal(new AnswerValue.Coded(new CodedValue("http://loinc.org", "LA6570-1", "More than half the days")), parsed.Answers["44250-9"]);
    }

    [Fact]
    public void GivenAResponseThisServerBuilt_WhenParsedBack_ThenEveryAnswerTypeSurvives()
    {
        var source = Samples.Phq9Response;

        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(
            QuestionnaireResponseParser.Parse(FhirJson.Serialize(FhirMapper.ToQuestionnaireResponse(source)))).Value;

        Assert.Equal(source.Answers.ToDictionary(a => a.LinkId, a => a.Value), parsed.Answers);
        Assert.Equal(source.AuthoredAt, parsed.AuthoredAt);
        Assert.Equal(Samples.EncounterId, parsed.EncounterId);
        Assert.Equal("1.0.0", parsed.QuestionnaireVersion);
    }

    [Fact]
    public void GivenAStoredResponseWithItsSendersIdentifier_WhenMappedAndParsedBack_ThenTheIdentifierRoundTrips()
    {
        var source = Samples.Phq9Response with { Identifier = new ExternalIdentifier("urn:example:tablet-app", "visit-0001") };

        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(
            QuestionnaireResponseParser.Parse(FhirJson.Serialize(FhirMapper.ToQuestionnaireResponse(source)))).Value;

        Assert.Equal(("urn:example:tablet-app", "visit-0001"), (parsed.Identifier?.System, parsed.Identifier?.Value));
    }

    [Fact]
    public void GivenCssrsBooleansWithNestedFollowUps_WhenParsed_ThenNestedAnswersAreFlattenedByLinkId()
    {
        var response = Base();
        response.Item =
        [
            new QuestionnaireResponse.ItemComponent
            {
                LinkId = "q2",
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new FhirBoolean(true), Item = [Item("q3", new FhirBoolean(false))] }],
            },
            new QuestionnaireResponse.ItemComponent { LinkId = "group", Item = [Item("q6", new FhirBoolean(true)), Item("q6a", new FhirBoolean(false))] },
        ];

        var parsed = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Parsed>(QuestionnaireResponseParser.Parse(response)).Value;

        Assert.Equal(new AnswerValue.Boolean(true), parsed.Answers["q2"]);
        Assert.Equal(new AnswerValue.Boolean(false), parsed.Answers["q3"]);
        Assert.Equal(new AnswerValue.Boolean(true), parsed.Answers["q6"]);
        Assert.Equal(new AnswerValue.Boolean(false), parsed.Answers["q6a"]);
        Assert.False(parsed.Answers.ContainsKey("group"));
    }

    [Fact]
    public void GivenAResponseWithoutQuestionnaireSubjectOrAuthored_WhenParsed_ThenEachIsReported()
    {
        var response = new QuestionnaireResponse { Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed };

        var issues = Rejected(response);

        Assert.Equal(["QuestionnaireResponse.questionnaire", "QuestionnaireResponse.subject", "QuestionnaireResponse.authored"], issues.Select(i => i.Expression[0]));
        Assert.All(issues, i => Assert.Equal(FhirIssueType.Required, i.Code));
    }

    [Fact]
    public void GivenASubjectThatIsNotAPatient_WhenParsed_ThenTheReferenceIsRejected()
    {
        var response = Base();
        response.Subject = new ResourceReference("Practitioner/7c3f2e4a-5d6f-4e80-9ba2-3c4d5e6f7081");

        var issue = Assert.Single(Rejected(response));

        Assert.Equal(["QuestionnaireResponse.subject"], issue.Expression);
        Assert.Contains("not a reference to a Patient", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnItemAnsweredTwiceOrWithTwoAnswers_WhenParsed_ThenBothAreRejected()
    {
        var response = Base();
        response.Item =
        [
            Item("44250-9", new Integer(1)),
            Item("44250-9", new Integer(2)),
            new QuestionnaireResponse.ItemComponent
            {
                LinkId = "44255-8",
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(1) }, new QuestionnaireResponse.AnswerComponent { Value = new Integer(2) }],
            },
        ];

        var issues = Rejected(response);

        Assert.Equal([FhirIssueType.Duplicate, FhirIssueType.NotSupported], issues.Select(i => i.Code));
        Assert.Equal(["QuestionnaireResponse.item[1].linkId", "QuestionnaireResponse.item[2].answer"], issues.Select(i => i.Expression[0]));
    }

    [Fact]
    public void GivenUnsupportedOrIncompleteAnswers_WhenParsed_ThenTheyAreRejectedWithTheirPath()
    {
        var response = Base();
        response.Item =
        [
            Item("when", new Date(2026, 3, 2)),
            Item("coded", new Coding { Code = "LA6568-5" }),
        ];

        var issues = Rejected(response);

        Assert.Equal(["QuestionnaireResponse.item[0].answer[0].value", "QuestionnaireResponse.item[1].answer[0].value"], issues.Select(i => i.Expression[0]));
        Assert.Contains("is a date", issues[0].Diagnostics, StringComparison.Ordinal);
        Assert.Contains("system and code", issues[1].Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenInvalidJson_WhenParsed_ThenTheParsersMessageIsReturned()
    {
        var rejected = Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Rejected>(
            QuestionnaireResponseParser.Parse("""{"resourceType":"QuestionnaireResponse","status":"done"}"""));

        Assert.Contains(rejected.Issues, i => i.Diagnostics.Contains("'done'", StringComparison.Ordinal));
        Assert.Equal(OperationOutcome.IssueSeverity.Error, rejected.ToOperationOutcome().Issue[0].Severity);
    }

    private static QuestionnaireResponse Base() => new()
    {
        Questionnaire = "http://loinc.org/q/93373-9",
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Subject = new ResourceReference("Patient/" + Samples.PatientId),
        Authored = "2026-03-02T13:40:00Z",
    };

    private static QuestionnaireResponse.ItemComponent Item(string linkId, DataType value) => new()
    {
        LinkId = linkId,
        Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }],
    };

    private static IReadOnlyList<FhirIssue> Rejected(QuestionnaireResponse response) =>
        Assert.IsType<FhirParseResult<ParsedQuestionnaireResponse>.Rejected>(QuestionnaireResponseParser.Parse(response)).Issues;
}
