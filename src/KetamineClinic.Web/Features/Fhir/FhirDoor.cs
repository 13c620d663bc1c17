using System.Globalization;
using KetamineClinic.Web.Features.Fhir.Security;
using KetamineClinic.Web.Platform.Audit;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Net.Http.Headers;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>
/// A feature's FHIR endpoints, mapped into the one /fhir group (so they get the door's conventions: bearer tokens,
/// OperationOutcome errors, JSON only). Register with <c>services.AddSingleton&lt;IFhirEndpoints, MyEndpoints&gt;()</c>
/// from the feature's Add* method; map each endpoint with <see cref="FhirDoor.FhirInteraction"/>.
/// </summary>
public interface IFhirEndpoints
{
    void Map(RouteGroupBuilder fhir);
}

/// <summary>The conventions every /fhir endpoint shares, and how a resource endpoint declares what it is.</summary>
public static class FhirDoor
{
    public const string Prefix = "/fhir";

    /// <summary>FHIR R4 (the only version served).</summary>
    public const string FhirVersion = "4.0.1";

    public static bool IsFhirPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The /fhir route group: bearer tokens only (<see cref="FhirPolicies.Client"/>; staff cookies do not open it),
    /// JSON content negotiation (406/415 as OperationOutcome), left out of the OpenAPI document (the
    /// CapabilityStatement at /fhir/metadata describes it).
    /// </summary>
    public static RouteGroupBuilder MapFhirGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.WithMetadata(FhirEndpointMarker.Instance)
            .RequireAuthorization(FhirPolicies.Client)
            .AddEndpointFilter(new FhirFormatFilter())
            .ExcludeFromDescription();
        return group;
    }

    /// <summary>
    /// Declares an endpoint as one FHIR interaction on <paramref name="resourceType"/>. This one call:
    /// <list type="bullet">
    /// <item>requires a token whose SMART scopes grant the interaction's permission (else 403 OperationOutcome,
    /// audited as denied);</item>
    /// <item>for reads and searches, audits every completed request (<c>fhir:&lt;Type&gt;</c>, one event per patient
    /// in the response): return <see cref="FhirResults.Resource"/> or <see cref="FhirResults.SearchSet"/>;</item>
    /// <item>lists the interaction (and <paramref name="searchParams"/>) in /fhir/metadata and the SMART scopes_supported.</item>
    /// </list>
    /// Writes (create, update, patch, delete) stage their own audit event in their SaveChanges, as every write does.
    /// </summary>
    public static RouteHandlerBuilder FhirInteraction(
        this RouteHandlerBuilder endpoint, string resourceType, FhirInteraction interaction, params FhirSearchParam[] searchParams)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!FhirResourceTypes.IsKnown(resourceType))
        {
            throw new ArgumentException($"'{resourceType}' is not a FHIR R4 resource type.", nameof(resourceType));
        }
        if (searchParams.Length > 0 && interaction != Fhir.FhirInteraction.SearchType)
        {
            throw new ArgumentException("Search parameters belong to a search-type interaction.", nameof(searchParams));
        }
        var metadata = new FhirInteractionMetadata(resourceType, interaction, searchParams);
        endpoint.WithMetadata(metadata);
        endpoint.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(FhirPolicies.Scheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new FhirScopeRequirement(resourceType, interaction.RequiredPermission())));
        if (interaction.IsRead())
        {
            endpoint.AddEndpointFilter(new FhirReadAuditFilter(metadata));
        }
        return endpoint;
    }

    /// <summary>
    /// Declares a public FHIR read or search (the clinic directory): no token needed (AllowAnonymous overrides the
    /// group's bearer policy), still audited and listed in /fhir/metadata. Only for data contracts.md calls public.
    /// </summary>
    public static RouteHandlerBuilder FhirPublicInteraction(
        this RouteHandlerBuilder endpoint, string resourceType, FhirInteraction interaction, params FhirSearchParam[] searchParams)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!FhirResourceTypes.IsKnown(resourceType))
        {
            throw new ArgumentException($"'{resourceType}' is not a FHIR R4 resource type.", nameof(resourceType));
        }
        if (!interaction.IsRead())
        {
            throw new ArgumentException("Only reads and searches can be public.", nameof(interaction));
        }
        var metadata = new FhirInteractionMetadata(resourceType, interaction, searchParams) { IsPublic = true };
        endpoint.WithMetadata(metadata);
        endpoint.AllowAnonymous();
        endpoint.AddEndpointFilter(new FhirReadAuditFilter(metadata));
        return endpoint;
    }

    /// <summary>The absolute base of the app (public URL from Fhir:Security:Issuer when set, else the request's).</summary>
    public static Uri AppBase(HttpRequest request, FhirSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Issuer is { Length: > 0 } issuer)
        {
            return new Uri(issuer.EndsWith('/') ? issuer : issuer + "/", UriKind.Absolute);
        }
        return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/", UriKind.Absolute);
    }

    internal static void MapFhirFallback(this RouteGroupBuilder fhir) =>
        fhir.MapFallback("{**path}", FhirFallback.Handle).WithMetadata(FhirFallback.Marker);
}

