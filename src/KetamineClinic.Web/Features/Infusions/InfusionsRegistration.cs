using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.Web.Features.Infusions;

public static class InfusionsRegistration
{
    public static IHostApplicationBuilder AddInfusions(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(ClinicProtocol.Default);
        builder.Services.AddSingleton<SessionBroadcaster>();
        builder.Services.AddSingleton<ActorAuditTrails>();
        builder.Services.AddSingleton<VitalsWriter>();
        builder.Services.AddSingleton<VitalsIngestion>();
        builder.Services.AddSingleton<SessionPhaseHandler>();
        builder.Services.AddSingleton<AlarmAcknowledgement>();
        builder.Services.AddSingleton<AlarmEscalator>();
        builder.Services.AddSingleton<ChairBoardQuery>();
        builder.Services.AddSingleton<SessionQuery>();
        builder.Services.Configure<AlarmEscalationOptions>(builder.Configuration.GetSection(AlarmEscalationOptions.Section));
        builder.Services.AddHostedService<AlarmEscalationService>();
        return builder;
    }

    public static WebApplication MapInfusions(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Infusion day");
        api.MapPost("/sessions", CheckInAsync).RequireAuthorization(ClinicPolicies.PatientChart)
            .WithSummary("Check a patient in to an empty chair (front desk, nurse, physician).");
        api.MapPost("/sessions/{id:guid}/commands", CommandAsync).RequireAuthorization(ClinicPolicies.Clinical)
            .WithSummary("Move a session through its phases: BeginPreChecks, StartInfusion, PauseInfusion, ResumeInfusion, StopInfusion, MarkReadyForDischarge, ReturnToRecovery, Discharge, Abort.");
        api.MapPost("/alarms/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(ClinicPolicies.Clinical)
            .WithSummary("Acknowledge a vital-sign alarm with the action taken (nurse, physician).");
        return app;
    }

    public sealed record CheckInRequest(Guid ChairId, Guid PatientId);

    public sealed record CommandRequest(PhaseCommand Command, string? Reason, Guid? Version);

    public sealed record AcknowledgeRequest(string? ActionTaken);

    private static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> CheckInAsync(CheckInRequest body, HttpContext http, SessionPhaseHandler handler, CancellationToken ct) =>
        ToHttp(await handler.CheckInAsync(body.ChairId, body.PatientId, StaffActor.From(http.User), ct));

    private static async Task<Results<Ok<SessionSummary>, ProblemHttpResult>> CommandAsync(Guid id, CommandRequest body, HttpContext http, SessionPhaseHandler handler, CancellationToken ct) =>
        ToHttp(await handler.ApplyAsync(id, body.Command, body.Reason, StaffActor.From(http.User), body.Version, ct));

    private static async Task<Results<Ok<AlarmView>, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest body, HttpContext http, AlarmAcknowledgement handler, CancellationToken ct) =>
        await handler.AcknowledgeAsync(id, body.ActionTaken, StaffActor.From(http.User), ct) switch
        {
            AcknowledgeResult.Acknowledged a => TypedResults.Ok(a.Alarm),
            AcknowledgeResult.AlreadyAcknowledged a => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already acknowledged", detail: $"Acknowledged by {a.Alarm.AcknowledgedByName}."),
            AcknowledgeResult.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alarm"),
            AcknowledgeResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: n.Message),
            AcknowledgeResult.ActionRequired r => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Action taken required", detail: r.Message),
            _ => throw new InvalidOperationException("Unknown acknowledgement result."),
        };

    private static Results<Ok<SessionSummary>, ProblemHttpResult> ToHttp(SessionCommandResult result) => result switch
    {
        SessionCommandResult.Done d => TypedResults.Ok(d.Session),
        SessionCommandResult.NotFound n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message),
        SessionCommandResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not allowed", detail: n.Message),
        SessionCommandResult.ReasonRequired r => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Reason required", detail: r.Message),
        SessionCommandResult.Blocked b => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Blocked", detail: string.Join(" ", b.Findings.Select(f => f.Message))),
        SessionCommandResult.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: c.Message),
        _ => throw new InvalidOperationException("Unknown session command result."),
    };
}
