using System.Globalization;
using System.Text;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// The delimiters a message declares in MSH-1 and MSH-2 (never assumed to be <c>|^~\&amp;</c>), with HL7 escape
/// sequence decoding and encoding.
/// </summary>
public sealed record Hl7Delimiters
{
    /// <summary>The usual <c>|^~\&amp;</c>.</summary>
    public static Hl7Delimiters Standard { get; } = new('|', '^', '~', '\\', '&', null);

    /// <exception cref="ArgumentException">A delimiter is a letter, digit, space or control character, or two are equal.</exception>
    public Hl7Delimiters(char field, char component, char repetition, char escape, char subcomponent, char? truncation)
    {
        if (Validate(field, component, repetition, escape, subcomponent, truncation) is { } problem)
        {
            throw new ArgumentException(problem, nameof(field));
        }

        Field = field;
        Component = component;
        Repetition = repetition;
        Escape = escape;
        Subcomponent = subcomponent;
        Truncation = truncation;
    }

    /// <summary>MSH-1.</summary>
    public char Field { get; }

    /// <summary>MSH-2, first character.</summary>
    public char Component { get; }

    /// <summary>MSH-2, second character.</summary>
    public char Repetition { get; }

    /// <summary>MSH-2, third character.</summary>
    public char Escape { get; }

    /// <summary>MSH-2, fourth character.</summary>
    public char Subcomponent { get; }

    /// <summary>MSH-2, fifth character (v2.7+), if declared.</summary>
    public char? Truncation { get; }

    /// <summary>MSH-2 as written: component, repetition, escape, subcomponent[, truncation].</summary>
    public string EncodingCharacters =>
        Truncation is { } t
            ? new string([Component, Repetition, Escape, Subcomponent, t])
            : new string([Component, Repetition, Escape, Subcomponent]);

    /// <summary>
    /// Reads MSH-1 and MSH-2. Returns null, with a reason, when they cannot be delimiters: MSH-2 must have 4 or
    /// 5 characters, all different, none a letter, digit, space or control character.
    /// </summary>
    public static Hl7Delimiters? TryCreate(char field, string encodingCharacters, out string? problem)
    {
        if (encodingCharacters.Length is < 4 or > 5)
        {
            problem = string.Create(
                CultureInfo.InvariantCulture,
                $"MSH-2 must hold 4 or 5 encoding characters, found {encodingCharacters.Length}.");
            return null;
        }

        var truncation = encodingCharacters.Length == 5 ? encodingCharacters[4] : (char?)null;
        var invalid = Validate(field, encodingCharacters[0], encodingCharacters[1], encodingCharacters[2], encodingCharacters[3], truncation);
        if (invalid is not null)
        {
            problem = "MSH-1/MSH-2 are not usable delimiters: " + invalid;
            return null;
        }

        problem = null;
        return new Hl7Delimiters(field, encodingCharacters[0], encodingCharacters[1], encodingCharacters[2], encodingCharacters[3], truncation);
    }

    private static string? Validate(char field, char component, char repetition, char escape, char subcomponent, char? truncation)
    {
        var all = new List<char> { field, component, repetition, escape, subcomponent };
        if (truncation is { } t)
        {
            all.Add(t);
        }

        foreach (var c in all)
        {
            if (char.IsLetterOrDigit(c) || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{c}' (U+{(int)c:X4}) cannot be an HL7 delimiter.");
            }
        }

        return all.Distinct().Count() != all.Count ? "HL7 delimiters must all be different." : null;
    }

    /// <summary>
    /// Encodes text for a leaf value: the delimiters become <c>\F\ \S\ \T\ \R\ \E\</c> (and <c>\P\</c>), CR and LF
    /// become <c>\X0D\</c> and <c>\X0A\</c>, so no text can break the message structure.
    /// </summary>
    public string EscapeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == Escape)
            {
                builder.Append(Escape).Append('E').Append(Escape);
            }
            else if (c == Field)
            {
                builder.Append(Escape).Append('F').Append(Escape);
            }
            else if (c == Component)
            {
                builder.Append(Escape).Append('S').Append(Escape);
            }
            else if (c == Subcomponent)
            {
                builder.Append(Escape).Append('T').Append(Escape);
            }
            else if (c == Repetition)
            {
                builder.Append(Escape).Append('R').Append(Escape);
            }
            else if (Truncation is { } t && c == t)
            {
                builder.Append(Escape).Append('P').Append(Escape);
            }
            else if (c == '\r')
            {
                builder.Append(Escape).Append("X0D").Append(Escape);
            }
            else if (c == '\n')
            {
                builder.Append(Escape).Append("X0A").Append(Escape);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes the escape sequences of one leaf value: <c>\F\ \S\ \T\ \R\ \E\ \P\</c> to the delimiter,
    /// <c>\Xhh..\</c> to the bytes it names in the message's character set; formatting (<c>\.br\</c>, <c>\H\</c>,
    /// <c>\N\</c>, <c>\Z..\</c> and the other <c>\.xx\</c> commands) is dropped. A sequence that is not closed
    /// or not understood is kept as written.
    /// </summary>
    public string UnescapeText(string raw, Hl7Charset charset)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var start = raw.IndexOf(Escape, StringComparison.Ordinal);
        if (start < 0)
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        builder.Append(raw, 0, start);
        var i = start;
        while (i < raw.Length)
        {
            var c = raw[i];
            if (c != Escape)
            {
                builder.Append(c);
                i++;
                continue;
            }

            var end = raw.IndexOf(Escape, i + 1);
            if (end < 0 || end == i + 1)
            {
                // Unclosed or empty sequence: keep it as written rather than lose text.
                builder.Append(c);
                i++;
                continue;
            }

            var body = raw.AsSpan(i + 1, end - i - 1);
            if (!AppendEscape(builder, body, charset))
            {
                builder.Append(raw, i, end - i + 1);
            }

            i = end + 1;
        }

        return builder.ToString();
    }

    private bool AppendEscape(StringBuilder builder, ReadOnlySpan<char> body, Hl7Charset charset)
    {
        if (body.Length == 1)
        {
            switch (body[0])
            {
                case 'F':
                    builder.Append(Field);
                    return true;
                case 'S':
                    builder.Append(Component);
                    return true;
                case 'T':
                    builder.Append(Subcomponent);
                    return true;
                case 'R':
                    builder.Append(Repetition);
                    return true;
                case 'E':
                    builder.Append(Escape);
                    return true;
                case 'P' when Truncation is { } t:
                    builder.Append(t);
                    return true;
                case 'H' or 'N':
                    // Highlighting on/off: formatting only.
                    return true;
                default:
                    return false;
            }
        }

        switch (body[0])
        {
            case 'X':
                return AppendHex(builder, body[1..], charset);
            case '.':
            case 'Z':
            case 'C':
            case 'M':
                // Formatting commands (\.br\, \.sp\, ...), locally defined (\Z..\) and character-set switches
                // (\C..\, \M..\, unsupported): dropped, as the text is only read, never rendered.
                return true;
            default:
                return false;
        }
    }

    private static bool AppendHex(StringBuilder builder, ReadOnlySpan<char> hex, Hl7Charset charset)
    {
        if (hex.Length == 0 || hex.Length % 2 != 0)
        {
            return false;
        }

        var bytes = new byte[hex.Length / 2];
        for (var b = 0; b < bytes.Length; b++)
        {
            if (!byte.TryParse(hex.Slice(b * 2, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[b]))
            {
                return false;
            }
        }

        try
        {
            builder.Append(Hl7Charsets.Strict(charset).GetString(bytes));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
