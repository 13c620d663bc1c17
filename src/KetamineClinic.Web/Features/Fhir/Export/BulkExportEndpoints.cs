using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OpenIddict.Abstractions;

namespace KetamineClinic.Web.Features.Fhir.Export;

/// <summary>
/// FHIR Bulk Data Access (v2.0.0) export, asynchronous request pattern: kick-off (202 + Content-Location), status
/// polling (202 with X-Progress and Retry-After, then 200 with the manifest), NDJSON downloads with the same token,
/// DELETE to cancel. Types and scopes: a client exports only types its token may read and search (<c>rs</c>).
/// </summary>
internal sealed partial class BulkExportEndpoints : IFhirEndpoints
{
    public const string OperationDefinition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export";
    public const string PatientOperationDefinition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export";

    private static readonly string[] NdjsonFormats = [FhirNdjson.MediaType, "application/ndjson", "ndjson"];
    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal) { "_outputFormat", "_since", "_type" };
    private const SmartPermissions ExportPermission = SmartPermissions.Read | SmartPermissions.Search;

    public void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/$export", (HttpContext http, BulkExportKickOff kickOff, CancellationToken ct) =>
                kickOff.StartAsync(http, BulkExportLevel.System, ct))
            .WithMetadata(new FhirOperationMetadata("export", OperationDefinition, "system"));
        fhir.MapGet("/Patient/$export", (HttpContext http, BulkExportKickOff kickOff, CancellationToken ct) =>
                kickOff.StartAsync(http, BulkExportLevel.Patient, ct))
            .WithMetadata(new FhirOperationMetadata("export", PatientOperationDefinition, "Patient"));
        fhir.MapGet("/$export-status/{id:guid}", StatusAsync);
        fhir.MapDelete("/$export-status/{id:guid}", CancelAsync);
        fhir.MapGet("/$export-file/{id:guid}", FileAsync).WithMetadata(FhirNdjsonEndpoint.Instance);
    }

    internal static string? ClientIdOf(HttpContext http) => http.User.GetClaim(OpenIddictConstants.Claims.Subject);

    private static async Task<IResult> StatusAsync(
        Guid id, HttpContext http, IDbContextFactory<ClinicDbContext> contexts, IOptions<FhirSecurityOptions> security, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var job = await FindOwnAsync(db, id, http, ct);
        if (job is null)
        {
            return FhirResults.NotFound("No export with this id for this client (it may have been cancelled or expired).");
        }
        switch (job.Status)
        {
            case BulkExportStatus.Queued:
            case BulkExportStatus.Running:
                http.Response.Headers["X-Progress"] = job.Status == BulkExportStatus.Queued
                    ? "queued"
                    : string.Create(CultureInfo.InvariantCulture, $"running: {job.ResourcesWritten} resources written");
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.StatusCode(StatusCodes.Status202Accepted);
            case BulkExportStatus.Failed:
                return FhirResults.Outcome(StatusCodes.Status500InternalServerError, FhirIssueType.Exception, job.Error ?? "The export failed.");
            case BulkExportStatus.Completed:
                var files = await db.Set<BulkExportFile>().AsNoTracking()
                    .Where(f => f.JobId == job.Id)
                    .Select(f => new { f.Id, f.ResourceType, f.Part, f.ResourceCount })
                    .ToListAsync(ct);
                var order = job.TypeList.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
                var appBase = FhirDoor.AppBase(http.Request, security.Value);
                var manifest = new BulkExportManifest(
                    FormatInstant(job.TransactionTime!.Value),
                    job.RequestUrl,
                    RequiresAccessToken: true,
                    [.. files.OrderBy(f => order.GetValueOrDefault(f.ResourceType, int.MaxValue)).ThenBy(f => f.Part)
                        .Select(f => new BulkExportOutput(f.ResourceType, new Uri(appBase, $"fhir/$export-file/{f.Id}").ToString(), f.ResourceCount))],
                    []);
                http.Response.Headers.Expires = (job.CompletedAt!.Value + BulkExportRetention.Of(http)).ToString("R", CultureInfo.InvariantCulture);
                return TypedResults.Json(manifest, BulkExportJson.Options, contentType: "application/json", statusCode: StatusCodes.Status200OK);
            case BulkExportStatus.Cancelled:
            case BulkExportStatus.Expired:
            default:
                return FhirResults.NotFound("No export with this id for this client (it may have been cancelled or expired).");
        }
    }

    private static async Task<IResult> CancelAsync(
        Guid id, HttpContext http, IDbContextFactory<ClinicDbContext> contexts, IAuditTrail audit, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var job = await FindOwnAsync(db, id, http, ct, tracked: true);
            if (job is null || job.Status is BulkExportStatus.Cancelled or BulkExportStatus.Expired)
            {
                return FhirResults.NotFound("No export with this id for this client to cancel.");
            }
            job.Status = BulkExportStatus.Cancelled;
            job.Version = Guid.NewGuid();
            await audit.StageAsync(db, new AuditEntry(AuditActions.Delete, "fhir:$export", job.Id.ToString(), null, AuditOutcome.Success, "export cancelled by the client"));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                continue; // the worker wrote progress in between: read the job again
            }
            await db.Set<BulkExportFile>().Where(f => f.JobId == id).ExecuteDeleteAsync(ct);
            return TypedResults.StatusCode(StatusCodes.Status202Accepted);
        }
    }

    private static async Task<IResult> FileAsync(
        Guid id, HttpContext http, IDbContextFactory<ClinicDbContext> contexts, IAuditTrail audit, CancellationToken ct)
    {
        if (!AcceptsNdjson(http.Request))
        {
            return FhirResults.Outcome(StatusCodes.Status406NotAcceptable, FhirIssueType.NotSupported, $"Export files are {FhirNdjson.MediaType}.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var clientId = ClientIdOf(http);
        var file = await db.Set<BulkExportFile>().AsNoTracking()
            .Join(db.Set<BulkExportJob>(), f => f.JobId, j => j.Id, (f, j) => new { File = f, j.ClientId, j.Status })
            .Where(x => x.File.Id == id && x.ClientId == clientId && x.Status == BulkExportStatus.Completed)
            .Select(x => x.File)
            .SingleOrDefaultAsync(ct);
        if (file is null)
        {
            return FhirResults.NotFound("No export file with this id for this client (it may have been cancelled or expired).");
        }
        // The download is the disclosure: audited before a byte leaves.
        await audit.RecordAsync(new AuditEntry(
            AuditActions.Export, "fhir:$export-file", file.Id.ToString(), null, AuditOutcome.Success,
            string.Create(CultureInfo.InvariantCulture, $"{file.ResourceType} part {file.Part}: {file.ResourceCount} resources")), ct);
        return TypedResults.Bytes(file.Content, FhirNdjson.MediaType);
    }

    private static async Task<BulkExportJob?> FindOwnAsync(ClinicDbContext db, Guid id, HttpContext http, CancellationToken ct, bool tracked = false)
    {
        var clientId = ClientIdOf(http);
        var jobs = tracked ? db.Set<BulkExportJob>() : db.Set<BulkExportJob>().AsNoTracking();
        return clientId is null ? null : await jobs.SingleOrDefaultAsync(j => j.Id == id && j.ClientId == clientId, ct);
    }

    private static bool AcceptsNdjson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.Quality != 0 && (a.MediaType.Value is "*/*" or "application/*"
            || NdjsonFormats.Contains(a.MediaType.Value, StringComparer.OrdinalIgnoreCase)
            || string.Equals(a.MediaType.Value, FhirMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || string.Equals(a.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase)));
    }

    internal static string FormatInstant(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Kick-off: validates the request the Bulk Data IG way, stores the job, wakes the worker.</summary>
    internal sealed class BulkExportKickOff(
        IDbContextFactory<ClinicDbContext> contexts, BulkExportSources sources, BulkExportSignal signal, IAuditTrail audit,
        TimeProvider clock, IOptions<BulkExportOptions> options, IOptions<FhirSecurityOptions> security)
    {
        public async Task<IResult> StartAsync(HttpContext http, BulkExportLevel level, CancellationToken ct)
        {
            var request = http.Request;
            if (!request.Headers["Prefer"].Any(p => p is not null && p.Contains("respond-async", StringComparison.OrdinalIgnoreCase)))
            {
                return Invalid("Bulk export is asynchronous: send the header 'Prefer: respond-async'.");
            }
            foreach (var key in request.Query.Keys)
            {
                if (!KnownParameters.Contains(key))
                {
                    return Invalid($"The export parameter '{key}' is not supported (supported: _outputFormat, _since, _type).");
                }
            }
            if (request.Query.TryGetValue("_outputFormat", out var format)
                && !format.All(f => NdjsonFormats.Contains(f, StringComparer.OrdinalIgnoreCase)))
            {
                return Invalid($"_outputFormat '{format}' is not supported: exports are {FhirNdjson.MediaType}.");
            }
            DateTimeOffset? since = null;
            if (request.Query.TryGetValue("_since", out var sinceText))
            {
                if (sinceText.Count != 1 || !TryParseInstant(sinceText[0], out var parsed))
                {
                    return Invalid("_since must be one FHIR instant with a time zone, e.g. 2026-11-01T00:00:00Z.");
                }
                since = parsed;
            }

            var offered = sources.TypesFor(level);
            var granted = SmartScopeSet.FromGranted(http.User.GetScopes());
            List<string> types;
            if (request.Query.TryGetValue("_type", out var typeText))
            {
                types = [.. typeText.SelectMany(t => (t ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)];
                var unknown = types.Where(t => !offered.Contains(t, StringComparer.Ordinal)).ToList();
                if (types.Count == 0 || unknown.Count > 0)
                {
                    return Invalid(level == BulkExportLevel.Patient
                        ? $"_type names types this server does not export at patient level: {string.Join(", ", unknown)} (offered: {string.Join(", ", offered)})."
                        : $"_type names types this server does not export: {string.Join(", ", unknown)} (offered: {string.Join(", ", offered)}).");
                }
                var refused = types.Where(t => !granted.Allows(t, ExportPermission)).ToList();
                if (refused.Count > 0)
                {
                    return await ForbiddenAsync(http, $"The access token does not allow exporting {string.Join(", ", refused)}: it needs system/<type>.rs for each.", ct);
                }
            }
            else
            {
                types = [.. offered.Where(t => granted.Allows(t, ExportPermission))];
                if (types.Count == 0)
                {
                    return await ForbiddenAsync(http, "The access token allows exporting no resource type: it needs system/<type>.rs (or system/*.rs).", ct);
                }
            }

            var clientId = ClientIdOf(http) ?? throw new InvalidOperationException("A FHIR token without a subject passed the door.");
            await using var db = await contexts.CreateDbContextAsync(ct);
            var active = await db.Set<BulkExportJob>().CountAsync(
                j => j.ClientId == clientId && (j.Status == BulkExportStatus.Queued || j.Status == BulkExportStatus.Running), ct);
            if (active >= options.Value.MaxActiveJobsPerClient)
            {
                http.Response.Headers.RetryAfter = "30";
                return FhirResults.Outcome(StatusCodes.Status429TooManyRequests, FhirIssueType.TooCostly,
                    string.Create(CultureInfo.InvariantCulture, $"This client already has {active} exports in progress; wait for one to finish or cancel one."));
            }
            var job = new BulkExportJob
            {
                Level = level,
                ClientId = clientId,
                RequestedBy = http.User.Identity?.Name ?? FhirClientRegistry.AuditName(clientId),
                ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
                RequestUrl = Truncate(request.GetEncodedUrlForManifest(), 2048),
                Types = string.Join(',', types),
                Since = since,
                RequestedAt = clock.GetUtcNow(),
            };
            db.Add(job);
            await audit.StageAsync(db, new AuditEntry(AuditActions.Export, "fhir:$export", job.Id.ToString(), null, AuditOutcome.Success,
                $"{level.ToString().ToLowerInvariant()} export requested: {job.Types}"));
            await db.SaveChangesAsync(ct);
            signal.Wake();
            var appBase = FhirDoor.AppBase(request, security.Value);
            http.Response.Headers[HeaderNames.ContentLocation] = new Uri(appBase, $"fhir/$export-status/{job.Id}").ToString();
            return TypedResults.StatusCode(StatusCodes.Status202Accepted);
        }

        private static FhirJsonResult Invalid(string diagnostics) =>
            FhirResults.Outcome(StatusCodes.Status400BadRequest, FhirIssueType.Invalid, diagnostics);

        private async Task<IResult> ForbiddenAsync(HttpContext http, string diagnostics, CancellationToken ct)
        {
            await audit.RecordAsync(new AuditEntry(AuditActions.Export, "fhir:$export", null, null, AuditOutcome.Denied, diagnostics), ct);
            return FhirResults.Outcome(StatusCodes.Status403Forbidden, FhirIssueType.Forbidden, diagnostics);
        }

        private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
    }

    internal static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && InstantPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InstantPattern();
}

internal static class BulkExportRequestExtensions
{
    public static string GetEncodedUrlForManifest(this HttpRequest request) =>
        Microsoft.AspNetCore.Http.Extensions.UriHelper.GetEncodedUrl(request);
}

internal static class BulkExportRetention
{
    public static TimeSpan Of(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<BulkExportOptions>>().Value.Retention;
}

/// <summary>Endpoint metadata: answers NDJSON, so the door's JSON-only Accept check does not apply.</summary>
public sealed class FhirNdjsonEndpoint
{
    public static readonly FhirNdjsonEndpoint Instance = new();

    private FhirNdjsonEndpoint()
    {
    }
}

/// <summary>Endpoint metadata: a FHIR operation (CapabilityStatement.rest.operation or rest.resource.operation).</summary>
/// <param name="Name">Without the <c>$</c>.</param>
/// <param name="Definition">The OperationDefinition's canonical URL.</param>
/// <param name="Level"><c>system</c>, or the resource type it runs on.</param>
public sealed record FhirOperationMetadata(string Name, string Definition, string Level);

/// <summary>The Bulk Data manifest (complete status response).</summary>
internal sealed record BulkExportManifest(
    string TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<BulkExportOutput> Output, IReadOnlyList<BulkExportOutput> Error);

internal sealed record BulkExportOutput(string Type, string Url, long Count);

internal static class BulkExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
