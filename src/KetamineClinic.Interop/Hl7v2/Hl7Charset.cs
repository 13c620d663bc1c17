using System.Text;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>The character sets we accept in MSH-18 (HL7 table 0211).</summary>
public enum Hl7Charset
{
    /// <summary>MSH-18 empty: HL7's default. Bytes are read as ISO 8859-1, a superset of ASCII.</summary>
    Default,

    /// <summary>MSH-18 = <c>ASCII</c>. Read as ISO 8859-1 too (lenient about stray high bytes).</summary>
    Ascii,

    /// <summary>MSH-18 = <c>8859/1</c>.</summary>
    Latin1,

    /// <summary>MSH-18 = <c>UNICODE UTF-8</c> (also accepted: <c>UTF-8</c>), or a UTF-8 byte order mark.</summary>
    Utf8,
}

/// <summary>Byte/text conversion for the accepted character sets.</summary>
public static class Hl7Charsets
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The .NET encoding for a charset; UTF-8 throws on invalid bytes when decoding.</summary>
    public static Encoding Strict(Hl7Charset charset) =>
        charset switch
        {
            Hl7Charset.Default or Hl7Charset.Ascii or Hl7Charset.Latin1 => Encoding.Latin1,
            Hl7Charset.Utf8 => StrictUtf8,
        };

    /// <summary>Reads an MSH-18 value (first repetition, first component). Null when we do not support it.</summary>
    public static Hl7Charset? FromMsh18(string value) =>
        value.Trim().ToUpperInvariant() switch
        {
            "" => Hl7Charset.Default,
            "ASCII" => Hl7Charset.Ascii,
            "8859/1" => Hl7Charset.Latin1,
            "UNICODE UTF-8" or "UTF-8" or "UTF8" => Hl7Charset.Utf8,
            _ => null,
        };

    /// <summary>The MSH-18 value to write for a charset (empty for the default).</summary>
    public static string ToMsh18(Hl7Charset charset) =>
        charset switch
        {
            Hl7Charset.Default => string.Empty,
            Hl7Charset.Ascii => "ASCII",
            Hl7Charset.Latin1 => "8859/1",
            Hl7Charset.Utf8 => "UNICODE UTF-8",
        };

    /// <summary>
    /// Text to bytes for sending (an ACK). Characters the charset cannot hold become <c>?</c> in ISO 8859-1;
    /// our own texts are ASCII.
    /// </summary>
    public static byte[] GetBytes(string text, Hl7Charset charset)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Strict(charset).GetBytes(text);
    }
}
