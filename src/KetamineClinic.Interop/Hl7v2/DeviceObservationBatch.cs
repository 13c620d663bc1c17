using System.Collections.Frozen;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>OBX-11 result statuses that are stored (HL7 table 0085). The others are reported and not stored.</summary>
public enum ObservationResultStatus
{
    /// <summary>F: final.</summary>
    Final,

    /// <summary>C: correction of a result already sent as final: the listener must supersede, not add.</summary>
    Corrected,

    /// <summary>R: entered, not verified (what most monitors send for live values).</summary>
    Unverified,

    /// <summary>P: preliminary.</summary>
    Preliminary,
}

/// <summary>Which field gave an observation its time.</summary>
public enum ObservationTimeSource
{
    /// <summary>OBX-14 (the observation's own time).</summary>
    Observation,

    /// <summary>OBR-7 of the enclosing order (OBX-14 empty).</summary>
    Request,

    /// <summary>MSH-7, the message time (OBX-14 and OBR-7 empty): acceptable for live monitors, flagged here so a
    /// stricter consumer can refuse it.</summary>
    Message,
}

/// <summary>A patient identifier from PID-3 (HL7 data type CX).</summary>
public sealed record Hl7PatientIdentifier(string Id, string AssigningAuthority, string IdentifierTypeCode);

/// <summary>Where the device is, from PV1-3 (HL7 data type PL): monitors put the chair or bed here.</summary>
public sealed record DeviceLocation(string PointOfCare, string Room, string Bed, string Facility);

/// <summary>
/// One vital-sign reading read from an OBX. Values are exactly as sent, converted to the UCUM unit of the
/// kind; physiological plausibility is NOT checked here (the domain's value types refuse impossible values).
/// </summary>
/// <param name="Kind">What was measured.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Unit">UCUM unit: <c>mm[Hg]</c>, <c>/min</c>, <c>%</c> or <c>Cel</c>.</param>
/// <param name="ObservedAt">When it was measured (see <paramref name="ObservedAtSource"/>).</param>
/// <param name="ObservedAtSource">OBX-14, else OBR-7, else MSH-7.</param>
/// <param name="Status">OBX-11.</param>
/// <param name="CodingSystem">OBX-3.3 (or .6) of the code that matched: <c>LN</c> or <c>MDC</c>.</param>
/// <param name="Code">OBX-3.1 (or .4) of the code that matched.</param>
/// <param name="RawValue">OBX-5 as sent (decoded), for audit.</param>
/// <param name="RawUnit">OBX-6.1 (or .2) as sent.</param>
/// <param name="SubId">OBX-4 (IHE PCD: the device/channel/metric path), empty if not sent.</param>
/// <param name="EquipmentInstanceId">OBX-18.1, the measuring device, empty if not sent.</param>
/// <param name="Source">The OBX it came from.</param>
public sealed record DeviceObservation(
    VitalSignKind Kind,
    decimal Value,
    string Unit,
    DateTimeOffset ObservedAt,
    ObservationTimeSource ObservedAtSource,
    ObservationResultStatus Status,
    string CodingSystem,
    string Code,
    string RawValue,
    string RawUnit,
    string SubId,
    string EquipmentInstanceId,
    Hl7Location Source);

