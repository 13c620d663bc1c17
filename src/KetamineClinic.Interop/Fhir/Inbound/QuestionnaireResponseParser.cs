using Hl7.Fhir.Model;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;

namespace KetamineClinic.Interop.Fhir.Inbound;

/// <summary>The answers of a QuestionnaireResponse, by linkId, ready for the instrument's scorer.</summary>
public sealed record ParsedQuestionnaireResponse
{
    /// <summary>Questionnaire canonical URL without the version, e.g. <c>http://loinc.org/q/44249-1</c>.</summary>
    public required string Questionnaire { get; init; }

    /// <summary>The version after <c>|</c> in the canonical, when given.</summary>
    public string? QuestionnaireVersion { get; init; }
    public required string PatientId { get; init; }
    public required DateTimeOffset AuthoredAt { get; init; }
    public required ResponseStatus Status { get; init; }
    public string? EncounterId { get; init; }

    /// <summary>The response's business identifier (idempotency key), when sent.</summary>
    public ExternalIdentifier? Identifier { get; init; }

    /// <summary>One answer per answered item (nested items flattened); unanswered items are absent.</summary>
    public required IReadOnlyDictionary<string, AnswerValue> Answers { get; init; }

    /// <summary>The integer behind an answer: valueInteger, or the code of a valueCoding looked up in <paramref name="scoreByCode"/>.</summary>
    public int? ScoreOf(string linkId, IReadOnlyDictionary<string, int> scoreByCode)
    {
        ArgumentNullException.ThrowIfNull(scoreByCode);
        return Answers.TryGetValue(linkId, out var answer) ? answer switch
        {
            AnswerValue.Integer i => i.Value,
            AnswerValue.Coded c when scoreByCode.TryGetValue(c.Value.Code, out var score) => score,
            _ => null,
        } : null;
    }
}

/// <summary>
/// Reads a QuestionnaireResponse: questionnaire canonical, subject (a Patient), authored, status and the answers by
/// linkId (integer, boolean, coding, decimal or string). Rejects with OperationOutcome issues, each with its
/// FHIRPath expression: missing questionnaire/subject/authored, a linkId answered twice, more than one answer per
/// item, a coding without system or code, and unsupported answer types. It does not check the answers against the
/// Questionnaire (the instrument's scorer does).
/// </summary>
public static class QuestionnaireResponseParser
{
    /// <summary>Parses FHIR JSON (a QuestionnaireResponse).</summary>
    public static FhirParseResult<ParsedQuestionnaireResponse> Parse(string json) => FhirJson.Parse<QuestionnaireResponse>(json) switch
    {
        FhirParseResult<QuestionnaireResponse>.Parsed parsed => Parse(parsed.Value),
        FhirParseResult<QuestionnaireResponse>.Rejected rejected => new FhirParseResult<ParsedQuestionnaireResponse>.Rejected(rejected.Issues),
        _ => throw new InvalidOperationException("Unreachable: closed hierarchy."),
    };

