using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Less common paths of the alarm policy: unevaluable readings, messages, ordering, argument checks.</summary>
public sealed class VitalsPolicyEdgeTests
{
    [Fact]
    public void GivenRuleIds_WhenRead_ThenMatchTheSpec() =>
        Assert.Equal(
            ["VS-BP-01", "VS-BP-02", "VS-BP-03", "VS-SYM-01", "VS-HR-01", "VS-HR-02", "VS-SPO2-01", "VS-SPO2-02", "VS-RR-01", "VS-SED-01", "VS-PSY-01", "VS-CONF-01", "VS-PREC-01", "VS-CFG-01"],
            new[]
            {
                VitalsPolicy.VsBp01, VitalsPolicy.VsBp02, VitalsPolicy.VsBp03, VitalsPolicy.VsSym01, VitalsPolicy.VsHr01, VitalsPolicy.VsHr02,
                VitalsPolicy.VsSpo201, VitalsPolicy.VsSpo202, VitalsPolicy.VsRr01, VitalsPolicy.VsSed01, VitalsPolicy.VsPsy01,
                VitalsPolicy.VsConf01, VitalsPolicy.VsPrec01, VitalsPolicy.VsCfg01,
            }.Select(r => r.Value));

    [Theory]
    [Trait("Rule", "VS-PREC-01")]
    [InlineData(180, 111, true)]
    [InlineData(181, 110, true)]
    [InlineData(181, 100, false)]
    [InlineData(160, 111, false)]
    [InlineData(161, 111, true)]
    [InlineData(181, 101, true)]
    public void GivenSymptomaticBpAtTheBandEdges_WhenBp03Raised_ThenBp01IsListedOnlyWhenInItsBand(int sbp, int dbp, bool listsBp01)
    {
        var alarm = Assert.Single(new Session().Feed(Bp(30, sbp, dbp, ReportedSymptoms.ChestPain)).Alarms);

        Assert.Equal(VitalsPolicy.VsBp03, alarm.Rule);
        Assert.Equal(listsBp01 ? [VitalsPolicy.VsSym01, VitalsPolicy.VsBp01] : [VitalsPolicy.VsSym01], alarm.SuppressedRules);
    }

    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public void GivenBp02AwaitingConfirmation_WhenASymptomOnlyReportArrives_ThenTheBpEpisodeIsUntouched()
    {
        var session = new Session();
        session.Feed(Bp(30, 185, 100, ReportedSymptoms.None));

        session.Feed(Symptoms(33, ReportedSymptoms.None));

        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsBp02)!.State);
        Assert.Equal(At(30), session.Episode(VitalsPolicy.VsBp02)!.LastCountedAt);
    }

    [Fact]
    [Trait("Rule", "VS-RR-01")]
    public void GivenRr01Active_WhenAReadingWithoutRrOrApneaArrives_ThenItStaysActive()
    {
        var session = new Session();
        session.Feed(Rr(20, 6));

        session.Feed(Bp(21, 120, 80));

        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsRr01)!.State);
    }

    [Fact]
    [Trait("Rule", "VS-SED-01")]
    public void GivenSed01Active_WhenAReadingWithoutSedationAssessmentArrives_ThenItStaysActive()
    {
        var session = new Session();
        session.Feed(new VitalsReading(At(20), moaas: new MoaasScore(1)));

        session.Feed(Bp(21, 120, 80));

        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsSed01)!.State);
    }

    [Fact]
    [Trait("Rule", "VS-RR-01")]
    public void GivenLowRrAndApneaTogether_WhenRaised_ThenMessageNamesBoth() =>
        Assert.Equal(
            "VS-RR-01: RR below the floor or apnea: stop the infusion, airway management (RR 6 /min, apnea 25 s), on the first reading.",
            Assert.Single(new Session().Feed(new VitalsReading(At(20), respiratoryRate: new RespiratoryRate(6), apneaObservedSeconds: 25)).Alarms).Message);

    [Theory]
    [Trait("Rule", "VS-SED-01")]
    [InlineData(1, null, "(MOAA/S 1)")]
    [InlineData(1, false, "(MOAA/S 1, not responding to voice)")]
    public void GivenDeepSedation_WhenRaised_ThenMessageNamesWhatWasAssessed(int moaas, bool? respondsToVoice, string values) =>
        Assert.Contains(
            values,
            Assert.Single(new Session().Feed(new VitalsReading(At(20), moaas: new MoaasScore(moaas), respondsToVoice: respondsToVoice)).Alarms).Message,
            StringComparison.Ordinal);

    [Fact]
    [Trait("Rule", "VS-PSY-01")]
    public void GivenAgitationWithChestPain_WhenRaised_ThenEmergenceMessageNamesOnlyTheEmergenceSymptom()
    {
        var alarms = new Session().Feed(Symptoms(20, ReportedSymptoms.Agitation | ReportedSymptoms.ChestPain)).Alarms;

        var psy = Assert.Single(alarms, a => a.Rule == VitalsPolicy.VsPsy01);
        Assert.Equal("VS-PSY-01: severe emergence reaction, agitation or psychotic symptoms: pause, lower stimulation, physician evaluation (Agitation), on the first reading.", psy.Message);
        Assert.Equal("VS-SYM-01: target-organ symptom: stop the infusion, physician to the bedside now, evaluate for emergency transfer (symptoms: ChestPain), on the first reading.", Assert.Single(alarms, a => a.Rule == VitalsPolicy.VsSym01).Message);
    }

    [Fact]
    [Trait("Rule", "VS-HR-02")]
    public void GivenHr02Confirmed_WhenRaised_ThenMessageNamesTheRate()
    {
        var session = new Session();
        session.Feed(Hr(20, 45));

        Assert.Equal("VS-HR-02: HR below 50 /min: notify the physician (45 /min), confirmed 2 min after the first reading.", Assert.Single(session.Feed(Hr(22, 45)).Alarms).Message);
    }

    [Fact]
    [Trait("Rule", "VS-SPO2-01")]
    public void GivenSpo201Confirmed_WhenRaised_ThenMessageNamesSupport()
    {
        var session = new Session();
        session.Feed(Spo2(20, 93, OxygenSupport.SupplementalOxygen));

        Assert.Equal(
            "VS-SPO2-01: SpO2 ≤ 92 % on room air or < 94 % on O2: stimulate, reposition the airway, recheck, consider O2 (93 % on O2), confirmed 2.5 min after the first reading.",
            Assert.Single(session.Feed(Spo2(22.5, 93, OxygenSupport.SupplementalOxygen)).Alarms).Message);
    }

    [Fact]
    public void GivenActiveCriticalOutsideTheBpFamily_WhenReadingsDueComputed_ThenNoFiveMinuteBpCheck()
    {
        var evaluation = new Session().Feed(Apnea(20, 25));

        Assert.Equal([new ReadingDue(At(30), null, ReadingDueReason.RoutineInfusion, null, null)], evaluation.ReadingsDue);
    }

    [Fact]
    public void GivenBp01ActiveCarriedIntoPreInfusionContext_WhenReadingsDueComputed_ThenNoFiveMinuteBpCheckBeforeTheStart()
    {
        var context = new VitalsContext(MonitoringPhase.PreInfusion, null, null, [new AlarmEpisode(VitalsPolicy.VsBp01, EpisodeState.Active, At(0), At(0), null, true)]);

        var evaluation = VitalsPolicy.Evaluate(Spo2(1, 97), context, ClinicProtocol.Default);

        Assert.Empty(evaluation.ReadingsDue);
    }

    [Fact]
    public void GivenEveryFamilyOpen_WhenEpisodesReturned_ThenInCatalogOrder()
    {
        var reading = new VitalsReading(At(20), new BloodPressure(170, 95), new HeartRate(120), new Spo2(91, OxygenSupport.RoomAir), new RespiratoryRate(5), moaas: new MoaasScore(2), symptoms: ReportedSymptoms.Agitation);

        var evaluation = new Session().Feed(reading);

        Assert.Equal(
            [VitalsPolicy.VsBp01, VitalsPolicy.VsHr01, VitalsPolicy.VsSpo201, VitalsPolicy.VsRr01, VitalsPolicy.VsSed01, VitalsPolicy.VsPsy01],
            evaluation.OpenEpisodes.Select(e => e.Rule));
    }

    [Fact]
    public void GivenEpisodesPassedOutOfCatalogOrder_WhenReturned_ThenInCatalogOrder()
    {
        var context = VitalsContext.Infusing(
            At(0),
            [
                new AlarmEpisode(VitalsPolicy.VsPsy01, EpisodeState.Active, At(10), At(10), null, true),
                new AlarmEpisode(VitalsPolicy.VsSpo201, EpisodeState.AwaitingConfirmation, At(10), At(10)),
                new AlarmEpisode(VitalsPolicy.VsBp01, EpisodeState.AwaitingConfirmation, At(10), At(10)),
                new AlarmEpisode(VitalsPolicy.VsBp03, EpisodeState.Active, At(10), At(10), null, true),
            ]);

        var evaluation = VitalsPolicy.Evaluate(Hr(11, 80), context, ClinicProtocol.Default);

        Assert.Equal([VitalsPolicy.VsBp03, VitalsPolicy.VsBp01, VitalsPolicy.VsSpo201, VitalsPolicy.VsPsy01], evaluation.OpenEpisodes.Select(e => e.Rule));
    }

    [Fact]
    public void GivenImmediateRuleEpisodeStillAwaiting_WhenConditionMet_ThenRaisedAtOnce()
    {
        var context = VitalsContext.Infusing(At(0), [new AlarmEpisode(VitalsPolicy.VsSpo202, EpisodeState.AwaitingConfirmation, At(20), At(20))]);

        var evaluation = VitalsPolicy.Evaluate(Spo2(21, 85), context, ClinicProtocol.Default);

        var alarm = Assert.Single(evaluation.Alarms);
        Assert.Equal((VitalsPolicy.VsSpo202, AlarmConfirmation.FirstReading, At(20)), (alarm.Rule, alarm.Confirmation, alarm.FirstMetAt));
    }

    [Fact]
    public void GivenImmediateRuleEpisodeStillAwaiting_WhenConditionNotMet_ThenClosedUnconfirmedWithoutAlarm()
    {
        var context = VitalsContext.Infusing(At(0), [new AlarmEpisode(VitalsPolicy.VsSpo202, EpisodeState.AwaitingConfirmation, At(20), At(20))]);

        var evaluation = VitalsPolicy.Evaluate(Spo2(21, 97), context, ClinicProtocol.Default);

        Assert.Empty(evaluation.Alarms);
        Assert.Equal(new ClosedAlarmEpisode(VitalsPolicy.VsSpo202, EpisodeClosure.Unconfirmed, At(20), At(21), false), Assert.Single(evaluation.ClosedEpisodes));
    }

    [Fact]
    [Trait("Rule", "VS-HR-01")]
    public void GivenSustainedRunThatBreaks_WhenClosed_ThenLoggedWithoutAlarm()
    {
        var session = new Session();
        session.Feed(Hr(20, 118));

        var closed = Assert.Single(session.Feed(Hr(21, 100)).ClosedEpisodes);

        Assert.Equal(new ClosedAlarmEpisode(VitalsPolicy.VsHr01, EpisodeClosure.Unconfirmed, At(20), At(21), false), closed);
    }

    [Fact]
    public void GivenReadingAtTheSameInstantAsTheLastCountedOne_WhenEvaluated_ThenAccepted()
    {
        var session = new Session();
        session.Feed(Bp(30, 170, 95));

        var same = session.Feed(Spo2(30, 97));

        Assert.Empty(same.Alarms);
        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsBp01)!.State);
    }

    [Fact]
    public void GivenInfusionEndingAtItsStart_WhenBuildingContext_ThenAccepted() =>
        Assert.Equal(At(0), new VitalsContext(MonitoringPhase.Recovering, At(0), At(0), []).InfusionEndedAt);

    [Fact]
    public void GivenRecoveringContextWithEpisodes_WhenBuilt_ThenEpisodesKept()
    {
        AlarmEpisode[] episodes = [new(VitalsPolicy.VsBp01, EpisodeState.Active, At(30), At(30))];

        Assert.Equal(episodes, VitalsContext.Recovering(At(0), At(40), episodes).OpenEpisodes);
        Assert.Equal(episodes, VitalsContext.Infusing(At(0), episodes).OpenEpisodes);
    }

    [Fact]
    public void GivenContextErrors_WhenBuilt_ThenMessagesSayWhatIsMissing()
    {
        Assert.StartsWith("The infusion start (t = 0) is needed", Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Infusing, null, null, [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("The infusion end is needed in recovery.", Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Recovering, At(0), null, [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("The infusion cannot end before it started.", Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Recovering, At(1), At(0), [])).Message, StringComparison.Ordinal);
        Assert.StartsWith("At most one open episode per rule.", Assert.Throws<ArgumentException>(() => VitalsContext.Infusing(At(0), [new(VitalsPolicy.VsBp01, EpisodeState.Active, At(0), At(0)), new(VitalsPolicy.VsBp01, EpisodeState.Active, At(0), At(0))])).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown monitoring phase.", Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsContext((MonitoringPhase)9, null, null, [])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new VitalsContext(MonitoringPhase.PreInfusion, null, null, null!));
    }

    [Fact]
    public void GivenNullArguments_WhenEvaluating_ThenRejected()
    {
        var context = VitalsContext.Infusing(At(0));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.Evaluate(null!, context, ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.Evaluate(Normal(1), null!, ClinicProtocol.Default));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.Evaluate(Normal(1), context, null!));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.CheckInfusionStart(null!));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.NextRoutineReading(MonitoringPhase.PreInfusion, null, null, At(0), null!));
        Assert.Throws<ArgumentNullException>(() => AlarmEscalation.EscalationMinutes(AlarmSeverity.Warn, null!));
        Assert.Throws<ArgumentNullException>(() => AlarmEscalation.Evaluate(null!, null, At(0), ClinicProtocol.Default));
    }

    [Fact]
    public void GivenEqualInstants_WhenEvaluatingEscalation_ThenAccepted()
    {
        Assert.Equal(EscalationState.AwaitingAcknowledgement, AlarmEscalation.Evaluate(AlarmSeverity.Warn, At(20), null, At(20), ClinicProtocol.Default).State);
        Assert.Equal(EscalationState.Acknowledged, AlarmEscalation.Evaluate(AlarmSeverity.Warn, At(20), At(20), At(20), ClinicProtocol.Default).State);
        Assert.Equal(EscalationState.Acknowledged, AlarmEscalation.Evaluate(AlarmSeverity.Warn, At(20), At(21), At(21), ClinicProtocol.Default).State);
        Assert.StartsWith("Expected raisedAt ≤ acknowledgedAt ≤ now.", Assert.Throws<ArgumentException>(() => AlarmEscalation.Evaluate(AlarmSeverity.Warn, At(20), null, At(19), ClinicProtocol.Default)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenInvalidValues_WhenCreatingReadings_ThenMessagesSayWhy()
    {
        Assert.StartsWith("Unknown symptom flag.", Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsReading(At(0), symptoms: (ReportedSymptoms)(1 << 12))).Message, StringComparison.Ordinal);
        Assert.StartsWith("A reading must contain at least one measurement or observation.", Assert.Throws<ArgumentException>(() => new VitalsReading(At(0))).Message, StringComparison.Ordinal);
        Assert.StartsWith("Unknown oxygen support.", Assert.Throws<ArgumentOutOfRangeException>(() => new Spo2(95, (OxygenSupport)7)).Message, StringComparison.Ordinal);
        Assert.StartsWith("Apnea must be 0–600 s.", Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsReading(At(0), apneaObservedSeconds: 601)).Message, StringComparison.Ordinal);
        Assert.StartsWith("MOAA/S 4 contradicts", Assert.Throws<ArgumentException>(() => new VitalsReading(At(0), moaas: new MoaasScore(4), respondsToVoice: false)).Message, StringComparison.Ordinal);
        Assert.StartsWith("MOAA/S must be 0–5.", Assert.Throws<ArgumentOutOfRangeException>(() => new MoaasScore(6)).Message, StringComparison.Ordinal);
    }
}
