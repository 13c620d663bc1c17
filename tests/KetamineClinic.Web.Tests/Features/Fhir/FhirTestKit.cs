using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KetamineClinic.Web.Features.Fhir;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>Tokens, clients and a test-only FHIR resource endpoint (never shipped: registered through test services).</summary>
internal static class FhirTestKit
{
    public static readonly Guid PatientA = Guid.Parse("6a1f1d8e-2b7c-4f61-9a1e-0c3d5b7a9e11");
    public static readonly Guid PatientB = Guid.Parse("9d2c4e6f-8a1b-4c3d-8e5f-7a9b1c3d5e22");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with <see cref="SampleObservationEndpoints"/> mapped into /fhir.</summary>
    public static WebApplicationFactory<Program> WithSampleFhirEndpoints(this WebApplicationFactory<Program> factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            // The door's tests use stand-ins instead of the shipped resources (same routes).
            s.RemoveAll<KetamineClinic.Web.Features.Fhir.Search.IFhirResourceDefinition>();
            // and the FHIR endpoints that are not resource definitions (QuestionnaireResponse create).
            foreach (var own in s.Where(d => d.ImplementationType?.Namespace == typeof(KetamineClinic.Web.Features.Questionnaires.SurveyScoreObservationSource).Namespace
                && d.ServiceType == typeof(IFhirEndpoints)).ToList())
            {
                s.Remove(own);
            }
            foreach (var real in s.Where(d => d.ImplementationType == typeof(KetamineClinic.Web.Features.Infusions.PreInfusion.MedicationAdministrationFhirEndpoints)).ToList())
            {
                s.Remove(real);
            }
            // The real POST /fhir/Observation would clash with the stand-in's create route.
            foreach (var real in s.Where(d => d.ServiceType == typeof(IFhirEndpoints) && d.ImplementationType == typeof(ObservationCreateEndpoint)).ToList())
            {
                s.Remove(real);
            }

            s.AddSingleton<IFhirEndpoints, SampleObservationEndpoints>();
        }));

    /// <summary>Registers a client through the same handler as the admin page; returns its secret.</summary>
    public static async Task<string> RegisterClientAsync(this WebApplicationFactory<Program> app, string clientId, string scopes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registry = ActivatorUtilities.CreateInstance<FhirClientRegistry>(scope.ServiceProvider, FixedAuditActor.System("test:setup"));
        var result = await registry.RegisterAsync(clientId, null, scopes, Ct);
        return Assert.IsType<FhirClientResult.Done>(result).Secret!;
    }

    public static async Task<FhirClientResult> ChangeClientAsync(this WebApplicationFactory<Program> app, Func<FhirClientRegistry, Task<FhirClientResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registry = ActivatorUtilities.CreateInstance<FhirClientRegistry>(scope.ServiceProvider, FixedAuditActor.System("test:setup"));
        return await change(registry);
    }

    public static async Task<IReadOnlyList<FhirClientSummary>> ListClientsAsync(this WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<FhirClientRegistry>(scope.ServiceProvider, FixedAuditActor.System("test:setup")).ListAsync(Ct);
    }

    /// <summary>POST /connect/token, client_secret_basic (or client_secret_post).</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string clientId, string secret, string? scope, bool basic = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token");
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }
        if (basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        }
        else
        {
            form["client_id"] = clientId;
            form["client_secret"] = secret;
        }
        request.Content = new FormUrlEncodedContent(form);
        return await client.SendAsync(request, Ct);
    }

    public static async Task<string> GetTokenAsync(this HttpClient client, string clientId, string secret, string scope)
    {
        var response = await client.RequestTokenAsync(clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage Get(string path, string? token, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return request;
    }

    /// <summary>The claims of a JWT (its payload, not verified: the server's own tests verify by using it).</summary>
    public static JsonElement JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.Clone();
    }

    /// <summary>The single issue of an OperationOutcome body.</summary>
    public static async Task<(string Code, string Diagnostics)> IssueAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OperationOutcome", json.RootElement.GetProperty("resourceType").GetString());
        var issue = Assert.Single(json.RootElement.GetProperty("issue").EnumerateArray().ToList());
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        return (issue.GetProperty("code").GetString()!, issue.GetProperty("diagnostics").GetString()!);
    }
}

/// <summary>
/// A stand-in resource endpoint for the door's tests: read, search and create of Observation, plus endpoints that
/// misbehave on purpose (one throws, one returns a result the audit cannot attribute).
/// </summary>
internal sealed class SampleObservationEndpoints : IFhirEndpoints
{
    public void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Observation/{id}", (string id) => id switch
            {
                "missing" => (IResult)FhirResults.NotFound("No Observation missing."),
                "boom" => throw new InvalidOperationException("secret internal detail"),
                _ => FhirResults.Resource(
                    $$$"""{"resourceType":"Observation","id":"{{{id}}}","status":"final","subject":{"reference":"Patient/{{{FhirTestKit.PatientA}}}"}}""",
                    id, FhirTestKit.PatientA, versionId: "3"),
            })
            .FhirInteraction("Observation", FhirInteraction.Read);
        fhir.MapGet("/Observation", () => FhirResults.SearchSet(
                """{"resourceType":"Bundle","type":"searchset","total":3}""", [FhirTestKit.PatientA, FhirTestKit.PatientB, FhirTestKit.PatientA], 3))
            .FhirInteraction("Observation", FhirInteraction.SearchType,
                new FhirSearchParam("patient", FhirSearchParamType.Reference), new FhirSearchParam("date", FhirSearchParamType.Date, "When taken"));
        fhir.MapPost("/Observation", () => FhirResults.Resource("""{"resourceType":"Observation","id":"new"}""", "new", FhirTestKit.PatientA, StatusCodes.Status201Created, location: "/fhir/Observation/new"))
            .FhirInteraction("Observation", FhirInteraction.Create);
        fhir.MapGet("/Patient/{id}", (string id) => TypedResults.Ok(id))
            .FhirInteraction("Patient", FhirInteraction.Read);
    }
}
