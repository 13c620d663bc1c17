using System.Linq.Expressions;
using System.Text;
using KetamineClinic.Domain.Instruments;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.FromDomain;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Outcomes;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Features.Fhir.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using InteropIssueType = KetamineClinic.Interop.Fhir.Outcomes.FhirIssueType;
using InteropOutcomes = KetamineClinic.Interop.Fhir.Outcomes.OperationOutcomes;

namespace KetamineClinic.Web.Features.Questionnaires;

/// <summary>
/// POST /fhir/QuestionnaireResponse (scope system/QuestionnaireResponse.c): parsed by Interop, scored and stored by
/// the same <see cref="InstrumentSubmissionHandler"/> the portal and staff screens use. 201 + Location; a resend with
/// the same identifier answers 200 with the stored resource; malformed input 400 and a scoring validation error 422
/// (OperationOutcome, one issue per item), with nothing stored.
/// </summary>
internal sealed class QuestionnaireResponseFhirEndpoints : IFhirEndpoints
{
    public void Map(RouteGroupBuilder fhir) =>
        fhir.MapPost("/QuestionnaireResponse", CreateAsync)
            .FhirInteraction("QuestionnaireResponse", FhirInteraction.Create);

    private static async Task<IResult> CreateAsync(
        HttpContext http, InstrumentSubmissionHandler handler, InstrumentCanonicals canonicals,
        IDbContextFactory<ClinicDbContext> contexts, IOptions<FhirSecurityOptions> options, CancellationToken ct)
    {
        string json;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(ct);
        }
        if (QuestionnaireResponseParser.Parse(json) is FhirParseResult<ParsedQuestionnaireResponse>.Rejected rejected)
        {
            return Outcome(StatusCodes.Status400BadRequest, rejected.Issues);
        }
        var parsed = ((FhirParseResult<ParsedQuestionnaireResponse>.Parsed)QuestionnaireResponseParser.Parse(json)).Value;
        if (parsed.Status is not (ResponseStatus.Completed or ResponseStatus.Amended))
        {
            return Unprocessable(InteropIssueType.BusinessRule, "Only a completed QuestionnaireResponse (status completed or amended) is scored and stored.", "QuestionnaireResponse.status");
        }
        if (canonicals.InstrumentFor(parsed.Questionnaire) is not { } instrumentId)
        {
            return Unprocessable(InteropIssueType.NotSupported,
                $"'{parsed.Questionnaire}' is not one of the clinic's questionnaires (GET /fhir/metadata; e.g. http://loinc.org/q/44249-1 for the PHQ-9).",
                "QuestionnaireResponse.questionnaire");
        }
        if (!FhirIds.TryParseGuid(parsed.PatientId, out var patientId))
        {
            return Unprocessable(InteropIssueType.NotFound, $"There is no Patient/{parsed.PatientId}.", "QuestionnaireResponse.subject");
        }
        if (DomainMapping.ToItemAnswers(parsed) is FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Rejected textAnswers)
        {
            return Outcome(StatusCodes.Status400BadRequest, textAnswers.Issues);
        }
        var answers = ((FhirParseResult<IReadOnlyDictionary<string, ItemAnswer>>.Parsed)DomainMapping.ToItemAnswers(parsed)).Value;

        var result = await handler.SubmitAsync(new InstrumentSubmission(
            patientId,
            instrumentId,
            answers,
            parsed.AuthoredAt,
            ResponseSource.Fhir,
            InstrumentSubmitter.From(http.User),
            Identifier: parsed.Identifier is { } id ? new SubmissionIdentifier(id.System, id.Value) : null), ct);

