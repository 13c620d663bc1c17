using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

public sealed class VitalValueTypesTests
{
    [Theory]
    [InlineData(40, 20)]
    [InlineData(300, 200)]
    [InlineData(120, 80)]
    [InlineData(41, 40)]
    public void GivenPossibleBloodPressure_WhenCreated_ThenKept(int sbp, int dbp)
    {
        var bp = new BloodPressure(sbp, dbp);

        Assert.Equal(sbp, bp.SystolicMmHg);
        Assert.Equal(dbp, bp.DiastolicMmHg);
        Assert.Null(BloodPressure.Validate(sbp, dbp));
    }

    [Theory]
    [InlineData(39, 20, "Systolic 39 mmHg is outside the possible range 40–300 mmHg.")]
    [InlineData(301, 100, "Systolic 301 mmHg is outside the possible range 40–300 mmHg.")]
    [InlineData(120, 19, "Diastolic 19 mmHg is outside the possible range 20–200 mmHg.")]
    [InlineData(250, 201, "Diastolic 201 mmHg is outside the possible range 20–200 mmHg.")]
    [InlineData(80, 80, "Diastolic 80 mmHg must be below systolic 80 mmHg.")]
    [InlineData(80, 90, "Diastolic 90 mmHg must be below systolic 80 mmHg.")]
    public void GivenImpossibleBloodPressure_WhenCreated_ThenRefusedWithReason(int sbp, int dbp, string reason)
    {
        Assert.Equal(reason, BloodPressure.Validate(sbp, dbp));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new BloodPressure(sbp, dbp));
        Assert.StartsWith(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    public void GivenHeartRateAtItsBounds_WhenValidated_ThenOnlyPossibleValuesPass(int hr, bool possible)
    {
        Assert.Equal(possible, HeartRate.Validate(hr) is null);
        if (possible)
        {
            Assert.Equal(hr, new HeartRate(hr).BeatsPerMin);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new HeartRate(hr));
        }
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void GivenSpo2AtItsBounds_WhenValidated_ThenOnlyAcceptedValuesPass(int percent, bool accepted)
    {
        Assert.Equal(accepted, Spo2.Validate(percent) is null);
        if (accepted)
        {
            Assert.Equal(percent, Spo2.RoomAir(percent).Percent);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Spo2.RoomAir(percent));
        }
    }

