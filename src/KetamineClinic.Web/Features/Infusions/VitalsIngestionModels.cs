using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Web.Features.Infusions;

/// <summary>
/// A batch of readings for the pipeline (validate → persist → evaluate alarms → broadcast). Every way in (HTTP,
/// HL7 v2 over MLLP, FHIR, the tablet form, the simulator) builds one of these and calls
/// <see cref="VitalsIngestion.IngestAsync"/>.
/// </summary>
/// <param name="Source">How the readings arrived.</param>
/// <param name="Target">Where they belong: a registered device (its chair's open session), a chair, or a session.</param>
/// <param name="Sender">Who sent them: the namespace of the idempotency keys and the audit actor.</param>
/// <param name="Readings">1 to <see cref="VitalsIngestion.MaxBatchSize"/> readings, in any order.</param>
public sealed record VitalsBatch(VitalsSourceKind Source, VitalsTarget Target, VitalsSender Sender, IReadOnlyList<IncomingReading> Readings);

/// <summary>Where a batch belongs.</summary>
public abstract record VitalsTarget
{
    private VitalsTarget()
    {
    }

    /// <summary>The open session on the chair this registered device is bound to.</summary>
    public sealed record OfDevice(Guid DeviceId) : VitalsTarget;

    /// <summary>The open session on a chair (e.g. an HL7 gateway that names the bed).</summary>
    public sealed record OfChair(Guid ChairId) : VitalsTarget;

    /// <summary>A given session (manual entry from the session page; FHIR Observation with an encounter).</summary>
    public sealed record OfSession(Guid SessionId) : VitalsTarget;
}

/// <summary>Who sent a batch. <see cref="Key"/> namespaces idempotency keys; <see cref="AuditName"/> is the audit actor.</summary>
public abstract record VitalsSender
{
    private VitalsSender()
    {
    }

    public abstract string Key { get; }

    public abstract string AuditName { get; }

    /// <summary>A registered device (HTTP, an MLLP gateway, the simulator's virtual devices).</summary>
    public sealed record Device(Guid DeviceId, string Label) : VitalsSender
    {
        public override string Key => $"device:{DeviceId:N}";

        public override string AuditName => $"device:{Label}";
    }

    /// <summary>A signed-in nurse or physician (manual entry).</summary>
    public sealed record Clinician(Guid UserId, string Name, string? Role = null) : VitalsSender
    {
        public override string Key => $"user:{UserId:N}";

        public override string AuditName => Name;
    }

    /// <summary>Another system without a device record (e.g. a FHIR client id).</summary>
    public sealed record System(string ClientName) : VitalsSender
    {
        public override string Key => $"client:{ClientName}";

        public override string AuditName => $"client:{ClientName}";
    }
}

/// <summary>One reading as received: an idempotency key unique per sender, the time taken, and the values.</summary>
/// <param name="IdempotencyKey">1–100 printable characters; a resend with the same key is acknowledged and not stored again.</param>
/// <param name="TakenAt">Instant of measurement (any offset; stored as UTC).</param>
/// <param name="Values">What was measured or observed.</param>
public sealed record IncomingReading(string IdempotencyKey, DateTimeOffset TakenAt, VitalValues Values);

/// <summary>Values of a reading, whole numbers in the units of their names; null = not measured.</summary>
public sealed record VitalValues
{
    public int? SystolicMmHg { get; init; }
    public int? DiastolicMmHg { get; init; }
    public int? HeartRatePerMin { get; init; }
    public int? Spo2Percent { get; init; }

    /// <summary>On supplemental O₂ when SpO₂ was measured. Unknown (null) counts as room air.</summary>
    public bool? OnOxygen { get; init; }

    public int? RespiratoryRatePerMin { get; init; }

    /// <summary>Tenths of a degree Celsius (368 = 36.8 °C).</summary>
    public int? TemperatureDeciCelsius { get; init; }

    public int? ApneaSeconds { get; init; }
    public int? Moaas { get; init; }
    public bool? RespondsToVoice { get; init; }

    /// <summary>Symptoms assessed at the time (null = not assessed; None = assessed, none present).</summary>
    public ReportedSymptoms? Symptoms { get; init; }
}

/// <summary>Why one reading of a batch was refused.</summary>
/// <param name="Index">Position in the batch (0-based).</param>
/// <param name="IdempotencyKey">The reading's key, when it had one.</param>
/// <param name="Field">Which value (e.g. "spo2", "takenAt", "id").</param>
/// <param name="Message">Plain words, with the accepted range.</param>
public sealed record ReadingProblem(int Index, string? IdempotencyKey, string Field, string Message);

public enum ReadingDisposition
{
    /// <summary>Stored now.</summary>
    Stored,

    /// <summary>Already stored under this sender and key: acknowledged, not stored again.</summary>
    Duplicate,
}

public sealed record ReadingOutcome(string IdempotencyKey, ReadingDisposition Disposition, Guid ReadingId);

/// <summary>What happened to a batch. Closed hierarchy: every caller maps each case (HTTP status, HL7 ACK code).</summary>
public abstract record VitalsIngestionResult
{
    private VitalsIngestionResult()
    {
    }

    /// <summary>Durable: every reading is stored (or was already). HTTP 200, HL7 AA.</summary>
    public sealed record Accepted(Guid SessionId, IReadOnlyList<ReadingOutcome> Readings, IReadOnlyList<AlarmView> RaisedAlarms) : VitalsIngestionResult
    {
        public int StoredCount => Readings.Count(r => r.Disposition == ReadingDisposition.Stored);

        public int DuplicateCount => Readings.Count(r => r.Disposition == ReadingDisposition.Duplicate);
    }

    /// <summary>At least one reading is impossible or malformed: nothing of the batch was stored. HTTP 422, HL7 AE.</summary>
    public sealed record Refused(IReadOnlyList<ReadingProblem> Problems) : VitalsIngestionResult;

    /// <summary>No open session where the readings belong (chair empty, session closed). HTTP 409, HL7 AR.</summary>
    public sealed record NoOpenSession(string Detail) : VitalsIngestionResult;

    /// <summary>The device, chair or session is unknown, inactive or not bound. HTTP 409/404, HL7 AR.</summary>
    public sealed record UnknownTarget(string Detail) : VitalsIngestionResult;
}