    /// <summary>Reads the answers out of a QuestionnaireResponse.</summary>
    public static FhirParseResult<ParsedQuestionnaireResponse> Parse(QuestionnaireResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var issues = new List<FhirIssue>();
        string? canonical = null;
        string? version = null;
        if (string.IsNullOrWhiteSpace(response.Questionnaire))
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "QuestionnaireResponse.questionnaire (the instrument's canonical URL) is required.", "QuestionnaireResponse.questionnaire"));
        }
        else
        {
            var parts = response.Questionnaire.Split('|', 2);
            canonical = parts[0];
            version = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        }

        var status = response.Status switch
        {
            QuestionnaireResponse.QuestionnaireResponseStatus.InProgress => ResponseStatus.InProgress,
            QuestionnaireResponse.QuestionnaireResponseStatus.Completed => ResponseStatus.Completed,
            QuestionnaireResponse.QuestionnaireResponseStatus.Amended => ResponseStatus.Amended,
            QuestionnaireResponse.QuestionnaireResponseStatus.Stopped => ResponseStatus.Stopped,
            QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError => ResponseStatus.EnteredInError,
            _ => (ResponseStatus?)null,
        };
        if (status is null)
        {
            issues.Add(FhirIssue.Error(FhirIssueType.Required, "QuestionnaireResponse.status is required.", "QuestionnaireResponse.status"));
        }

        var patientId = InboundReferences.IdOf(response.Subject, "Patient", "QuestionnaireResponse.subject", required: true, issues);
        var encounterId = InboundReferences.IdOf(response.Encounter, "Encounter", "QuestionnaireResponse.encounter", required: false, issues);
        var authored = InboundReferences.Instant(response.Authored, "QuestionnaireResponse.authored", issues);
        ExternalIdentifier? identifier = null;
        if (response.Identifier is { } id)
        {
            if (string.IsNullOrWhiteSpace(id.System) || string.IsNullOrWhiteSpace(id.Value))
            {
                issues.Add(FhirIssue.Error(FhirIssueType.Required, "QuestionnaireResponse.identifier needs both system and value.", "QuestionnaireResponse.identifier"));
            }
            else
            {
                identifier = new ExternalIdentifier(id.System, id.Value);
            }
        }

        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ReadItems(response.Item, "QuestionnaireResponse.item", answers, seen, issues);

        if (issues.Count > 0 || canonical is null || status is null || patientId is null || authored is null)
        {
            return issues.Count > 0
                ? new FhirParseResult<ParsedQuestionnaireResponse>.Rejected(issues)
                : FhirParseResult<ParsedQuestionnaireResponse>.Error(FhirIssueType.Invalid, "The QuestionnaireResponse could not be read.");
        }

        return new FhirParseResult<ParsedQuestionnaireResponse>.Parsed(new ParsedQuestionnaireResponse
        {
            Questionnaire = canonical,
            QuestionnaireVersion = version,
            PatientId = patientId,
            AuthoredAt = authored.Value,
            Status = status.Value,
            EncounterId = encounterId,
            Identifier = identifier,
            Answers = answers,
        });
    }

    private static void ReadItems(List<QuestionnaireResponse.ItemComponent> items, string path, Dictionary<string, AnswerValue> answers, HashSet<string> seen, List<FhirIssue> issues)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var itemPath = $"{path}[{i}]";
            if (string.IsNullOrWhiteSpace(item.LinkId))
            {
                issues.Add(FhirIssue.Error(FhirIssueType.Required, "Every item needs a linkId.", itemPath + ".linkId"));
                continue;
            }

            if (!seen.Add(item.LinkId))
            {
                issues.Add(FhirIssue.Error(FhirIssueType.Duplicate, $"Item '{item.LinkId}' appears more than once.", itemPath + ".linkId"));
                continue;
            }

            if (item.Answer.Count > 1)
            {
                issues.Add(FhirIssue.Error(FhirIssueType.NotSupported, $"Item '{item.LinkId}' has {item.Answer.Count} answers; one is expected.", itemPath + ".answer"));
            }
            else if (item.Answer.Count == 1)
            {
                var valuePath = itemPath + ".answer[0].value";
                var answer = item.Answer[0];
                var value = ReadValue(answer.Value, item.LinkId, valuePath, issues);
                if (value is not null)
                {
                    answers[item.LinkId] = value;
                }

                ReadItems(answer.Item, itemPath + ".answer[0].item", answers, seen, issues);
            }

            ReadItems(item.Item, itemPath + ".item", answers, seen, issues);
        }
    }

    private static AnswerValue? ReadValue(DataType? value, string linkId, string path, List<FhirIssue> issues)
    {
        switch (value)
        {
            case Integer { Value: { } i }:
                return new AnswerValue.Integer(i);
            case FhirBoolean { Value: { } b }:
                return new AnswerValue.Boolean(b);
            case FhirDecimal { Value: { } d }:
                return new AnswerValue.Decimal(d);
            case FhirString { Value: { } s } when !string.IsNullOrWhiteSpace(s):
                return new AnswerValue.Text(s);
            case Coding coding when !string.IsNullOrWhiteSpace(coding.System) && !string.IsNullOrWhiteSpace(coding.Code):
                return new AnswerValue.Coded(new CodedValue(coding.System, coding.Code, string.IsNullOrWhiteSpace(coding.Display) ? null : coding.Display));
            case Coding:
                issues.Add(FhirIssue.Error(FhirIssueType.Required, $"The coded answer to '{linkId}' needs both system and code.", path));
                return null;
            case null:
                issues.Add(FhirIssue.Error(FhirIssueType.Required, $"The answer to '{linkId}' has no value.", path));
                return null;
            default:
                issues.Add(FhirIssue.Error(
                    FhirIssueType.NotSupported,
                    $"The answer to '{linkId}' is a {value.TypeName}; supported answer types are integer, boolean, Coding, decimal and string.",
                    path));
                return null;
        }
    }
}
