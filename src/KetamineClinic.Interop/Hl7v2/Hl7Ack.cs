using System.Globalization;
using System.Text;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>MSA-1 acknowledgment codes (original mode, HL7 table 0008).</summary>
public enum AckCode
{
    /// <summary>Application accept: the message is durable (send only after the commit).</summary>
    AA,

    /// <summary>Application error: understood but not processed; nothing stored.</summary>
    AE,

    /// <summary>Application reject: not processed at all; nothing stored.</summary>
    AR,
}

/// <summary>Who we are in an ACK when the original message did not name us (MSH-5/MSH-6 empty or unreadable).</summary>
public sealed record Hl7AckOptions
{
    /// <summary>Defaults: application <c>KETAMINE_CLINIC</c>, no facility, version 2.5.</summary>
    public static Hl7AckOptions Default { get; } = new();

    /// <summary>Our MSH-3 when the original MSH-5 is empty.</summary>
    public Hl7HierarchicDesignator Application { get; init; } = new("KETAMINE_CLINIC", string.Empty, string.Empty);

    /// <summary>Our MSH-4 when the original MSH-6 is empty.</summary>
    public Hl7HierarchicDesignator Facility { get; init; } = Hl7HierarchicDesignator.Empty;

    /// <summary>MSH-12 when the original's version is unknown or unreadable.</summary>
    public string DefaultVersion { get; init; } = "2.5";
}

/// <summary>
/// Builds the original-mode acknowledgment (ACK) of a received message: MSH (sender and receiver swapped, our
/// control id and time), MSA (code and the original MSH-10) and one ERR per issue. Every text is escaped with
/// the ACK's own delimiters (<c>|^~\&amp;</c>). For versions before 2.5 the ERR segment is written in the old
/// form (ERR-1 only) and warnings are left out, because older receivers treat any ERR as an error.
/// </summary>
public static class Hl7Ack
{
    private const string ErrorTable = "HL70357";

    /// <summary>Builds an ACK.</summary>
    /// <param name="original">The MSH of the message being answered, or null when none could be read.</param>
    /// <param name="code">MSA-1.</param>
    /// <param name="issues">One ERR segment each (severity E, W or I).</param>
    /// <param name="ackControlId">MSH-10 of the ACK itself (the caller makes it unique).</param>
    /// <param name="ackTime">MSH-7 of the ACK (from the caller's <c>TimeProvider</c>).</param>
    /// <param name="options">Our identity when the original does not give it.</param>
    public static string Build(
        Hl7MessageHeader? original,
        AckCode code,
        IReadOnlyList<Hl7Error> issues,
        string ackControlId,
        DateTimeOffset ackTime,
        Hl7AckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentException.ThrowIfNullOrWhiteSpace(ackControlId);
        options ??= Hl7AckOptions.Default;
        var d = Hl7Delimiters.Standard;
        var version = original is not null && IsVersion(original.VersionId) ? original.VersionId : options.DefaultVersion;
        var legacy = IsBefore25(version);

        var fromApplication = original is { ReceivingApplication.IsEmpty: false } ? original.ReceivingApplication : options.Application;
        var fromFacility = original is { ReceivingFacility.IsEmpty: false } ? original.ReceivingFacility : options.Facility;
        var trigger = original?.TriggerEvent ?? string.Empty;
        var messageType = trigger.Length == 0
            ? "ACK"
            : HasMessageStructure(version) ? "ACK^" + d.EscapeText(trigger) + "^ACK" : "ACK^" + d.EscapeText(trigger);
        var processingId = original is { ProcessingId.Length: > 0 } ? original.ProcessingId : "P";
        var charset = original?.Charset ?? Hl7Charset.Default;

        var text = new StringBuilder(256);
        AppendSegment(
            text,
            d,
            "MSH",
            d.EncodingCharacters,
            Hd(fromApplication),
            Hd(fromFacility),
            Hd(original?.SendingApplication),
            Hd(original?.SendingFacility),
            Hl7DateTime.Format(ackTime),
            string.Empty,
            messageType,
            d.EscapeText(ackControlId),
            d.EscapeText(processingId),
            d.EscapeText(version),
            string.Empty,
            string.Empty,
            string.Empty,
            string.Empty,
            string.Empty,
            Hl7Charsets.ToMsh18(charset));

        var originalId = d.EscapeText(original?.ControlId ?? string.Empty);
        var firstError = issues.FirstOrDefault(i => i.Severity == Hl7Severity.Error);
        if (legacy && firstError is not null)
        {
            AppendSegment(text, d, "MSA", code.ToString(), originalId, d.EscapeText(Shorten(firstError.Text, 80)));
        }
        else
        {
            AppendSegment(text, d, "MSA", code.ToString(), originalId);
        }

        foreach (var issue in issues)
        {
            if (legacy)
            {
                if (issue.Severity == Hl7Severity.Error)
                {
                    AppendSegment(text, d, "ERR", LegacyLocation(issue, d));
                }

                continue;
            }

            AppendSegment(
                text,
                d,
                "ERR",
                string.Empty,
                Location(issue.Location, d),
                CodedError(issue.Code, d, d.Component),
                Severity(issue.Severity),
                string.Empty,
                string.Empty,
                string.Empty,
                d.EscapeText(issue.Text));
        }

        return text.ToString();
    }

