using System.Text;
using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class Hl7ParserTests
{
    private static Hl7Message Parse(string text)
    {
        var result = Hl7Parser.Parse(text);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Message!;
    }

    private static Hl7Error ParseError(string text)
    {
        var result = Hl7Parser.Parse(text);
        Assert.False(result.Succeeded);
        Assert.Null(result.Message);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void MshFieldNumbering_CountsTheFieldSeparatorAsMsh1()
    {
        var msh = Parse(Samples.Load("mdc-monitor.hl7")).Msh;

        Assert.Equal("|", msh[1].Raw);
        Assert.Equal(@"^~\&", msh[2].Raw);
        Assert.Equal(@"^~\&", msh[2].Value);
        Assert.Equal("MONITOR_GW", msh.Value(3));
        Assert.Equal("0123456789ABCDEF", msh.Value(3, 2));
        Assert.Equal("EUI-64", msh.Value(3, 3));
        Assert.Equal("20261127143005-0500", msh.Value(7));
        Assert.Equal("ORU", msh.Value(9, 1));
        Assert.Equal("R01", msh.Value(9, 2));
        Assert.Equal("ORU_R01", msh.Value(9, 3));
        Assert.Equal("MON-000123", msh.Value(10));
        Assert.Equal("2.5", msh.Value(12));
        Assert.Equal("AL", msh.Value(16));
        Assert.Equal(16, msh.FieldCount);
        Assert.Equal(string.Empty, msh.Value(17));
    }

    [Fact]
    public void OtherSegments_NumberFieldsAfterTheSegmentId()
    {
        var message = Parse(Samples.Load("mdc-monitor.hl7"));
        var obx = message.All("OBX").ElementAt(2);

        Assert.Equal(3, obx.Sequence);
        Assert.Equal("3", obx.Value(1));
        Assert.Equal("NM", obx.Value(2));
        Assert.Equal("150021", obx.Value(3, 1));
        Assert.Equal("MDC_PRESS_BLD_NONINV_SYS", obx.Value(3, 2));
        Assert.Equal("MDC", obx.Value(3, 3));
        Assert.Equal("128", obx.Value(5));
        Assert.Equal("0123456789ABCDEF", obx.Value(18));
        Assert.Equal(18, obx.FieldCount);
        Assert.Equal(string.Empty, obx.Value(30));
        Assert.Equal(12, message.All("OBX").Count() + 2);
    }

    [Fact]
    public void Repetitions_AreSplitOnTheRepetitionCharacter()
    {
        var pid = Parse(Samples.Load("bp-panel-escapes.hl7")).FirstOrDefault("PID")!;

        Assert.Equal(2, pid[3].RepetitionCount);
        Assert.Equal("TEST-0003", pid[3].Repetition(1).Value);
        Assert.Equal("CLINIC_A", pid[3].Repetition(1).Component(4).Value);
        Assert.Equal("SYN-99", pid[3].Repetition(2).Value);
        Assert.Equal("PI", pid[3].Repetition(2).Component(5).Value);
        Assert.Equal(string.Empty, pid[3].Repetition(3).Value);
        Assert.Equal(["TEST-0003", "SYN-99"], pid[3].Repetitions().Select(r => r.Value));
    }

    [Fact]
    public void EscapeSequences_AreDecodedOnAccess()
    {
        var message = Parse(Samples.Load("bp-panel-escapes.hl7"));

        Assert.Equal("BP_CUFF&CO", message.Msh.Value(3));
        Assert.Equal(@"BP_CUFF\T\CO", message.Msh[3].Raw);
        Assert.Equal("CLINIC|A", message.Msh.Value(4));
        Assert.Equal("Test^Hyphen", message.FirstOrDefault("PID")!.Value(5));
        Assert.Equal("Suite & 3", message.FirstOrDefault("PV1")!.Value(3, 2));
        Assert.Equal("Chair~1A", message.FirstOrDefault("PV1")!.Value(3, 3));
        Assert.Equal("Cuff \\ size: adult\r\nsecond line", message.FirstOrDefault("NTE")!.Value(3));
        Assert.Equal("Blood pressure panel & children", message.FirstOrDefault("OBR")!.Value(4, 2));
    }

    [Theory]
    [InlineData(@"a\F\b", "a|b")]
    [InlineData(@"a\S\b", "a^b")]
    [InlineData(@"a\T\b", "a&b")]
    [InlineData(@"a\R\b", "a~b")]
    [InlineData(@"a\E\b", @"a\b")]
    [InlineData(@"\X41\\X4243\", "ABC")]
    [InlineData(@"\XE9\", "é")]
    [InlineData(@"line\.br\next", "linenext")]
    [InlineData(@"\H\bold\N\", "bold")]
    [InlineData(@"\Zlocal\x", "x")]
    [InlineData(@"\.sp2\x", "x")]
    [InlineData(@"no end \F", @"no end \F")]
    [InlineData(@"\Q\", @"\Q\")]
    [InlineData(@"\X4\", @"\X4\")]
    [InlineData(@"\XZZ\", @"\XZZ\")]
    [InlineData(@"\\", @"\\")]
    [InlineData(@"\P\", @"\P\")]
    public void UnescapeText_DecodesStandardSequences(string raw, string expected)
    {
        Assert.Equal(expected, Hl7Delimiters.Standard.UnescapeText(raw, Hl7Charset.Latin1));
    }

    [Fact]
    public void UnescapeText_HexInAUtf8Message_DecodesUtf8Bytes()
    {
        Assert.Equal("é", Hl7Delimiters.Standard.UnescapeText(@"\XC3A9\", Hl7Charset.Utf8));
        Assert.Equal(@"\XC3\", Hl7Delimiters.Standard.UnescapeText(@"\XC3\", Hl7Charset.Utf8));
    }

    [Fact]
    public void EscapeText_ThenUnescape_RoundTripsEveryDelimiterAndLineBreak()
    {
        var d = Hl7Delimiters.TryCreate('|', "^~\\&#", out _)!;
        const string text = "a|b^c~d\\e&f#g\r\nh";

        var escaped = d.EscapeText(text);

        Assert.Equal(@"a\F\b\S\c\R\d\E\e\T\f\P\g\X0D\\X0A\h", escaped);
        Assert.Equal(text, d.UnescapeText(escaped, Hl7Charset.Default));
    }

    [Fact]
    public void CustomDelimiters_AreTakenFromMsh1AndMsh2()
    {
        var message = Parse(Samples.Load("custom-delimiters.hl7"));

        Assert.Equal('!', message.Delimiters.Field);
        Assert.Equal('$', message.Delimiters.Component);
        Assert.Equal('%', message.Delimiters.Repetition);
        Assert.Equal('?', message.Delimiters.Escape);
        Assert.Equal('*', message.Delimiters.Subcomponent);
        Assert.Equal('#', message.Delimiters.Truncation);
        Assert.Equal("!", message.Msh[1].Raw);
        Assert.Equal("$%?*#", message.Msh.Value(2));
        Assert.Equal("ORU", message.Msh.Value(9, 1));
        Assert.Equal("R01", message.Msh.Value(9, 2));
        var pid = message.FirstOrDefault("PID")!;
        Assert.Equal(2, pid[3].RepetitionCount);
        Assert.Equal("ALT-4", pid[3].Repetition(2).Value);
        Assert.Equal("CHAIR|4^B", message.FirstOrDefault("PV1")!.Value(3, 3));
        Assert.Equal("HR|ECG^lead II!x$y*z%w?v#", message.FirstOrDefault("OBX")!.Value(3, 2));
    }

    [Fact]
    public void Subcomponents_AreSplitOnTheSubcomponentCharacter()
    {
        var message = Parse("MSH|^~\\&|A|B|||20260101000000+0000||ORU^R01|1|P|2.5\rZXX|a&b&c^d");
        var zxx = message.FirstOrDefault("ZXX")!;

        Assert.Equal(3, zxx[1].Component(1).SubcomponentCount);
        Assert.Equal("b", zxx.Value(1, 1, 2));
        Assert.Equal("c", zxx.Value(1, 1, 3));
        Assert.Equal("a", zxx[1].Component(1).Value);
        Assert.Equal("d", zxx.Value(1, 2));
        Assert.Equal(2, zxx[1].Repetition(1).ComponentCount);
    }

    [Fact]
    public void ExplicitNull_ReadsAsEmpty()
    {
        var zxx = Parse("MSH|^~\\&|A\rZXX|\"\"|x").FirstOrDefault("ZXX")!;

        Assert.True(zxx[1].IsNull);
        Assert.False(zxx[1].IsEmpty);
        Assert.Equal(string.Empty, zxx.Value(1));
        Assert.False(zxx[2].IsNull);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void SegmentTerminators_CrLfAndCrLfAreAllAccepted(string terminator)
    {
        var text = Samples.LoadWithLf("mdc-monitor.hl7").Replace("\n", terminator, StringComparison.Ordinal);

        var message = Parse(text);

        Assert.Equal(14, message.Segments.Count);
        Assert.Equal(["MSH", "PID", "PV1", "OBR"], message.Segments.Take(4).Select(s => s.Id));
        Assert.Equal("36.8", message.All("OBX").Last().Value(5));
    }

    [Fact]
    public void LeadingBlankLinesAndBom_AreIgnored()
    {
        var message = Parse("\uFEFF\r\n\r\nMSH|^~\\&|A\r\r\rPID|1\r\n");

        Assert.Equal(["MSH", "PID"], message.Segments.Select(s => s.Id));
    }

    [Fact]
    public void NoMsh_IsASegmentSequenceError()
    {
        var error = ParseError(Samples.Load("no-msh.hl7"));

        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, error.Code);
        Assert.Equal(Hl7Severity.Error, error.Severity);
        Assert.Contains("does not start with an MSH", error.Text, StringComparison.Ordinal);
        Assert.Null(Hl7Parser.Parse(Samples.Load("no-msh.hl7")).Header);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n \r")]
    public void EmptyMessage_IsASegmentSequenceError(string text)
    {
        var error = ParseError(text);

        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, error.Code);
        Assert.Equal("The message is empty.", error.Text);
    }

    [Fact]
    public void Batch_IsRefused()
    {
        var error = ParseError("FHS|^~\\&|A\rBHS|^~\\&\rMSH|^~\\&|A");

        Assert.Contains("batches", error.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MSH|^~\\", "truncated")]
    [InlineData("MSH|^~|A|B|C", "4 or 5 encoding characters")]
    [InlineData("MSH|^~\\&$%|A", "4 or 5 encoding characters")]
    [InlineData("MSH|^^\\&|A|B", "must all be different")]
    [InlineData("MSH|^~\\A|A|B", "cannot be an HL7 delimiter")]
    [InlineData("MSHA^~\\&A|B", "cannot be an HL7 delimiter")]
    public void UnusableMshDelimiters_AreRefused(string text, string expected)
    {
        var error = ParseError(text);

        Assert.Contains(expected, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSegmentId_IsASegmentSequenceError_ButTheHeaderIsStillRead()
    {
        var result = Hl7Parser.Parse("MSH|^~\\&|A|B|C|D|20260101+0000||ORU^R01|ID-9|P|2.5\rPID|1\robx|1|NM");

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, error.Code);
        Assert.Contains("Segment 3", error.Text, StringComparison.Ordinal);
        Assert.Contains("'obx'", error.Text, StringComparison.Ordinal);
        Assert.Equal("ID-9", result.Header!.ControlId);
    }

    [Fact]
    public void SecondMsh_IsRefused()
    {
        var error = ParseError("MSH|^~\\&|A\rPID|1\rMSH|^~\\&|B");

        Assert.Equal(new Hl7Location("MSH", 2), error.Location);
        Assert.Contains("second MSH", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8Message_DeclaredInMsh18_IsDecodedAsUtf8()
    {
        var result = Hl7Parser.Parse(Samples.Bytes("utf8.hl7"));

        Assert.True(result.Succeeded);
        var message = result.Message!;
        Assert.Equal(Hl7Charset.Utf8, message.Charset);
        Assert.Equal("CLINIQUE_ÉTÉ", message.Msh.Value(4));
        Assert.Equal("Müller", message.FirstOrDefault("PID")!.Value(5, 1));
        Assert.Equal("Zoë", message.FirstOrDefault("PID")!.Value(5, 2));
        Assert.Equal("°C", message.FirstOrDefault("OBX")!.Value(6));
        Assert.Equal("UNICODE UTF-8", result.Header!.CharacterSet);
    }

    [Fact]
    public void Latin1Message_IsDecodedOneBytePerCharacter()
    {
        var bytes = Encoding.Latin1.GetBytes("MSH|^~\\&|A|CLINIQUE_ÉTÉ|||20260101+0000||ORU^R01|1|P|2.5||||||8859/1\rPID|||1||Zoë");

        var result = Hl7Parser.Parse(bytes);

        Assert.Equal(Hl7Charset.Latin1, result.Message!.Charset);
        Assert.Equal("CLINIQUE_ÉTÉ", result.Message.Msh.Value(4));
        Assert.Equal("Zoë", result.Message.FirstOrDefault("PID")!.Value(5));
    }

    [Fact]
    public void NoMsh18_ReadsHighBytesAsLatin1()
    {
        var bytes = Encoding.Latin1.GetBytes("MSH|^~\\&|A|É");

        var result = Hl7Parser.Parse(bytes);

        Assert.Equal(Hl7Charset.Default, result.Message!.Charset);
        Assert.Equal("É", result.Message.Msh.Value(4));
    }

    [Fact]
    public void Utf8ByteOrderMark_MeansUtf8()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("MSH|^~\\&|A|É")).ToArray();

        var result = Hl7Parser.Parse(bytes);

        Assert.Equal(Hl7Charset.Utf8, result.Message!.Charset);
        Assert.Equal("É", result.Message.Msh.Value(4));
    }

    [Fact]
    public void InvalidUtf8_IsADataTypeErrorOnMsh18_WithTheHeaderKept()
    {
        var bytes = Encoding.ASCII.GetBytes("MSH|^~\\&|A|B|||20260101+0000||ORU^R01|CTRL-1|P|2.5||||||UNICODE UTF-8\rPID|||")
            .Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var result = Hl7Parser.Parse(bytes);

        var error = Assert.Single(result.Errors);
        Assert.Equal(Hl7ErrorCode.DataTypeError, error.Code);
        Assert.Equal(Hl7Location.Msh(18), error.Location);
        Assert.Equal("CTRL-1", result.Header!.ControlId);
    }

    [Theory]
    [InlineData("UNICODE UTF-16")]
    [InlineData("ISO IR87")]
    [InlineData("8859/2")]
    public void UnsupportedCharacterSet_IsATableValueError(string charset)
    {
        var text = $"MSH|^~\\&|A|B|||20260101+0000||ORU^R01|CTRL-2|P|2.5||||||{charset}";

        foreach (var result in new[] { Hl7Parser.Parse(text), Hl7Parser.Parse(Encoding.ASCII.GetBytes(text)) })
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(Hl7ErrorCode.TableValueNotFound, error.Code);
            Assert.Equal(Hl7Location.Msh(18), error.Location);
            Assert.Contains(charset, error.Text, StringComparison.Ordinal);
            Assert.Equal("CTRL-2", result.Header!.ControlId);
        }
    }

    [Theory]
    [InlineData("", Hl7Charset.Default)]
    [InlineData("ASCII", Hl7Charset.Ascii)]
    [InlineData("8859/1", Hl7Charset.Latin1)]
    [InlineData("UNICODE UTF-8", Hl7Charset.Utf8)]
    [InlineData("utf-8", Hl7Charset.Utf8)]
    public void Msh18_AcceptedValues(string value, Hl7Charset expected)
    {
        Assert.Equal(expected, Hl7Charsets.FromMsh18(value));
    }

    [Fact]
    public void Header_IsDecodedFromMsh()
    {
        var header = Hl7Parser.Parse(Samples.Load("bp-panel-escapes.hl7")).Header!;

        Assert.Equal(new Hl7HierarchicDesignator("BP_CUFF&CO", string.Empty, string.Empty), header.SendingApplication);
        Assert.Equal("CLINIC|A", header.SendingFacility.Display);
        Assert.Equal("KETAMINE_CLINIC", header.ReceivingApplication.NamespaceId);
        Assert.True(header.ReceivingFacility.IsEmpty);
        Assert.Equal("20261127101500+0000", header.MessageTime);
        Assert.Equal(("ORU", "R01", string.Empty), (header.MessageType, header.TriggerEvent, header.MessageStructure));
        Assert.Equal("BP-77", header.ControlId);
        Assert.Equal("P", header.ProcessingId);
        Assert.Equal("2.5", header.VersionId);
        Assert.Equal(Hl7Charset.Default, header.Charset);
    }

    [Fact]
    public void SegmentToString_IsTheSegmentAsReceived()
    {
        var line = "OBX|1|NM|8867-4^HR^LN||72|/min|||||F";
        var message = Parse("MSH|^~\\&|A\r" + line);

        Assert.Equal(line, message.FirstOrDefault("OBX")!.ToString());
        Assert.Equal("MSH|^~\\&|A", message.Msh.ToString());
    }
}
