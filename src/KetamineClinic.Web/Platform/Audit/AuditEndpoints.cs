using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Platform.Audit;

public static class AuditEndpoints
{
    /// <summary>GET /api/v1/audit-events: the audit log for administrators, filtered and paged, newest first.</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit-events", SearchAsync)
            .RequireAuthorization(ClinicPolicies.Audit)
            .WithName("SearchAuditEvents")
            .WithTags("Audit")
            .WithSummary("Search the audit trail (Admin). Filters: user (id or name part), patient (id or MRN), action, resourceType, outcome, from (inclusive), to (exclusive; a bare date includes that whole UTC day), page, pageSize (max 200).");
        return app;
    }

    private static async Task<Results<Ok<AuditEventPage>, ValidationProblem>> SearchAsync(
        [AsParameters] AuditEventsRequest request,
        AuditSearch search,
        CancellationToken ct)
    {
        var query = AuditQueryParser.TryParse(request, out var errors);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit search filters are not valid.");
        }
        return TypedResults.Ok(await search.SearchAsync(query, ct));
    }
}
