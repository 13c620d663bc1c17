using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>The JSON body of <c>POST /api/v1/devices/readings</c> (contracts.md "Device readings over HTTP").</summary>
public sealed record DeviceReadingsRequest(IReadOnlyList<DeviceReadingDto>? Readings);

/// <param name="Id">Idempotency id, unique per device (1–100 characters).</param>
/// <param name="TakenAt">ISO 8601 instant with an offset or Z, e.g. "2026-11-27T14:03:00Z".</param>
/// <param name="Systolic">mmHg (with <paramref name="Diastolic"/>).</param>
/// <param name="Diastolic">mmHg.</param>
/// <param name="HeartRate">/min.</param>
/// <param name="Spo2">%.</param>
/// <param name="OnOxygen">True on supplemental O₂; absent = room air.</param>
/// <param name="RespiratoryRate">/min.</param>
/// <param name="Temperature">°C, one decimal.</param>
/// <param name="ApneaSeconds">Longest apnea observed, s.</param>
public sealed record DeviceReadingDto(
    string? Id,
    string? TakenAt,
    int? Systolic,
    int? Diastolic,
    int? HeartRate,
    int? Spo2,
    bool? OnOxygen,
    int? RespiratoryRate,
    decimal? Temperature,
    int? ApneaSeconds);

public sealed record DeviceReadingsResponse(Guid SessionId, int Accepted, int Duplicates, IReadOnlyList<DeviceReadingResult> Readings, IReadOnlyList<RaisedAlarmDto> Alarms);

/// <param name="Id">The reading's idempotency id, as sent.</param>
/// <param name="Status">"accepted" (stored now) or "duplicate" (stored before under this id).</param>
/// <param name="ReadingId">The stored reading.</param>
public sealed record DeviceReadingResult(string Id, string Status, Guid ReadingId);

public sealed record RaisedAlarmDto(Guid Id, string Rule, string Severity, string Message);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(DeviceReadingsRequest))]
internal sealed partial class DeviceFeedJson : JsonSerializerContext;

internal static partial class DeviceReadingsEndpoint
{
    public const string Route = "/api/v1/devices/readings";

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();

    public static RouteHandlerBuilder MapDeviceReadings(this IEndpointRouteBuilder app) =>
        app.MapPost(Route, PostAsync)
            .RequireAuthorization(DeviceClaims.Policy)
            .Accepts<DeviceReadingsRequest>("application/json")
            .WithName("PostDeviceReadings")
            .WithSummary("A bedside device posts a batch of vital-sign readings (X-Device-Key).")
            .WithDescription("All-or-nothing: one impossible value refuses the batch (422) and nothing is stored. A resent id is acknowledged as a duplicate. 2xx only after the batch is durable.");

    public static async Task<Results<Ok<DeviceReadingsResponse>, ProblemHttpResult>> PostAsync(HttpContext http, VitalsIngestion ingestion, CancellationToken ct)
    {
        if (!Guid.TryParse(http.User.FindFirstValue(DeviceClaims.DeviceId), out var deviceId))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Device key required");
        }

        DeviceReadingsRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(http.Request.Body, DeviceFeedJson.Default.DeviceReadingsRequest, ct);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed readings batch",
                detail: $"The body is not a readings batch: {ex.Message}");
        }

        if (body?.Readings is not { Count: > 0 } dtos)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty readings batch", detail: "Send {\"readings\": [ ... ]} with at least one reading.");
        }

        if (dtos.Count > VitalsIngestion.MaxBatchSize)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Batch too large",
                detail: string.Create(CultureInfo.InvariantCulture, $"A batch holds at most {VitalsIngestion.MaxBatchSize} readings; split this one of {dtos.Count}."));
        }

        var problems = new List<ReadingProblem>();
        var readings = new List<IncomingReading>(dtos.Count);
        for (var i = 0; i < dtos.Count; i++)
        {
            var dto = dtos[i];
            if (dto is null)
            {
                problems.Add(new ReadingProblem(i, null, "reading", "A reading is null."));
                continue;
            }

            if (!TryParseInstant(dto.TakenAt, out var takenAt))
            {
                problems.Add(new ReadingProblem(i, dto.Id, "takenAt", "takenAt must be an ISO 8601 instant with an offset or Z, e.g. 2026-11-27T14:03:00Z."));
                continue;
            }

            readings.Add(new IncomingReading(dto.Id ?? string.Empty, takenAt, new VitalValues
            {
                SystolicMmHg = dto.Systolic,
                DiastolicMmHg = dto.Diastolic,
                HeartRatePerMin = dto.HeartRate,
                Spo2Percent = dto.Spo2,
                OnOxygen = dto.OnOxygen,
                RespiratoryRatePerMin = dto.RespiratoryRate,
                TemperatureDeciCelsius = dto.Temperature is { } t ? (int)Math.Round(Math.Clamp(t, -1000m, 1000m) * 10m, MidpointRounding.AwayFromZero) : null,
                ApneaSeconds = dto.ApneaSeconds,
            }));
        }

        if (problems.Count > 0)
        {
            return Refused(problems);
        }

        var result = await ingestion.IngestAsync(
            new VitalsBatch(
                VitalsSourceKind.Http,
                new VitalsTarget.OfDevice(deviceId),
                new VitalsSender.Device(deviceId, (http.User.Identity?.Name ?? "device:?").Replace("device:", string.Empty, StringComparison.Ordinal)),
                readings),
            ct);
        return result switch
        {
            VitalsIngestionResult.Accepted a => TypedResults.Ok(new DeviceReadingsResponse(
                a.SessionId,
                a.StoredCount,
                a.DuplicateCount,
                [.. a.Readings.Select(r => new DeviceReadingResult(r.IdempotencyKey, r.Disposition == ReadingDisposition.Stored ? "accepted" : "duplicate", r.ReadingId))],
                [.. a.RaisedAlarms.Select(x => new RaisedAlarmDto(x.Id, x.RuleId, x.Severity.ToString().ToUpperInvariant(), x.Message))])),
            VitalsIngestionResult.Refused r => Refused(r.Problems),
            VitalsIngestionResult.NoOpenSession n => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No open session", detail: n.Detail),
            VitalsIngestionResult.UnknownTarget u => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Device not usable", detail: u.Detail),
            _ => throw new InvalidOperationException("Unknown ingestion result."),
        };
    }

    private static ProblemHttpResult Refused(IReadOnlyList<ReadingProblem> problems) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Readings refused",
        detail: string.Create(CultureInfo.InvariantCulture, $"{problems.Count} problem(s); nothing of this batch was stored. Fix or drop the readings listed in 'errors' and resend."),
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["errors"] = problems.Select(p => new { index = p.Index, id = p.IdempotencyKey, field = p.Field, message = p.Message }).ToList(),
        });

    private static bool TryParseInstant(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
               && HasOffset().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