    [Fact]
    public void GivenSpo2OnOxygen_WhenCreated_ThenNotOnRoomAir()
    {
        Assert.False(Spo2.OnOxygen(95).OnRoomAir);
        Assert.Equal(OxygenSupport.SupplementalOxygen, Spo2.OnOxygen(95).Support);
        Assert.True(Spo2.RoomAir(95).OnRoomAir);
        Assert.Equal("95 % on O2", Spo2.OnOxygen(95).ToString());
        Assert.Equal("95 % on room air", Spo2.RoomAir(95).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Spo2(95, (OxygenSupport)7));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(80, true)]
    [InlineData(81, false)]
    public void GivenRespiratoryRateAtItsBounds_WhenValidated_ThenOnlyPossibleValuesPass(int rr, bool possible)
    {
        Assert.Equal(possible, RespiratoryRate.Validate(rr) is null);
        if (possible)
        {
            Assert.Equal(rr, new RespiratoryRate(rr).BreathsPerMin);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new RespiratoryRate(rr));
        }
    }

    [Theory]
    [InlineData("29.9", false)]
    [InlineData("30", true)]
    [InlineData("45", true)]
    [InlineData("45.1", false)]
    public void GivenTemperatureAtItsBounds_WhenValidated_ThenOnlyPossibleValuesPass(string celsius, bool possible)
    {
        var value = decimal.Parse(celsius, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(possible, BodyTemperature.Validate(value) is null);
        if (possible)
        {
            Assert.Equal(value, new BodyTemperature(value).Celsius);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new BodyTemperature(value));
        }
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void GivenMoaasAtItsBounds_WhenCreated_ThenOnlyZeroToFivePass(int score, bool valid)
    {
        if (valid)
        {
            Assert.Equal(score, new MoaasScore(score).Score);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new MoaasScore(score));
        }
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void GivenMoaas_WhenAskedAboutVoice_ThenThreeAndAboveRespond(int score, bool responds) =>
        Assert.Equal(responds, new MoaasScore(score).RespondsToVoice);

    [Fact]
    public void GivenEmptyReading_WhenCreated_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => new VitalsReading(Readings.T0));

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public void GivenApneaSecondsAtTheirBounds_WhenCreated_ThenOnlyZeroTo600Pass(int seconds, bool valid)
    {
        if (valid)
        {
            Assert.Equal(seconds, new VitalsReading(Readings.T0, apneaObservedSeconds: seconds).ApneaObservedSeconds);
        }
        else
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsReading(Readings.T0, apneaObservedSeconds: seconds));
        }
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(2, true)]
    public void GivenMoaasContradictingVoiceResponse_WhenCreated_ThenRejected(int moaas, bool respondsToVoice) =>
        Assert.Throws<ArgumentException>(() => new VitalsReading(Readings.T0, moaas: new MoaasScore(moaas), respondsToVoice: respondsToVoice));

    [Fact]
    public void GivenUnknownSymptomFlag_WhenCreated_ThenRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsReading(Readings.T0, symptoms: (ReportedSymptoms)(1 << 12)));

    [Fact]
    public void GivenReadingWithOffset_WhenCreated_ThenTakenAtIsUtcAndValuesKept()
    {
        var local = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.FromHours(1));
        var reading = new VitalsReading(
            local,
            new BloodPressure(120, 80),
            new HeartRate(70),
            Spo2.RoomAir(97),
            new RespiratoryRate(14),
            new BodyTemperature(36.8m),
            0,
            new MoaasScore(5),
            true,
            ReportedSymptoms.None);

        Assert.Equal(TimeSpan.Zero, reading.TakenAt.Offset);
        Assert.Equal(Readings.T0, reading.TakenAt);
        Assert.Equal(new BloodPressure(120, 80), reading.BloodPressure);
        Assert.Equal(70, reading.HeartRate!.Value.BeatsPerMin);
        Assert.Equal(97, reading.Spo2!.Value.Percent);
        Assert.Equal(14, reading.RespiratoryRate!.Value.BreathsPerMin);
        Assert.Equal(36.8m, reading.Temperature!.Value.Celsius);
        Assert.Equal(0, reading.ApneaObservedSeconds);
        Assert.Equal(5, reading.Moaas!.Value.Score);
        Assert.True(reading.RespondsToVoice);
        Assert.Equal(ReportedSymptoms.None, reading.Symptoms);
    }

    [Fact]
    public void GivenSymptomGroups_WhenChecked_ThenTargetOrganAndEmergenceAreDistinct()
    {
        Assert.True(ReportedSymptoms.ChestPain.HasTargetOrganSymptom());
        Assert.True(ReportedSymptoms.Seizure.HasTargetOrganSymptom());
        Assert.False(ReportedSymptoms.Agitation.HasTargetOrganSymptom());
        Assert.True(ReportedSymptoms.Agitation.HasEmergenceReaction());
        Assert.True(ReportedSymptoms.PsychoticSymptoms.HasEmergenceReaction());
        Assert.False(ReportedSymptoms.SevereHeadache.HasEmergenceReaction());
        Assert.False(ReportedSymptoms.None.HasTargetOrganSymptom());
        Assert.False(ReportedSymptoms.None.HasEmergenceReaction());
    }

    [Fact]
    public void GivenLoincConstants_WhenRead_ThenMatchTheSpec()
    {
        Assert.Equal("85354-9", VitalSignCodes.BloodPressurePanelLoinc);
        Assert.Equal("8480-6", VitalSignCodes.SystolicLoinc);
        Assert.Equal("8462-4", VitalSignCodes.DiastolicLoinc);
        Assert.Equal("8867-4", VitalSignCodes.HeartRateLoinc);
        Assert.Equal("2708-6", VitalSignCodes.OxygenSaturationLoinc);
        Assert.Equal("59408-5", VitalSignCodes.PulseOximetryLoinc);
        Assert.Equal("9279-1", VitalSignCodes.RespiratoryRateLoinc);
        Assert.Equal("29463-7", VitalSignCodes.BodyWeightLoinc);
        Assert.Equal("85353-1", VitalSignCodes.VitalSignsPanelLoinc);
        Assert.Equal("mm[Hg]", VitalSignCodes.MillimetresOfMercuryUnit);
    }

    [Fact]
    public void GivenValues_WhenFormatted_ThenInvariantWithUnits()
    {
        Assert.Equal("184/104 mmHg", new BloodPressure(184, 104).ToString());
        Assert.Equal("72 /min", new HeartRate(72).ToString());
        Assert.Equal("14 /min", new RespiratoryRate(14).ToString());
        Assert.Equal("36.8 °C", new BodyTemperature(36.8m).ToString());
        Assert.Equal("MOAA/S 2", new MoaasScore(2).ToString());
    }
}