        switch (result)
        {
            case InstrumentSubmissionResult.Accepted accepted:
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    var stored = await db.Set<InstrumentResponse>().AsNoTracking().Include(r => r.Answers).SingleAsync(r => r.Id == accepted.ResponseId, ct);
                    var resource = canonicals.ToQuestionnaireResponse(stored);
                    var location = new Uri(FhirDoor.AppBase(http.Request, options.Value), $"fhir/QuestionnaireResponse/{resource.Id}/_history/1").ToString();
                    return FhirResults.Resource(
                        resource.ToJson(), resource.Id, stored.PatientId,
                        accepted.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created,
                        versionId: "1", lastUpdated: stored.RecordedAt, location: location);
                }
            case InstrumentSubmissionResult.Invalid invalid:
                return Outcome(StatusCodes.Status422UnprocessableEntity, [.. invalid.Errors.Select(e => FhirIssue.Error(
                    InteropIssueType.Invalid, e.Message, $"QuestionnaireResponse.item.where(linkId='{e.ItemLinkId}')"))]);
            case InstrumentSubmissionResult.Refused refused:
                return refused.Reason switch
                {
                    SubmissionRefusal.IdentifierReused => Outcome(StatusCodes.Status409Conflict, [FhirIssue.Error(InteropIssueType.Duplicate, refused.Message, "QuestionnaireResponse.identifier")]),
                    SubmissionRefusal.UnknownPatient => Unprocessable(InteropIssueType.NotFound, $"There is no Patient/{parsed.PatientId}.", "QuestionnaireResponse.subject"),
                    SubmissionRefusal.AnsweredInFuture => Unprocessable(InteropIssueType.BusinessRule, "QuestionnaireResponse.authored lies in the future.", "QuestionnaireResponse.authored"),
                    SubmissionRefusal.UnknownInstrument or SubmissionRefusal.UnknownSession => Unprocessable(InteropIssueType.Processing, refused.Message, "QuestionnaireResponse"),
                };
            default:
                throw new InvalidOperationException($"Unknown submission result {result.GetType().Name}.");
        }
    }

    private static FhirJsonResult Unprocessable(InteropIssueType type, string diagnostics, string expression) =>
        Outcome(StatusCodes.Status422UnprocessableEntity, [FhirIssue.Error(type, diagnostics, expression)]);

    private static FhirJsonResult Outcome(int status, IReadOnlyList<FhirIssue> issues) =>
        new(status, FhirJson.Serialize(InteropOutcomes.From(issues)));
}

/// <summary>GET /fhir/QuestionnaireResponse/{id} and search by patient, questionnaire and authored.</summary>
internal sealed class QuestionnaireResponseFhirDefinition(QuestionnaireResponseSearchSource source) : IFhirResourceDefinition
{
    public string ResourceType => "QuestionnaireResponse";

    public IReadOnlyList<FhirSearchParam> SearchParameters { get; } =
    [
        new("patient", FhirSearchParamType.Reference, "The patient who answered (Patient/<id>).", "Patient"),
        new("subject", FhirSearchParamType.Reference, "Same as patient.", "Patient"),
        new("questionnaire", FhirSearchParamType.Uri, "The questionnaire canonical, e.g. http://loinc.org/q/44249-1 (PHQ-9), or Questionnaire/<instrument id>."),
        new("authored", FhirSearchParamType.Date, "When it was answered; prefixes eq, ne, lt, le, gt, ge, sa, eb."),
    ];

    public string? SortParameter => "authored";

    public IReadOnlyList<IFhirSearchSource> Sources => [source];
}

/// <summary>Stored responses as QuestionnaireResponse resources, in (authored, id) order.</summary>
internal sealed class QuestionnaireResponseSearchSource(InstrumentCanonicals canonicals) : EntitySearchSource<InstrumentResponse, Guid>
{
    protected override IQueryable<InstrumentResponse> Rows(ClinicDbContext db) => db.Set<InstrumentResponse>().Include(r => r.Answers);

    // One expression instance each: the base class combines Key.Body with Key.Parameters.
    private static readonly Expression<Func<InstrumentResponse, Guid>> ById = r => r.Id;
    private static readonly Expression<Func<InstrumentResponse, DateTimeOffset?>> ByAuthored = r => r.AnsweredAt;

    protected override Expression<Func<InstrumentResponse, Guid>> Key => ById;

    protected override Expression<Func<InstrumentResponse, DateTimeOffset?>>? SortAt => ByAuthored;

    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<InstrumentResponse>? Filter(IQueryable<InstrumentResponse> rows, FhirSearch search)
    {
        rows = search.WhereReference(rows, r => r.PatientId, "patient", "subject");
        foreach (var anyOf in search.Strings("questionnaire"))
        {
            var ids = anyOf.Select(canonicals.InstrumentFor).OfType<string>().ToList();
            rows = rows.Where(r => ids.Contains(r.InstrumentId));
        }
        return search.WhereDate(rows, "authored", r => r.AnsweredAt);
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<InstrumentResponse> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(r => new FhirSearchHit(r.AnsweredAt, FhirIds.From(r.Id), canonicals.ToQuestionnaireResponse(r), r.PatientId))]);
}

