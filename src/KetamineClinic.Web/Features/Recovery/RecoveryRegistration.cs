using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.Web.Features.Recovery;

public static class RecoveryRegistration
{
    public static IHostApplicationBuilder AddRecovery(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ISmsSender, OutboxSmsSender>();
        builder.Services.AddSingleton<RecoveryHandler>();
        builder.Services.AddSingleton<SessionRecordQuery>();
        return builder;
    }

    public static WebApplication MapRecovery(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/sessions/{id:guid}").WithTags("Recovery and discharge").RequireAuthorization(ClinicPolicies.Clinical);
        api.MapGet("/discharge-readiness", ReadinessAsync)
            .WithSummary("DC-01 … DC-06 evaluated now: each rule id, passed or not, and why; the earliest discharge time (DC-01).");
        api.MapPost("/discharge-assessments", AssessAsync)
            .WithSummary("Record the protocol's discharge score (PADSS or modified Aldrete items) and the DC-04 attestation (nurse, physician).");
        api.MapPost("/bp-deviation-acknowledgements", AcknowledgeAsync)
            .WithSummary("DC-03: a physician acknowledges a BP deviation beyond ±20 % of baseline, with a reason (never above 180/110).");
        api.MapPost("/escort", EscortAsync)
            .WithSummary("DC-06: record the escort hand-off (name, relationship, phone, no-driving instruction) and text the escort once.");
        api.MapPost("/discharge", DischargeAsync)
            .WithSummary("Discharge: refused (409, with the failing DC rule ids) until DC-01 … DC-06 all pass.");
        api.MapPost("/departure-against-advice", DepartAsync)
            .WithSummary("Physician only, with a reason: the patient leaves before the DC rules pass; recorded as left against medical advice.");
        return app;
    }

    public sealed record ReasonRequest(string? Reason, Guid? Version);

    public sealed record DischargeRequest(Guid? Version);

    public sealed record RuleView(string Rule, bool Passed, string Reason);

    public sealed record ReadinessView(bool MayDischarge, DateTimeOffset? EarliestDischargeAt, int ObservationMinutes, bool BpDeviationNeedsAcknowledgement, string? ProtocolVersion, IReadOnlyList<RuleView> Rules);

    private static async Task<Results<Ok<ReadinessView>, ProblemHttpResult>> ReadinessAsync(Guid id, RecoveryHandler handler, IAuditTrail audit, SessionRecordQuery records, CancellationToken ct)
    {
        var evaluation = await handler.EvaluateAsync(id, ct);
        if (evaluation is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such session.");
        }

        await audit.RecordAsync(new AuditEntry(AuditActions.Read, "DischargeReadiness", id.ToString(), await records.PatientOfAsync(id, ct)), ct);
        return TypedResults.Ok(new ReadinessView(
            evaluation.MayDischarge,
            evaluation.EarliestDischargeAt,
            evaluation.ObservationMinutes,
            evaluation.Decision?.BpDeviationNeedsAcknowledgement == true,
            evaluation.Decision?.ProtocolVersion.Value,
            [.. evaluation.Rules.Select(r => new RuleView(r.Rule.Value, r.Passed, r.Reason))]));
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> AssessAsync(Guid id, DischargeAssessmentForm body, HttpContext http, RecoveryHandler handler, CancellationToken ct) =>
        ToHttp(await handler.RecordAssessmentAsync(id, body, StaffActor.From(http.User), ct));

    private static async Task<Results<Ok<string>, ProblemHttpResult>> AcknowledgeAsync(Guid id, ReasonRequest body, HttpContext http, RecoveryHandler handler, CancellationToken ct) =>
        ToHttp(await handler.AcknowledgeBpDeviationAsync(id, body.Reason, StaffActor.From(http.User), ct));

    private static async Task<Results<Ok<string>, ProblemHttpResult>> EscortAsync(Guid id, EscortForm body, HttpContext http, RecoveryHandler handler, CancellationToken ct) =>
        ToHttp(await handler.RecordEscortAsync(id, body, StaffActor.From(http.User), ct));

    private static async Task<Results<Ok<string>, ProblemHttpResult>> DischargeAsync(Guid id, DischargeRequest body, HttpContext http, RecoveryHandler handler, CancellationToken ct) =>
        ToHttp(await handler.DischargeAsync(id, StaffActor.From(http.User), body.Version, ct));

    private static async Task<Results<Ok<string>, ProblemHttpResult>> DepartAsync(Guid id, ReasonRequest body, HttpContext http, RecoveryHandler handler, CancellationToken ct) =>
        ToHttp(await handler.RecordDepartureAgainstAdviceAsync(id, body.Reason, StaffActor.From(http.User), body.Version, ct));

    private static Results<Ok<string>, ProblemHttpResult> ToHttp(RecoveryResult result) => result switch
    {
        RecoveryResult.Done d => TypedResults.Ok(d.Message),
        RecoveryResult.NotFound n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message),
        RecoveryResult.Forbidden f => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this role", detail: f.Message),
        RecoveryResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed", detail: n.Message),
        RecoveryResult.Invalid i => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid", detail: string.Join(" ", i.Problems)),
        RecoveryResult.Blocked b => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Blocked by discharge criteria",
            detail: string.Join(" ", b.Findings.Select(f => f.Message)),
            extensions: new Dictionary<string, object?> { ["rules"] = b.Findings.Select(f => f.Rule.Value).ToArray() }),
        RecoveryResult.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: c.Message),
        _ => throw new InvalidOperationException("Unknown recovery result."),
    };
}