    /// <summary>The ACK for a read outcome. For <see cref="DeviceMessageOutcome.Accepted"/> this is an AA: call it
    /// only after the batch is committed (if the commit fails, build an AE with <see cref="Hl7Error.StorageFailed"/>).</summary>
    public static string BuildFor(DeviceMessageOutcome outcome, string ackControlId, DateTimeOffset ackTime, Hl7AckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Build(outcome.Header, outcome.AckCode, outcome.Issues, ackControlId, ackTime, options);
    }

    /// <summary>An AR with a minimal MSH for something that never became a message (an oversized frame).</summary>
    public static string BuildForUnreadable(Hl7Error error, string ackControlId, DateTimeOffset ackTime, Hl7AckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Build(null, AckCode.AR, [error], ackControlId, ackTime, options);
    }

    /// <summary>The ACK as an MLLP frame, in the character set of the message it answers.</summary>
    public static byte[] ToFrame(string ack, Hl7MessageHeader? original) =>
        MllpFramer.Encode(ack, original?.Charset ?? Hl7Charset.Default);

    private static void AppendSegment(StringBuilder text, Hl7Delimiters d, string id, params string[] fields)
    {
        var last = fields.Length;
        while (last > 0 && fields[last - 1].Length == 0)
        {
            last--;
        }

        text.Append(id);
        for (var i = 0; i < last; i++)
        {
            // MSH-1 is the separator itself: MSH-2 follows it directly.
            text.Append(d.Field).Append(fields[i]);
        }

        text.Append('\r');
    }

    private static string Hd(Hl7HierarchicDesignator? hd)
    {
        if (hd is null || hd.IsEmpty)
        {
            return string.Empty;
        }

        var d = Hl7Delimiters.Standard;
        return TrimTrailing(
            d.EscapeText(hd.NamespaceId) + d.Component + d.EscapeText(hd.UniversalId) + d.Component + d.EscapeText(hd.UniversalIdType),
            d.Component);
    }

    private static string Location(Hl7Location location, Hl7Delimiters d)
    {
        if (location.SegmentId.Length == 0)
        {
            return string.Empty;
        }

        var parts = new[]
        {
            d.EscapeText(location.SegmentId),
            location.SegmentSequence.ToString(CultureInfo.InvariantCulture),
            Number(location.Field),
            Number(location.Field is null ? null : location.Repetition ?? 1),
            Number(location.Component),
            Number(location.Subcomponent),
        };
        return TrimTrailing(string.Join(d.Component, parts), d.Component);
    }

    /// <summary>v2.3/2.4 ERR-1 (ELD): segment ^ sequence ^ field ^ code&amp;text&amp;HL70357.</summary>
    private static string LegacyLocation(Hl7Error issue, Hl7Delimiters d)
    {
        var l = issue.Location;
        return string.Join(
            d.Component,
            d.EscapeText(l.SegmentId),
            l.SegmentId.Length == 0 ? string.Empty : l.SegmentSequence.ToString(CultureInfo.InvariantCulture),
            Number(l.Field),
            CodedError(issue.Code, d, d.Subcomponent));
    }

    private static string CodedError(Hl7ErrorCode code, Hl7Delimiters d, char separator) =>
        string.Join(
            separator,
            ((int)code).ToString(CultureInfo.InvariantCulture),
            d.EscapeText(Hl7Error.DisplayText(code)),
            ErrorTable);

    private static string Severity(Hl7Severity severity) =>
        severity switch
        {
            Hl7Severity.Error => "E",
            Hl7Severity.Warning => "W",
            Hl7Severity.Information => "I",
        };

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string TrimTrailing(string text, char separator) => text.TrimEnd(separator);

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    private static bool IsVersion(string version) =>
        version.Length is >= 3 and <= 8 && version.StartsWith("2.", StringComparison.Ordinal)
        && version.All(c => char.IsAsciiDigit(c) || c == '.');

    /// <summary>MSH-9.3 (message structure) exists from v2.3.1 on.</summary>
    private static bool HasMessageStructure(string version) =>
        version != "2.3" && !(TryMinor(version, out var minor) && minor < 3);

    private static bool IsBefore25(string version) => TryMinor(version, out var minor) && minor < 5;

    private static bool TryMinor(string version, out int minor)
    {
        minor = 0;
        var parts = version.Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minor)
            && major == 2;
    }
}
