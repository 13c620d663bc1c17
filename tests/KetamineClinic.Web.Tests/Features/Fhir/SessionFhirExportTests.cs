using System.Net;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>GET /api/v1/sessions/{id}/fhir: the session record's "Download FHIR".</summary>
public sealed class SessionFhirExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenANurse_WhenDownloadingASessionAsFhir_ThenACollectionWithEncounterProcedureObservationsAndIssues_Audited(DatabaseProvider provider)
    {
        await using var app = await ClinicAppFactory.CreateAsync(provider, demo: false);
        var seed = await FhirSeed.SeedAsync(app.Services, Ct);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotNull(await HttpSignIn.SignInAsync(client, TestClinic.EmailFor(ClinicRoles.Nurse), TestClinic.Password, Ct));

        using var response = await client.GetAsync($"/api/v1/sessions/{seed.SessionA1}/fhir", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"session-{seed.SessionA1:D}.fhir.json", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var bundle = json.RootElement;
        Assert.Equal("collection", bundle.GetProperty("type").GetString());
        var resources = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        var expectedObservations = seed.Observations.Where(o => o.SessionId == seed.SessionA1).Select(o => o.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["Encounter", "Procedure"], resources.Take(2).Select(r => r.GetProperty("resourceType").GetString()));
        Assert.Equal(expectedObservations, resources.Where(r => r.GetProperty("resourceType").GetString() == "Observation").Select(r => r.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal([seed.AlarmA1.ToString("D")], resources.Where(r => r.GetProperty("resourceType").GetString() == "DetectedIssue").Select(r => r.GetProperty("id").GetString()));
        Assert.All(bundle.GetProperty("entry").EnumerateArray(), e => Assert.StartsWith("http://localhost/fhir/", e.GetProperty("fullUrl").GetString(), StringComparison.Ordinal));

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        var export = await db.AuditEvents.SingleAsync(e => e.Action == "export" && e.ResourceType == "InfusionSession", Ct);
        Assert.Equal(seed.SessionA1.ToString("D"), export.ResourceId);
        Assert.Equal(seed.PatientA, export.PatientId);
        Assert.Equal(TestClinic.EmailFor(ClinicRoles.Nurse), export.UserName);
    }

    [Fact]
    public async Task GivenFrontDeskOrAnonymousOrAnUnknownSession_WhenDownloading_ThenRefusedOr404()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        var seed = await FhirSeed.SeedAsync(app.Services, Ct);
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var refused = await anonymous.GetAsync($"/api/v1/sessions/{seed.SessionA1}/fhir", Ct);
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found });

        using var frontDesk = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotNull(await HttpSignIn.SignInAsync(frontDesk, TestClinic.EmailFor(ClinicRoles.FrontDesk), TestClinic.Password, Ct));
        using var forbidden = await frontDesk.GetAsync($"/api/v1/sessions/{seed.SessionA1}/fhir", Ct);
        Assert.Contains(forbidden.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Redirect, HttpStatusCode.Found });

        using var physician = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.NotNull(await HttpSignIn.SignInAsync(physician, TestClinic.EmailFor(ClinicRoles.Physician), TestClinic.Password, Ct));
        using var missing = await physician.GetAsync($"/api/v1/sessions/{Guid.NewGuid()}/fhir", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "export" && e.Outcome == KetamineClinic.Web.Platform.Audit.AuditOutcome.Failed, Ct));
    }
}
