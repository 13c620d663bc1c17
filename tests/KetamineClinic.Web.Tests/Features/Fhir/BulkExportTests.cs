using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Export;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Features.Fhir;

/// <summary>Bulk Data Access export: kick-off, status, manifest, NDJSON files, cancel, scopes, audit.</summary>
public sealed class BulkExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenPatients_WhenAClientExportsAtPatientLevel_ThenTheManifestListsNdjsonPartsWithEveryPatientOnceAndEachPatientsExportIsAudited(DatabaseProvider provider)
    {
        await using var app = (await ClinicAppFactory.CreateAsync(provider, demo: false)).With("Fhir:Export:ResourcesPerFile", "2");
        var patientIds = await SeedPatientsAsync(app, 3);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");

        using var kickOff = await client.SendAsync(Export("/fhir/Patient/$export?_type=Patient", token), Ct);

        Assert.Equal(HttpStatusCode.Accepted, kickOff.StatusCode);
        var status = kickOff.Content.Headers.ContentLocation ?? kickOff.Headers.GetValues("Content-Location").Select(v => new Uri(v)).Single();
        Assert.Matches("^http://localhost/fhir/\\$export-status/[0-9a-f-]{36}$", status.ToString());
        using var manifest = await PollUntilCompleteAsync(client, status.PathAndQuery, token);
        var root = manifest.RootElement;
        Assert.True(root.GetProperty("requiresAccessToken").GetBoolean());
        Assert.EndsWith("/fhir/Patient/$export?_type=Patient", root.GetProperty("request").GetString(), StringComparison.Ordinal);
        Assert.Empty(root.GetProperty("error").EnumerateArray());
        var outputs = root.GetProperty("output").EnumerateArray().ToList();
        Assert.All(outputs, o => Assert.Equal("Patient", o.GetProperty("type").GetString()));
        Assert.Equal(patientIds.Count, outputs.Sum(o => o.GetProperty("count").GetInt64()));
        Assert.Equal((patientIds.Count + 1) / 2, outputs.Count);

        var exported = new List<string>();
        foreach (var output in outputs)
        {
            using var file = await client.SendAsync(Get(new Uri(output.GetProperty("url").GetString()!).PathAndQuery, token, "application/fhir+ndjson"), Ct);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/fhir+ndjson", file.Content.Headers.ContentType?.MediaType);
            var text = await file.Content.ReadAsStringAsync(Ct);
            Assert.EndsWith("\n", text, StringComparison.Ordinal);
            var lines = text.TrimEnd('\n').Split('\n');
            Assert.Equal(output.GetProperty("count").GetInt64(), lines.Length);
            foreach (var line in lines)
            {
                using var resource = JsonDocument.Parse(line);
                Assert.Equal("Patient", resource.RootElement.GetProperty("resourceType").GetString());
                exported.Add(resource.RootElement.GetProperty("id").GetString()!);
            }
        }
        Assert.Equal(patientIds.Select(p => p.ToString()).Order(), exported.Order());

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        var exportAudits = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == AuditActions.Export && a.ResourceType == "fhir:$export" && a.PatientId != null)
            .ToListAsync(Ct);
        Assert.Equal(patientIds.Order(), exportAudits.Select(a => a.PatientId!.Value).Order());
        Assert.All(exportAudits, a => Assert.Equal("client:registry", a.UserName));
        Assert.Equal(outputs.Count, await db.AuditEvents.CountAsync(a => a.ResourceType == "fhir:$export-file", Ct));
    }

    [Fact]
    public async Task GivenNoTypeList_WhenExportingAtSystemAndPatientLevel_ThenSystemHasTheDirectoryAndPatientLevelKeepsToThePatientCompartment()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        await SeedPatientsAsync(app, 1);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");

        using var system = await client.SendAsync(Export("/fhir/$export", token), Ct);
        using var systemManifest = await PollUntilCompleteAsync(client, StatusPath(system), token);
        using var patient = await client.SendAsync(Export("/fhir/Patient/$export", token), Ct);
        using var patientManifest = await PollUntilCompleteAsync(client, StatusPath(patient), token);

        static List<string> Types(JsonDocument manifest) =>
            [.. manifest.RootElement.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()!).Distinct()];
        var systemTypes = Types(systemManifest);
        var patientTypes = Types(patientManifest);
        Assert.Equal("Patient", systemTypes[0]);
        Assert.Contains("Organization", systemTypes);
        Assert.Contains("Location", systemTypes);
        Assert.DoesNotContain("AuditEvent", systemTypes); // outside the * wildcard
        Assert.Contains("Patient", patientTypes);
        Assert.DoesNotContain("Organization", patientTypes);
        Assert.DoesNotContain("Location", patientTypes);
        using var badType = await client.SendAsync(Export("/fhir/Patient/$export?_type=Organization", token), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
    }

    [Fact]
    public async Task GivenTheServer_WhenReadingMetadata_ThenBothExportOperationsAreListedWithTheirDefinitions()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/fhir/metadata", Ct));

        var rest = json.RootElement.GetProperty("rest")[0];
        var system = Assert.Single(rest.GetProperty("operation").EnumerateArray().ToList());
        Assert.Equal("export", system.GetProperty("name").GetString());
        Assert.Equal(BulkExportEndpoints.OperationDefinition, system.GetProperty("definition").GetString());
        var patient = rest.GetProperty("resource").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "Patient");
        var patientExport = Assert.Single(patient.GetProperty("operation").EnumerateArray().ToList());
        Assert.Equal(BulkExportEndpoints.PatientOperationDefinition, patientExport.GetProperty("definition").GetString());
    }

    [Fact]
    public async Task GivenACompletedExport_WhenAnotherClientPollsOrDownloads_ThenItFindsNothing()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        await SeedPatientsAsync(app, 1);
        using var client = app.CreateClient();
        var owner = await TokenAsync(app, client, "owner", "system/*.rs");
        var other = await TokenAsync(app, client, "other", "system/*.rs");
        using var kickOff = await client.SendAsync(Export("/fhir/$export", owner), Ct);
        var status = StatusPath(kickOff);
        using var manifest = await PollUntilCompleteAsync(client, status, owner);
        var fileUrl = new Uri(manifest.RootElement.GetProperty("output")[0].GetProperty("url").GetString()!).PathAndQuery;

        using var foreignStatus = await client.SendAsync(Get(status, other), Ct);
        using var foreignFile = await client.SendAsync(Get(fileUrl, other, "application/fhir+ndjson"), Ct);
        using var foreignCancel = await client.SendAsync(Delete(status, other), Ct);
        using var anonymousFile = await client.SendAsync(Get(fileUrl, null, "application/fhir+ndjson"), Ct);

        Assert.Equal(HttpStatusCode.NotFound, foreignStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignFile.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignCancel.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousFile.StatusCode);
        using var ownFile = await client.SendAsync(Get(fileUrl, owner, "application/fhir+ndjson"), Ct);
        Assert.Equal(HttpStatusCode.OK, ownFile.StatusCode);
    }

    [Fact]
    public async Task GivenACompletedExport_WhenTheClientDeletesIt_ThenStatusAndFilesAreGone()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        await SeedPatientsAsync(app, 2);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");
        using var kickOff = await client.SendAsync(Export("/fhir/$export", token), Ct);
        var status = StatusPath(kickOff);
        using var manifest = await PollUntilCompleteAsync(client, status, token);
        var fileUrl = new Uri(manifest.RootElement.GetProperty("output")[0].GetProperty("url").GetString()!).PathAndQuery;

        using var cancel = await client.SendAsync(Delete(status, token), Ct);
        using var after = await client.SendAsync(Get(status, token), Ct);
        using var file = await client.SendAsync(Get(fileUrl, token, "application/fhir+ndjson"), Ct);
        using var again = await client.SendAsync(Delete(status, token), Ct);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Set<BulkExportFile>().CountAsync(Ct));
    }

    [Fact]
    public async Task GivenTheWorkerIsOff_WhenPolling_ThenQueuedWithProgressAndRetryAfter_AndAFourthExportIsRefusedWith429()
    {
        await using var app = (await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false))
            .With("Fhir:Export:WorkerEnabled", "false").With("Fhir:Export:MaxActiveJobsPerClient", "3");
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");
        var statuses = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await client.SendAsync(Export("/fhir/$export", token), Ct);
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            statuses.Add(StatusPath(accepted));
        }

        using var poll = await client.SendAsync(Get(statuses[0], token), Ct);
        using var fourth = await client.SendAsync(Export("/fhir/$export", token), Ct);

        Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
        Assert.Equal("queued", poll.Headers.GetValues("X-Progress").Single());
        Assert.NotNull(poll.Headers.RetryAfter);
        Assert.Equal((HttpStatusCode)429, fourth.StatusCode);
        Assert.Equal("too-costly", (await FhirTestKit.IssueAsync(fourth)).Code);
        using var cancel = await client.SendAsync(Delete(statuses[0], token), Ct);
        using var fifth = await client.SendAsync(Export("/fhir/$export", token), Ct);
        Assert.Equal(HttpStatusCode.Accepted, fifth.StatusCode);
    }

    [Theory]
    [InlineData("/fhir/$export", null, "Prefer: respond-async")]
    [InlineData("/fhir/$export?_outputFormat=application/fhir%2Bjson", "respond-async", "_outputFormat")]
    [InlineData("/fhir/$export?_since=2026-11-01", "respond-async", "_since")]
    [InlineData("/fhir/$export?_type=Banana", "respond-async", "Banana")]
    [InlineData("/fhir/$export?_typeFilter=Patient%3Factive%3Dtrue", "respond-async", "_typeFilter")]
    public async Task GivenAnInvalidKickOff_ThenBadRequestWithOperationOutcomeAndNoJobStored(string path, string? prefer, string named)
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");
        using var request = Get(path, token);
        if (prefer is not null)
        {
            request.Headers.Add("Prefer", prefer);
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, diagnostics) = await FhirTestKit.IssueAsync(response);
        Assert.Equal("invalid", code);
        Assert.Contains(named, diagnostics, StringComparison.Ordinal);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Set<BulkExportJob>().CountAsync(Ct));
    }

    [Theory]
    [InlineData("/fhir/$export?_type=Patient", "system/Observation.rs")]
    [InlineData("/fhir/$export", "system/Observation.c")]
    [InlineData("/fhir/Patient/$export?_type=Patient", "system/Patient.r")]
    public async Task GivenATokenThatCannotReadAndSearchTheTypes_WhenKickingOff_Then403(string path, string scopes)
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "narrow", scopes);

        using var response = await client.SendAsync(Export(path, token), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("forbidden", (await FhirTestKit.IssueAsync(response)).Code);
    }

    [Fact]
    public async Task GivenAJobRunningWhenTheProcessStopped_WhenTheWorkerStarts_ThenTheJobIsRunAgainFromTheStart()
    {
        await using var app = await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: false);
        await SeedPatientsAsync(app, 2);
        using var client = app.CreateClient();
        var token = await TokenAsync(app, client, "registry", "system/*.rs");
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        Guid jobId;
        await using (var db = await contexts.CreateDbContextAsync(Ct))
        {
            var job = new BulkExportJob
            {
                Level = BulkExportLevel.System,
                ClientId = "registry",
                RequestedBy = "client:registry",
                RequestUrl = "http://localhost/fhir/$export",
                Types = "Patient",
                Status = BulkExportStatus.Running,
                RequestedAt = DateTimeOffset.UtcNow,
                StartedAt = DateTimeOffset.UtcNow,
                TransactionTime = DateTimeOffset.UtcNow,
            };
            db.Add(job);
            db.Add(new BulkExportFile { JobId = job.Id, ResourceType = "Patient", Part = 1, ResourceCount = 1, Content = "{}\n"u8.ToArray() });
            await db.SaveChangesAsync(Ct);
            jobId = job.Id;
        }
        var worker = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<BulkExportWorker>().Single();

        await worker.RequeueInterruptedAsync(Ct);
        await worker.RunQueuedAsync(Ct);

        using var manifest = await PollUntilCompleteAsync(client, $"/fhir/$export-status/{jobId}", token);
        var output = Assert.Single(manifest.RootElement.GetProperty("output").EnumerateArray().ToList());
        Assert.Equal(await CountPatientsAsync(app), output.GetProperty("count").GetInt64());
    }

    private static async Task<List<Guid>> SeedPatientsAsync(ClinicAppFactory app, int count)
    {
        var clinic = await TestClinic.SeedAsync(app.Services, Ct);
        for (var i = 0; i < count; i++)
        {
            await TestPatients.AddAsync(app.Services, clinic.Riverside.Id, $"KC-EXP-{i:D3}", "Test", $"Export{i}", new DateOnly(1980, 1, 1 + i), ct: Ct);
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        return await db.Patients.Select(p => p.Id).ToListAsync(Ct);
    }

    private static async Task<long> CountPatientsAsync(ClinicAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
        return await db.Patients.LongCountAsync(Ct);
    }

    private static async Task<string> TokenAsync(ClinicAppFactory app, HttpClient client, string clientId, string scopes)
    {
        var secret = await app.RegisterClientAsync(clientId, scopes);
        return await client.GetTokenAsync(clientId, secret, scopes);
    }

    private static string StatusPath(HttpResponseMessage kickOff)
    {
        Assert.Equal(HttpStatusCode.Accepted, kickOff.StatusCode);
        return new Uri(kickOff.Content.Headers.ContentLocation?.ToString() ?? kickOff.Headers.GetValues("Content-Location").Single()).PathAndQuery;
    }

    private static async Task<JsonDocument> PollUntilCompleteAsync(HttpClient client, string status, string token)
    {
        // Polling as a client does; the bound only stops a broken worker from hanging the run.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var response = await client.SendAsync(Get(status, token), Ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            }
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("The export did not complete.");
    }

    private static HttpRequestMessage Export(string path, string token)
    {
        var request = Get(path, token);
        request.Headers.Add("Prefer", "respond-async");
        return request;
    }

    private static HttpRequestMessage Get(string path, string? token, string accept = "application/fhir+json") =>
        FhirTestKit.Get(path, token, accept);

    private static HttpRequestMessage Delete(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