/// <summary>
/// Score Observations (category survey) derived from stored responses: PHQ-9 total 44261-6, GAD-7 70274-6, C-SSRS
/// risk level 93374-7, local codes for QIDS-SR16 and the rest. One Observation per response; its id is the response's
/// <see cref="InstrumentResponse.ScoreObservationId"/>. A source for the Observation type: merged with the vital-sign
/// sources when the Observation definition lists it.
/// </summary>
public sealed class SurveyScoreObservationSource(InstrumentCanonicals canonicals) : EntitySearchSource<InstrumentResponse, Guid>
{
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    protected override IQueryable<InstrumentResponse> Rows(ClinicDbContext db) => db.Set<InstrumentResponse>();

    // One expression instance each: the base class combines Key.Body with Key.Parameters.
    private static readonly Expression<Func<InstrumentResponse, Guid>> ByObservationId = r => r.ScoreObservationId;
    private static readonly Expression<Func<InstrumentResponse, DateTimeOffset?>> ByEffective = r => r.AnsweredAt;

    protected override Expression<Func<InstrumentResponse, Guid>> Key => ByObservationId;

    protected override Expression<Func<InstrumentResponse, DateTimeOffset?>>? SortAt => ByEffective;

    protected override bool TryParseId(string id, out Guid key) => FhirIds.TryParseGuid(id, out key);

    protected override IQueryable<InstrumentResponse>? Filter(IQueryable<InstrumentResponse> rows, FhirSearch search)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (!search.TokenAllows("category", CategorySystem, "survey") || !search.TokenAllows("status", "http://hl7.org/fhir/observation-status", "final"))
        {
            return null;
        }
        rows = search.WhereReference(rows, r => r.PatientId, "patient", "subject");
        rows = search.WhereToken(rows, "code", r => r.InstrumentId, token => canonicals.InstrumentsWithScoreCode(token.Matches));
        return search.WhereDate(rows, "date", r => r.AnsweredAt);
    }

    protected override Task<IReadOnlyList<FhirSearchHit>> ToHitsAsync(FhirQueryContext q, IReadOnlyList<InstrumentResponse> rows) =>
        Task.FromResult<IReadOnlyList<FhirSearchHit>>([.. rows.Select(r => new FhirSearchHit(r.AnsweredAt, FhirIds.From(r.ScoreObservationId), InstrumentCanonicals.ToScoreObservation(r), r.PatientId))]);
}

/// <summary>
/// GET /fhir/Observation/{id} and search for the survey score Observations. When the vital-sign Observation
/// definition lands (branch fhir-read), its Sources take <see cref="SurveyScoreObservationSource"/> and this
/// definition goes (one definition per type).
/// </summary>
internal sealed class SurveyObservationFhirDefinition(SurveyScoreObservationSource source) : IFhirResourceDefinition
{
    public string ResourceType => "Observation";

    public IReadOnlyList<FhirSearchParam> SearchParameters { get; } =
    [
        new("patient", FhirSearchParamType.Reference, "The patient (Patient/<id>).", "Patient"),
        new("subject", FhirSearchParamType.Reference, "Same as patient.", "Patient"),
        new("category", FhirSearchParamType.Token, "survey (http://terminology.hl7.org/CodeSystem/observation-category|survey)."),
        new("code", FhirSearchParamType.Token, "e.g. http://loinc.org|44261-6 (PHQ-9 total), 70274-6 (GAD-7), 93374-7 (C-SSRS risk level)."),
        new("status", FhirSearchParamType.Token, "final."),
        new("date", FhirSearchParamType.Date, "Effective time; prefixes eq, ne, lt, le, gt, ge, sa, eb."),
    ];

    public string? SortParameter => "date";

    public IReadOnlyList<IFhirSearchSource> Sources => [source];
}
