using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Tests.Features.Fhir;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.DeviceFeed;

/// <summary>POST /fhir/Observation into the one vitals pipeline (system clock: real tokens).</summary>
public sealed class FhirObservationCreateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(InfusionDayAppFactory App, HttpClient Client, string Token, InfusionDayClinic Clinic, Guid SessionId, DateTimeOffset At) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await App.DisposeAsync();
        }
    }

    private static async Task<Setup> StartAsync(DatabaseProvider provider)
    {
        var app = await InfusionDayAppFactory.CreateAsync(provider);
        var services = app.Services;
        var now = TimeProvider.System.GetUtcNow();
        await using (var db = await services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct))
        {
            var clinic = await InfusionDaySeed.SeedAsync(db, now.AddMinutes(-5), chairs: 2);
            var phases = services.GetRequiredService<SessionPhaseHandler>();
            var session = Assert.IsType<SessionCommandResult.Done>(await phases.CheckInAsync(clinic.ChairIds[0], clinic.PatientIds[0], Nurse, Ct)).Session;
            Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session.Id, PhaseCommand.BeginPreChecks, null, Nurse, null, Ct));
            await KetamineClinic.Testing.Seeding.PreInfusionSeed.ClearForStartAsync(db, session.Id, TimeProvider.System.GetUtcNow(), Ct);
            Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session.Id, PhaseCommand.StartInfusion, null, Nurse, null, Ct));
            var client = app.CreateClient();
            var secret = await app.RegisterClientAsync("gateway", "system/Observation.c");
            var token = await client.GetTokenAsync("gateway", secret, "system/Observation.c");
            var at = TimeProvider.System.GetUtcNow().AddSeconds(1);
            return new Setup(app, client, token, clinic, session.Id, new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero));
        }
    }

    private static string HeartRate(Guid patient, DateTimeOffset at, int value, string? identifier = "hr-1", string? device = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["resourceType"] = "Observation",
            ["status"] = "final",
            ["identifier"] = identifier is null ? null : new[] { new { system = "urn:example:gateway", value = identifier } },
            ["category"] = new[] { new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/observation-category", code = "vital-signs" } } } },
            ["code"] = new { coding = new[] { new { system = "http://loinc.org", code = "8867-4", display = "Heart rate" } } },
            ["subject"] = new { reference = $"Patient/{patient:D}" },
            ["device"] = device is null ? null : new { reference = $"Device/{device}" },
            ["effectiveDateTime"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["valueQuantity"] = new { value, unit = "/min", system = "http://unitsofmeasure.org", code = "/min" },
        }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value));

    private static async Task<HttpResponseMessage> PostAsync(Setup s, string json, string? token = null)
    {
        using var request = FhirTestKit.Get("/fhir/Observation", token is { Length: 0 } ? null : token ?? s.Token);
        request.Method = HttpMethod.Post;
        request.Content = new StringContent(json, Encoding.UTF8, "application/fhir+json");
        return await s.Client.SendAsync(request, Ct);
    }

    private static async Task<List<VitalReading>> ReadingsAsync(Setup s)
    {
        await using var db = await s.App.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<VitalReading>().AsNoTracking().ToListAsync(Ct);
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAHeartRateObservation_WhenCreated_Then201WithLocationAndOneReadingFromTheClient_AndAResendIs200WithTheSameResource(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var json = HeartRate(s.Clinic.PatientIds[0], s.At, 88);

        using var created = await PostAsync(s, json);
        using var resent = await PostAsync(s, json);

        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var reading = Assert.Single(await ReadingsAsync(s));
        Assert.Equal((VitalsSourceKind.Fhir, "client:gateway", "urn:example:gateway|hr-1", 88, s.SessionId),
            (reading.Source, reading.SenderKey, reading.IdempotencyKey, reading.HeartRatePerMin, reading.SessionId));
        Assert.Equal($"/fhir/Observation/{reading.Id:D}/_history/1", created.Headers.Location!.OriginalString);
        using var resource = JsonDocument.Parse(body);
        Assert.Equal(reading.Id.ToString("D"), resource.RootElement.GetProperty("id").GetString());
        Assert.Equal(88, resource.RootElement.GetProperty("valueQuantity").GetProperty("value").GetInt32());
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        using var again = JsonDocument.Parse(await resent.Content.ReadAsStringAsync(Ct));
        Assert.Equal(reading.Id.ToString("D"), again.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GivenAnInvalidResource_WhenPosted_Then400OperationOutcomeAndNothingStored()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var json = HeartRate(s.Clinic.PatientIds[0], s.At, 88).Replace("\"final\"", "\"bogus\"", StringComparison.Ordinal);

        using var response = await PostAsync(s, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("OperationOutcome", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(await ReadingsAsync(s));
    }

    [Theory]
    [InlineData(350, 422)]          // outside the Domain's heart-rate range (20-300 /min)
    [InlineData(88, 422, true)]     // subject is not the patient in the device's chair
    public async Task GivenAReadingTheClinicCannotChart_WhenPosted_ThenOperationOutcomeAndNothingStored(int value, int status, bool otherPatient = false)
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);
        var patient = otherPatient ? s.Clinic.PatientIds[1] : s.Clinic.PatientIds[0];

        using var response = await PostAsync(s, HeartRate(patient, s.At, value, device: s.Clinic.DeviceIds[0].ToString("D")));

        Assert.Equal(status, (int)response.StatusCode);
        var (_, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.NotEmpty(diagnostics);
        Assert.Empty(await ReadingsAsync(s));
    }

    [Fact]
    public async Task GivenNoOpenSessionForTheSubject_WhenPosted_Then409()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);

        using var response = await PostAsync(s, HeartRate(s.Clinic.PatientIds[1], s.At, 80));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Empty(await ReadingsAsync(s));
    }

    [Fact]
    public async Task GivenTheCapabilityStatement_ThenObservationListsCreate_AndAnAnonymousPostIs401()
    {
        await using var s = await StartAsync(DatabaseProvider.Sqlite);

        using var metadata = await s.Client.SendAsync(FhirTestKit.Get("/fhir/metadata", s.Token), Ct);
        using var anonymous = await PostAsync(s, HeartRate(s.Clinic.PatientIds[0], s.At, 88), token: string.Empty);

        using var json = JsonDocument.Parse(await metadata.Content.ReadAsStringAsync(Ct));
        var observation = json.RootElement.GetProperty("rest")[0].GetProperty("resource").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Observation");
        Assert.Contains("create", observation.GetProperty("interaction").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await ReadingsAsync(s));
    }
}
