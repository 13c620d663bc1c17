using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class OruR01ReaderTests
{
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);

    private static DeviceMessageOutcome.Accepted Accept(string sample, DeviceFeedOptions? options = null)
    {
        var outcome = OruR01Reader.Read(Samples.Bytes(sample), options);
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(outcome);
        Assert.Equal(AckCode.AA, accepted.AckCode);
        return accepted;
    }

    private static DeviceMessageOutcome.Invalid Invalid(string text, DeviceFeedOptions? options = null)
    {
        var outcome = Assert.IsType<DeviceMessageOutcome.Invalid>(OruR01Reader.Read(text, options));
        Assert.Equal(AckCode.AE, outcome.AckCode);
        return outcome;
    }

    private static DeviceMessageOutcome.Rejected Rejected(string text, DeviceFeedOptions? options = null)
    {
        var outcome = Assert.IsType<DeviceMessageOutcome.Rejected>(OruR01Reader.Read(text, options));
        Assert.Equal(AckCode.AR, outcome.AckCode);
        return outcome;
    }

    private static string Message(params string[] segments) =>
        string.Join('\r', new[] { "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01^ORU_R01|ID-1|P|2.5", "OBR|1||X|1^m^SCT|||20261127120000+0000" }.Concat(segments));

    [Fact]
    public void GivenAnMdcMonitorMessage_ThenEveryReadingIsReadWithItsDeviceBedAndTime()
    {
        var accepted = Accept("mdc-monitor.hl7");
        var batch = accepted.Batch;

        Assert.Empty(accepted.Warnings);
        Assert.Equal("MON-000123", batch.MessageControlId);
        Assert.Equal(new Hl7HierarchicDesignator("MONITOR_GW", "0123456789ABCDEF", "EUI-64"), batch.SendingApplication);
        Assert.Equal("CHAIRSIDE", batch.SendingFacility.NamespaceId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 14, 30, 5, Est), batch.MessageTime);
        Assert.Equal(Est, batch.MessageTime.Offset);
        Assert.Equal("2.5", batch.VersionId);
        Assert.Equal([new Hl7PatientIdentifier("TEST-0001", "CLINIC_A", "MR")], batch.PatientIdentifiers);
        Assert.Equal(new DeviceLocation("INFUSION", "2", "CHAIR-2", "CLINIC_A"), batch.Location);
        Assert.Equal(@"MONITOR_GW^0123456789ABCDEF^EUI-64|CHAIRSIDE^^|MON-000123", batch.IdempotencyKey);

        var bp = new DateTimeOffset(2026, 11, 27, 14, 29, 0, Est);
        var now = new DateTimeOffset(2026, 11, 27, 14, 30, 0, Est);
        Assert.Equal(
            [
                (VitalSignKind.Systolic, 128m, "mm[Hg]", bp, "150021", "1.1.1.1", "266016"),
                (VitalSignKind.Diastolic, 84m, "mm[Hg]", bp, "150022", "1.1.1.2", "266016"),
                (VitalSignKind.MeanArterial, 99m, "mm[Hg]", bp, "150023", "1.1.1.3", "266016"),
                (VitalSignKind.HeartRate, 72m, "/min", now, "147842", "1.2.1.1", "264864"),
                (VitalSignKind.PulseRate, 71m, "/min", now, "149530", "1.3.1.1", "264864"),
                (VitalSignKind.Spo2, 97m, "%", now, "150456", "1.3.1.2", "262688"),
                (VitalSignKind.RespiratoryRate, 14m, "/min", now, "151562", "1.4.1.1", "264928"),
                (VitalSignKind.Temperature, 36.8m, "Cel", now, "150344", "1.5.1.1", "268192"),
            ],
            batch.Observations.Select(o => (o.Kind, o.Value, o.Unit, o.ObservedAt, o.Code, o.SubId, o.RawUnit)));
        Assert.All(batch.Observations, o =>
        {
            Assert.Equal(ObservationResultStatus.Unverified, o.Status);
            Assert.Equal(ObservationTimeSource.Observation, o.ObservedAtSource);
            Assert.Equal("MDC", o.CodingSystem);
            Assert.Equal("0123456789ABCDEF", o.EquipmentInstanceId);
        });
        Assert.Equal(new Hl7Location("OBX", 3), batch.Observations[0].Source);
        Assert.Equal("36.8", batch.Observations[^1].RawValue);
    }

    [Fact]
    public void GivenLoincVitals_ThenUnitsAreNormalisedAndFahrenheitBecomesCelsius()
    {
        var accepted = Accept("loinc-vitals.hl7");
        var batch = accepted.Batch;
        var plusOne = TimeSpan.FromHours(1);

        Assert.Empty(accepted.Warnings);
        Assert.Equal("2.5.1", batch.VersionId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 15, 2, 250, plusOne), batch.MessageTime);
        Assert.Equal(new DeviceLocation("RECOVERY", string.Empty, "BAY-1", string.Empty), batch.Location);
        var bpTime = new DateTimeOffset(2026, 11, 27, 9, 14, 30, 500, plusOne);
        Assert.Equal(
            [
                (VitalSignKind.Temperature, 37.00m, "Cel", new DateTimeOffset(2026, 11, 27, 9, 14, 0, plusOne), "8310-5", "98.6", "[degF]", ObservationResultStatus.Final),
                (VitalSignKind.Systolic, 142m, "mm[Hg]", bpTime, "8480-6", "142", "mm[Hg]", ObservationResultStatus.Final),
                (VitalSignKind.Diastolic, 91m, "mm[Hg]", bpTime, "8462-4", "91", "mm[Hg]", ObservationResultStatus.Final),
                (VitalSignKind.MeanArterial, 108m, "mm[Hg]", bpTime, "8478-0", "108", "mm[Hg]", ObservationResultStatus.Corrected),
                (VitalSignKind.HeartRate, 88m, "/min", new DateTimeOffset(2026, 11, 27, 9, 14, 45, plusOne), "8867-4", "88", "/min", ObservationResultStatus.Final),
                (VitalSignKind.Spo2, 95m, "%", new DateTimeOffset(2026, 11, 27, 9, 14, 45, plusOne), "59408-5", "95", "%", ObservationResultStatus.Final),
                (VitalSignKind.RespiratoryRate, 16m, "/min", new DateTimeOffset(2026, 11, 27, 9, 14, 45, plusOne), "9279-1", "16", "/min", ObservationResultStatus.Final),
            ],
            batch.Observations.Select(o => (o.Kind, o.Value, o.Unit, o.ObservedAt, o.Code, o.RawValue, o.RawUnit, o.Status)));
        Assert.All(batch.Observations, o => Assert.Equal("LN", o.CodingSystem));
    }

    [Fact]
    public void GivenABloodPressurePanel_ThenSnRatioAndSt120Over80BothGiveSystolicAndDiastolic()
    {
        var accepted = Accept("bp-panel-escapes.hl7");
        var batch = accepted.Batch;

        Assert.Empty(accepted.Warnings);
        Assert.Equal(new Hl7HierarchicDesignator("BP_CUFF&CO", string.Empty, string.Empty), batch.SendingApplication);
        Assert.Equal("CLINIC|A", batch.SendingFacility.NamespaceId);
        Assert.Equal(@"BP_CUFF\T\CO^^|CLINIC\F\A^^|BP-77", batch.IdempotencyKey);
        Assert.Equal(
            [new Hl7PatientIdentifier("TEST-0003", "CLINIC_A", "MR"), new Hl7PatientIdentifier("SYN-99", "REGISTRY", "PI")],
            batch.PatientIdentifiers);
        Assert.Equal(new DeviceLocation("INFUSION", "Suite & 3", "Chair~1A", string.Empty), batch.Location);
        var first = new DateTimeOffset(2026, 11, 27, 10, 10, 0, TimeSpan.Zero);
        var second = new DateTimeOffset(2026, 11, 27, 10, 14, 0, TimeSpan.Zero);
        Assert.Equal(
            [
                (VitalSignKind.Systolic, 120m, first, "120/80", "mmHg"),
                (VitalSignKind.Diastolic, 80m, first, "120/80", "mmHg"),
                (VitalSignKind.Systolic, 118m, second, "^118^/^76", "mm[Hg]"),
                (VitalSignKind.Diastolic, 76m, second, "^118^/^76", "mm[Hg]"),
            ],
            batch.Observations.Select(o => (o.Kind, o.Value, o.ObservedAt, o.RawValue, o.RawUnit)));
        Assert.All(batch.Observations, o =>
        {
            Assert.Equal(ObservationTimeSource.Request, o.ObservedAtSource);
            Assert.Equal("85354-9", o.Code);
            Assert.Equal("mm[Hg]", o.Unit);
        });
    }

    [Fact]
    public void GivenCustomDelimiters_ThenTheMessageReadsTheSame()
    {
        var batch = Accept("custom-delimiters.hl7").Batch;

        Assert.Equal("ALT-1", batch.MessageControlId);
        Assert.Equal("2.7", batch.VersionId);
        Assert.Equal(["TEST-0004", "ALT-4"], batch.PatientIdentifiers.Select(p => p.Id));
        Assert.Equal("CHAIR|4^B", batch.Location!.Bed);
        Assert.Equal(
            [(VitalSignKind.HeartRate, 64m, ObservationTimeSource.Observation), (VitalSignKind.Spo2, 99m, ObservationTimeSource.Request)],
            batch.Observations.Select(o => (o.Kind, o.Value, o.ObservedAtSource)));
        Assert.All(batch.Observations, o => Assert.Equal(new DateTimeOffset(2026, 11, 27, 11, 59, 0, TimeSpan.Zero), o.ObservedAt));
    }

    [Fact]
    public void GivenUtf8_ThenNamesAndDegreeSignAreRead()
    {
        var accepted = Accept("utf8.hl7");

        Assert.Equal(Hl7Charset.Utf8, accepted.MessageHeader.Charset);
        Assert.Equal("CLINIQUE_ÉTÉ", accepted.Batch.SendingFacility.NamespaceId);
        Assert.Equal(new DeviceLocation("SALLE_ÉTÉ", "1", "FAUTEUIL-1", string.Empty), accepted.Batch.Location);
        Assert.Equal(
            [(VitalSignKind.Temperature, 37.2m, "°C"), (VitalSignKind.HeartRate, 67m, "{beats}/min")],
            accepted.Batch.Observations.Select(o => (o.Kind, o.Value, o.RawUnit)));
    }

    [Fact]
    public void GivenSeveralGroupsOutOfOrder_ThenReadingsAreSortedAndEachTimeSaysWhereItCameFrom()
    {
        var accepted = Accept("multi-group-times.hl7");
        var batch = accepted.Batch;
        DateTimeOffset At(int h, int m, int s = 0) => new(2026, 11, 27, h, m, s, TimeSpan.Zero);

        Assert.Equal(
            [
                (VitalSignKind.Systolic, 132m, At(15, 50), ObservationTimeSource.Request),
                (VitalSignKind.Diastolic, 85m, At(15, 50), ObservationTimeSource.Request),
                (VitalSignKind.Systolic, 150m, At(16, 0), ObservationTimeSource.Request),
                (VitalSignKind.Diastolic, 95m, At(16, 0), ObservationTimeSource.Request),
                (VitalSignKind.HeartRate, 90m, At(16, 0, 30), ObservationTimeSource.Observation),
                (VitalSignKind.Spo2, 96m, At(16, 5), ObservationTimeSource.Message),
            ],
            batch.Observations.Select(o => (o.Kind, o.Value, o.ObservedAt, o.ObservedAtSource)));
        Assert.Equal(
            [
                (Hl7ErrorCode.DuplicateKeyIdentifier, Hl7Severity.Warning, new Hl7Location("OBX", 7)),
                (Hl7ErrorCode.TableValueNotFound, Hl7Severity.Warning, new Hl7Location("OBX", 8, 3)),
            ],
            accepted.Warnings.Select(w => (w.Code, w.Severity, w.Location)));
        Assert.Contains("counted once", accepted.Warnings[0].Text, StringComparison.Ordinal);
        Assert.Contains("12345-6", accepted.Warnings[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoOffsetAnywhere_ThenAe_UnlessTheFeedHasATimeZone()
    {
        var invalid = Invalid(Samples.Load("no-offset.hl7"));

        Assert.Equal(
            [Hl7Location.Msh(7), new Hl7Location("OBR", 1, 7), new Hl7Location("OBX", 1, 14)],
            invalid.Errors.Select(e => e.Location));
        Assert.All(invalid.Errors, e => Assert.Equal(Hl7ErrorCode.DataTypeError, e.Code));
        Assert.Contains("no UTC offset", invalid.Errors[0].Text, StringComparison.Ordinal);

        var zoned = new DeviceFeedOptions { AssumedTimeZone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York") };
        var batch = Accept("no-offset.hl7", zoned).Batch;
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 30, 0, Est), batch.MessageTime);
        var reading = Assert.Single(batch.Observations);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 8, 29, 30, Est), reading.ObservedAt);
        Assert.Equal(Est, reading.ObservedAt.Offset);
    }

    [Fact]
    public void GivenATimeWithoutOffset_ThenMsh7sOffsetApplies()
    {
        var outcome = OruR01Reader.Read(Message("OBX|1|NM|8867-4^HR^LN||70|/min|||||F|||202611271201"));

        var reading = Assert.Single(Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 12, 1, 0, TimeSpan.Zero), reading.ObservedAt);
    }

    [Fact]
    public void GivenNoMsh_ThenAr100()
    {
        var rejected = Rejected(Samples.Load("no-msh.hl7"));

        Assert.Null(rejected.Header);
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, Assert.Single(rejected.Errors).Code);
    }

    [Fact]
    public void GivenAnAdtA01_ThenAr200And201()
    {
        var rejected = Rejected(Samples.Load("adt-a01.hl7"));

        Assert.Equal(
            [
                (Hl7ErrorCode.UnsupportedMessageType, Hl7Location.Msh(9, 1)),
                (Hl7ErrorCode.UnsupportedEventCode, Hl7Location.Msh(9, 2)),
                (Hl7ErrorCode.UnsupportedMessageType, Hl7Location.Msh(9, 3)),
            ],
            rejected.Errors.Select(e => (e.Code, e.Location)));
        Assert.Equal("ADT-1", rejected.Header!.ControlId);
    }

    [Fact]
    public void GivenMissingMsh10_ThenAr101()
    {
        var rejected = Rejected(Samples.Load("missing-msh10.hl7"));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(10)), (error.Code, error.Location));
        Assert.Contains("idempotency", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnOverlongMsh10_ThenAr102()
    {
        var rejected = Rejected(Message().Replace("|ID-1|", "|" + new string('9', OruR01Reader.MaxControlIdLength + 1) + "|", StringComparison.Ordinal));

        Assert.Equal((Hl7ErrorCode.DataTypeError, Hl7Location.Msh(10)), (rejected.Errors[0].Code, rejected.Errors[0].Location));
        Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message().Replace("|ID-1|", "|" + new string('9', OruR01Reader.MaxControlIdLength) + "|", StringComparison.Ordinal)));
    }

    [Fact]
    public void GivenVersion22_ThenAr203()
    {
        var error = Assert.Single(Rejected(Samples.Load("unsupported-version.hl7")).Errors);

        Assert.Equal((Hl7ErrorCode.UnsupportedVersionId, Hl7Location.Msh(12)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("2.3")]
    [InlineData("2.3.1")]
    [InlineData("2.4")]
    [InlineData("2.5")]
    [InlineData("2.5.1")]
    [InlineData("2.6")]
    [InlineData("2.7")]
    [InlineData("2.7.1")]
    [InlineData("2.8")]
    [InlineData("2.8.2")]
    public void GivenAVersionFrom23To28_ThenAccepted(string version)
    {
        Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message().Replace("|P|2.5", "|P|" + version, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("2.2")]
    [InlineData("2.9")]
    [InlineData("3.0")]
    [InlineData("2.5.2")]
    public void GivenAVersionOutside23To28_ThenAr203(string version)
    {
        var rejected = Rejected(Message().Replace("|P|2.5", "|P|" + version, StringComparison.Ordinal));

        Assert.Equal(Hl7ErrorCode.UnsupportedVersionId, Assert.Single(rejected.Errors).Code);
    }

    [Theory]
    [InlineData("T", Hl7ErrorCode.UnsupportedProcessingId)]
    [InlineData("D", Hl7ErrorCode.UnsupportedProcessingId)]
    [InlineData("", Hl7ErrorCode.RequiredFieldMissing)]
    public void GivenATrainingOrDebugMessage_ThenAr_SoItNeverReachesAChart(string processingId, Hl7ErrorCode code)
    {
        var rejected = Rejected(Message().Replace("|P|2.5", "|" + processingId + "|2.5", StringComparison.Ordinal));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((code, Hl7Location.Msh(11)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenTrainingAllowedByTheFeed_ThenTIsAccepted()
    {
        var options = new DeviceFeedOptions { AcceptedProcessingIds = new HashSet<string>(StringComparer.Ordinal) { "P", "T" } };

        Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message().Replace("|P|2.5", "|T|2.5", StringComparison.Ordinal), options));
    }

    [Theory]
    [InlineData("ORU^R30", Hl7ErrorCode.UnsupportedEventCode, 2)]
    [InlineData("ORU", Hl7ErrorCode.RequiredFieldMissing, 2)]
    [InlineData("^R01", Hl7ErrorCode.RequiredFieldMissing, 1)]
    [InlineData("ORU^R01^ORU_R30", Hl7ErrorCode.UnsupportedMessageType, 3)]
    public void GivenAnotherEvent_ThenAr(string type, Hl7ErrorCode code, int component)
    {
        var rejected = Rejected(Message().Replace("ORU^R01^ORU_R01", type, StringComparison.Ordinal));

        var error = Assert.Single(rejected.Errors);
        Assert.Equal((code, Hl7Location.Msh(9, component)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenMsh9WithoutStructure_ThenAccepted()
    {
        Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message().Replace("ORU^R01^ORU_R01", "ORU^R01", StringComparison.Ordinal)));
    }

    [Fact]
    public void GivenEmptyVersion_ThenAr101()
    {
        var error = Assert.Single(Rejected(Message().Replace("|P|2.5", "|P|", StringComparison.Ordinal)).Errors);

        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, Hl7Location.Msh(12)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenABadDate_ThenAe102AtObx14_AndNothingIsReturnedToStore()
    {
        var invalid = Invalid(Samples.Load("bad-date.hl7"));

        var error = Assert.Single(invalid.Errors);
        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 14)), (error.Code, error.Location));
        Assert.Contains("20261327082900+0000", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenANonNumericValue_ThenAe102AtObx5()
    {
        var error = Assert.Single(Invalid(Samples.Load("non-numeric.hl7")).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 5)), (error.Code, error.Location));
        Assert.Contains("'high' is not a number", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenWrongUnits_ThenAe103AtObx6()
    {
        var error = Assert.Single(Invalid(Samples.Load("wrong-units.hl7")).Errors);

        Assert.Equal((Hl7ErrorCode.TableValueNotFound, new Hl7Location("OBX", 1, 6)), (error.Code, error.Location));
        Assert.Contains("'mm[Hg]' is not valid for Spo2: send %", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATruncatedMessage_ThenAe101ForTheMissingStatus()
    {
        var invalid = Invalid(Samples.Load("truncated.hl7"));

        var error = Assert.Single(invalid.Errors);
        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, new Hl7Location("OBX", 1, 11)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("8480-6^SBP^LN", "120", "mm[Hg]", VitalSignKind.Systolic, 120)]
    [InlineData("8462-4^DBP^LN", "80", "mmHg", VitalSignKind.Diastolic, 80)]
    [InlineData("8478-0^MAP^LN", "93.3", "mm Hg", VitalSignKind.MeanArterial, 93.3)]
    [InlineData("8867-4^HR^LN", "72", "bpm", VitalSignKind.HeartRate, 72)]
    [InlineData("8889-8^PR^LN", "71", "{beats}/min", VitalSignKind.PulseRate, 71)]
    [InlineData("2708-6^SpO2^LN", "98", "%", VitalSignKind.Spo2, 98)]
    [InlineData("59408-5^SpO2^LN", "97", "percent", VitalSignKind.Spo2, 97)]
    [InlineData("9279-1^RR^LN", "12", "{breaths}/min", VitalSignKind.RespiratoryRate, 12)]
    [InlineData("8310-5^Temp^LN", "36.6", "Cel", VitalSignKind.Temperature, 36.6)]
    [InlineData("8310-5^Temp^LN", "36.6", "degC", VitalSignKind.Temperature, 36.6)]
    [InlineData("8310-5^Temp^LN", "100.4", "degF", VitalSignKind.Temperature, 38)]
    [InlineData("8310-5^Temp^LN", "96.1", "[degF]", VitalSignKind.Temperature, 35.61)]
    [InlineData("150021^MDC_PRESS_BLD_NONINV_SYS^MDC", "181", "266016^MDC_DIM_MMHG^MDC", VitalSignKind.Systolic, 181)]
    [InlineData("150022^MDC_PRESS_BLD_NONINV_DIA^MDC", "111", "MDC_DIM_MMHG", VitalSignKind.Diastolic, 111)]
    [InlineData("150023^MDC_PRESS_BLD_NONINV_MEAN^MDC", "90", "mmHg", VitalSignKind.MeanArterial, 90)]
    [InlineData("147842^MDC_ECG_HEART_RATE^MDC", "49", "264864^MDC_DIM_BEAT_PER_MIN^MDC", VitalSignKind.HeartRate, 49)]
    [InlineData("149530^MDC_PULS_OXIM_PULS_RATE^MDC", "111", "/min", VitalSignKind.PulseRate, 111)]
    [InlineData("149546^MDC_PULS_RATE_NON_INV^MDC", "66", "/min", VitalSignKind.PulseRate, 66)]
    [InlineData("150456^MDC_PULS_OXIM_SAT_O2^MDC", "89", "262688^MDC_DIM_PERCENT^MDC", VitalSignKind.Spo2, 89)]
    [InlineData("151562^MDC_RESP_RATE^MDC", "7", "264928^MDC_DIM_RESP_PER_MIN^MDC", VitalSignKind.RespiratoryRate, 7)]
    [InlineData("151570^MDC_AWAY_RESP_RATE^MDC", "9", "/min", VitalSignKind.RespiratoryRate, 9)]
    [InlineData("151578^MDC_TTHOR_RESP_RATE^MDC", "10", "264864^MDC_DIM_BEAT_PER_MIN^MDC", VitalSignKind.RespiratoryRate, 10)]
    [InlineData("151594^MDC_CO2_RESP_RATE^MDC", "11", "/min", VitalSignKind.RespiratoryRate, 11)]
    [InlineData("150344^MDC_TEMP^MDC", "37.5", "268192^MDC_DIM_DEGC^MDC", VitalSignKind.Temperature, 37.5)]
    [InlineData("150364^MDC_TEMP_BODY^MDC", "37.5", "°C", VitalSignKind.Temperature, 37.5)]
    [InlineData("^MDC_PULS_OXIM_SAT_O2^MDC", "95", "%", VitalSignKind.Spo2, 95)]
    [InlineData("99999^MDC_ECG_HEART_RATE^mdc", "60", "/min", VitalSignKind.HeartRate, 60)]
    [InlineData("local^HR^L^8867-4^Heart rate^LN", "61", "/min", VitalSignKind.HeartRate, 61)]
    [InlineData("8867-4^HR^LN", "+072.50", "/min", VitalSignKind.HeartRate, 72.5)]
    [InlineData("8867-4^HR^LN", " 72 ", "/min", VitalSignKind.HeartRate, 72)]
    [InlineData("8867-4^HR^LN", ".5", "/min", VitalSignKind.HeartRate, 0.5)]
    [InlineData("8867-4^HR^LN", "-3", "/min", VitalSignKind.HeartRate, -3)]
    [InlineData("8867-4^HR^LN", "0", "^/min^UCUM", VitalSignKind.HeartRate, 0)]
    public void GivenACodeAndUnitFromTheTable_ThenTheKindAndNormalisedValueAreRead(string code, string value, string unit, VitalSignKind kind, double expected)
    {
        var outcome = OruR01Reader.Read(Message($"OBX|1|NM|{code}||{value}|{unit}|||||F"));

        var reading = Assert.Single(Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations);
        Assert.Equal(kind, reading.Kind);
        Assert.Equal((decimal)expected, reading.Value);
        Assert.Equal(VitalSignUnits.Ucum(kind), reading.Unit);
        Assert.Equal(value, reading.RawValue);
    }

    [Theory]
    [InlineData("8867-4^HR^LN", "mm[Hg]")]
    [InlineData("8480-6^SBP^LN", "kPa")]
    [InlineData("8480-6^SBP^LN", "kg^mmHg")]
    [InlineData("59408-5^SpO2^LN", "1")]
    [InlineData("9279-1^RR^LN", "/s")]
    [InlineData("8310-5^Temp^LN", "K")]
    [InlineData("8310-5^Temp^LN", "%")]
    public void GivenAUnitThatDoesNotFitTheKind_ThenAe103(string code, string unit)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|NM|{code}||50|{unit}|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.TableValueNotFound, new Hl7Location("OBX", 1, 6)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenNoUnits_ThenAe101()
    {
        var error = Assert.Single(Invalid(Message("OBX|1|NM|8867-4^HR^LN||72||||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, new Hl7Location("OBX", 1, 6)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("NM", "abc")]
    [InlineData("NM", "1e3")]
    [InlineData("NM", "1,000")]
    [InlineData("NM", "7.2.1")]
    [InlineData("NM", "NaN")]
    [InlineData("NM", "+")]
    [InlineData("NM", "12345678901234567")]
    [InlineData("ST", "about 70")]
    [InlineData("ST", "70/")]
    [InlineData("SN", ">^100")]
    [InlineData("SN", "<=^5")]
    [InlineData("SN", "^60^-^80")]
    [InlineData("SN", "^60^/")]
    [InlineData("SN", "^x")]
    public void GivenAValueThatIsNotOneNumber_ThenAe102AtObx5(string type, string value)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|{type}|8867-4^HR^LN||{value}|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 5)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("SN", "^72", 72)]
    [InlineData("SN", "=^72", 72)]
    [InlineData("ST", "72", 72)]
    public void GivenAPlainSnOrNumericSt_ThenAccepted(string type, string value, int expected)
    {
        var outcome = OruR01Reader.Read(Message($"OBX|1|{type}|8867-4^HR^LN||{value}|/min|||||F"));

        Assert.Equal(expected, Assert.Single(Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations).Value);
    }

    [Theory]
    [InlineData("CWE", "high^High^L")]
    [InlineData("TX", "72")]
    public void GivenANonNumericValueType_ThenAe102AtObx2(string type, string value)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|{type}|8867-4^HR^LN||{value}|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 2)), (error.Code, error.Location));
        Assert.Contains(type, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAValueWithoutValueType_ThenAe101AtObx2()
    {
        var error = Assert.Single(Invalid(Message("OBX|1||8867-4^HR^LN||72|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, new Hl7Location("OBX", 1, 2)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    public void GivenAKnownCodeWithoutValue_ThenAe101AtObx5(string value)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|NM|8867-4^HR^LN||{value}|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.RequiredFieldMissing, new Hl7Location("OBX", 1, 5)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenARepeatedValue_ThenAe102()
    {
        var error = Assert.Single(Invalid(Message("OBX|1|NM|8867-4^HR^LN||72~73|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 5)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("NM", "120")]
    [InlineData("SN", "^120")]
    [InlineData("ST", "120")]
    public void GivenABloodPressurePanelWithOneNumber_ThenAe102(string type, string value)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|{type}|85354-9^BP^LN||{value}|mm[Hg]|||||F")).Errors);

        Assert.Contains("needs systolic and diastolic", error.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SN", "^120^/^80")]
    [InlineData("ST", "120/80")]
    public void GivenASingleKindWithARatio_ThenAe102(string type, string value)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|{type}|8480-6^SBP^LN||{value}|mm[Hg]|||||F")).Errors);

        Assert.Contains("takes one number", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheMdcNibpCompoundWithARatio_ThenItIsAPanel()
    {
        var outcome = OruR01Reader.Read(Message("OBX|1|SN|150020^MDC_PRESS_BLD_NONINV^MDC||^130^:^85|266016^MDC_DIM_MMHG^MDC|||||R"));

        Assert.Equal(
            [(VitalSignKind.Systolic, 130m), (VitalSignKind.Diastolic, 85m)],
            Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations.Select(o => (o.Kind, o.Value)));
    }

    [Theory]
    [InlineData("F", ObservationResultStatus.Final)]
    [InlineData("C", ObservationResultStatus.Corrected)]
    [InlineData("R", ObservationResultStatus.Unverified)]
    [InlineData("P", ObservationResultStatus.Preliminary)]
    public void GivenAStoredStatus_ThenItIsKept(string status, ObservationResultStatus expected)
    {
        var outcome = OruR01Reader.Read(Message($"OBX|1|NM|8867-4^HR^LN||72|/min|||||{status}"));

        Assert.Equal(expected, Assert.Single(Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations).Status);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("D")]
    [InlineData("W")]
    [InlineData("I")]
    [InlineData("N")]
    [InlineData("O")]
    [InlineData("S")]
    [InlineData("U")]
    public void GivenANotStoredStatus_ThenTheReadingIsDroppedWithAWarning(string status)
    {
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message($"OBX|1|NM|8867-4^HR^LN||72|/min|||||{status}")));

        Assert.Empty(accepted.Batch.Observations);
        var warning = Assert.Single(accepted.Warnings);
        Assert.Equal((Hl7ErrorCode.TableValueNotFound, Hl7Severity.Warning, new Hl7Location("OBX", 1, 11)), (warning.Code, warning.Severity, warning.Location));
        Assert.Contains("not stored", warning.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnIhePcdCompoundRowWithStatusX_ThenItIsSkippedSilently_ButAFailedSpo2IsReported()
    {
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message(
            "OBX|1||150020^MDC_PRESS_BLD_NONINV^MDC|1.1.1.0|||||||X",
            "OBX|2|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC|1.3.1.2||262688^MDC_DIM_PERCENT^MDC|||||X")));

        Assert.Empty(accepted.Batch.Observations);
        Assert.Equal(new Hl7Location("OBX", 2, 11), Assert.Single(accepted.Warnings).Location);
    }

    [Theory]
    [InlineData("", Hl7ErrorCode.RequiredFieldMissing)]
    [InlineData("Q", Hl7ErrorCode.TableValueNotFound)]
    [InlineData("f", Hl7ErrorCode.TableValueNotFound)]
    public void GivenAMissingOrUnknownStatus_ThenAe(string status, Hl7ErrorCode code)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|NM|8867-4^HR^LN||72|/min|||||{status}")).Errors);

        Assert.Equal((code, new Hl7Location("OBX", 1, 11)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenAnUnknownCodeWithAValue_ThenItIsIgnoredWithAWarning()
    {
        var accepted = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message(
            "OBX|1|NM|29463-7^Body weight^LN||72|kg|||||F",
            "OBX|2|NM|8867-4^HR||72|/min|||||F",
            "OBX|3|NM|150456^MDC_PULS_OXIM_SAT_O2^99X||72|%|||||F",
            "OBX|4||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X")));

        Assert.Empty(accepted.Batch.Observations);
        Assert.Equal(
            [new Hl7Location("OBX", 1, 3), new Hl7Location("OBX", 2, 3), new Hl7Location("OBX", 3, 3)],
            accepted.Warnings.Select(w => w.Location));
        Assert.All(accepted.Warnings, w => Assert.Equal((Hl7ErrorCode.TableValueNotFound, Hl7Severity.Warning), (w.Code, w.Severity)));
    }

    [Fact]
    public void GivenAnMdcCodeWhoseReferenceIdNamesAnotherMeasurement_ThenAe103()
    {
        var error = Assert.Single(Invalid(Message("OBX|1|NM|150456^MDC_ECG_HEART_RATE^MDC||72|/min|||||F")).Errors);

        Assert.Equal((Hl7ErrorCode.TableValueNotFound, new Hl7Location("OBX", 1, 3)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenPrimaryAndAlternateCodesForDifferentKinds_ThenAe103()
    {
        var error = Assert.Single(Invalid(Message("OBX|1|NM|8867-4^HR^LN^150456^MDC_PULS_OXIM_SAT_O2^MDC||72|/min|||||F")).Errors);

        Assert.Contains("alternate code", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheSameReadingTwiceWithDifferentValues_ThenAe205()
    {
        var invalid = Invalid(Message(
            "OBX|1|NM|8867-4^HR^LN||72|/min|||||F|||20261127120000+0000",
            "OBX|2|NM|147842^MDC_ECG_HEART_RATE^MDC||75|/min|||||F|||20261127120000+0000"));

        var error = Assert.Single(invalid.Errors);
        Assert.Equal((Hl7ErrorCode.DuplicateKeyIdentifier, new Hl7Location("OBX", 2)), (error.Code, error.Location));
        Assert.Contains("75 here but 72 in OBX[1]", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTwoProbesOfTheSameKindOnDifferentChannels_ThenBothAreKept()
    {
        var outcome = OruR01Reader.Read(Message(
            "OBX|1|NM|150344^MDC_TEMP^MDC|1.26.1.1|36.8|268192^MDC_DIM_DEGC^MDC|||||R",
            "OBX|2|NM|150344^MDC_TEMP^MDC|1.26.2.1|36.9|268192^MDC_DIM_DEGC^MDC|||||R"));

        Assert.Equal(
            [("1.26.1.1", 36.8m), ("1.26.2.1", 36.9m)],
            Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations.Select(o => (o.SubId, o.Value)));
    }

    [Theory]
    [InlineData("2026112712", "not precise enough")]
    [InlineData("20261127", "not precise enough")]
    [InlineData("20261127120000+2500", "out of range")]
    public void GivenAnImpreciseOrBadObservationTime_ThenAe102(string time, string reason)
    {
        var error = Assert.Single(Invalid(Message($"OBX|1|NM|8867-4^HR^LN||72|/min|||||F|||{time}")).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBX", 1, 14)), (error.Code, error.Location));
        Assert.Contains(reason, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenABadObr7_ThenAe102AtObr7_AndItsObservationsAreNotRead()
    {
        var text = Message("OBX|1|NM|8867-4^HR^LN||72|/min|||||F").Replace("|||20261127120000+0000", "|||2026", StringComparison.Ordinal);

        var error = Assert.Single(Invalid(text).Errors);

        Assert.Equal((Hl7ErrorCode.DataTypeError, new Hl7Location("OBR", 1, 7)), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("", Hl7ErrorCode.RequiredFieldMissing)]
    [InlineData("yesterday", Hl7ErrorCode.DataTypeError)]
    public void GivenAMissingOrBadMsh7_ThenAe(string msh7, Hl7ErrorCode code)
    {
        var text = Message("OBX|1|NM|8867-4^HR^LN||72|/min|||||F|||20261127120000+0000").Replace("20261127120500+0000", msh7, StringComparison.Ordinal);

        var error = Assert.Single(Invalid(text).Errors);

        Assert.Equal((code, Hl7Location.Msh(7)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenObxBeforeAnyObr_ThenAe100()
    {
        var text = "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|ID-1|P|2.5\rPID|||P1\rOBX|1|NM|8867-4^HR^LN||72|/min|||||F\rOBR|1";

        var error = Assert.Single(Invalid(text).Errors);

        Assert.Equal((Hl7ErrorCode.SegmentSequenceError, new Hl7Location("OBX", 1)), (error.Code, error.Location));
    }

    [Fact]
    public void GivenNoObrAtAll_ThenAe100()
    {
        var error = Assert.Single(Invalid("MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|ID-1|P|2.5\rPID|||P1").Errors);

        Assert.Equal((Hl7ErrorCode.SegmentSequenceError, Hl7Location.None), (error.Code, error.Location));
    }

    [Theory]
    [InlineData("PID|||A\rPID|||B\rOBR|1", "PID", 2, "second PID")]
    [InlineData("PV1||O|X\rOBR|1", "PV1", 1, "PV1 must follow PID")]
    [InlineData("OBR|1\rPID|||A", "PID", 1, "after the first OBR")]
    [InlineData("PID|||A\rOBR|1\rPV1||O|X", "PV1", 1, "PV1 must follow PID")]
    public void GivenPatientSegmentsOutOfPlace_ThenAe100(string body, string segment, int sequence, string reason)
    {
        var error = Assert.Single(Invalid("MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|ID-1|P|2.5\r" + body).Errors);

        Assert.Equal((Hl7ErrorCode.SegmentSequenceError, new Hl7Location(segment, sequence)), (error.Code, error.Location));
        Assert.Contains(reason, error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOrcObrGroupsAndOtherSegments_ThenTheyAreAccepted()
    {
        var text = "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|ID-1|P|2.5\rSFT|x\rPID|||A\rPD1|\rNK1|1\rPV1||O|X^^1\rPV2|\r"
            + "ORC|RE\rOBR|1||||||20261127120000+0000\rNTE|1\rOBX|1|NM|8867-4^HR^LN||72|/min|||||F\rNTE|2\rZXY|custom\r"
            + "ORC|RE\rOBR|2||||||20261127120100+0000\rOBX|1|NM|8867-4^HR^LN||73|/min|||||F\rDSC|1";

        var batch = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(text)).Batch;

        Assert.Equal([72m, 73m], batch.Observations.Select(o => o.Value));
        Assert.Equal("1", batch.Location!.Bed);
    }

    [Fact]
    public void GivenNoPidAndNoPv1_ThenIdentifiersAreEmptyAndLocationIsNull()
    {
        var batch = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message("OBX|1|NM|8867-4^HR^LN||72|/min|||||F"))).Batch;

        Assert.Empty(batch.PatientIdentifiers);
        Assert.Null(batch.Location);
        Assert.Equal(@"GW^^|FAC^^|ID-1", batch.IdempotencyKey);
    }

    [Fact]
    public void GivenAnEmptyPv13_ThenLocationIsNull()
    {
        var text = "MSH|^~\\&|GW|FAC|KC||20261127120500+0000||ORU^R01|ID-1|P|2.5\rPID|||~^^^X\rPV1||O|\rOBR|1";

        var batch = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(text)).Batch;

        Assert.Null(batch.Location);
        Assert.Empty(batch.PatientIdentifiers);
        Assert.Empty(batch.Observations);
    }

    [Fact]
    public void GivenTwoDevicesThatBothNumberFromOne_ThenTheirIdempotencyKeysDiffer()
    {
        var a = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message()));
        var b = Assert.IsType<DeviceMessageOutcome.Accepted>(OruR01Reader.Read(Message().Replace("|GW|FAC|", "|GW2|FAC|", StringComparison.Ordinal)));

        Assert.Equal(a.Batch.MessageControlId, b.Batch.MessageControlId);
        Assert.NotEqual(a.Batch.IdempotencyKey, b.Batch.IdempotencyKey);
    }

    [Fact]
    public void GivenAnUnreadableFrame_ThenArWithTheHeaderForTheAck()
    {
        var rejected = Assert.IsType<DeviceMessageOutcome.Rejected>(OruR01Reader.Read("MSH|^~\\&|GW|FAC|KC||20261127+0000||ORU^R01|ID-7|P|2.5\r%%%|x"));

        Assert.Equal("ID-7", rejected.Header!.ControlId);
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, Assert.Single(rejected.Errors).Code);
    }

    [Fact]
    public void Property_EveryLoincAndMdcCodeOfTheTable_IsReadAsItsKind()
    {
        foreach (var code in VitalSignCodes.All.Where(c => !c.IsPanel))
        {
            var kind = code.Kinds[0];
            var unit = VitalSignUnits.Ucum(kind);
            var outcome = OruR01Reader.Read(Message($"OBX|1|NM|{code.Code}^{code.Name}^{code.CodingSystem}||42|{unit}|||||F"));

            var reading = Assert.Single(Assert.IsType<DeviceMessageOutcome.Accepted>(outcome).Batch.Observations);
            Assert.Equal((kind, 42m, code.Code, code.CodingSystem), (reading.Kind, reading.Value, reading.Code, reading.CodingSystem));
        }
    }

    [Fact]
    public void CodeTable_HasTheSpecLoincCodes()
    {
        var loinc = VitalSignCodes.All.Where(c => c.CodingSystem == "LN").Select(c => c.Code).ToHashSet();

        Assert.Superset(new HashSet<string> { "8480-6", "8462-4", "8867-4", "2708-6", "59408-5", "9279-1", "8310-5", "85354-9" }, loinc);
        Assert.DoesNotContain("2710-2", loinc);
    }
}
