using KetamineClinic.Domain.Instruments;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.Web.Features.Infusions.PreInfusion;

/// <summary>Pre-infusion checks, dose order and preparation, in-chair events: handlers, API and the FHIR MedicationAdministration endpoints.</summary>
public static class PreInfusionRegistration
{
    public static IHostApplicationBuilder AddPreInfusion(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ISameDayScales, QuestionnaireSameDayScales>();
        builder.Services.AddSingleton<PreInfusionHandler>();
        builder.Services.AddSingleton<DoseHandler>();
        builder.Services.AddSingleton<InfusionEventsHandler>();
        builder.Services.AddSingleton<MedicationAdministrationQuery>();
        builder.Services.AddSingleton<IFhirEndpoints, MedicationAdministrationFhirEndpoints>();
        return builder;
    }

    public static WebApplication MapPreInfusion(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/sessions/{id:guid}").WithTags("Infusion day").RequireAuthorization(ClinicPolicies.Clinical);
        api.MapGet("/prechecks", GetPreChecksAsync).WithSummary("The pre-infusion checks of a session with the checklist's findings (rule ids).");
        api.MapPost("/prechecks/weight", (Guid id, WeightRequest body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.RecordWeightAsync(id, body.WeightKg, Actor(http), ct))).WithSummary("Record today's weight (kg).");
        api.MapPost("/prechecks/vitals", (Guid id, IncomingReading body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.RecordBaselineVitalsAsync(id, body, Actor(http), ct))).WithSummary("Record a seated baseline reading (first, then its repeat).");
        api.MapPost("/prechecks/escort", (Guid id, EscortRequest body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.ConfirmEscortAsync(id, body.Name, body.Phone, Actor(http), ct))).WithSummary("Confirm the escort (name, phone).");
        api.MapPost("/prechecks/consent", (Guid id, ConsentRequest body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.RecordConsentAsync(id, body.ConsentType, body.FormVersion, body.SignedOn, Actor(http), ct))).WithSummary("Record the patient's signed consent.");
        api.MapPost("/prechecks/scales/{instrumentId}", (Guid id, string instrumentId, Dictionary<string, decimal> body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.RecordScaleAsync(id, instrumentId, Answers(instrumentId, body), Actor(http), ct))).WithSummary("Record a nurse-administered PHQ-9 (0–3 per item) or C-SSRS screener (1 = yes, 0 = no).");
        api.MapPost("/prechecks/pregnancy", (Guid id, PregnancyRequest body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.RecordPregnancyAsync(id, body.TestOn, body.Positive, body.NotOfReproductivePotentialReason, Actor(http), ct))).WithSummary("Record today's pregnancy test, or why it does not apply.");
        api.MapPost("/prechecks/sign-off", (Guid id, SignOffRequest body, HttpContext http, PreInfusionHandler h, CancellationToken ct) =>
            Run(h.SignOffAsync(id, body.Note, Actor(http), ct))).WithSummary("A physician signs off the WARN findings with the risk–benefit note.");
        api.MapPost("/dose-orders", (Guid id, DoseOrderForm body, HttpContext http, DoseHandler h, CancellationToken ct) =>
            Dose(h.OrderAsync(id, body, Actor(http), ct))).WithSummary("A physician orders the dose; DosingPlanner computes the plan (422 with rule ids when out of protocol, nothing stored).");
        api.MapPost("/dose-orders/{orderId:guid}/preparation", (Guid id, Guid orderId, VialConfirmationForm body, HttpContext http, DoseHandler h, CancellationToken ct) =>
            Dose(h.ConfirmPreparationAsync(id, orderId, body, Actor(http), ct))).WithSummary("Confirm the vial (lot, expiry) and the preparation; an expired vial is refused.");
        api.MapPost("/events/antiemetic", (Guid id, AntiemeticRequest body, HttpContext http, InfusionEventsHandler h, CancellationToken ct) =>
            Event(h.AntiemeticAsync(id, body.Drug, body.Dose, Actor(http), ct))).WithSummary("Antiemetic given (drug, dose).");
        api.MapPost("/events/position", (Guid id, PositionRequest body, HttpContext http, InfusionEventsHandler h, CancellationToken ct) =>
            Event(h.PositionAsync(id, body.Position, Actor(http), ct))).WithSummary("Position change.");
        api.MapPost("/events/adverse", (Guid id, AdverseEventRequest body, HttpContext http, InfusionEventsHandler h, CancellationToken ct) =>
            Event(h.AdverseEventAsync(id, body.Seriousness, body.Text, Actor(http), ct))).WithSummary("Adverse event with seriousness (Mild, Moderate, Severe, Serious) and free text.");
        api.MapPost("/events/scales/{instrumentId}", (Guid id, string instrumentId, Dictionary<string, decimal> body, HttpContext http, InfusionEventsHandler h, CancellationToken ct) =>
            Event(h.ScaleAsync(id, instrumentId, Answers(instrumentId, body), Actor(http), ct))).WithSummary("CADSS-23 (items 1–23, 0–4) or MOAA/S (item 1, 0–5), scored by the instrument catalog.");
        return app;
    }

