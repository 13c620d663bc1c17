using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class OruR01BuilderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 14, 30, 0, TimeSpan.Zero);

    [Fact]
    public void GivenEveryKind_WhenBuiltAndReadBack_ThenTheReaderGetsTheSameValuesUnitsTimesAndBed()
    {
        var message = new OruR01Message("SIM|GW", "SITE&A", "SIM-0001", At.AddSeconds(1),
        [
            new OruObservation(VitalSignKind.Systolic, 184, At),
            new OruObservation(VitalSignKind.Diastolic, 104, At),
            new OruObservation(VitalSignKind.MeanArterial, 131, At),
            new OruObservation(VitalSignKind.HeartRate, 88, At.AddSeconds(-5), "R", "MON^1"),
            new OruObservation(VitalSignKind.PulseRate, 87, At),
            new OruObservation(VitalSignKind.Spo2, 97, At),
            new OruObservation(VitalSignKind.RespiratoryRate, 14, At),
            new OruObservation(VitalSignKind.Temperature, 36.8m, At),
        ])
        { Bed = "Chair 2", PatientId = "TEST-0001" };

        var text = OruR01Builder.Build(message);
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(text));

        Assert.Empty(accepted.Warnings);
        var batch = accepted.Batch;
        Assert.Equal("SIM|GW", batch.SendingApplication.NamespaceId);
        Assert.Equal("SITE&A", batch.SendingFacility.NamespaceId);
        Assert.Equal("SIM-0001", batch.MessageControlId);
        Assert.Equal("Chair 2", batch.Location!.Bed);
        Assert.Equal("TEST-0001", Assert.Single(batch.PatientIdentifiers).Id);
        Assert.Equal(8, batch.Observations.Count);
        var hr = Assert.Single(batch.Observations, o => o.Kind == VitalSignKind.HeartRate);
        Assert.Equal(88m, hr.Value);
        Assert.Equal("/min", hr.Unit);
        Assert.Equal(At.AddSeconds(-5), hr.ObservedAt);
        Assert.Equal(ObservationResultStatus.Unverified, hr.Status);
        Assert.Equal("MON^1", hr.EquipmentInstanceId);
        Assert.Equal(36.8m, Assert.Single(batch.Observations, o => o.Kind == VitalSignKind.Temperature).Value);
        Assert.Equal("mm[Hg]", Assert.Single(batch.Observations, o => o.Kind == VitalSignKind.Systolic).Unit);
        Assert.All(batch.Observations, o => Assert.Equal(ObservationTimeSource.Observation, o.ObservedAtSource));
    }

    [Fact]
    public void GivenNoBed_WhenBuilt_ThenNoPidNorPv1AndSegmentsEndWithCr()
    {
        var text = OruR01Builder.Build(new OruR01Message("MON1", string.Empty, "1", At, [new OruObservation(VitalSignKind.Spo2, 96, At)]));

        Assert.StartsWith("MSH|^~\\&|MON1||KETAMINE_CLINIC||20261127143000+0000||ORU^R01^ORU_R01|1|P|2.5\r", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PID|", text, StringComparison.Ordinal);
        Assert.EndsWith("OBX|1|NM|59408-5^Oxygen saturation by Pulse oximetry^LN||96|%^^UCUM|||||F|||20261127143000+0000\r", text, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(text)).Batch.Location);
    }

    [Fact]
    public void GivenNoObservation_WhenBuilt_ThenArgumentException() =>
        Assert.Throws<ArgumentException>(() => OruR01Builder.Build(new OruR01Message("MON1", string.Empty, "1", At, [])));
}
