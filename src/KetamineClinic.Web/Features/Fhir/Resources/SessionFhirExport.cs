using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.Rest;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Search;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Fhir.Resources;

/// <summary>The FHIR record of one infusion session, as a collection Bundle (for the session page's "Download FHIR").</summary>
/// <param name="Json">The Bundle.</param>
/// <param name="PatientId">Whose record it is (for the audit).</param>
/// <param name="Count">How many resources it holds.</param>
public sealed record SessionFhirBundle(string Json, Guid PatientId, int Count);

/// <summary>
/// Builds the session's collection Bundle: the Encounter, the Procedure, every Observation of the encounter, the
/// MedicationAdministration (the dose given) and every DetectedIssue (alarm), with the same ids and content /fhir serves. Audited as one export event.
/// </summary>
public sealed class SessionFhirExport(
    IDbContextFactory<ClinicDbContext> contexts, IEnumerable<IObservationSource> observations, IAuditTrail audit, TimeProvider clock)
{
    /// <summary>The bundle, or null for an unknown session (the attempt is audited either way).</summary>
    public async Task<SessionFhirBundle?> ExportAsync(Guid sessionId, string fhirBase, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.Set<InfusionSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null)
        {
            await audit.RecordAsync(new AuditEntry(AuditActions.Export, nameof(InfusionSession), FhirIds.From(sessionId), null, AuditOutcome.Failed, "FHIR bundle: no such session"), ct);
            return null;
        }
        var q = new FhirQueryContext(db, ct);
        var organizations = await SessionMapping.OrganizationsAsync(q, [session.SiteId]);
        var entries = new List<FhirResourceOut> { SessionMapping.Encounter(session, organizations), SessionMapping.Procedure(session) };
        var search = new FhirSearch { ResourceType = "Observation", Count = int.MaxValue - 1 };
        search.Add("encounter", [session.Id]);
        var (_, found) = await FhirSearchEngine.RunAsync([.. observations], q, search);
        entries.AddRange(found.Select(h => h.Resource));
        var administrations = await db.Set<Infusions.PreInfusion.DoseAdministration>().AsNoTracking()
            .Where(a => a.SessionId == sessionId)
            .Join(db.Set<Infusions.PreInfusion.InfusionDoseOrder>().AsNoTracking(), a => a.OrderId, o => o.Id, (a, o) => new { a, o })
            .ToListAsync(ct);
        entries.AddRange(administrations.OrderBy(x => x.a.Id).Select(x => FhirResourceOut.Of(Infusions.PreInfusion.MedicationAdministrationQuery.ToFhir(x.a, x.o))));
        var alarms = await db.Set<VitalAlarm>().AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.EventTime).ThenBy(a => a.Id).ToListAsync(ct);
        entries.AddRange(alarms.Select(a => DetectedIssueResource.ToResource(a, session.PatientId)));

        var json = FhirOut.Collection(fhirBase, entries, clock.GetUtcNow());
        // Committed before the file is sent: no unaudited disclosure.
        await audit.RecordAsync(new AuditEntry(
            AuditActions.Export, nameof(InfusionSession), FhirIds.From(sessionId), session.PatientId, AuditOutcome.Success,
            $"FHIR collection bundle: {entries.Count} resources ({found.Count} Observation, {administrations.Count} MedicationAdministration, {alarms.Count} DetectedIssue)"), ct);
        return new SessionFhirBundle(json, session.PatientId, entries.Count);
    }
}

internal static class SessionFhirExportEndpoint
{
    /// <summary>GET /api/v1/sessions/{id}/fhir: clinical staff (the session record's policy), a file download.</summary>
    public static IEndpointRouteBuilder MapSessionFhirExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sessions/{id:guid}/fhir", ExportAsync)
            .RequireAuthorization(ClinicPolicies.Clinical)
            .WithName("ExportSessionFhir")
            .WithTags("FHIR")
            .WithSummary("The infusion session as a FHIR R4 collection Bundle (Encounter, Procedure, vital-sign Observations, DetectedIssues); audited as an export.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> ExportAsync(
        Guid id, HttpContext http, SessionFhirExport export, IOptions<FhirSecurityOptions> options, CancellationToken ct)
    {
        var fhirBase = new Uri(FhirDoor.AppBase(http.Request, options.Value), "fhir").ToString();
        var bundle = await export.ExportAsync(id, fhirBase, ct);
        if (bundle is null)
        {
            return TypedResults.NotFound(new Microsoft.AspNetCore.Mvc.ProblemDetails { Title = "No such session.", Status = StatusCodes.Status404NotFound });
        }
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(bundle.Json), FhirMediaTypes.Json, $"session-{FhirIds.From(id)}.fhir.json");
    }
}
