using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Web.Features.DeviceFeed;

namespace KetamineClinic.Web.Tests.DeviceFeed;

public sealed class MllpVitalsMappingTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private static DeviceObservationBatch Read(params OruObservation[] observations) =>
        Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(OruR01Builder.Build(new OruR01Message("MON1", "FAC", "M-1", At, observations)))).Batch;

    [Fact]
    public void GivenValuesAtOneInstant_ThenOneReadingKeyedByMsh3Msh4Msh10()
    {
        var mapped = MllpVitalsMapping.Map(Read(
            new(VitalSignKind.Systolic, 184, At), new(VitalSignKind.Diastolic, 104, At), new(VitalSignKind.HeartRate, 88, At),
            new(VitalSignKind.PulseRate, 86, At), new(VitalSignKind.MeanArterial, 130, At), new(VitalSignKind.Temperature, 36.85m, At)));

        var reading = Assert.Single(mapped.Readings);
        Assert.Equal("MON1^^|FAC^^|M-1", reading.IdempotencyKey);
        Assert.Equal((184, 104, 88, 369), (reading.Values.SystolicMmHg, reading.Values.DiastolicMmHg, reading.Values.HeartRatePerMin, reading.Values.TemperatureDeciCelsius));
        Assert.Empty(mapped.Warnings);
    }

    [Fact]
    public void GivenTwoInstantsAndAPulseRateAlone_ThenOneReadingPerInstantInTimeOrderWithNumberedKeys()
    {
        var mapped = MllpVitalsMapping.Map(Read(
            new(VitalSignKind.HeartRate, 90, At.AddMinutes(1)), new(VitalSignKind.Spo2, 97, At), new(VitalSignKind.PulseRate, 77, At)));

        Assert.Equal(["MON1^^|FAC^^|M-1#1", "MON1^^|FAC^^|M-1#2"], mapped.Readings.Select(r => r.IdempotencyKey));
        Assert.Equal((97, 77), (mapped.Readings[0].Values.Spo2Percent, mapped.Readings[0].Values.HeartRatePerMin));
        Assert.Equal(90, mapped.Readings[1].Values.HeartRatePerMin);
    }

    [Fact]
    public void GivenACorrection_ThenNotStoredAndAWarning()
    {
        var mapped = MllpVitalsMapping.Map(Read(new(VitalSignKind.HeartRate, 90, At), new(VitalSignKind.Spo2, 95, At, "C")));

        Assert.Null(Assert.Single(mapped.Readings).Values.Spo2Percent);
        var warning = Assert.Single(mapped.Warnings);
        Assert.Equal((Hl7ErrorCode.TableValueNotFound, Hl7Severity.Warning), (warning.Code, warning.Severity));
    }

    [Fact]
    public void GivenAKeyOver100Characters_ThenItsSha256()
    {
        var key = MllpVitalsMapping.Key(new string('x', 120), 2);

        Assert.StartsWith("sha256:", key, StringComparison.Ordinal);
        Assert.EndsWith("#2", key, StringComparison.Ordinal);
        Assert.True(key.Length <= 100);
        Assert.Equal(key, MllpVitalsMapping.Key(new string('x', 120), 2));
    }
}
