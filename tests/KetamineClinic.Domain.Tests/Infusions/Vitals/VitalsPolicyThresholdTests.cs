using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Both sides of every §4.3 threshold. Confirmable rules are fed twice (first reading, repeat 3 min later).</summary>
public sealed class VitalsPolicyThresholdTests
{
    private static RuleId? ConfirmedAlarm(Func<double, VitalsReading> reading)
    {
        var session = new Session();
        var first = session.Feed(reading(30));
        var repeat = session.Feed(reading(33));
        return first.Alarms.Concat(repeat.Alarms).Select(a => (RuleId?)a.Rule).SingleOrDefault();
    }

    private static RuleId? Id(string? rule) => rule is null ? default(RuleId?) : new RuleId(rule);

    private static RuleId? FirstReadingAlarm(VitalsReading reading) =>
        new Session().Feed(reading).Alarms.Select(a => (RuleId?)a.Rule).SingleOrDefault();

    [Theory]
    [Trait("Rule", "VS-BP-01")]
    [Trait("Rule", "VS-BP-02")]
    [InlineData(160, 90, null)]
    [InlineData(161, 90, "VS-BP-01")]
    [InlineData(150, 100, null)]
    [InlineData(150, 101, "VS-BP-01")]
    [InlineData(180, 95, "VS-BP-01")]
    [InlineData(181, 95, "VS-BP-02")]
    [InlineData(170, 110, "VS-BP-01")]
    [InlineData(170, 111, "VS-BP-02")]
    [InlineData(180, 110, "VS-BP-01")]
    public void GivenAsymptomaticBpAroundTheBandEdges_WhenConfirmed_ThenTheRightBpAlarm(int sbp, int dbp, string? rule) =>
        Assert.Equal(Id(rule), ConfirmedAlarm(m => Bp(m, sbp, dbp, ReportedSymptoms.None)));

    [Theory]
    [Trait("Rule", "VS-BP-03")]
    [Trait("Rule", "VS-SYM-01")]
    [InlineData(180, 110, "VS-SYM-01")]
    [InlineData(181, 110, "VS-BP-03")]
    [InlineData(180, 111, "VS-BP-03")]
    [InlineData(120, 70, "VS-SYM-01")]
    public void GivenSymptomaticBpAroundThePauseEdge_WhenFirstReading_ThenBp03OnlyAbove180Over110(int sbp, int dbp, string rule) =>
        Assert.Equal(new RuleId(rule), FirstReadingAlarm(Bp(30, sbp, dbp, ReportedSymptoms.VisualChange)));

    [Theory]
    [Trait("Rule", "VS-SYM-01")]
    [InlineData(ReportedSymptoms.ChestPain)]
    [InlineData(ReportedSymptoms.Dyspnea)]
    [InlineData(ReportedSymptoms.SevereHeadache)]
    [InlineData(ReportedSymptoms.VisualChange)]
    [InlineData(ReportedSymptoms.Confusion)]
    [InlineData(ReportedSymptoms.FocalNeurologicDeficit)]
    [InlineData(ReportedSymptoms.Seizure)]
    public void GivenAnyTargetOrganSymptomWithoutBp_WhenReported_ThenSym01AtOnce(ReportedSymptoms symptom) =>
        Assert.Equal(VitalsPolicy.VsSym01, FirstReadingAlarm(Symptoms(20, symptom)));

    [Theory]
    [Trait("Rule", "VS-HR-02")]
    [InlineData(49, "VS-HR-02")]
    [InlineData(50, null)]
    public void GivenHeartRateAroundFifty_WhenConfirmed_ThenHr02OnlyBelowFifty(int hr, string? rule) =>
        Assert.Equal(Id(rule), ConfirmedAlarm(m => Hr(m, hr)));

    [Fact]
    [Trait("Rule", "VS-HR-02")]
    public void GivenHr48Confirmed_WhenInfusing_ThenAlertNotifyPhysicianWithLowInterpretation()
    {
        var session = new Session();
        session.Feed(Hr(30, 48));

        var alarm = Assert.Single(session.Feed(Hr(33, 48)).Alarms);

        Assert.Equal(AlarmSeverity.Alert, alarm.Severity);
        Assert.Equal([AlarmAction.NotifyPhysician], alarm.RequiredActions);
        Assert.Equal("L", alarm.InterpretationCode);
    }

    [Theory]
    [Trait("Rule", "VS-HR-01")]
    [InlineData(110, false)]
    [InlineData(111, true)]
    public void GivenHeartRateAround110ForFiveMinutes_WhenInfusing_ThenHr01OnlyAbove110(int hr, bool alarms)
    {
        var session = new Session();
        session.Feed(Hr(20, hr));

        var evaluation = session.Feed(Hr(25, hr));

        Assert.Equal(alarms ? [VitalsPolicy.VsHr01] : [], evaluation.Alarms.Select(a => a.Rule));
    }

