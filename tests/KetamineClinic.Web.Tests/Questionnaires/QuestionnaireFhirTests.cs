using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Questionnaires;
using KetamineClinic.Web.Tests.Features.Fhir;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Questionnaires;

/// <summary>One real server (Kestrel on a loopback port) for the FHIR questionnaire tests and the fhir-kit-client peer.</summary>
public sealed class QuestionnaireFhirServer : IAsyncLifetime
{
    public ClinicAppFactory Factory { get; private set; } = null!;
    public SeededClinic Clinic { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Factory = (await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false)).UseRealServer();
        Address = Factory.ServerAddress;
        Clinic = await TestClinic.SeedAsync(Factory.Services);
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class QuestionnaireFhirTests(QuestionnaireFhirServer server) : IClassFixture<QuestionnaireFhirServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SeededApp App => new(server.Factory, server.Clinic);

    [Fact]
    [Trait("Vector", "TV-03")]
    public async Task GivenFhirKitClient_WhenItPostsAPhq9QuestionnaireResponse_ThenItReadsBackThe44261_6ObservationWithTotalAndBand()
    {
        var patient = await QuestionnaireTestKit.NewPatientAsync(App);
        var secret = await server.Factory.RegisterClientAsync("fhir-kit-peer", "system/QuestionnaireResponse.crs system/Observation.rs");

        var output = await RunNodeAsync(new Dictionary<string, string>
        {
            ["KC_BASE"] = server.Address.ToString(),
            ["KC_CLIENT_ID"] = "fhir-kit-peer",
            ["KC_CLIENT_SECRET"] = secret,
            ["KC_PATIENT_ID"] = patient.ToString(),
        });

        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal("QuestionnaireResponse", r.GetProperty("createdType").GetString());
        Assert.Equal("http://loinc.org/q/44249-1", r.GetProperty("readBackQuestionnaire").GetString());
        Assert.Equal(1, r.GetProperty("observationsFound").GetInt32());
        Assert.Equal(("44261-6", "survey", 10m, "Moderate"), (r.GetProperty("code").GetString(), r.GetProperty("category").GetString(), r.GetProperty("value").GetDecimal(), r.GetProperty("band").GetString()));
        Assert.Equal("QuestionnaireResponse/" + r.GetProperty("createdId").GetString(), r.GetProperty("derivedFrom").GetString());
    }

    [Fact]
    [Trait("Rule", "PHQ9-SAFETY-01")]
    public async Task GivenPhq9Item9PositiveOverFhir_WhenCreated_Then201LocationFlagAndAResendIsAReplay()
    {
        var patient = await QuestionnaireTestKit.NewPatientAsync(App);
        var token = await TokenAsync("system/QuestionnaireResponse.crs system/Observation.rs");
        var body = Phq9Json(patient, [0, 1, 0, 1, 0, 0, 0, 0, 1], identifier: "si-" + patient);

        using var created = await PostAsync(token, body);
        using var resent = await PostAsync(token, body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct));
        var id = createdJson.RootElement.GetProperty("id").GetString();
        Assert.EndsWith($"/fhir/QuestionnaireResponse/{id}/_history/1", created.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        using var resentJson = JsonDocument.Parse(await resent.Content.ReadAsStringAsync(Ct));
        Assert.Equal(id, resentJson.RootElement.GetProperty("id").GetString());
        await using var db = server.Factory.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();
        var flag = await db.PatientFlags.SingleAsync(f => f.PatientId == patient && f.Kind == FlagKind.SuicideRisk, Ct);
        Assert.Equal((Domain.Safety.SuicideRiskLevel.SI1, "PHQ9-SAFETY-01"), (flag.SuicideRiskLevel, flag.RuleId));
        Assert.Equal(1, await db.Set<InstrumentResponse>().CountAsync(x => x.PatientId == patient, Ct));
        var audit = await db.AuditEvents.Where(e => e.PatientId == patient && e.ResourceType == "InstrumentResponse").ToListAsync(Ct);
        Assert.Equal("client:questionnaire-tests", Assert.Single(audit).UserName);
    }

