using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security.Cryptography;
using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>OpenTelemetry counters of the MLLP listener, on the clinic's meter (tags carry no patient identifiers).</summary>
public sealed class MllpMetrics
{
    public MllpMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(ClinicMetrics.MeterName);
        Messages = meter.CreateCounter<long>("clinic.mllp.messages", description: "HL7 v2 messages answered over MLLP, by ACK code (tag ack)");
        Connections = meter.CreateUpDownCounter<long>("clinic.mllp.connections", description: "Open MLLP connections");
    }

    public Counter<long> Messages { get; }

    public UpDownCounter<long> Connections { get; }

    internal void Answered(AckCode code) => Messages.Add(1, new KeyValuePair<string, object?>("ack", code.ToString()));
}

/// <summary>
/// One HL7 v2 message in, one ACK out: read (Interop's <see cref="OruR01Reader"/>), find the device and chair, map to a
/// <see cref="VitalsBatch"/>, <see cref="VitalsIngestion.IngestAsync"/>, and answer AA only when that returned
/// Accepted (after the commit). AE/AR carry ERR segments (docs/hl7v2.md "AA, AE, AR" and "Listener"). Thread-safe.
/// </summary>
public sealed partial class MllpMessageHandler(
    VitalsIngestion ingestion,
    DeviceDirectory devices,
    IDbContextFactory<ClinicDbContext> contexts,
    TimeProvider clock,
    IOptions<MllpOptions> options,
    MllpMetrics metrics,
    ILogger<MllpMessageHandler> logger)
{
    private readonly DeviceFeedOptions _feed = new()
    {
        AssumedTimeZone = string.IsNullOrWhiteSpace(options.Value.MllpAssumedTimeZone) ? null : TimeZoneInfo.FindSystemTimeZoneById(options.Value.MllpAssumedTimeZone),
    };

    /// <summary>The ACK frame for one received frame's payload.</summary>
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        var outcome = OruR01Reader.Read(payload.Span, _feed);
        var (code, issues) = outcome is DeviceMessageOutcome.Accepted accepted
            ? await StoreAsync(accepted, ct)
            : (outcome.AckCode, outcome.Issues);
        if (outcome is not DeviceMessageOutcome.Accepted)
        {
            LogNotProcessed(logger, code, Sender(outcome.Header), outcome.Header?.ControlId ?? string.Empty,
                string.Join(',', outcome.Issues.Where(i => i.Severity == Hl7Severity.Error).Select(i => ((int)i.Code).ToString(CultureInfo.InvariantCulture)).Distinct(StringComparer.Ordinal)));
        }

        metrics.Answered(code);
        var ack = Hl7Ack.Build(outcome.Header, code, issues, NewAckId(), clock.GetUtcNow());
        return Hl7Ack.ToFrame(ack, outcome.Header);
    }

    /// <summary>The AR for a frame that never became a message (over the size limit).</summary>
    public byte[] Unreadable(MllpReadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        metrics.Answered(AckCode.AR);
        var error = result.ToError() ?? Hl7Error.StorageFailed("The frame could not be read.");
        return Hl7Ack.ToFrame(Hl7Ack.BuildForUnreadable(error, NewAckId(), clock.GetUtcNow()), null);
    }

    private async Task<(AckCode Code, IReadOnlyList<Hl7Error> Issues)> StoreAsync(DeviceMessageOutcome.Accepted accepted, CancellationToken ct)
    {
        var header = accepted.MessageHeader;
        var sender = Sender(header);
        try
        {
            var route = await RouteAsync(accepted.Batch, ct);
            if (route.Error is { } unknown)
            {
                LogNotProcessed(logger, AckCode.AR, sender, header.ControlId, "204");
                return (AckCode.AR, [unknown]);
            }

            var mapped = MllpVitalsMapping.Map(accepted.Batch);
            IReadOnlyList<Hl7Error> warnings = [.. accepted.Warnings, .. mapped.Warnings];
            if (mapped.Readings.Count == 0)
            {
                // A valid message with nothing we chart (only unknown codes, not-stored statuses): nothing to commit.
                return (AckCode.AA, warnings);
            }

            var device = route.Device!;
            var result = await ingestion.IngestAsync(
                new VitalsBatch(VitalsSourceKind.Mllp, route.Target!, new VitalsSender.Device(device.Id, device.Label), mapped.Readings), ct);
            switch (result)
            {
                case VitalsIngestionResult.Accepted a:
                    LogStored(logger, sender, header.ControlId, a.StoredCount, a.DuplicateCount, a.RaisedAlarms.Count);
                    return (AckCode.AA, warnings);
                case VitalsIngestionResult.Refused r:
                    LogNotProcessed(logger, AckCode.AE, sender, header.ControlId, "refused");
                    return (AckCode.AE, [.. r.Problems.Select(p => Hl7Error.Error(
                        p.Field == "id" ? Hl7ErrorCode.DuplicateKeyIdentifier : Hl7ErrorCode.DataTypeError, Hl7Location.None, p.Message))]);
                case VitalsIngestionResult.NoOpenSession n:
                    LogNotProcessed(logger, AckCode.AR, sender, header.ControlId, "no open session");
                    return (AckCode.AR, [Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, Hl7Location.None, n.Detail)]);
                case VitalsIngestionResult.UnknownTarget u:
                    LogNotProcessed(logger, AckCode.AR, sender, header.ControlId, "unknown target");
                    return (AckCode.AR, [Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, Hl7Location.None, u.Detail)]);
                default:
                    throw new InvalidOperationException("Unknown ingestion result.");
            }
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
        {
            // Nothing was committed (one SaveChanges): the sender may resend the same MSH-10.
            LogStorageFailed(logger, ex, sender, header.ControlId);
            return (AckCode.AE, [Hl7Error.StorageFailed("The readings could not be stored; nothing was kept. Resend the message.")]);
        }
    }

    private sealed record Route(DeviceInfo? Device, VitalsTarget? Target, Hl7Error? Error);

    /// <summary>
    /// Device: MSH-3 (+ MSH-4) against the registry's HL7 sender identities, else the one OBX-18 equipment id of the
    /// message. Chair: the device's own chair when it is bound (PV1-3's bed, if sent, must name that chair); an unbound
    /// device (a gateway) must name the chair in PV1-3 (bed, else point of care), matched with the chair labels of its
    /// site, ignoring case, spaces and punctuation ("CHAIR-2" = "Chair 2").
    /// </summary>
    private async Task<Route> RouteAsync(DeviceObservationBatch batch, CancellationToken ct)
    {
        var application = batch.SendingApplication.Display;
        var facility = batch.SendingFacility.Display;
        var device = await devices.FindByHl7SenderAsync(application, facility, ct);
        if (device is null)
        {
            var equipment = batch.Observations.Select(o => o.EquipmentInstanceId).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (equipment.Count == 1)
            {
                device = await devices.FindByHl7SenderAsync(equipment[0], facility, ct);
            }
        }

        if (device is null)
        {
            return new(null, null, Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, Hl7Location.Msh(3),
                $"Unknown sender '{application}' / '{facility}': register the device with this HL7 sending application (MSH-3) in the device registry."));
        }

        var bed = batch.Location is { } l ? (l.Bed.Length > 0 ? l.Bed : l.PointOfCare) : string.Empty;
        var bedLocation = new Hl7Location("PV1", 1, 3);
        if (device.ChairId is { } bound)
        {
            if (bed.Length > 0 && !await ChairMatchesAsync(bound, bed, ct))
            {
                return new(device, null, Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, bedLocation,
                    $"PV1-3 names bed '{bed}', but device '{device.Label}' is bound to another chair; fix the device's binding or its bed setting."));
            }

            return new(device, new VitalsTarget.OfDevice(device.Id), null);
        }

        if (bed.Length == 0)
        {
            return new(device, null, Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, bedLocation,
                $"Device '{device.Label}' is not bound to a chair and the message names no bed in PV1-3."));
        }

        var chair = await FindChairAsync(device.SiteId, bed, ct);
        return chair is { } chairId
            ? new(device, new VitalsTarget.OfChair(chairId), null)
            : new(device, null, Hl7Error.Error(Hl7ErrorCode.UnknownKeyIdentifier, bedLocation, $"Unknown chair '{bed}' at the device's site."));
    }

    private async Task<bool> ChairMatchesAsync(Guid chairId, string bed, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var label = await db.Chairs.AsNoTracking().Where(c => c.Id == chairId).Select(c => c.Label).FirstOrDefaultAsync(ct);
        return label is not null && string.Equals(Normalize(label), Normalize(bed), StringComparison.Ordinal);
    }

    private async Task<Guid?> FindChairAsync(Guid siteId, string bed, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.SiteId == siteId && c.IsActive).Select(c => new { c.Id, c.Label }).ToListAsync(ct);
        var wanted = Normalize(bed);
        var matches = chairs.Where(c => string.Equals(Normalize(c.Label), wanted, StringComparison.Ordinal)).ToList();
        return matches.Count == 1 ? matches[0].Id : null;
    }

    /// <summary>Upper case, letters and digits only: "Chair 2", "CHAIR-2" and "chair_2" are the same bed.</summary>
    internal static string Normalize(string label) => string.Concat(label.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    private static string Sender(Hl7MessageHeader? header) =>
        header is null ? "?" : $"{header.SendingApplication.Display}/{header.SendingFacility.Display}";

    private static string NewAckId() => "KC" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    // Logs name the sender and MSH-10 (message ids, not patient identifiers); never PID, names or values.
    [LoggerMessage(Level = LogLevel.Debug, Message = "MLLP {Sender} {ControlId}: stored {Stored}, duplicates {Duplicates}, alarms {Alarms}")]
    private static partial void LogStored(ILogger logger, string sender, string controlId, int stored, int duplicates, int alarms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP {Sender} {ControlId}: answered {Ack} ({Reason})")]
    private static partial void LogNotProcessed(ILogger logger, AckCode ack, string sender, string controlId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "MLLP {Sender} {ControlId}: the readings could not be stored; answered AE 207")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string sender, string controlId);
}
