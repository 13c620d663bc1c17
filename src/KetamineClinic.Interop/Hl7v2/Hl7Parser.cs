using System.Globalization;
using System.Text;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// The outcome of reading HL7 v2 text: the message, or the errors that stopped it. <see cref="Header"/> is
/// filled whenever the MSH segment could be read, even if the message as a whole could not, so that an AR
/// can still echo MSH-10 and address the sender.
/// </summary>
public sealed record Hl7ParseResult(Hl7Message? Message, Hl7MessageHeader? Header, IReadOnlyList<Hl7Error> Errors)
{
    /// <summary>True when <see cref="Message"/> is available (and <see cref="Errors"/> is then empty).</summary>
    public bool Succeeded => Message is not null;
}

/// <summary>
/// Reads HL7 v2 (ER7, "pipe and hat") text. Segments end with CR; LF and CRLF are tolerated. Delimiters come
/// from MSH-1 and MSH-2. Problems are returned as <see cref="Hl7Error"/>s with table 0357 codes, never thrown.
/// </summary>
public static class Hl7Parser
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Reads a message from the bytes of one MLLP frame. The character set comes from MSH-18 (HL7 table 0211):
    /// empty, <c>ASCII</c> or <c>8859/1</c> read as ISO 8859-1; <c>UNICODE UTF-8</c> (or a UTF-8 byte order
    /// mark) as strict UTF-8. Any other MSH-18 value is refused (103).
    /// </summary>
    public static Hl7ParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        var bom = bytes.StartsWith(Utf8Bom);
        if (bom)
        {
            bytes = bytes[Utf8Bom.Length..];
        }

        // ISO 8859-1 maps every byte to one char, so the structure (all ASCII) reads correctly whatever the
        // real charset is: enough to find MSH-18 and, if the body fails, to answer with the header.
        var latin1 = Encoding.Latin1.GetString(bytes);
        var declared = PeekCharset(latin1);
        Hl7Charset charset;
        if (bom)
        {
            charset = Hl7Charset.Utf8;
        }
        else if (declared is null)
        {
            charset = Hl7Charset.Default;
        }
        else if (Hl7Charsets.FromMsh18(declared) is { } known)
        {
            charset = known;
        }
        else
        {
            var header = ParseText(latin1, Hl7Charset.Default).Header;
            return new Hl7ParseResult(
                null,
                header,
                [
                    Hl7Error.Error(
                        Hl7ErrorCode.TableValueNotFound,
                        Hl7Location.Msh(18),
                        $"Character set '{declared}' is not supported: send ASCII, 8859/1 or UNICODE UTF-8."),
                ]);
        }

        if (charset != Hl7Charset.Utf8)
        {
            return ParseText(latin1, charset);
        }

        string text;
        try
        {
            text = Hl7Charsets.Strict(Hl7Charset.Utf8).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            var header = ParseText(latin1, Hl7Charset.Default).Header;
            return new Hl7ParseResult(
                null,
                header,
                [
                    Hl7Error.Error(
                        Hl7ErrorCode.DataTypeError,
                        Hl7Location.Msh(18),
                        "The message declares UTF-8 but its bytes are not valid UTF-8."),
                ]);
        }

        return ParseText(text, Hl7Charset.Utf8);
    }

    /// <summary>
    /// Reads a message that is already text. MSH-18 is still checked (it decides how <c>\X..\</c> escapes
    /// decode).
    /// </summary>
    public static Hl7ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var declared = PeekCharset(text);
        if (declared is null)
        {
            return ParseText(text, Hl7Charset.Default);
        }

        if (Hl7Charsets.FromMsh18(declared) is { } charset)
        {
            return ParseText(text, charset);
        }

        var header = ParseText(text, Hl7Charset.Default).Header;
        return new Hl7ParseResult(
            null,
            header,
            [
                Hl7Error.Error(
                    Hl7ErrorCode.TableValueNotFound,
                    Hl7Location.Msh(18),
                    $"Character set '{declared}' is not supported: send ASCII, 8859/1 or UNICODE UTF-8."),
            ]);
    }

    private static Hl7ParseResult ParseText(string text, Hl7Charset charset)
    {
        var lines = SplitSegments(text);
        if (lines.Count == 0)
        {
            return Fail(null, Hl7ErrorCode.SegmentSequenceError, Hl7Location.None, "The message is empty.");
        }

        var first = lines[0];
        if (!first.StartsWith("MSH", StringComparison.Ordinal))
        {
            var what = first.StartsWith("FHS", StringComparison.Ordinal) || first.StartsWith("BHS", StringComparison.Ordinal)
                ? "HL7 batches (FHS/BHS) are not accepted: send one message per MLLP frame."
                : "The message does not start with an MSH segment.";
            return Fail(null, Hl7ErrorCode.SegmentSequenceError, Hl7Location.None, what);
        }

        if (first.Length < 8)
        {
            return Fail(null, Hl7ErrorCode.SegmentSequenceError, new Hl7Location("MSH", 1), "The MSH segment is truncated.");
        }

        var fieldSeparator = first[3];
        var mshElements = first.Split(fieldSeparator);
        var delimiters = Hl7Delimiters.TryCreate(fieldSeparator, mshElements[1], out var problem);
        if (delimiters is null)
        {
            return Fail(null, Hl7ErrorCode.DataTypeError, Hl7Location.Msh(2), problem!);
        }

        var msh = new Hl7Segment("MSH", 1, mshElements, delimiters, charset);
        var header = Hl7MessageHeader.From(msh, delimiters, charset);
        var segments = new List<Hl7Segment>(lines.Count) { msh };
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["MSH"] = 1 };
        var errors = new List<Hl7Error>();
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            var separatorAt = line.IndexOf(fieldSeparator, StringComparison.Ordinal);
            var id = separatorAt < 0 ? line : line[..separatorAt];
            if (!IsSegmentId(id))
            {
                errors.Add(
                    Hl7Error.Error(
                        Hl7ErrorCode.SegmentSequenceError,
                        Hl7Location.None,
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Segment {i + 1} does not start with a segment id (three upper-case letters or digits): '{Shorten(id)}'.")));
                continue;
            }

            if (string.Equals(id, "MSH", StringComparison.Ordinal))
            {
                errors.Add(
                    Hl7Error.Error(
                        Hl7ErrorCode.SegmentSequenceError,
                        new Hl7Location("MSH", 2),
                        "A second MSH segment: send one message per MLLP frame."));
                continue;
            }

            var sequence = counts.TryGetValue(id, out var seen) ? seen + 1 : 1;
            counts[id] = sequence;
            segments.Add(new Hl7Segment(id, sequence, line.Split(fieldSeparator), delimiters, charset));
        }

        return errors.Count > 0
            ? new Hl7ParseResult(null, header, errors)
            : new Hl7ParseResult(new Hl7Message(delimiters, charset, segments), header, []);
    }

    /// <summary>MSH-18 as declared (first repetition, first component), or null when there is no MSH.</summary>
    private static string? PeekCharset(string text)
    {
        var lines = SplitSegments(text);
        if (lines.Count == 0 || !lines[0].StartsWith("MSH", StringComparison.Ordinal) || lines[0].Length < 8)
        {
            return null;
        }

        var first = lines[0];
        var elements = first.Split(first[3]);
        if (elements.Length <= 17 || elements[1].Length < 2)
        {
            return null;
        }

        var value = Hl7Split.Nth(Hl7Split.Nth(elements[17], elements[1][1], 1), elements[1][0], 1);
        return value.Trim().Length == 0 ? null : value.Trim();
    }

    /// <summary>Segments end with CR (the standard), LF or CRLF; blank lines are skipped.</summary>
    private static List<string> SplitSegments(string text)
    {
        text = text.TrimStart('\uFEFF');
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '\r' && text[i] != '\n')
            {
                continue;
            }

            if (i > start)
            {
                var line = text[start..i];
                if (!string.IsNullOrWhiteSpace(line))
                {
                    lines.Add(lines.Count == 0 ? line.TrimStart('\uFEFF', ' ', '\t') : line);
                }
            }

            start = i + 1;
        }

        return lines;
    }

    private static bool IsSegmentId(string id) =>
        id.Length == 3 && char.IsAsciiLetterUpper(id[0]) && char.IsAsciiLetterOrDigit(id[1]) && char.IsAsciiLetterOrDigit(id[2])
        && !char.IsAsciiLetterLower(id[1]) && !char.IsAsciiLetterLower(id[2]);

    private static string Shorten(string text) => text.Length <= 10 ? text : text[..10] + "...";

    private static Hl7ParseResult Fail(Hl7MessageHeader? header, Hl7ErrorCode code, Hl7Location location, string text) =>
        new(null, header, [Hl7Error.Error(code, location, text)]);
}
