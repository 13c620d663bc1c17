using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

/// <summary>The example in docs/hl7v2.md: the message and both ACKs shown there are exactly what the code does.</summary>
public sealed class DocsExampleTests
{
    private const string Example =
        "MSH|^~\\&|MONITOR_GW|CHAIRSIDE|KETAMINE_CLINIC|CLINIC_A|20261127143005+0000||ORU^R01^ORU_R01|MSG-0001|P|2.5\r"
        + "PID|1||TEST-0001^^^CLINIC_A^MR\r"
        + "PV1|1|O|INFUSION^2^CHAIR-2\r"
        + "OBR|1||MSG-0001|182777000^monitoring of patient^SCT|||20261127143000+0000\r"
        + "OBX|1|NM|150021^MDC_PRESS_BLD_NONINV_SYS^MDC|1.1.1.1|128|266016^MDC_DIM_MMHG^MDC|||||R\r"
        + "OBX|2|NM|150022^MDC_PRESS_BLD_NONINV_DIA^MDC|1.1.1.2|84|266016^MDC_DIM_MMHG^MDC|||||R\r"
        + "OBX|3|NM|8867-4^Heart rate^LN||72|/min|||||F|||20261127143000+0000\r"
        + "OBX|4|NM|59408-5^SpO2^LN||97|%|||||F|||20261127143000+0000\r";

    private static readonly DateTimeOffset AckTime = new(2026, 11, 27, 14, 30, 6, TimeSpan.Zero);

    [Fact]
    public void TheDocumentedMessage_IsReadAsDocumented_AndAnsweredWithTheDocumentedAa()
    {
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Example));
        var at = new DateTimeOffset(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DeviceLocation("INFUSION", "2", "CHAIR-2", string.Empty), accepted.Batch.Location);
        Assert.Equal("TEST-0001", Assert.Single(accepted.Batch.PatientIdentifiers).Id);
        Assert.Equal(
            [
                (VitalSignKind.Systolic, 128m, "mm[Hg]", ObservationTimeSource.Request),
                (VitalSignKind.Diastolic, 84m, "mm[Hg]", ObservationTimeSource.Request),
                (VitalSignKind.HeartRate, 72m, "/min", ObservationTimeSource.Observation),
                (VitalSignKind.Spo2, 97m, "%", ObservationTimeSource.Observation),
            ],
            accepted.Batch.Observations.Select(o => (o.Kind, o.Value, o.Unit, o.ObservedAtSource)));
        Assert.All(accepted.Batch.Observations, o => Assert.Equal(at, o.ObservedAt));
        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC|CLINIC_A|MONITOR_GW|CHAIRSIDE|20261127143006+0000||ACK^R01^ACK|KC-ACK-1|P|2.5\r"
            + "MSA|AA|MSG-0001\r",
            Hl7Ack.BuildFor(accepted, "KC-ACK-1", AckTime));
    }

    [Fact]
    public void TheDocumentedBadValue_IsAnsweredWithTheDocumentedAe()
    {
        var outcome = OruR01Reader.Read(Example.Replace("||72|/min|", "||abc|/min|", StringComparison.Ordinal));

        Assert.IsType<DeviceMessageOutcome.Invalid>(outcome);
        Assert.Equal(
            "MSH|^~\\&|KETAMINE_CLINIC|CLINIC_A|MONITOR_GW|CHAIRSIDE|20261127143006+0000||ACK^R01^ACK|KC-ACK-1|P|2.5\r"
            + "MSA|AE|MSG-0001\r"
            + "ERR||OBX^3^5^1|102^Data type error^HL70357|E||||'abc' is not a number (OBX-2 NM).\r",
            Hl7Ack.BuildFor(outcome, "KC-ACK-1", AckTime));
    }

    [Fact]
    public void TheShellOneLinersMessage_IsAccepted()
    {
        // docs/hl7v2.md, "Sending one from a shell": the payload between 0x0B and 0x1C 0x0D.
        const string payload =
            "MSH|^~\\&|MONITOR_GW|CHAIRSIDE|KETAMINE_CLINIC|CLINIC_A|20261127143005+0000||ORU^R01^ORU_R01|MSG-0001|P|2.5\rPID|1||TEST-0001^^^CLINIC_A^MR\rPV1|1|O|INFUSION^2^CHAIR-2\rOBR|1||MSG-0001|182777000^monitoring of patient^SCT|||20261127143000+0000\rOBX|1|NM|8867-4^Heart rate^LN||72|/min|||||F|||20261127143000+0000\r";
        var frame = new byte[] { 0x0B }.Concat(System.Text.Encoding.ASCII.GetBytes(payload)).Concat(new byte[] { 0x1C, 0x0D }).ToArray();

        var result = Assert.IsType<MllpReadResult.Frame>(Assert.Single(new MllpDecoder().Feed(frame)));
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(result.Payload.Span));

        Assert.Equal((VitalSignKind.HeartRate, 72m), (accepted.Batch.Observations[0].Kind, accepted.Batch.Observations[0].Value));
    }
}
