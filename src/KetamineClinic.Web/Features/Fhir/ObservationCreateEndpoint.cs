using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using KetamineClinic.Interop.Fhir;
using KetamineClinic.Interop.Fhir.FromDomain;
using KetamineClinic.Interop.Fhir.Inbound;
using KetamineClinic.Interop.Fhir.Mapping;
using KetamineClinic.Interop.Fhir.Serialization;
using KetamineClinic.Interop.Fhir.Sources;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Fhir;

/// <summary>
/// <c>POST /fhir/Observation</c> (scope <c>system/Observation.c</c>): a vital sign from another system into the one
/// pipeline (<see cref="VitalsIngestion.IngestAsync"/>, source Fhir, sender the client id). Only create lives here;
/// Observation read and search are another feature's endpoints.
/// <list type="bullet">
/// <item>Target: <c>device</c> (a registered device: its chair's open session), else <c>encounter</c> (the infusion
/// session), else the subject's open session. The session's patient must be the <c>subject</c>: a reading is never
/// charted on another patient.</item>
/// <item>Idempotency: the first <c>identifier</c> (system|value). A resend is 200 with the stored Observation; the same
/// identifier with other values is 422. Without an identifier every POST is a new reading.</item>
/// <item>Unparseable or non-conforming resource: 400 OperationOutcome (every issue); outside the Domain's ranges or
/// refused by the pipeline: 422; no open session: 409. Nothing is stored in any of these cases.</item>
/// </list>
/// </summary>
internal sealed class ObservationCreateEndpoint : IFhirEndpoints
{
    public void Map(RouteGroupBuilder fhir) =>
        fhir.MapPost("/Observation", CreateAsync).FhirInteraction("Observation", FhirInteraction.Create);

    internal static async Task<IResult> CreateAsync(
        HttpContext http, VitalsIngestion ingestion, DeviceDirectory devices, IDbContextFactory<ClinicDbContext> contexts, CancellationToken ct)
    {
        string json;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            json = await reader.ReadToEndAsync(ct);
        }

        var parsed = VitalSignObservationParser.Parse(json);
        if (parsed is not FhirParseResult<InboundVitalSign>.Parsed { Value: var inbound })
        {
            var rejected = (FhirParseResult<InboundVitalSign>.Rejected)parsed;
            return new FhirJsonResult(StatusCodes.Status400BadRequest, FhirJson.Serialize(rejected.ToOperationOutcome()));
        }

