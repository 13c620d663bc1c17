using System.Collections.Frozen;
using System.Globalization;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// Reads an HL7 v2 ORU^R01 from a device (bedside monitor or gateway) into a <see cref="DeviceObservationBatch"/>.
/// Pure: no I/O, no clock. The rules (AA/AE/AR, codes, units, times) are written down in docs/hl7v2.md.
/// </summary>
public static class OruR01Reader
{
    /// <summary>
    /// MSH-12 versions accepted: 2.3 to 2.8.2. Every field read here exists with the same meaning in all of
    /// them (OBX-14 and OBX-18 since 2.3, PV1-3 PL and PID-3 CX unchanged); later versions only add fields.
    /// </summary>
    public static IReadOnlySet<string> SupportedVersions { get; } =
        new[] { "2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Longest MSH-10 accepted (the v2.7+ length of the field).</summary>
    public const int MaxControlIdLength = 199;

    /// <summary>Reads the payload of one MLLP frame.</summary>
    public static DeviceMessageOutcome Read(ReadOnlySpan<byte> message, DeviceFeedOptions? options = null) =>
        Read(Hl7Parser.Parse(message), options);

    /// <summary>Reads a message that is already text.</summary>
    public static DeviceMessageOutcome Read(string message, DeviceFeedOptions? options = null) =>
        Read(Hl7Parser.Parse(message), options);

    /// <summary>Reads a parsed message.</summary>
    public static DeviceMessageOutcome Read(Hl7ParseResult parsed, DeviceFeedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        options ??= DeviceFeedOptions.Default;
        if (parsed.Message is not { } message)
        {
            return new DeviceMessageOutcome.Rejected(parsed.Header, parsed.Errors);
        }

        var header = parsed.Header!;
        var envelope = CheckEnvelope(header, options);
        if (envelope.Count > 0)
        {
            return new DeviceMessageOutcome.Rejected(header, envelope);
        }

        var body = new BodyReader(message, header, options);
        var batch = body.Read();
        return body.Issues.Any(i => i.Severity == Hl7Severity.Error) || batch is null
            ? new DeviceMessageOutcome.Invalid(header, body.Issues)
            : new DeviceMessageOutcome.Accepted(header, batch, body.Issues);
    }

    /// <summary>AR conditions: what decides whether we process the message at all.</summary>
    private static List<Hl7Error> CheckEnvelope(Hl7MessageHeader header, DeviceFeedOptions options)
    {
        var errors = new List<Hl7Error>();
        if (header.MessageType.Length == 0)
        {
            errors.Add(Hl7Error.Error(Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(9, 1), "MSH-9 (message type) is empty."));
        }
        else if (!string.Equals(header.MessageType, "ORU", StringComparison.Ordinal))
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.UnsupportedMessageType,
                    Hl7Location.Msh(9, 1),
                    $"Message type '{header.MessageType}' is not accepted: this port takes ORU^R01 only."));
        }

        if (header.TriggerEvent.Length == 0)
        {
            errors.Add(Hl7Error.Error(Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(9, 2), "MSH-9.2 (trigger event) is empty."));
        }
        else if (!string.Equals(header.TriggerEvent, "R01", StringComparison.Ordinal))
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.UnsupportedEventCode,
                    Hl7Location.Msh(9, 2),
                    $"Trigger event '{header.TriggerEvent}' is not accepted: this port takes ORU^R01 only."));
        }

        if (header.MessageStructure.Length > 0 && !string.Equals(header.MessageStructure, "ORU_R01", StringComparison.Ordinal))
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.UnsupportedMessageType,
                    Hl7Location.Msh(9, 3),
                    $"Message structure '{header.MessageStructure}' is not accepted: expected ORU_R01."));
        }

        if (header.ControlId.Length == 0)
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.RequiredFieldMissing,
                    Hl7Location.Msh(10),
                    "MSH-10 (message control id) is empty: it is the idempotency id, so the message cannot be processed."));
        }
        else if (header.ControlId.Length > MaxControlIdLength)
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.DataTypeError,
                    Hl7Location.Msh(10),
                    string.Create(CultureInfo.InvariantCulture, $"MSH-10 is longer than {MaxControlIdLength} characters.")));
        }

        if (header.ProcessingId.Length == 0)
        {
            errors.Add(Hl7Error.Error(Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(11), "MSH-11 (processing id) is empty."));
        }
        else if (!options.AcceptedProcessingIds.Contains(header.ProcessingId))
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.UnsupportedProcessingId,
                    Hl7Location.Msh(11),
                    $"Processing id '{header.ProcessingId}' is not accepted here (accepted: {string.Join(", ", options.AcceptedProcessingIds.Order(StringComparer.Ordinal))})."));
        }

        if (header.VersionId.Length == 0)
        {
            errors.Add(Hl7Error.Error(Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(12), "MSH-12 (version id) is empty."));
        }
        else if (!SupportedVersions.Contains(header.VersionId))
        {
            errors.Add(
                Hl7Error.Error(
                    Hl7ErrorCode.UnsupportedVersionId,
                    Hl7Location.Msh(12),
                    $"HL7 version '{header.VersionId}' is not accepted: send 2.3 to 2.8 (2.5 preferred)."));
        }

        return errors;
    }

    /// <summary>AE conditions: the body of an ORU^R01 whose envelope we accept.</summary>
    private sealed class BodyReader(Hl7Message message, Hl7MessageHeader header, DeviceFeedOptions options)
    {
        private static readonly HashSet<string> NotStoredStatuses = new(StringComparer.Ordinal) { "X", "D", "W", "I", "N", "O", "S", "U" };

        private readonly List<Hl7Error> _issues = [];
        private readonly List<DeviceObservation> _observations = [];
        private readonly Dictionary<(VitalSignKind, DateTimeOffset, string, string), DeviceObservation> _seen = [];
        private TimeSpan? _senderOffset;
        private DateTimeOffset? _messageTime;

        public IReadOnlyList<Hl7Error> Issues => _issues;

        private enum Place
        {
            Header,
            Patient,
            Visit,
            OrderControl,
            Order,
        }

        public DeviceObservationBatch? Read()
        {
            ReadMessageTime();
            var identifiers = new List<Hl7PatientIdentifier>();
            DeviceLocation? location = null;
            var place = Place.Header;
            var sawPatient = false;
            var sawOrder = false;
            GroupTime? group = null;
            foreach (var segment in message.Segments.Skip(1))
            {
                switch (segment.Id)
                {
                    case "PID":
                        if (sawPatient || sawOrder)
                        {
                            Error(Hl7ErrorCode.SegmentSequenceError, segment.Location, sawPatient
                                ? "A second PID: send one patient per message."
                                : "PID after the first OBR: the patient comes before the observations.");
                            break;
                        }

                        sawPatient = true;
                        place = Place.Patient;
                        identifiers.AddRange(ReadIdentifiers(segment));
                        break;

                    case "PV1":
                        if (place != Place.Patient)
                        {
                            Error(Hl7ErrorCode.SegmentSequenceError, segment.Location, "PV1 must follow PID (ORU^R01 PATIENT group).");
                            break;
                        }

                        place = Place.Visit;
                        location = ReadLocation(segment);
                        break;

                    case "ORC":
                        place = Place.OrderControl;
                        break;

                    case "OBR":
                        place = Place.Order;
                        sawOrder = true;
                        group = ReadGroupTime(segment);
                        break;

                    case "OBX":
                        if (place != Place.Order)
                        {
                            Error(Hl7ErrorCode.SegmentSequenceError, segment.Location, "OBX before any OBR: every OBX belongs to an OBR.");
                            break;
                        }

                        ReadObservation(segment, group);
                        break;

                    default:
                        // SFT, PD1, NTE, NK1, PV2, TQ1, CTD, SPM, DSC, Z-segments...: not needed, not checked.
                        break;
                }
            }

            if (!sawOrder)
            {
                Error(Hl7ErrorCode.SegmentSequenceError, Hl7Location.None, "No OBR segment: an ORU^R01 carries its observations in OBR groups.");
            }

            if (_messageTime is not { } messageTime || _issues.Any(i => i.Severity == Hl7Severity.Error))
            {
                return null;
            }

            return new DeviceObservationBatch(
                header.ControlId,
                header.SendingApplication,
                header.SendingFacility,
                messageTime,
                header.VersionId,
                identifiers,
                location,
                [.. _observations.OrderBy(o => o.ObservedAt)]);
        }

        private void ReadMessageTime()
        {
            var msh7 = message.Msh.Value(7).Trim();
            if (msh7.Length == 0)
            {
                Error(Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(7), "MSH-7 (date/time of message) is empty.");
                return;
            }

            if (ReadTime(msh7, Hl7Location.Msh(7), "MSH-7", senderOffset: null) is { } time)
            {
                _senderOffset = time.Offset;
                _messageTime = time.Instant;
            }
        }

        private (DateTimeOffset Instant, TimeSpan? Offset)? ReadTime(string text, Hl7Location location, string name, TimeSpan? senderOffset)
        {
            if (!Hl7DateTime.TryParse(text, out var dtm, out var problem))
            {
                Error(Hl7ErrorCode.DataTypeError, location, $"{name}: {problem}");
                return null;
            }

            if (dtm.Precision < Hl7DateTimePrecision.Minute)
            {
                Error(Hl7ErrorCode.DataTypeError, location, $"{name}: '{text}' is not precise enough for a vital sign (at least YYYYMMDDHHMM).");
                return null;
            }

            if (!dtm.TryResolve(senderOffset, options.AssumedTimeZone, out var instant, out problem))
            {
                Error(Hl7ErrorCode.DataTypeError, location, $"{name}: '{text}' {problem}");
                return null;
            }

            return (instant, dtm.Offset);
        }

        private GroupTime ReadGroupTime(Hl7Segment obr)
        {
            var obr7 = obr.Value(7).Trim();
            if (obr7.Length == 0)
            {
                return new GroupTime(null, Valid: true);
            }

            var time = ReadTime(obr7, obr.At(7), "OBR-7", _senderOffset);
            return new GroupTime(time?.Instant, Valid: time is not null);
        }

        private void ReadObservation(Hl7Segment obx, GroupTime? group)
        {
            var code = ReadCode(obx);
            if (code is null)
            {
                return;
            }

            var status = obx.Value(11).Trim();
            ObservationResultStatus stored;
            switch (status)
            {
                case "":
                    Error(Hl7ErrorCode.RequiredFieldMissing, obx.At(11), "OBX-11 (result status) is empty.");
                    return;
                case "F":
                    stored = ObservationResultStatus.Final;
                    break;
                case "C":
                    stored = ObservationResultStatus.Corrected;
                    break;
                case "R":
                    stored = ObservationResultStatus.Unverified;
                    break;
                case "P":
                    stored = ObservationResultStatus.Preliminary;
                    break;
                case "X" when code.IsPanel && (obx[5].IsEmpty || obx[5].IsNull):
                    // IHE PCD: the compound row (MDC_PRESS_BLD_NONINV) of the containment tree has no value by
                    // design; its systolic/diastolic/mean follow as their own rows.
                    return;
                default:
                    if (NotStoredStatuses.Contains(status))
                    {
                        Warning(Hl7ErrorCode.TableValueNotFound, obx.At(11), $"Result status '{status}' ({code.Name}): not stored.");
                    }
                    else
                    {
                        Error(Hl7ErrorCode.TableValueNotFound, obx.At(11), $"Result status '{status}' is not an HL7 table 0085 value.");
                    }

                    return;
            }

            var values = ReadValues(obx, code);
            var unitId = obx.Value(6, 1).Trim();
            var unitText = obx.Value(6, 2).Trim();
            if (values is not null && unitId.Length == 0 && unitText.Length == 0)
            {
                Error(Hl7ErrorCode.RequiredFieldMissing, obx.At(6), $"OBX-6 (units) is empty for {code.Name}.");
                values = null;
            }

            var time = ReadObservationTime(obx, group);
            if (values is null || time is null)
            {
                return;
            }

            var subId = obx.Value(4).Trim();
            var equipment = obx.Value(18).Trim();
            foreach (var (kind, value, raw) in values)
            {
                if (!VitalSignUnits.TryNormalise(kind, unitId, unitText, value, out var normalised))
                {
                    Error(
                        Hl7ErrorCode.TableValueNotFound,
                        obx.At(6),
                        $"Unit '{(unitId.Length > 0 ? unitId : unitText)}' is not valid for {kind}: send {VitalSignUnits.Ucum(kind)}.");
                    continue;
                }

                var observation = new DeviceObservation(
                    kind,
                    normalised,
                    VitalSignUnits.Ucum(kind),
                    time.Value.Instant,
                    time.Value.Source,
                    stored,
                    code.CodingSystem,
                    code.Code,
                    raw,
                    unitId.Length > 0 ? unitId : unitText,
                    subId,
                    equipment,
                    obx.Location);
                Add(observation);
            }
        }

        private void Add(DeviceObservation observation)
        {
            var key = (observation.Kind, observation.ObservedAt, observation.SubId, observation.EquipmentInstanceId);
            if (_seen.TryGetValue(key, out var earlier))
            {
                if (earlier.Value == observation.Value)
                {
                    Warning(
                        Hl7ErrorCode.DuplicateKeyIdentifier,
                        observation.Source,
                        $"{observation.Kind} at {Hl7DateTime.Format(observation.ObservedAt)} repeats {earlier.Source}; counted once.");
                    return;
                }

                Error(
                    Hl7ErrorCode.DuplicateKeyIdentifier,
                    observation.Source,
                    $"{observation.Kind} at {Hl7DateTime.Format(observation.ObservedAt)} is {observation.Value.ToString(CultureInfo.InvariantCulture)} here but {earlier.Value.ToString(CultureInfo.InvariantCulture)} in {earlier.Source}.");
                return;
            }

            _seen[key] = observation;
            _observations.Add(observation);
        }

        private VitalSignCode? ReadCode(Hl7Segment obx)
        {
            var coded = obx[3].Repetition(1);
            var primary = VitalSignCodes.Find(coded.Component(1).Value, coded.Component(2).Value, coded.Component(3).Value, out var primaryConflict);
            var alternate = VitalSignCodes.Find(coded.Component(4).Value, coded.Component(5).Value, coded.Component(6).Value, out var alternateConflict);
            if (primaryConflict || alternateConflict)
            {
                Error(
                    Hl7ErrorCode.TableValueNotFound,
                    obx.At(3),
                    $"OBX-3 '{coded.Raw}': the MDC code and its reference id name different measurements.");
                return null;
            }

            if (primary is not null && alternate is not null && !primary.Kinds.SequenceEqual(alternate.Kinds))
            {
                Error(
                    Hl7ErrorCode.TableValueNotFound,
                    obx.At(3),
                    $"OBX-3 '{coded.Raw}': the code and the alternate code name different measurements.");
                return null;
            }

            var code = primary ?? alternate;
            if (code is null && !obx[5].IsEmpty && !obx[5].IsNull)
            {
                Warning(
                    Hl7ErrorCode.TableValueNotFound,
                    obx.At(3),
                    $"OBX-3 '{coded.Raw}' is not a vital sign read here; ignored.");
            }

            // An unknown code without a value (IHE PCD device and channel rows) is structure: skipped silently.
            return code;
        }

        private List<(VitalSignKind Kind, decimal Value, string Raw)>? ReadValues(Hl7Segment obx, VitalSignCode code)
        {
            var field = obx[5];
            if (field.IsEmpty || field.IsNull)
            {
                Error(Hl7ErrorCode.RequiredFieldMissing, obx.At(5), $"OBX-5 (value) is empty for {code.Name}.");
                return null;
            }

            if (field.RepetitionCount > 1)
            {
                Error(Hl7ErrorCode.DataTypeError, obx.At(5), $"OBX-5 repeats: a {code.Name} reading has one value.");
                return null;
            }

            var type = obx.Value(2).Trim();
            var raw = field.Repetition(1);
            decimal? single = null;
            (decimal First, decimal Second)? pair = null;
            string rawText;
            switch (type)
            {
                case "":
                    Error(Hl7ErrorCode.RequiredFieldMissing, obx.At(2), "OBX-2 (value type) is empty but OBX-5 has a value.");
                    return null;

                case "NM":
                    rawText = raw.Value;
                    if (TryNumber(rawText, out var nm))
                    {
                        single = nm;
                    }
                    else
                    {
                        Error(Hl7ErrorCode.DataTypeError, obx.At(5), $"'{rawText}' is not a number (OBX-2 NM).");
                        return null;
                    }

                    break;

                case "SN":
                    rawText = string.Join('^', Enumerable.Range(1, Math.Max(raw.ComponentCount, 1)).Select(i => raw.Component(i).Value));
                    if (!TryStructuredNumeric(raw, out single, out pair))
                    {
                        Error(
                            Hl7ErrorCode.DataTypeError,
                            obx.At(5),
                            $"'{rawText}' is not a plain structured numeric: a comparator (<, >) or a range cannot be stored as a reading.");
                        return null;
                    }

                    break;

                case "ST":
                    rawText = raw.Value;
                    if (TryNumber(rawText, out var st))
                    {
                        single = st;
                    }
                    else if (TryRatio(rawText, out var ratio))
                    {
                        pair = ratio;
                    }
                    else
                    {
                        Error(Hl7ErrorCode.DataTypeError, obx.At(5), $"'{rawText}' is not numeric (OBX-2 ST).");
                        return null;
                    }

                    break;

                default:
                    Error(Hl7ErrorCode.DataTypeError, obx.At(2), $"Value type '{type}' cannot carry {code.Name}: send NM, SN or ST.");
                    return null;
            }

            if (code.IsPanel)
            {
                if (pair is not { } bp)
                {
                    Error(Hl7ErrorCode.DataTypeError, obx.At(5), $"{code.Name} needs systolic and diastolic (SN ^120^/^80 or ST 120/80), got '{rawText}'.");
                    return null;
                }

                return [(code.Kinds[0], bp.First, rawText), (code.Kinds[1], bp.Second, rawText)];
            }

            if (single is not { } one)
            {
                Error(Hl7ErrorCode.DataTypeError, obx.At(5), $"{code.Name} takes one number, got '{rawText}'.");
                return null;
            }

            return [(code.Kinds[0], one, rawText)];
        }

        private (DateTimeOffset Instant, ObservationTimeSource Source)? ReadObservationTime(Hl7Segment obx, GroupTime? group)
        {
            var obx14 = obx.Value(14).Trim();
            if (obx14.Length > 0)
            {
                return ReadTime(obx14, obx.At(14), "OBX-14", _senderOffset) is { } own
                    ? (own.Instant, ObservationTimeSource.Observation)
                    : null;
            }

            if (group is { Valid: false })
            {
                return null;
            }

            if (group is { Instant: { } obr7 })
            {
                return (obr7, ObservationTimeSource.Request);
            }

            return _messageTime is { } msh7 ? (msh7, ObservationTimeSource.Message) : null;
        }

        private static List<Hl7PatientIdentifier> ReadIdentifiers(Hl7Segment pid) =>
            [
                .. pid[3].Repetitions()
                    .Select(r => new Hl7PatientIdentifier(r.Component(1).Value.Trim(), r.Component(4).Value.Trim(), r.Component(5).Value.Trim()))
                    .Where(id => id.Id.Length > 0),
            ];

        private static DeviceLocation? ReadLocation(Hl7Segment pv1)
        {
            var pl = pv1[3].Repetition(1);
            var location = new DeviceLocation(
                pl.Component(1).Value.Trim(),
                pl.Component(2).Value.Trim(),
                pl.Component(3).Value.Trim(),
                pl.Component(4).Value.Trim());
            return location is { PointOfCare.Length: 0, Room.Length: 0, Bed.Length: 0, Facility.Length: 0 } ? null : location;
        }

        /// <summary>HL7 NM: optional sign, digits, optional decimal point; no exponent, no grouping; 16 characters at most.</summary>
        private static bool TryNumber(string text, out decimal value)
        {
            value = 0;
            var s = text.Trim();
            if (s.Length is 0 or > 16)
            {
                return false;
            }

            var digits = 0;
            var dots = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                if (char.IsAsciiDigit(c))
                {
                    digits++;
                }
                else if (c == '.')
                {
                    dots++;
                }
                else if (i != 0 || c is not ('+' or '-'))
                {
                    return false;
                }
            }

            return digits > 0 && dots <= 1
                && decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        private static bool TryRatio(string text, out (decimal, decimal) ratio)
        {
            ratio = default;
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0 || !TryNumber(text[..slash], out var first) || !TryNumber(text[(slash + 1)..], out var second))
            {
                return false;
            }

            ratio = (first, second);
            return true;
        }

        /// <summary>HL7 SN: comparator ^ num1 ^ separator/suffix ^ num2. Accepted: "^n" (or "=^n") and the ratio "^n^/^m" (or ":").</summary>
        private static bool TryStructuredNumeric(Hl7Repetition sn, out decimal? single, out (decimal, decimal)? pair)
        {
            single = null;
            pair = null;
            var comparator = sn.Component(1).Value.Trim();
            var separator = sn.Component(3).Value.Trim();
            var second = sn.Component(4).Value.Trim();
            if ((comparator.Length > 0 && comparator != "=") || !TryNumber(sn.Component(2).Value, out var first))
            {
                return false;
            }

            if (separator.Length == 0 && second.Length == 0)
            {
                single = first;
                return true;
            }

            if (separator is "/" or ":" && TryNumber(second, out var other))
            {
                pair = (first, other);
                return true;
            }

            return false;
        }

        private void Error(Hl7ErrorCode code, Hl7Location location, string text) => _issues.Add(Hl7Error.Error(code, location, text));

        private void Warning(Hl7ErrorCode code, Hl7Location location, string text) => _issues.Add(Hl7Error.Warning(code, location, text));

        private sealed record GroupTime(DateTimeOffset? Instant, bool Valid);
    }
}
