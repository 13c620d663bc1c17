using System.Globalization;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>HL7 table 0357 "Message error condition codes" (v2.5), as sent in ERR-3.</summary>
public enum Hl7ErrorCode
{
    /// <summary>0: message accepted (never used in an ERR segment by this library).</summary>
    MessageAccepted = 0,

    /// <summary>100: segment sequence error (a segment is missing, out of place or cannot be read).</summary>
    SegmentSequenceError = 100,

    /// <summary>101: a required field is missing.</summary>
    RequiredFieldMissing = 101,

    /// <summary>102: data type error (a value does not fit its data type: number, date/time...).</summary>
    DataTypeError = 102,

    /// <summary>103: table value not found (a code, unit or status we do not accept).</summary>
    TableValueNotFound = 103,

    /// <summary>200: unsupported message type (MSH-9.1).</summary>
    UnsupportedMessageType = 200,

    /// <summary>201: unsupported event code (MSH-9.2).</summary>
    UnsupportedEventCode = 201,

    /// <summary>202: unsupported processing id (MSH-11).</summary>
    UnsupportedProcessingId = 202,

    /// <summary>203: unsupported version id (MSH-12).</summary>
    UnsupportedVersionId = 203,

    /// <summary>204: unknown key identifier (the receiver does not know the sender, device, bed or patient named).</summary>
    UnknownKeyIdentifier = 204,

    /// <summary>205: duplicate key identifier (the same reading twice in one message).</summary>
    DuplicateKeyIdentifier = 205,

    /// <summary>207: application internal error (storage failed, frame too large...).</summary>
    ApplicationInternalError = 207,
}

/// <summary>ERR-4 severity (HL7 table 0516).</summary>
public enum Hl7Severity
{
    /// <summary>E: the message was not processed (AE/AR).</summary>
    Error,

    /// <summary>W: processed, but something was ignored; the sender should look.</summary>
    Warning,

    /// <summary>I: information only.</summary>
    Information,
}

/// <summary>
/// Where an error is (ERR-2, HL7 data type ERL): segment id, the segment's sequence among segments of the
/// same id (1-based), then field, repetition, component and subcomponent (1-based; null = not applicable).
/// </summary>
public sealed record Hl7Location(
    string SegmentId,
    int SegmentSequence,
    int? Field = null,
    int? Repetition = null,
    int? Component = null,
    int? Subcomponent = null)
{
    /// <summary>No location: the problem is with the whole message or its framing.</summary>
    public static Hl7Location None { get; } = new(string.Empty, 0);

    /// <summary>A field of the MSH segment.</summary>
    public static Hl7Location Msh(int field, int? component = null) => new("MSH", 1, field, null, component);

    /// <summary>Readable form, e.g. <c>OBX[2]-5.1</c>.</summary>
    public override string ToString()
    {
        if (SegmentId.Length == 0)
        {
            return "message";
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"{SegmentId}[{SegmentSequence}]");
        if (Field is { } field)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"-{field}");
            if (Repetition is { } rep and > 1)
            {
                text += string.Create(CultureInfo.InvariantCulture, $"({rep})");
            }

            if (Component is { } component)
            {
                text += string.Create(CultureInfo.InvariantCulture, $".{component}");
            }

            if (Subcomponent is { } sub)
            {
                text += string.Create(CultureInfo.InvariantCulture, $".{sub}");
            }
        }

        return text;
    }
}

/// <summary>One problem found in a message: a table 0357 code, a severity, a location and a text for people.</summary>
public sealed record Hl7Error(Hl7ErrorCode Code, Hl7Severity Severity, Hl7Location Location, string Text)
{
    /// <summary>An error (ERR-4 = E).</summary>
    public static Hl7Error Error(Hl7ErrorCode code, Hl7Location location, string text) =>
        new(code, Hl7Severity.Error, location, text);

    /// <summary>A warning (ERR-4 = W): the message is still accepted.</summary>
    public static Hl7Error Warning(Hl7ErrorCode code, Hl7Location location, string text) =>
        new(code, Hl7Severity.Warning, location, text);

    /// <summary>
    /// For the listener: the message was valid but could not be committed (AE, code 207). The sender may resend
    /// it with the same MSH-10 because nothing was stored.
    /// </summary>
    public static Hl7Error StorageFailed(string text) =>
        new(Hl7ErrorCode.ApplicationInternalError, Hl7Severity.Error, Hl7Location.None, text);

    /// <summary>The standard display text of a table 0357 code (ERR-3.2).</summary>
    public static string DisplayText(Hl7ErrorCode code) =>
        code switch
        {
            Hl7ErrorCode.MessageAccepted => "Message accepted",
            Hl7ErrorCode.SegmentSequenceError => "Segment sequence error",
            Hl7ErrorCode.RequiredFieldMissing => "Required field missing",
            Hl7ErrorCode.DataTypeError => "Data type error",
            Hl7ErrorCode.TableValueNotFound => "Table value not found",
            Hl7ErrorCode.UnsupportedMessageType => "Unsupported message type",
            Hl7ErrorCode.UnsupportedEventCode => "Unsupported event code",
            Hl7ErrorCode.UnsupportedProcessingId => "Unsupported processing id",
            Hl7ErrorCode.UnsupportedVersionId => "Unsupported version id",
            Hl7ErrorCode.UnknownKeyIdentifier => "Unknown key identifier",
            Hl7ErrorCode.DuplicateKeyIdentifier => "Duplicate key identifier",
            Hl7ErrorCode.ApplicationInternalError => "Application internal error",
        };

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)Code} {Severity} at {Location}: {Text}");
}