/// <summary>
/// The readings of one ORU^R01, ready to store as one unit (all or nothing), keyed by
/// <see cref="IdempotencyKey"/>.
/// </summary>
/// <param name="MessageControlId">MSH-10, the idempotency id of the contract.</param>
/// <param name="SendingApplication">MSH-3: the device or gateway.</param>
/// <param name="SendingFacility">MSH-4.</param>
/// <param name="MessageTime">MSH-7.</param>
/// <param name="VersionId">MSH-12.</param>
/// <param name="PatientIdentifiers">PID-3 repetitions (empty when there is no PID or PID-3).</param>
/// <param name="Location">PV1-3, or null.</param>
/// <param name="Observations">The readings, ordered by time, then by their order in the message.</param>
public sealed record DeviceObservationBatch(
    string MessageControlId,
    Hl7HierarchicDesignator SendingApplication,
    Hl7HierarchicDesignator SendingFacility,
    DateTimeOffset MessageTime,
    string VersionId,
    IReadOnlyList<Hl7PatientIdentifier> PatientIdentifiers,
    DeviceLocation? Location,
    IReadOnlyList<DeviceObservation> Observations)
{
    /// <summary>
    /// MSH-10 scoped by its sender (MSH-3 and MSH-4), as <c>app|facility|id</c> in HL7 encoding: two devices
    /// that both number their messages from 1 must not be taken for duplicates of each other. Store this with
    /// the batch, unique, and answer AA again (storing nothing) when it is already there.
    /// </summary>
    public string IdempotencyKey =>
        string.Join(
            '|',
            Encode(SendingApplication),
            Encode(SendingFacility),
            Hl7Delimiters.Standard.EscapeText(MessageControlId));

    private static string Encode(Hl7HierarchicDesignator hd)
    {
        var d = Hl7Delimiters.Standard;
        return string.Join('^', d.EscapeText(hd.NamespaceId), d.EscapeText(hd.UniversalId), d.EscapeText(hd.UniversalIdType));
    }
}

/// <summary>
/// What to do with a received message. Closed hierarchy: <see cref="Accepted"/> (store, then ACK AA),
/// <see cref="Invalid"/> (ACK AE, store nothing), <see cref="Rejected"/> (ACK AR, store nothing).
/// </summary>
public abstract record DeviceMessageOutcome
{
    private DeviceMessageOutcome(Hl7MessageHeader? header, IReadOnlyList<Hl7Error> issues)
    {
        Header = header;
        Issues = issues;
    }

    /// <summary>The MSH as read (null only when there was no readable MSH).</summary>
    public Hl7MessageHeader? Header { get; }

    /// <summary>Errors and warnings, each to become one ERR segment.</summary>
    public IReadOnlyList<Hl7Error> Issues { get; }

    /// <summary>The acknowledgement code this outcome calls for. For <see cref="Accepted"/>, send it only after
    /// the batch is durable.</summary>
    public abstract AckCode AckCode { get; }

    /// <summary>A valid ORU^R01: commit <see cref="Batch"/>, then answer AA (with the warnings).</summary>
    public sealed record Accepted(Hl7MessageHeader MessageHeader, DeviceObservationBatch Batch, IReadOnlyList<Hl7Error> Warnings)
        : DeviceMessageOutcome(MessageHeader, Warnings)
    {
        public override AckCode AckCode => AckCode.AA;
    }

    /// <summary>An ORU^R01 we understood but whose content is wrong (a time, a value, a unit, a status, the
    /// segment order): answer AE and store nothing.</summary>
    public sealed record Invalid(Hl7MessageHeader MessageHeader, IReadOnlyList<Hl7Error> Errors)
        : DeviceMessageOutcome(MessageHeader, Errors)
    {
        public override AckCode AckCode => AckCode.AE;
    }

    /// <summary>A message we will not process at all (unreadable, not ORU^R01, unsupported version or processing
    /// id, no MSH-10): answer AR and store nothing.</summary>
    public sealed record Rejected(Hl7MessageHeader? MessageHeader, IReadOnlyList<Hl7Error> Errors)
        : DeviceMessageOutcome(MessageHeader, Errors)
    {
        public override AckCode AckCode => AckCode.AR;
    }
}

/// <summary>Settings of a device feed.</summary>
public sealed record DeviceFeedOptions
{
    // Declared before Default: static initialisers run in order.
    private static readonly FrozenSet<string> ProductionOnly = FrozenSet.Create(StringComparer.Ordinal, "P");

    /// <summary>No assumed time zone; production processing id only.</summary>
    public static DeviceFeedOptions Default { get; } = new();

    /// <summary>
    /// Time zone for times sent without a UTC offset when MSH-7 has none either (a monitor with a local clock).
    /// Null (default): such a message gets AE.
    /// </summary>
    public TimeZoneInfo? AssumedTimeZone { get; init; }

    /// <summary>MSH-11 values accepted (default only <c>P</c>: training and debugging data never reach a chart).</summary>
    public IReadOnlySet<string> AcceptedProcessingIds { get; init; } = ProductionOnly;
}
