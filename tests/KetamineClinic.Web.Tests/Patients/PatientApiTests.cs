using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using KetamineClinic.Web.Platform.Audit;

namespace KetamineClinic.Web.Tests.Patients;

public sealed class PatientApiTests(SeededApps apps) : IClassFixture<SeededApps>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnonymousCaller_WhenSearchingOrReading_ThenUnauthorized(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        using var client = app.Client();

        var search = await client.GetAsync("/api/v1/patients?query=a", Ct);
        var read = await client.GetAsync($"/api/v1/patients/{app.Clinic.PortalPatientId}", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, search.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Theory]
    [InlineData(ClinicRoles.Pharmacist)]
    [InlineData(ClinicRoles.Patient)]
    public async Task GivenRoleWithoutChartAccess_WhenReadingPatient_ThenForbidden(string role)
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var client = await app.SignedInAsAsync(role);

        var response = await client.GetAsync($"/api/v1/patients/{app.Clinic.PortalPatientId}", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenUnknownId_WhenReadingPatient_Then404ProblemDetails(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        using var client = await app.SignedInAsAsync(ClinicRoles.Nurse);

        var response = await client.GetAsync($"/api/v1/patients/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Patient not found", problem.RootElement.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-3")]
    [InlineData("page=1&pageSize=0")]
    [InlineData("page=1&pageSize=101")]
    [InlineData("page=abc")]
    public async Task GivenBadPaging_WhenSearching_Then400(string paging)
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        using var client = await app.SignedInAsAsync(ClinicRoles.FrontDesk);

        var response = await client.GetAsync($"/api/v1/patients?query=a&{paging}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenPhysician_WhenReadingChartHeader_ThenHeaderReturnedAndReadAudited(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var patientId = await TestPatients.AddAsync(
            app.Services, app.Clinic.Riverside.Id, $"KC-7{Random.Shared.Next(100000, 999999)}", "Robin", "Calloway", new DateOnly(1979, 6, 2),
            weights: [(82.5m, 40), (80.1m, 35)],
            allergies: [("Latex", "Anaphylaxis", true)],
            flags: [(FlagKind.FallRisk, FlagPriority.Normal, "Unsteady after sessions"), (FlagKind.SuicideRisk, FlagPriority.High, "SI-2 at last screen")],
            ct: Ct);
        using var client = await app.SignedInAsAsync(ClinicRoles.Physician);
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var header = await client.GetFromJsonAsync<JsonElement>($"/api/v1/patients/{patientId}", Ct);

        Assert.Equal("Calloway", header.GetProperty("familyName").GetString());
        Assert.Equal("Riverside", header.GetProperty("primarySiteName").GetString());
        var weight = header.GetProperty("latestWeight");
        Assert.Equal(80.1m, weight.GetProperty("weightKg").GetDecimal());
        Assert.True(weight.GetProperty("isStale").GetBoolean());
        Assert.Equal(35, weight.GetProperty("ageDays").GetInt32());
        Assert.Equal("Latex", header.GetProperty("allergies")[0].GetProperty("substance").GetString());
        var flags = header.GetProperty("activeFlags");
        Assert.Equal(2, flags.GetArrayLength());
        Assert.Equal("High", flags[0].GetProperty("priority").GetString());
        Assert.Equal("SuicideRisk", flags[0].GetProperty("kind").GetString());

        var events = await AuditQueries.SinceAsync(app.Services, before);
        var read = Assert.Single(events);
        Assert.Equal(AuditActions.Read, read.Action);
        Assert.Equal("Patient", read.ResourceType);
        Assert.Equal(patientId, read.PatientId);
        Assert.Equal(app.Clinic.UserId(ClinicRoles.Physician), read.UserId);
        Assert.Equal(ClinicRoles.Physician, read.Role);
        Assert.Equal(AuditOutcome.Success, read.Outcome);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenNameFragmentMrnOrBirthDate_WhenSearching_ThenMatchesAndAuditRecordsOnlyTheKind(DatabaseProvider provider)
    {
        var app = await apps.GetAsync(provider);
        var mrn = $"ZQ-{Random.Shared.Next(100000, 999999)}";
        var id = await TestPatients.AddAsync(app.Services, app.Clinic.Hillcrest.Id, mrn, "Marisol", "Zeferino", new DateOnly(1991, 11, 23), ct: Ct);
        using var client = await app.SignedInAsAsync(ClinicRoles.FrontDesk);
        var before = await AuditQueries.LastSequenceAsync(app.Services);

        var byName = await client.GetFromJsonAsync<JsonElement>("/api/v1/patients?query=zefer%20MARI", Ct);
        var byMrn = await client.GetFromJsonAsync<JsonElement>($"/api/v1/patients?query={mrn[..5].ToLowerInvariant()}", Ct);
        var byBirth = await client.GetFromJsonAsync<JsonElement>("/api/v1/patients?query=1991-11-23", Ct);
        var none = await client.GetFromJsonAsync<JsonElement>("/api/v1/patients?query=zeferino%20nobody", Ct);

        foreach (var result in new[] { byName, byMrn, byBirth })
        {
            Assert.Contains(result.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);
        }
        Assert.Equal(1, byName.GetProperty("totalCount").GetInt32());
        Assert.Equal("Hillcrest", byName.GetProperty("items")[0].GetProperty("primarySiteName").GetString());
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());

        var events = await AuditQueries.SinceAsync(app.Services, before);
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(AuditActions.Search, e.Action));
        Assert.Equal(
            ["criteria=name; words=2; page=1; results=1", "criteria=mrn; page=1; results=1", "criteria=date-of-birth; page=1; results=1", "criteria=name; words=2; page=1; results=0"],
            events.Select(e => e.Detail).ToArray());
        // Never the names or numbers searched for.
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains("zefer", StringComparison.OrdinalIgnoreCase) || (e.Detail ?? "").Contains(mrn[..5], StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GivenMorePatientsThanAPage_WhenPaging_ThenPagesAreDisjointAndCounted()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        for (var i = 0; i < 5; i++)
        {
            await TestPatients.AddAsync(app.Services, app.Clinic.Riverside.Id, $"PG-{Random.Shared.Next(100000, 999999)}", $"Given{i}", "Pagewood", new DateOnly(1980, 1, 1 + i), ct: Ct);
        }
        using var client = await app.SignedInAsAsync(ClinicRoles.Nurse);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/v1/patients?query=pagewood&page=1&pageSize=2", Ct);
        var third = await client.GetFromJsonAsync<JsonElement>("/api/v1/patients?query=pagewood&page=3&pageSize=2", Ct);

        Assert.Equal(5, first.GetProperty("totalCount").GetInt32());
        Assert.Equal(3, first.GetProperty("pageCount").GetInt32());
        Assert.Equal(["Given0", "Given1"], first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("givenName").GetString()).ToArray());
        Assert.Equal(["Given4"], third.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("givenName").GetString()).ToArray());
    }
}
