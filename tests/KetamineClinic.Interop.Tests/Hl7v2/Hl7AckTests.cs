using System.Text;
using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class Hl7AckTests
{
    private static readonly DateTimeOffset AckTime = new(2026, 11, 27, 19, 30, 6, TimeSpan.Zero);

    private static string Ack(DeviceMessageOutcome outcome) => Hl7Ack.BuildFor(outcome, "ACK-1", AckTime);

    [Fact]
    public void GivenAnAcceptedMonitorMessage_ThenAaSwapsSenderAndReceiverAndEchoesMsh10()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Bytes("mdc-monitor.hl7")));

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC|CLINIC_A|MONITOR_GW^0123456789ABCDEF^EUI-64|CHAIRSIDE|20261127193006+0000||ACK^R01^ACK|ACK-1|P|2.5\r"
            + "MSA|AA|MON-000123\r",
            ack);
    }

    [Fact]
    public void GivenWarnings_ThenAaCarriesOneErrSegmentEachWithSeverityW()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Load("multi-group-times.hl7")));

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||MONITOR_GW|CHAIRSIDE|20261127193006+0000||ACK^R01^ACK|ACK-1|P|2.5\r"
            + "MSA|AA|MG-1\r"
            + "ERR||OBX^7|205^Duplicate key identifier^HL70357|W||||Spo2 at 20261127160500+0000 repeats OBX[6]; counted once.\r"
            + "ERR||OBX^8^3^1|103^Table value not found^HL70357|W||||OBX-3 '12345-6\\S\\Some other test\\S\\LN' is not a vital sign read here; ignored.\r",
            ack);
    }

    [Fact]
    public void GivenAnInvalidMessage_ThenAeWithErrLocationCodeAndText()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Load("non-numeric.hl7")));

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||MONITOR_GW|CHAIRSIDE|20261127193006+0000||ACK^R01^ACK|ACK-1|P|2.5\r"
            + "MSA|AE|NAN-1\r"
            + "ERR||OBX^1^5^1|102^Data type error^HL70357|E||||'high' is not a number (OBX-2 NM).\r",
            ack);
    }

    [Fact]
    public void GivenAnAdtA01_ThenArEchoesItsTriggerEvent()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Load("adt-a01.hl7")));

        Assert.StartsWith("MSH|^~\\&|KETAMINE_CLINIC||ADT_SYSTEM|CLINIC_A|20261127193006+0000||ACK^A01^ACK|ACK-1|P|2.5\rMSA|AR|ADT-1\r", ack, StringComparison.Ordinal);
        Assert.Contains("ERR||MSH^1^9^1^1|200^Unsupported message type^HL70357|E||||Message type 'ADT' is not accepted", ack, StringComparison.Ordinal);
        Assert.Contains("ERR||MSH^1^9^1^2|201^Unsupported event code^HL70357|E|", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoReadableMessage_ThenArWithAMinimalMshAndEmptyMsa2()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Load("no-msh.hl7")));

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||||20261127193006+0000||ACK|ACK-1|P|2.5\r"
            + "MSA|AR\r"
            + "ERR|||100^Segment sequence error^HL70357|E||||The message does not start with an MSH segment.\r",
            ack);
    }

    [Fact]
    public void GivenAnOversizedFrame_ThenBuildForUnreadableGivesAr207()
    {
        var error = new MllpReadResult.Oversized(1024).ToError()!;

        var ack = Hl7Ack.BuildForUnreadable(error, "ACK-9", AckTime, new Hl7AckOptions { Application = new("KC", "1.2.3", "ISO"), Facility = new("SITE", string.Empty, string.Empty) });

        Assert.Equal(
            "MSH|^~\\&|KC^1.2.3^ISO|SITE|||20261127193006+0000||ACK|ACK-9|P|2.5\r"
            + "MSA|AR\r"
            + "ERR|||207^Application internal error^HL70357|E||||The MLLP frame is larger than 1024 bytes; it was not read.\r",
            ack);
    }

    [Fact]
    public void GivenACommitFailure_ThenAeWith207SoTheSenderResendsTheSameMsh10()
    {
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Samples.Bytes("mdc-monitor.hl7")));

        var ack = Hl7Ack.Build(accepted.Header, AckCode.AE, [Hl7Error.StorageFailed("Database unavailable; resend.")], "ACK-2", AckTime);

        Assert.EndsWith("MSA|AE|MON-000123\rERR|||207^Application internal error^HL70357|E||||Database unavailable; resend.\r", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapedSenderAndTexts_AreReEscapedWithTheAcksOwnDelimiters()
    {
        var header = OruR01Reader.Read(Samples.Load("bp-panel-escapes.hl7")).Header;

        var ack = Hl7Ack.Build(header, AckCode.AE, [Hl7Error.Error(Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 5, 1, 2, 1), "bad |^~\\& text\r\nhere")], "A|1", AckTime);

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||BP_CUFF\\T\\CO|CLINIC\\F\\A|20261127193006+0000||ACK^R01^ACK|A\\F\\1|P|2.5\r"
            + "MSA|AE|BP-77\r"
            + "ERR||OBX^1^5^1^2^1|102^Data type error^HL70357|E||||bad \\F\\\\S\\\\R\\\\E\\\\T\\ text\\X0D\\\\X0A\\here\r",
            ack);
        var parsed = Hl7Parser.Parse(ack).Message!;
        Assert.Equal("BP_CUFF&CO", parsed.Msh.Value(5));
        Assert.Equal("CLINIC|A", parsed.Msh.Value(6));
        Assert.Equal("A|1", parsed.Msh.Value(10));
        Assert.Equal("bad |^~\\& text\r\nhere", parsed.FirstOrDefault("ERR")!.Value(8));
        Assert.Equal(3, parsed.Segments.Count);
    }

    [Fact]
    public void GivenCustomDelimitersInTheOriginal_ThenTheAckUsesStandardOnesAndEscapesTheValues()
    {
        var header = OruR01Reader.Read(Samples.Load("custom-delimiters.hl7")).Header;

        var ack = Hl7Ack.BuildFor(OruR01Reader.Read(Samples.Load("custom-delimiters.hl7")), "ACK-3", AckTime);

        Assert.Equal("2.7", header!.VersionId);
        Assert.Equal("MSH|^~\\&|KETAMINE_CLINIC||ALT_GW|CLINIC_A|20261127193006+0000||ACK^R01^ACK|ACK-3|P|2.7\rMSA|AA|ALT-1\r", ack);
    }

    [Fact]
    public void GivenAUtf8Message_ThenTheAckDeclaresUtf8AndIsFramedInUtf8()
    {
        var outcome = OruR01Reader.Read(Samples.Bytes("utf8.hl7"));

        var ack = Hl7Ack.BuildFor(outcome, "ACK-4", AckTime);
        var frame = Hl7Ack.ToFrame(ack, outcome.Header);

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||MONITOR_UTF8|CLINIQUE_ÉTÉ|20261127193006+0000||ACK^R01^ACK|ACK-4|P|2.5||||||UNICODE UTF-8\rMSA|AA|UTF8-1\r",
            ack);
        Assert.Equal(MllpFramer.Encode(Encoding.UTF8.GetBytes(ack)), frame);
        var decoded = Assert.IsType<MllpReadResult.Frame>(Assert.Single(new MllpDecoder().Feed(frame)));
        Assert.Equal("CLINIQUE_ÉTÉ", Hl7Parser.Parse(decoded.Payload.Span).Message!.Msh.Value(6));
    }

    [Fact]
    public void GivenALatin1Message_ThenTheAckIsFramedInLatin1()
    {
        var original = Encoding.Latin1.GetBytes("MSH|^~\\&|GW|CLINIQUE_É|KC||20261127120500+0000||ORU^R01|L1|P|2.5||||||8859/1\rOBR|1||X|1^m^SCT|||20261127120000+0000");
        var outcome = OruR01Reader.Read(original);

        var frame = Hl7Ack.ToFrame(Hl7Ack.BuildFor(outcome, "ACK-5", AckTime), outcome.Header);

        Assert.Contains((byte)0xC9, frame);
        Assert.Contains("|8859/1\r", Encoding.Latin1.GetString(frame), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenVersion24_ThenErrUsesTheOldErr1FormMsa3CarriesTheTextAndWarningsAreLeftOut()
    {
        var outcome = OruR01Reader.Read(Samples.Load("no-offset.hl7"));
        var withWarning = new DeviceMessageOutcome.Invalid(
            outcome.Header!,
            [.. outcome.Issues, Hl7Error.Warning(Hl7ErrorCode.TableValueNotFound, new Hl7Location("OBX", 1, 3), "ignored")]);

        var ack = Ack(withWarning);

        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC||LOCAL_CLOCK|CLINIC_A|20261127193006+0000||ACK^R01^ACK|ACK-1|P|2.4\r"
            + "MSA|AE|NO-TZ-1|MSH-7: '20261127083000' has no UTC offset, and neither does MSH-7: send +HHMM...\r"
            + "ERR|MSH^1^7^102&Data type error&HL70357\r"
            + "ERR|OBR^1^7^102&Data type error&HL70357\r"
            + "ERR|OBX^1^14^102&Data type error&HL70357\r",
            ack);
    }

    [Fact]
    public void GivenVersion23_ThenMsh9HasNoMessageStructure()
    {
        var text = "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|V23|P|2.3\rOBR|1||X|1^m^SCT|||20261127120000+0000";

        var ack = Ack(OruR01Reader.Read(text));

        Assert.Equal("MSH|^~\\&|KC||GW|FAC|20261127193006+0000||ACK^R01|ACK-1|P|2.3\rMSA|AA|V23\r", ack);
    }

    [Theory]
    [InlineData("2.2", "ACK^R01", "2.2")]
    [InlineData("9.9", "ACK^R01^ACK", "2.5")]
    public void GivenAnUnsupportedVersion_ThenTheAckKeepsAPlausibleOneOrFallsBackTo25(string version, string type, string expected)
    {
        var text = $"MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|V|P|{version}";

        var ack = Ack(OruR01Reader.Read(text));

        Assert.StartsWith($"MSH|^~\\&|KC||GW|FAC|20261127193006+0000||{type}|ACK-1|P|{expected}\rMSA|AR|V", ack, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATrainingMessage_ThenTheAckKeepsItsProcessingId()
    {
        var text = "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|T1|T|2.5";

        var ack = Ack(OruR01Reader.Read(text));

        Assert.StartsWith("MSH|^~\\&|KC||GW|FAC|20261127193006+0000||ACK^R01^ACK|ACK-1|T|2.5\rMSA|AR|T1\rERR||MSH^1^11^1|202^Unsupported processing id^HL70357|E|", ack, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Build_RefusesAnEmptyAckControlId(string id)
    {
        Assert.Throws<ArgumentException>(() => Hl7Ack.Build(null, AckCode.AR, [], id, AckTime));
    }

    [Fact]
    public void TheAck_ParsesBackWithOurParser()
    {
        var ack = Ack(OruR01Reader.Read(Samples.Load("wrong-units.hl7")));

        var message = Hl7Parser.Parse(ack).Message!;

        Assert.Equal(["MSH", "MSA", "ERR"], message.Segments.Select(s => s.Id));
        Assert.Equal("ACK", message.Msh.Value(9));
        Assert.Equal("AE", message.FirstOrDefault("MSA")!.Value(1));
        Assert.Equal("UNITS-1", message.FirstOrDefault("MSA")!.Value(2));
        var err = message.FirstOrDefault("ERR")!;
        Assert.Equal(("OBX", "1", "6"), (err.Value(2, 1), err.Value(2, 2), err.Value(2, 3)));
        Assert.Equal(("103", "Table value not found", "HL70357"), (err.Value(3, 1), err.Value(3, 2), err.Value(3, 3)));
        Assert.Equal("E", err.Value(4));
        Assert.Equal("Unit 'mm[Hg]' is not valid for Spo2: send %.", err.Value(8));
    }

    [Theory]
    [InlineData(Hl7ErrorCode.MessageAccepted, "Message accepted")]
    [InlineData(Hl7ErrorCode.SegmentSequenceError, "Segment sequence error")]
    [InlineData(Hl7ErrorCode.RequiredFieldMissing, "Required field missing")]
    [InlineData(Hl7ErrorCode.DataTypeError, "Data type error")]
    [InlineData(Hl7ErrorCode.TableValueNotFound, "Table value not found")]
    [InlineData(Hl7ErrorCode.UnsupportedMessageType, "Unsupported message type")]
    [InlineData(Hl7ErrorCode.UnsupportedEventCode, "Unsupported event code")]
    [InlineData(Hl7ErrorCode.UnsupportedProcessingId, "Unsupported processing id")]
    [InlineData(Hl7ErrorCode.UnsupportedVersionId, "Unsupported version id")]
    [InlineData(Hl7ErrorCode.DuplicateKeyIdentifier, "Duplicate key identifier")]
    [InlineData(Hl7ErrorCode.ApplicationInternalError, "Application internal error")]
    public void Table0357_CodesAndTexts(Hl7ErrorCode code, string text)
    {
        Assert.Equal(text, Hl7Error.DisplayText(code));
        Assert.Equal(code.ToString() switch
        {
            "MessageAccepted" => 0,
            "SegmentSequenceError" => 100,
            "RequiredFieldMissing" => 101,
            "DataTypeError" => 102,
            "TableValueNotFound" => 103,
            "UnsupportedMessageType" => 200,
            "UnsupportedEventCode" => 201,
            "UnsupportedProcessingId" => 202,
            "UnsupportedVersionId" => 203,
            "DuplicateKeyIdentifier" => 205,
            _ => 207,
        }, (int)code);
    }

    [Fact]
    public void Hl7Location_ReadsLikeHl7Notation()
    {
        Assert.Equal("message", Hl7Location.None.ToString());
        Assert.Equal("OBX[2]", new Hl7Location("OBX", 2).ToString());
        Assert.Equal("OBX[2]-5", new Hl7Location("OBX", 2, 5).ToString());
        Assert.Equal("PID[1]-3(2).4.1", new Hl7Location("PID", 1, 3, 2, 4, 1).ToString());
        Assert.Equal("MSH[1]-9.2", Hl7Location.Msh(9, 2).ToString());
        Assert.Equal("207 Error at message: x", Hl7Error.StorageFailed("x").ToString());
    }
}