    [Theory]
    [Trait("Rule", "VS-SPO2-01")]
    [InlineData(93, OxygenSupport.RoomAir, null)]
    [InlineData(92, OxygenSupport.RoomAir, "VS-SPO2-01")]
    [InlineData(94, OxygenSupport.SupplementalOxygen, null)]
    [InlineData(93, OxygenSupport.SupplementalOxygen, "VS-SPO2-01")]
    [InlineData(90, OxygenSupport.RoomAir, "VS-SPO2-01")]
    public void GivenSpo2AroundTheWarnEdges_WhenConfirmed_ThenSpo201(int percent, OxygenSupport support, string? rule) =>
        Assert.Equal(Id(rule), ConfirmedAlarm(m => Spo2(m, percent, support)));

    [Theory]
    [Trait("Rule", "VS-SPO2-02")]
    [InlineData(89, OxygenSupport.RoomAir, "VS-SPO2-02")]
    [InlineData(89, OxygenSupport.SupplementalOxygen, "VS-SPO2-02")]
    [InlineData(90, OxygenSupport.RoomAir, null)]
    [InlineData(90, OxygenSupport.SupplementalOxygen, null)]
    public void GivenSpo2AroundNinety_WhenFirstReading_ThenCriticalOnlyBelowNinety(int percent, OxygenSupport support, string? rule) =>
        Assert.Equal(Id(rule), FirstReadingAlarm(Spo2(20, percent, support)));

