using System.Globalization;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>How much of an HL7 DTM was given.</summary>
public enum Hl7DateTimePrecision
{
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,

    /// <summary>Seconds with 1 to 4 fractional digits.</summary>
    FractionOfSecond,
}

/// <summary>
/// An HL7 DTM (the first component of a TS in v2.3-2.5): <c>YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]</c>.
/// <see cref="Local"/> is the wall-clock time as written; <see cref="Offset"/> is null when the sender gave none.
/// </summary>
public readonly record struct Hl7DateTime(DateTime Local, TimeSpan? Offset, Hl7DateTimePrecision Precision)
{
    /// <summary>Reads a DTM; on failure returns false and says why in <paramref name="problem"/>.</summary>
    public static bool TryParse(string text, out Hl7DateTime value, out string problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        var s = text.Trim();
        var offsetAt = s.IndexOfAny(['+', '-']);
        TimeSpan? offset = null;
        if (offsetAt >= 0)
        {
            var zone = s[(offsetAt + 1)..];
            if (zone.Length != 4 || !AllDigits(zone))
            {
                problem = $"'{text}' has a malformed UTC offset: expected +HHMM or -HHMM.";
                return false;
            }

            var hours = Int(zone, 0, 2);
            var minutes = Int(zone, 2, 2);
            if (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
            {
                problem = $"'{text}' has a UTC offset out of range (-1400 to +1400).";
                return false;
            }

            var span = new TimeSpan(hours, minutes, 0);
            offset = s[offsetAt] == '-' ? -span : span;
            s = s[..offsetAt];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var fraction = string.Empty;
        if (dot >= 0)
        {
            fraction = s[(dot + 1)..];
            s = s[..dot];
            if (s.Length != 14 || fraction.Length is < 1 or > 4 || !AllDigits(fraction))
            {
                problem = $"'{text}' has a malformed fraction of a second: allowed only after seconds, 1 to 4 digits.";
                return false;
            }
        }

        if (!AllDigits(s) || s.Length is not (4 or 6 or 8 or 10 or 12 or 14))
        {
            problem = $"'{text}' is not an HL7 date/time (YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]).";
            return false;
        }

        var year = Int(s, 0, 4);
        var month = s.Length >= 6 ? Int(s, 4, 2) : 1;
        var day = s.Length >= 8 ? Int(s, 6, 2) : 1;
        var hour = s.Length >= 10 ? Int(s, 8, 2) : 0;
        var minute = s.Length >= 12 ? Int(s, 10, 2) : 0;
        var second = s.Length >= 14 ? Int(s, 12, 2) : 0;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            problem = $"'{text}' is not a valid date/time.";
            return false;
        }

        var ticks = fraction.Length == 0
            ? 0
            : Int(fraction, 0, fraction.Length) * (long)Math.Pow(10, 7 - fraction.Length);
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        var precision = fraction.Length > 0
            ? Hl7DateTimePrecision.FractionOfSecond
            : s.Length switch
            {
                4 => Hl7DateTimePrecision.Year,
                6 => Hl7DateTimePrecision.Month,
                8 => Hl7DateTimePrecision.Day,
                10 => Hl7DateTimePrecision.Hour,
                12 => Hl7DateTimePrecision.Minute,
                _ => Hl7DateTimePrecision.Second,
            };
        value = new Hl7DateTime(local, offset, precision);
        problem = string.Empty;
        return true;
    }

    /// <summary>
    /// The instant this DTM names. Rule (documented in docs/hl7v2.md): its own offset if given; else
    /// <paramref name="senderOffset"/> (MSH-7's offset: HL7 says a time without offset is in the sender's
    /// zone); else the local time in <paramref name="assumedZone"/> (configured per feed), refusing a
    /// wall-clock time that a daylight-saving change makes ambiguous or impossible; else no instant.
    /// </summary>
    public bool TryResolve(TimeSpan? senderOffset, TimeZoneInfo? assumedZone, out DateTimeOffset instant, out string problem)
    {
        var offset = Offset ?? senderOffset;
        if (offset is { } known)
        {
            instant = new DateTimeOffset(Local, known);
            problem = string.Empty;
            return true;
        }

        instant = default;
        if (assumedZone is null)
        {
            problem = "has no UTC offset, and neither does MSH-7: send +HHMM/-HHMM or configure the feed's time zone.";
            return false;
        }

        if (assumedZone.IsInvalidTime(Local))
        {
            problem = $"does not exist in time zone {assumedZone.Id} (daylight-saving gap): send a UTC offset.";
            return false;
        }

        if (assumedZone.IsAmbiguousTime(Local))
        {
            problem = $"is ambiguous in time zone {assumedZone.Id} (daylight-saving change): send a UTC offset.";
            return false;
        }

        instant = new DateTimeOffset(Local, assumedZone.GetUtcOffset(Local));
        problem = string.Empty;
        return true;
    }

    /// <summary>Formats an instant as an HL7 DTM to the second, with its offset: <c>yyyyMMddHHmmss+ZZZZ</c>.</summary>
    public static string Format(DateTimeOffset instant)
    {
        var offset = instant.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return instant.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + sign
            + abs.Hours.ToString("00", CultureInfo.InvariantCulture)
            + abs.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private static bool AllDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static int Int(string s, int start, int length) =>
        int.Parse(s.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