    public sealed record WeightRequest(decimal WeightKg);

    public sealed record EscortRequest(string? Name, string? Phone);

    public sealed record ConsentRequest(string? ConsentType, string? FormVersion, DateOnly SignedOn);

    public sealed record PregnancyRequest(DateOnly? TestOn, bool? Positive, string? NotOfReproductivePotentialReason);

    public sealed record SignOffRequest(string? Note);

    public sealed record AntiemeticRequest(string? Drug, string? Dose);

    public sealed record PositionRequest(string? Position);

    public sealed record AdverseEventRequest(AdverseEventSeriousness Seriousness, string? Text);

    /// <summary>JSON numbers → answers: C-SSRS items are yes (non-zero) / no (0), every other instrument takes the number.</summary>
    internal static IReadOnlyDictionary<string, ItemAnswer> Answers(string instrumentId, IReadOnlyDictionary<string, decimal> body) =>
        body.ToDictionary(
            kv => kv.Key,
            kv => instrumentId is InstrumentIds.CssrsRecent or InstrumentIds.CssrsSinceLastVisit ? ItemAnswer.Of(kv.Value != 0m) : ItemAnswer.Of(kv.Value),
            StringComparer.Ordinal);

    private static StaffActor Actor(HttpContext http) => StaffActor.From(http.User);

    private static async Task<Results<Ok<PreInfusionView>, ProblemHttpResult>> GetPreChecksAsync(Guid id, PreInfusionHandler handler, IAuditTrail audit, CancellationToken ct)
    {
        var view = await handler.LoadAsync(id, ct);
        if (view is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such session");
        }

        await audit.RecordAsync(new AuditEntry(AuditActions.Read, "PreInfusionCheck", id.ToString(), view.PatientId), ct);
        return TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<PreInfusionView>, ProblemHttpResult>> Run(Task<PreCheckResult> task) => await task switch
    {
        PreCheckResult.Done d => TypedResults.Ok(d.View),
        PreCheckResult.NotFound n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message),
        PreCheckResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: n.Message),
        PreCheckResult.Invalid i => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid", detail: string.Join(" ", i.Problems)),
        PreCheckResult.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: c.Message),
        _ => throw new InvalidOperationException("Unknown pre-check result."),
    };

    private static async Task<Results<Ok<DoseOrderView>, Ok<AdministrationView>, ProblemHttpResult>> Dose(Task<DoseResult> task) => await task switch
    {
        DoseResult.Ordered o => TypedResults.Ok(o.Order),
        DoseResult.Prepared p => TypedResults.Ok(p.Administration),
        DoseResult.Refused r => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Dose refused",
            detail: string.Join(" ", r.Outstanding.Select(f => f.Message)),
            extensions: new Dictionary<string, object?> { ["rules"] = r.Outstanding.Select(f => f.Rule).ToArray() }),
        DoseResult.NotFound n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message),
        DoseResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: n.Message),
        DoseResult.Invalid i => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid", detail: string.Join(" ", i.Problems)),
        DoseResult.Conflict c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: c.Message),
        _ => throw new InvalidOperationException("Unknown dose result."),
    };

    private static async Task<Results<Ok<ObservationView>, ProblemHttpResult>> Event(Task<InfusionEventResult> task) => await task switch
    {
        InfusionEventResult.Recorded r => TypedResults.Ok(r.Observation),
        InfusionEventResult.NotFound n => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: n.Message),
        InfusionEventResult.NotAllowed n => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: n.Message),
        InfusionEventResult.Invalid i => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Invalid", detail: string.Join(" ", i.Problems)),
        _ => throw new InvalidOperationException("Unknown event result."),
    };
}
