using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Patient search and the chart header: Blazor pages and /api/v1/patients share the same handlers.</summary>
public static class PatientsRegistration
{
    public static IHostApplicationBuilder AddPatients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PatientSearch>();
        builder.Services.AddScoped<PatientHeaderQuery>();
        return builder;
    }

    public static WebApplication MapPatients(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/patients")
            .RequireAuthorization(ClinicPolicies.PatientChart)
            .WithTags("Patients");

        api.MapGet("/", async Task<Results<Ok<PatientSearchPage>, ValidationProblem>> (
                string? query, int? page, int? pageSize, PatientSearch search, CancellationToken ct) =>
            {
                var p = page ?? 1;
                var size = pageSize ?? PatientSearch.DefaultPageSize;
                var problems = PatientSearch.Validate(query, p, size);
                if (problems.Count > 0)
                {
                    return TypedResults.ValidationProblem(problems);
                }
                return TypedResults.Ok(await search.SearchAsync(query, p, size, ct));
            })
            .WithName("SearchPatients")
            .WithSummary("Search patients by name fragment, MRN prefix or date of birth (yyyy-MM-dd), paged from 1.");

        api.MapGet("/{id:guid}", async Task<Results<Ok<PatientHeader>, ProblemHttpResult>> (
                Guid id, PatientHeaderQuery headers, CancellationToken ct) =>
            {
                var header = await headers.GetAsync(id, ct);
                return header is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Patient not found",
                        detail: "There is no patient with this identifier.")
                    : TypedResults.Ok(header);
            })
            .WithName("GetPatientHeader")
            .WithSummary("The chart header: demographics, age, latest weight (stale after 30 days), allergies, active flags.");
        return app;
    }
}