/// <summary>
/// 406 when the caller accepts no JSON (Accept or _format), 415 when a request body is not FHIR JSON.
/// FHIR R4 http.html#mime-type: application/fhir+json, and application/json is accepted as the same.
/// </summary>
internal sealed class FhirFormatFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!AcceptsJson(request, out var notAcceptable))
        {
            return FhirResults.Outcome(StatusCodes.Status406NotAcceptable, FhirIssueType.NotSupported, notAcceptable);
        }
        if (HasBody(request) && !IsJsonBody(request))
        {
            return FhirResults.Outcome(
                StatusCodes.Status415UnsupportedMediaType, FhirIssueType.NotSupported,
                $"Request bodies must be {FhirMediaTypes.Json} (UTF-8); this server does not read XML or other formats.");
        }
        return await next(context);
    }

    private static readonly string[] JsonFormats = ["json", "application/json", FhirMediaTypes.Json];

    private static bool AcceptsJson(HttpRequest request, out string reason)
    {
        reason = string.Empty;
        if (request.Query.TryGetValue("_format", out var formats))
        {
            foreach (var format in formats)
            {
                var type = MediaTypeHeaderValue.TryParse(format, out var parsed) ? parsed.MediaType.Value : format;
                if (!JsonFormats.Contains(type, StringComparer.OrdinalIgnoreCase))
                {
                    reason = $"_format={format} is not supported: this server speaks {FhirMediaTypes.Json} only.";
                    return false;
                }
            }
            return true;
        }
        var accept = request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            return true;
        }
        foreach (var media in accept)
        {
            if (media.Quality == 0)
            {
                continue;
            }
            var type = media.MediaType.Value ?? string.Empty;
            var json = type is "*/*" or "application/*"
                || type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || type.Equals(FhirMediaTypes.Json, StringComparison.OrdinalIgnoreCase);
            var version = media.Parameters.FirstOrDefault(p => p.Name.Equals("fhirVersion", StringComparison.OrdinalIgnoreCase))?.Value.Value;
            if (json && (version is null || version is "4.0" or "4.0.1"))
            {
                return true;
            }
        }
        reason = $"Accept names no format this server produces: it speaks {FhirMediaTypes.Json} (fhirVersion 4.0) only.";
        return false;
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJsonBody(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media))
        {
            return false;
        }
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var type = media.MediaType.Value ?? string.Empty;
        return type.Equals(FhirMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (HttpMethods.IsPatch(request.Method) && type.Equals("application/json-patch+json", StringComparison.OrdinalIgnoreCase))
            // FHIR search by POST: [type]/_search with a form body.
            || (request.Path.Value?.EndsWith("/_search", StringComparison.Ordinal) == true
                && type.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// The last /fhir route: 405 (with Allow) when another FHIR endpoint has this path under another method, else 404,
/// both as OperationOutcome. Behind the group's policy, so an anonymous caller learns nothing but 401.
/// </summary>
internal static class FhirFallback
{
    public static readonly object Marker = new();

    public static IResult Handle(HttpContext http, EndpointDataSource endpoints)
    {
        var path = http.Request.Path.Value ?? string.Empty;
        var allowed = AllowedMethods(endpoints, path);
        if (allowed.Count > 0)
        {
            http.Response.Headers.Allow = string.Join(", ", allowed);
            return FhirResults.Outcome(
                StatusCodes.Status405MethodNotAllowed, FhirIssueType.NotSupported,
                string.Create(CultureInfo.InvariantCulture, $"{http.Request.Method} is not supported here; allowed: {string.Join(", ", allowed)}."));
        }
        return FhirResults.NotFound("No FHIR interaction at this address; /fhir/metadata lists what this server supports.");
    }

    private static List<string> AllowedMethods(EndpointDataSource endpoints, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<FhirEndpointMarker>() is not null && !e.Metadata.Contains(Marker))
            .Where(e => Matches(e.RoutePattern, segments))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Literal segments compare case-insensitively; a parameter matches any one segment; a catch-all the rest.</summary>
    private static bool Matches(RoutePattern pattern, string[] segments)
    {
        var i = 0;
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts is [RoutePatternParameterPart { IsCatchAll: true }])
            {
                return true;
            }
            if (i >= segments.Length)
            {
                return segment.Parts is [RoutePatternParameterPart { IsOptional: true }];
            }
            if (segment.IsSimple && segment.Parts[0] is RoutePatternLiteralPart literal
                && !literal.Content.Equals(segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            i++;
        }
        return i == segments.Length;
    }
}

/// <summary>
/// Audits every completed FHIR read or search: action read/search, resource type <c>fhir:&lt;Type&gt;</c>, one event
/// per patient in the response (so a patient's access report finds it), outcome failed for an error result. The
/// detail names the search parameters, never their values (they may hold identifiers). The event commits before the
/// response is written: if the audit cannot be stored, nothing is disclosed.
/// </summary>
internal sealed class FhirReadAuditFilter(FhirInteractionMetadata interaction) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var action = interaction.Interaction.AuditAction();
        var resourceType = "fhir:" + interaction.ResourceType;
        var criteria = interaction.Interaction == FhirInteraction.SearchType || interaction.Interaction == FhirInteraction.HistoryType
            ? "criteria: " + (http.Request.Query.Count == 0 ? "none" : string.Join(',', http.Request.Query.Keys.Order(StringComparer.Ordinal)))
            : interaction.Interaction.Code();
        List<AuditEntry> entries = result switch
        {
            IFhirAuditable read when read.PatientIds.Count == 0 =>
                [new AuditEntry(action, resourceType, read.ResourceId, null, AuditOutcome.Success, Detail(criteria, read.Matches))],
            IFhirAuditable read =>
                [.. read.PatientIds.Select(p => new AuditEntry(action, resourceType, read.ResourceId, p, AuditOutcome.Success, Detail(criteria, read.Matches)))],
            IStatusCodeHttpResult { StatusCode: >= 400 } failed =>
                [new AuditEntry(action, resourceType, http.Request.RouteValues["id"]?.ToString(), null, AuditOutcome.Failed,
                    string.Create(CultureInfo.InvariantCulture, $"{criteria}; status {failed.StatusCode}"))],
            _ => throw new InvalidOperationException(
                $"The FHIR {interaction.Interaction.Code()} endpoint for {interaction.ResourceType} returned {result?.GetType().Name ?? "null"}: " +
                "reads and searches must return FhirResults.Resource or FhirResults.SearchSet so the read is audited with its patients."),
        };
        var audit = http.RequestServices.GetRequiredService<IAuditTrail>();
        if (entries.Count == 1)
        {
            await audit.RecordAsync(entries[0], http.RequestAborted);
        }
        else
        {
            // One transaction for the whole response: a search over many patients is one commit, not one per patient.
            // (Saved per event: two staged events cannot share a SaveChanges, their chain position is the key.)
            var contexts = http.RequestServices.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.ClinicDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
            await using var transaction = await db.Database.BeginTransactionAsync(http.RequestAborted);
            foreach (var entry in entries)
            {
                await audit.StageAsync(db, entry);
                await db.SaveChangesAsync(http.RequestAborted);
            }
            await transaction.CommitAsync(http.RequestAborted);
        }
        return result;
    }

    private static string Detail(string criteria, int? matches) =>
        matches is { } n ? string.Create(CultureInfo.InvariantCulture, $"{criteria}; matches: {n}") : criteria;
}

/// <summary>Writes ProblemDetails as OperationOutcome under /fhir (exceptions, status codes without a body).</summary>
internal sealed class FhirProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        FhirDoor.IsFhirPath(context.HttpContext.Request.Path);

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var text = status switch
        {
            StatusCodes.Status401Unauthorized => FhirPolicies.ChallengeText(http.Request),
            _ => context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
        };
        return new ValueTask(OperationOutcomes.WriteAsync(http, status, FhirIssueType.ForStatus(status), text));
    }
}