    [Fact]
    [Trait("Rule", "VS-SPO2-02")]
    [Trait("Rule", "VS-PREC-01")]
    public void GivenSpo288OnRoomAir_WhenFirstReading_ThenCriticalStopWithSpo201Suppressed()
    {
        var alarm = Assert.Single(new Session().Feed(Spo2(20, 88)).Alarms);

        Assert.Equal(VitalsPolicy.VsSpo202, alarm.Rule);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.GiveOxygen, AlarmAction.AirwaySupport, AlarmAction.NotifyPhysician], alarm.RequiredActions);
        Assert.Equal([VitalsPolicy.VsSpo201], alarm.SuppressedRules);
        Assert.Equal("LL", alarm.InterpretationCode);
        Assert.Equal("VS-SPO2-02: SpO2 below 90 %: stop the infusion, give O2, airway support, call the physician (88 % on room air), on the first reading.", alarm.Message);
    }

    [Theory]
    [Trait("Rule", "VS-RR-01")]
    [InlineData(19, false)]
    [InlineData(20, true)]
    [InlineData(0, false)]
    public void GivenApneaAroundTwentySeconds_WhenObserved_ThenCriticalFromTwentySeconds(int seconds, bool alarms) =>
        Assert.Equal(alarms ? (RuleId?)VitalsPolicy.VsRr01 : null, FirstReadingAlarm(Apnea(25, seconds)));

    [Theory]
    [Trait("Rule", "VS-SED-01")]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(0, true)]
    public void GivenMoaasAroundTwo_WhenAssessed_ThenCriticalAtTwoOrBelow(int moaas, bool alarms) =>
        Assert.Equal(alarms ? (RuleId?)VitalsPolicy.VsSed01 : null, FirstReadingAlarm(new VitalsReading(At(40), moaas: new MoaasScore(moaas))));

    [Fact]
    [Trait("Rule", "VS-SED-01")]
    public void GivenPatientNotRespondingToVoice_WhenAssessedWithoutMoaas_ThenCriticalStopAndMonitorAirway()
    {
        var alarm = Assert.Single(new Session().Feed(new VitalsReading(At(40), respondsToVoice: false)).Alarms);

        Assert.Equal(VitalsPolicy.VsSed01, alarm.Rule);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.MonitorAirway], alarm.RequiredActions);
        Assert.Equal("VS-SED-01: deep sedation (MOAA/S ≤ 2 or not responding to voice): stop the infusion, monitor the airway (not responding to voice), on the first reading.", alarm.Message);
    }

    [Fact]
    [Trait("Rule", "VS-SED-01")]
    public void GivenPatientRespondingToVoice_WhenAssessed_ThenNoAlarm() =>
        Assert.Null(FirstReadingAlarm(new VitalsReading(At(40), respondsToVoice: true)));

    [Theory]
    [Trait("Rule", "VS-PSY-01")]
    [InlineData(ReportedSymptoms.SevereEmergenceReaction)]
    [InlineData(ReportedSymptoms.Agitation)]
    [InlineData(ReportedSymptoms.PsychoticSymptoms)]
    public void GivenEmergenceReaction_WhenReported_ThenAlertPauseLowerStimulationPhysicianOnFirstReport(ReportedSymptoms symptom)
    {
        var alarm = Assert.Single(new Session().Feed(Symptoms(25, symptom)).Alarms);

        Assert.Equal(VitalsPolicy.VsPsy01, alarm.Rule);
        Assert.Equal(AlarmSeverity.Alert, alarm.Severity);
        Assert.Equal(VitalSignFamily.Emergence, alarm.Family);
        Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
        Assert.Equal([AlarmAction.PauseInfusion, AlarmAction.LowerStimulation, AlarmAction.PhysicianEvaluation], alarm.RequiredActions);
        Assert.Null(alarm.Interpretation);
        Assert.Contains(symptom.ToString(), alarm.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Rule", "VS-PSY-01")]
    public void GivenSymptomsAssessedWithNone_WhenReported_ThenNoAlarm() =>
        Assert.Null(FirstReadingAlarm(Symptoms(25, ReportedSymptoms.None)));

    [Fact]
    [Trait("Rule", "VS-RR-01")]
    public void GivenCustomRrFloor_WhenRrIsBelowIt_ThenTheProtocolValueIsUsed()
    {
        var protocol = Domain.Protocol.ClinicProtocol.Default with
        {
            Vitals = Domain.Protocol.VitalsProtocol.Default with { RrFloorPerMin = 10, ApneaSec = 15 },
        };
        var session = new Session(protocol: protocol);

        Assert.Equal([VitalsPolicy.VsRr01], session.Feed(Rr(20, 9)).Alarms.Select(a => a.Rule));
        Assert.Empty(new Session(protocol: protocol).Feed(Rr(20, 10)).Alarms);
        Assert.Equal([VitalsPolicy.VsRr01], new Session(protocol: protocol).Feed(Apnea(20, 15)).Alarms.Select(a => a.Rule));
        Assert.Empty(new Session(protocol: protocol).Feed(Apnea(20, 14)).Alarms);
    }

    [Fact]
    [Trait("Rule", "VS-RR-01")]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenUnsetRrFloorAndApnea_WhenEvaluatingARunningSession_ThenSpecDefaultsStillAlarm()
    {
        var protocol = Domain.Protocol.ClinicProtocol.Default with
        {
            Vitals = Domain.Protocol.VitalsProtocol.Default with { RrFloorPerMin = null, ApneaSec = null },
        };

        Assert.Equal([VitalsPolicy.VsRr01], new Session(protocol: protocol).Feed(Rr(20, 7)).Alarms.Select(a => a.Rule));
        Assert.Empty(new Session(protocol: protocol).Feed(Rr(20, 8)).Alarms);
        Assert.Equal([VitalsPolicy.VsRr01], new Session(protocol: protocol).Feed(Apnea(20, 20)).Alarms.Select(a => a.Rule));
        Assert.Empty(new Session(protocol: protocol).Feed(Apnea(20, 19)).Alarms);
    }

    [Fact]
    public void GivenRuleCatalog_WhenListed_ThenEveryAlarmRuleWithItsSeverityAndFamily()
    {
        Assert.Equal(
            ["VS-BP-03", "VS-SYM-01", "VS-BP-02", "VS-BP-01", "VS-HR-01", "VS-HR-02", "VS-SPO2-02", "VS-SPO2-01", "VS-RR-01", "VS-SED-01", "VS-PSY-01"],
            VitalsPolicy.AlarmRules.Select(r => r.Value));
        Assert.Equal(AlarmSeverity.Warn, VitalsPolicy.SeverityOf(VitalsPolicy.VsBp01));
        Assert.Equal(AlarmSeverity.Alert, VitalsPolicy.SeverityOf(VitalsPolicy.VsBp02));
        Assert.Equal(AlarmSeverity.Critical, VitalsPolicy.SeverityOf(VitalsPolicy.VsRr01));
        Assert.Equal(AlarmSeverity.Critical, VitalsPolicy.SeverityOf(VitalsPolicy.VsSed01));
        Assert.Equal(VitalSignFamily.BloodPressure, VitalsPolicy.FamilyOf(VitalsPolicy.VsSym01));
        Assert.Equal(VitalSignFamily.Respiration, VitalsPolicy.FamilyOf(VitalsPolicy.VsRr01));
        Assert.Equal(VitalSignFamily.Sedation, VitalsPolicy.FamilyOf(VitalsPolicy.VsSed01));
        Assert.Throws<ArgumentException>(() => VitalsPolicy.SeverityOf("BP-PRE-01"));
    }
}