    [Fact]
    [Trait("Rule", "PHQ9-01")]
    public async Task GivenAnOutOfRangeAnswerOrAMissingSubject_WhenCreated_Then422Or400OperationOutcomeAndNothingStored()
    {
        var patient = await QuestionnaireTestKit.NewPatientAsync(App);
        var token = await TokenAsync("system/QuestionnaireResponse.c");

        using var outOfRange = await PostAsync(token, Phq9Json(patient, [0, 0, 0, 0, 0, 0, 0, 0, 4], integers: true));
        using var noSubject = await PostAsync(token, Phq9Json(patient, [0, 0, 0, 0, 0, 0, 0, 0, 0]).Replace($"\"subject\":{{\"reference\":\"Patient/{patient}\"}},", "", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        var issues = await IssuesAsync(outOfRange);
        Assert.Contains(issues, i => i.Contains("item 9", StringComparison.Ordinal) && i.Contains("0–3", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.Contains(await IssuesAsync(noSubject), i => i.Contains("Patient", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0), await QuestionnaireTestKit.CountsAsync(App, patient));
    }

    [Fact]
    public async Task GivenATokenWithoutQuestionnaireResponseCreate_WhenPosting_Then403AndNothingStored()
    {
        var patient = await QuestionnaireTestKit.NewPatientAsync(App);
        var token = await TokenAsync("system/Observation.rs");

        using var response = await PostAsync(token, Phq9Json(patient, [1, 1, 1, 1, 1, 0, 0, 0, 0]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal((0, 0, 0), await QuestionnaireTestKit.CountsAsync(App, patient));
    }

    [Fact]
    public async Task GivenResponsesOfTwoInstruments_WhenSearchingByPatientQuestionnaireAuthoredAndCount_ThenMatchesArePagedAndAudited()
    {
        var patient = await QuestionnaireTestKit.NewPatientAsync(App);
        var token = await TokenAsync("system/QuestionnaireResponse.crs system/Observation.rs");
        foreach (var total in new[] { 1, 2, 3 })
        {
            using var created = await PostAsync(token, Phq9Json(patient, [total, 0, 0, 0, 0, 0, 0, 0, 0], minutesAgo: 10 - total));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var before = await AuditQueries.LastSequenceAsync(server.Factory.Services);

        using var client = server.Client();
        using var page = await client.SendAsync(FhirTestKit.Get($"/fhir/QuestionnaireResponse?patient=Patient/{patient}&questionnaire=http://loinc.org/q/44249-1&authored=ge2000-01-01&_count=2", token), Ct);
        using var none = await client.SendAsync(FhirTestKit.Get($"/fhir/QuestionnaireResponse?patient={patient}&questionnaire=http://loinc.org/q/69737-5", token), Ct);
        using var future = await client.SendAsync(FhirTestKit.Get($"/fhir/QuestionnaireResponse?patient={patient}&authored=gt2100-01-01", token), Ct);
        using var observations = await client.SendAsync(FhirTestKit.Get($"/fhir/Observation?patient={patient}&code=http://loinc.org|44261-6&_sort=-date", token), Ct);

        using var pageJson = JsonDocument.Parse(await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal((3, 2), (pageJson.RootElement.GetProperty("total").GetInt32(), pageJson.RootElement.GetProperty("entry").GetArrayLength()));
        Assert.Contains(pageJson.RootElement.GetProperty("link").EnumerateArray(), l => l.GetProperty("relation").GetString() == "next");
        Assert.Equal(0, JsonDocument.Parse(await none.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, JsonDocument.Parse(await future.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("total").GetInt32());
        using var obsJson = JsonDocument.Parse(await observations.Content.ReadAsStringAsync(Ct));
        var values = obsJson.RootElement.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("valueQuantity").GetProperty("value").GetInt32()).ToList();
        Assert.Equal([3, 2, 1], values);
        var audits = await AuditQueries.SinceAsync(server.Factory.Services, before);
        Assert.Contains(audits, a => a.ResourceType == "fhir:QuestionnaireResponse" && a.Action == "search" && a.PatientId == patient);
        Assert.Contains(audits, a => a.ResourceType == "fhir:Observation" && a.Action == "search" && a.PatientId == patient);
    }

    private async Task<string> TokenAsync(string scopes)
    {
        const string clientId = "questionnaire-tests";
        _secret ??= await server.Factory.RegisterClientAsync(clientId, "system/*.rs system/QuestionnaireResponse.c");
        using var client = server.Client();
        return await client.GetTokenAsync(clientId, _secret, scopes);
    }

    private static string? _secret;

    private async Task<HttpResponseMessage> PostAsync(string token, string body)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/QuestionnaireResponse")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/fhir+json");
        return await client.SendAsync(request, Ct);
    }

    private static async Task<List<string>> IssuesAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("OperationOutcome", json.RootElement.GetProperty("resourceType").GetString());
        return [.. json.RootElement.GetProperty("issue").EnumerateArray().Select(i => i.GetProperty("diagnostics").GetString() ?? string.Empty)];
    }

    private static string Phq9Json(Guid patient, int[] scores, string? identifier = null, bool integers = false, int minutesAgo = 2)
    {
        string[] codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
        var items = string.Join(",", scores.Select((s, i) => integers
            ? $"{{\"linkId\":\"{i + 1}\",\"answer\":[{{\"valueInteger\":{s}}}]}}"
            : $"{{\"linkId\":\"{i + 1}\",\"answer\":[{{\"valueCoding\":{{\"system\":\"http://loinc.org\",\"code\":\"{codes[s]}\"}}}}]}}"));
        var id = identifier is null ? string.Empty : $"\"identifier\":{{\"system\":\"urn:example:tests\",\"value\":\"{identifier}\"}},";
        var authored = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return $"{{\"resourceType\":\"QuestionnaireResponse\",{id}\"questionnaire\":\"http://loinc.org/q/44249-1\",\"status\":\"completed\",\"subject\":{{\"reference\":\"Patient/{patient}\"}},\"authored\":\"{authored}\",\"item\":[{items}]}}";
    }

    private static async Task<string> RunNodeAsync(IReadOnlyDictionary<string, string> environment)
    {
        var directory = NodeDirectory();
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "fhir-kit-client")))
        {
            Assert.Skip($"fhir-kit-client is not installed: run `npm ci` in {directory} (test.sh does it).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("interop.mjs");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            Assert.Skip($"node is not on PATH ({e.Message}); the fhir-kit-client interop test needs Node 20+.");
            throw;
        }
        using (process)
        {
            Assert.NotNull(process);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            Assert.True(process.ExitCode == 0, $"node interop.mjs exited {process.ExitCode}: {await errors}");
            return await output;
        }
    }

    private static string NodeDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KetamineClinic.slnx")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "KetamineClinic.Web.Tests", "Questionnaires", "node");
    }
}