        if (DomainMapping.DomainProblem(inbound.Measurement) is { } domainProblem)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.Processing, domainProblem);
        }

        if (ToValues(inbound.Measurement) is not { } values)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.NotSupported,
                "Body weight is not a chair-side vital sign; record it on the patient's chart. This endpoint takes blood pressure, heart rate, SpO2, respiratory rate and temperature.");
        }

        if (!FhirIds.TryParseGuid(inbound.PatientId, out var patientId))
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.NotFound, $"Patient/{inbound.PatientId} does not exist on this server.");
        }

        var (target, problem) = await TargetAsync(inbound, patientId, devices, contexts, ct);
        if (problem is not null)
        {
            return problem;
        }

        var client = http.User.FindFirstValue("sub") ?? http.User.FindFirstValue("client_id") ?? "unknown";
        var key = inbound.Identifier is { } id ? Key(id) : "fhir:" + Guid.CreateVersion7().ToString("N");
        var result = await ingestion.IngestAsync(
            new VitalsBatch(VitalsSourceKind.Fhir, target!, new VitalsSender.System(client), [new IncomingReading(key, inbound.EffectiveAt, values)]), ct);
        switch (result)
        {
            case VitalsIngestionResult.Accepted accepted:
                var outcome = accepted.Readings[0];
                var resourceId = FhirIds.From(outcome.ReadingId);
                var body = FhirJson.Serialize(FhirMapper.ToObservation(inbound.ToSource(resourceId) with { EncounterId = FhirIds.From(accepted.SessionId) }));
                return outcome.Disposition == ReadingDisposition.Stored
                    ? FhirResults.Resource(body, resourceId, patientId, StatusCodes.Status201Created, versionId: "1", location: $"{FhirDoor.Prefix}/Observation/{resourceId}/_history/1")
                    : FhirResults.Resource(body, resourceId, patientId, StatusCodes.Status200OK, versionId: "1", location: $"{FhirDoor.Prefix}/Observation/{resourceId}");
            case VitalsIngestionResult.Refused refused:
                return Problem(StatusCodes.Status422UnprocessableEntity, refused.Problems.Any(p => p.Field == "id") ? FhirIssueType.Duplicate : FhirIssueType.Processing,
                    string.Join(" ", refused.Problems.Select(p => p.Message)));
            case VitalsIngestionResult.NoOpenSession none:
                return Problem(StatusCodes.Status409Conflict, FhirIssueType.Conflict, none.Detail);
            case VitalsIngestionResult.UnknownTarget unknown:
                return Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.NotFound, unknown.Detail);
            default:
                throw new InvalidOperationException("Unknown ingestion result.");
        }
    }

    private static async Task<(VitalsTarget? Target, IResult? Problem)> TargetAsync(
        InboundVitalSign inbound, Guid patientId, DeviceDirectory devices, IDbContextFactory<ClinicDbContext> contexts, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sessions = db.Set<InfusionSession>().AsNoTracking().Where(s => s.OpenChairId != null);
        VitalsTarget target;
        if (inbound.DeviceId is { } deviceRef)
        {
            var device = FhirIds.TryParseGuid(deviceRef, out var deviceId) ? await devices.FindAsync(deviceId, ct) : null;
            if (device is null || !device.IsActive || device.ChairId is null)
            {
                return (null, Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.NotFound,
                    $"Device/{deviceRef} is not a registered, active device bound to a chair."));
            }

            target = new VitalsTarget.OfDevice(device.Id);
            sessions = sessions.Where(s => s.OpenChairId == device.ChairId);
        }
        else if (inbound.EncounterId is { } encounterRef)
        {
            if (!FhirIds.TryParseGuid(encounterRef, out var sessionId))
            {
                return (null, Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.NotFound, $"Encounter/{encounterRef} does not exist on this server."));
            }

            target = new VitalsTarget.OfSession(sessionId);
            sessions = sessions.Where(s => s.Id == sessionId);
        }
        else
        {
            var open = await sessions.Where(s => s.PatientId == patientId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
            return open is { } sessionId
                ? (new VitalsTarget.OfSession(sessionId), null)
                : (null, Problem(StatusCodes.Status409Conflict, FhirIssueType.Conflict,
                    "The patient has no open infusion session: readings are accepted only from check-in to discharge. Send device or encounter to be explicit."));
        }

        // Never chart a reading on another patient than its subject.
        var seated = await sessions.Select(s => (Guid?)s.PatientId).FirstOrDefaultAsync(ct);
        return seated is { } p && p != patientId
            ? (null, Problem(StatusCodes.Status422UnprocessableEntity, FhirIssueType.Processing,
                "Observation.subject is not the patient in that chair or encounter; nothing was stored."))
            : (target, null);
    }

    /// <summary>Whole units as the pipeline stores them (half away from zero); temperature in tenths of °C. Null for body weight.</summary>
    internal static VitalValues? ToValues(VitalMeasurement measurement) => measurement switch
    {
        VitalMeasurement.BloodPressure bp => new VitalValues { SystolicMmHg = Whole(bp.SystolicMmHg), DiastolicMmHg = Whole(bp.DiastolicMmHg) },
        VitalMeasurement.HeartRate hr => new VitalValues { HeartRatePerMin = Whole(hr.PerMinute) },
        VitalMeasurement.OxygenSaturation o => new VitalValues { Spo2Percent = Whole(o.Percent) },
        VitalMeasurement.RespiratoryRate rr => new VitalValues { RespiratoryRatePerMin = Whole(rr.PerMinute) },
        VitalMeasurement.BodyTemperature t => new VitalValues { TemperatureDeciCelsius = Whole(t.Celsius * 10m) },
        VitalMeasurement.BodyWeight => null,
        _ => throw new ArgumentOutOfRangeException(nameof(measurement), measurement, "Unknown measurement."),
    };

    /// <summary>system|value, or its SHA-256 when longer than the pipeline's 100 characters.</summary>
    internal static string Key(ExternalIdentifier identifier)
    {
        var key = identifier.System + "|" + identifier.Value;
        return key.Length <= VitalsValidation.MaxIdempotencyKeyLength && !key.Any(char.IsControl)
            ? key
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static int Whole(decimal value) => (int)decimal.Round(value, 0, MidpointRounding.AwayFromZero);

    private static FhirJsonResult Problem(int status, string issueType, string diagnostics) =>
        FhirResults.Outcome(status, issueType, diagnostics);
}
