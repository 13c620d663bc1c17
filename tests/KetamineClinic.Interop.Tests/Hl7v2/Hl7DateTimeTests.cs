using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class Hl7DateTimeTests
{
    [Theory]
    [InlineData("2026", 2026, 1, 1, 0, 0, 0, 0, Hl7DateTimePrecision.Year)]
    [InlineData("202611", 2026, 11, 1, 0, 0, 0, 0, Hl7DateTimePrecision.Month)]
    [InlineData("20261127", 2026, 11, 27, 0, 0, 0, 0, Hl7DateTimePrecision.Day)]
    [InlineData("2026112714", 2026, 11, 27, 14, 0, 0, 0, Hl7DateTimePrecision.Hour)]
    [InlineData("202611271430", 2026, 11, 27, 14, 30, 0, 0, Hl7DateTimePrecision.Minute)]
    [InlineData("20261127143005", 2026, 11, 27, 14, 30, 5, 0, Hl7DateTimePrecision.Second)]
    [InlineData("20261127143005.1", 2026, 11, 27, 14, 30, 5, 1000000, Hl7DateTimePrecision.FractionOfSecond)]
    [InlineData("20261127143005.1234", 2026, 11, 27, 14, 30, 5, 1234000, Hl7DateTimePrecision.FractionOfSecond)]
    [InlineData("20240229235959", 2024, 2, 29, 23, 59, 59, 0, Hl7DateTimePrecision.Second)]
    public void TryParse_ReadsEveryPrecision(string text, int y, int mo, int d, int h, int mi, int s, long fractionTicks, Hl7DateTimePrecision precision)
    {
        Assert.True(Hl7DateTime.TryParse(text, out var value, out var problem), problem);

        Assert.Equal(new DateTime(y, mo, d, h, mi, s).AddTicks(fractionTicks), value.Local);
        Assert.Null(value.Offset);
        Assert.Equal(precision, value.Precision);
    }

    [Theory]
    [InlineData("20261127143005+0000", 0, 0)]
    [InlineData("20261127143005-0500", -5, 0)]
    [InlineData("20261127143005+0530", 5, 30)]
    [InlineData("202611271430-0000", 0, 0)]
    [InlineData("20261127143005.25+1400", 14, 0)]
    [InlineData("20261127143005-1400", -14, 0)]
    public void TryParse_ReadsTheOffset(string text, int hours, int minutes)
    {
        Assert.True(Hl7DateTime.TryParse(text, out var value, out _));

        var expected = new TimeSpan(Math.Abs(hours), minutes, 0);
        Assert.Equal(hours < 0 ? -expected : expected, value.Offset);
    }

    [Theory]
    [InlineData("", "not an HL7 date/time")]
    [InlineData("20261", "not an HL7 date/time")]
    [InlineData("2026-11-27", "malformed UTC offset")]
    [InlineData("20261327", "not a valid date/time")]
    [InlineData("20261100", "not a valid date/time")]
    [InlineData("20250229", "not a valid date/time")]
    [InlineData("2026112724", "not a valid date/time")]
    [InlineData("202611271460", "not a valid date/time")]
    [InlineData("20261127143060", "not a valid date/time")]
    [InlineData("202611271430.5", "fraction of a second")]
    [InlineData("20261127143005.12345", "fraction of a second")]
    [InlineData("20261127143005.", "fraction of a second")]
    [InlineData("20261127143005+05", "malformed UTC offset")]
    [InlineData("20261127143005+1401", "out of range")]
    [InlineData("20261127143005+1500", "out of range")]
    [InlineData("20261127143005+0060", "out of range")]
    [InlineData("2026112714300x", "not an HL7 date/time")]
    [InlineData("00001127", "not a valid date/time")]
    public void TryParse_RefusesMalformedTimes(string text, string reason)
    {
        Assert.False(Hl7DateTime.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_UsesItsOwnOffsetFirst()
    {
        var value = Dtm("202611271430+0100");

        Assert.True(value.TryResolve(TimeSpan.FromHours(-5), TimeZoneInfo.Utc, out var instant, out _));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.FromHours(1)), instant);
        Assert.Equal(TimeSpan.FromHours(1), instant.Offset);
    }

    [Fact]
    public void TryResolve_WithoutOffset_TakesTheSendersOffset()
    {
        var value = Dtm("202611271430");

        Assert.True(value.TryResolve(TimeSpan.FromHours(-5), null, out var instant, out _));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.FromHours(-5)), instant);
    }

    [Fact]
    public void TryResolve_WithoutAnyOffset_UsesTheAssumedZone()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var summer = Dtm("202607011200");
        var winter = Dtm("202612011200");

        Assert.True(summer.TryResolve(null, newYork, out var s, out _));
        Assert.True(winter.TryResolve(null, newYork, out var w, out _));
        Assert.Equal(TimeSpan.FromHours(-4), s.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), w.Offset);
    }

    [Theory]
    [InlineData("202603080230", "does not exist")]
    [InlineData("202611010130", "is ambiguous")]
    public void TryResolve_RefusesWallClockTimesThatDaylightSavingMakesUnclear(string text, string reason)
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var value = Dtm(text);

        Assert.False(value.TryResolve(null, newYork, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_WithNoOffsetAndNoZone_Fails()
    {
        var value = Dtm("202611271430");

        Assert.False(value.TryResolve(null, null, out _, out var problem));
        Assert.Contains("no UTC offset", problem, StringComparison.Ordinal);
    }

    private static Hl7DateTime Dtm(string text)
    {
        Assert.True(Hl7DateTime.TryParse(text, out var value, out var problem), problem);
        return value;
    }

    [Theory]
    [InlineData(0, 0, "20261127143005+0000")]
    [InlineData(-5, 0, "20261127143005-0500")]
    [InlineData(5, 30, "20261127143005+0530")]
    [InlineData(-3, -30, "20261127143005-0330")]
    public void Format_WritesSecondsAndOffset(int hours, int minutes, string expected)
    {
        var instant = new DateTimeOffset(2026, 11, 27, 14, 30, 5, 999, new TimeSpan(hours, minutes, 0));

        Assert.Equal(expected, Hl7DateTime.Format(instant));
    }
}
