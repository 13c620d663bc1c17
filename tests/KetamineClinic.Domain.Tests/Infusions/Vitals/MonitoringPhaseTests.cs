using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Rules;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>Phase-dependent behaviour: which rules apply, which actions make sense, the §4.2 schedule and VS-CFG-01.</summary>
public sealed class MonitoringPhaseTests
{
    [Fact]
    [Trait("Rule", "VS-SPO2-01")]
    public void GivenPreInfusionPhase_WhenSpo291_ThenNoInSessionWarnBecauseTheGateDecides()
    {
        var session = new Session(MonitoringPhase.PreInfusion);

        var evaluation = session.Feed(Spo2(0, 91));

        Assert.Empty(evaluation.Alarms);
        Assert.Empty(evaluation.OpenEpisodes);
        Assert.Null(evaluation.NextReadingDue);
    }

    [Fact]
    [Trait("Rule", "VS-SPO2-02")]
    public void GivenPreInfusionPhase_WhenSpo285_ThenCriticalAlarmSaysDoNotStart()
    {
        var alarm = Assert.Single(new Session(MonitoringPhase.PreInfusion).Feed(Spo2(0, 85)).Alarms);

        Assert.Equal(VitalsPolicy.VsSpo202, alarm.Rule);
        Assert.Equal([AlarmAction.DoNotStartInfusion, AlarmAction.GiveOxygen, AlarmAction.AirwaySupport, AlarmAction.NotifyPhysician], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-PSY-01")]
    public void GivenRecoveryPhase_WhenAgitation_ThenNoPauseActionBecauseTheInfusionHasEnded()
    {
        var alarm = Assert.Single(new Session(MonitoringPhase.Recovering).Feed(Symptoms(50, ReportedSymptoms.Agitation)).Alarms);

        Assert.Equal([AlarmAction.LowerStimulation, AlarmAction.PhysicianEvaluation], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public void GivenRecoveryPhase_WhenBp02Confirmed_ThenNotifyAndRecheckOnly()
    {
        var session = new Session(MonitoringPhase.Recovering);
        session.Feed(Bp(50, 185, 100));

        var alarm = Assert.Single(session.Feed(Bp(53, 185, 100)).Alarms);

        Assert.Equal([AlarmAction.NotifyPhysician, AlarmAction.RecheckQ5UntilBelow], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public void GivenPausedPhase_WhenBp02Confirmed_ThenNoPauseButResumeOnlyOnOrder()
    {
        var session = new Session(MonitoringPhase.Paused);
        session.Feed(Bp(30, 185, 100));

        var alarm = Assert.Single(session.Feed(Bp(33, 185, 100)).Alarms);

        Assert.Equal([AlarmAction.NotifyPhysician, AlarmAction.RecheckQ5UntilBelow, AlarmAction.ResumeOnlyOnPhysicianOrder], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-SYM-01")]
    public void GivenPausedPhase_WhenSym01_ThenStopTheInfusionStillApplies()
    {
        var alarm = Assert.Single(new Session(MonitoringPhase.Paused).Feed(Symptoms(30, ReportedSymptoms.Confusion)).Alarms);

        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.PhysicianToBedside, AlarmAction.EvaluateForEmergencyTransfer], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-HR-01")]
    public void GivenPausedPhase_WhenHr01Sustained_ThenNoConsiderPausing()
    {
        var session = new Session(MonitoringPhase.Paused);
        session.Feed(Hr(30, 120));

        var alarm = Assert.Single(session.Feed(Hr(35, 120)).Alarms);

        Assert.Equal([AlarmAction.NotifyPhysician], alarm.RequiredActions);
    }

    [Fact]
    [Trait("Rule", "VS-RR-01")]
    public void GivenRecoveryPhase_WhenApnea_ThenAirwaySupportWithoutStop()
    {
        var alarm = Assert.Single(new Session(MonitoringPhase.Recovering).Feed(Apnea(50, 30)).Alarms);

        Assert.Equal([AlarmAction.AirwaySupport], alarm.RequiredActions);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(9.5, 10)]
    [InlineData(10, 20)]
    [InlineData(10.5, 20)]
    [InlineData(39.9, 40)]
    public void GivenReadingDuringInfusion_WhenNormal_ThenNextRoutineReadingIsTheNextTenMinuteMarkFromStart(double minute, double dueMinute)
    {
        var evaluation = new Session().Feed(Normal(minute));

        Assert.Empty(evaluation.Alarms);
        Assert.Equal(new ReadingDue(At(dueMinute), null, ReadingDueReason.RoutineInfusion, null, null), evaluation.NextReadingDue);
    }

    [Theory]
    [InlineData(40, 55)]
    [InlineData(54, 55)]
    [InlineData(55, 70)]
    public void GivenReadingInRecovery_WhenNormal_ThenNextRoutineReadingIsFifteenMinutesFromTheEnd(double minute, double dueMinute)
    {
        var evaluation = new Session(MonitoringPhase.Recovering).Feed(Normal(minute));

        Assert.Equal(new ReadingDue(At(dueMinute), null, ReadingDueReason.RoutineRecovery, null, null), evaluation.NextReadingDue);
    }

    [Fact]
    public void GivenPausedPhase_WhenNormal_ThenTheTenMinuteGridContinues() =>
        Assert.Equal(At(30), new Session(MonitoringPhase.Paused).Feed(Normal(22)).NextReadingDue!.At);

    [Fact]
    public void GivenNextRoutineReading_WhenAskedDirectly_ThenFollowsThePhase()
    {
        var protocol = ClinicProtocol.Default;

        Assert.Null(VitalsPolicy.NextRoutineReading(MonitoringPhase.PreInfusion, null, null, At(0), protocol));
        Assert.Equal(At(0), VitalsPolicy.NextRoutineReading(MonitoringPhase.Infusing, At(0), null, At(-3), protocol));
        Assert.Equal(At(20), VitalsPolicy.NextRoutineReading(MonitoringPhase.Infusing, At(0), null, At(12), protocol));
        Assert.Equal(At(20), VitalsPolicy.NextRoutineReading(MonitoringPhase.Paused, At(0), null, At(10), protocol));
        Assert.Equal(At(70), VitalsPolicy.NextRoutineReading(MonitoringPhase.Recovering, At(0), At(40), At(56), protocol));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.NextRoutineReading(MonitoringPhase.Recovering, At(0), null, At(56), protocol));
        Assert.Throws<ArgumentNullException>(() => VitalsPolicy.NextRoutineReading(MonitoringPhase.Infusing, null, null, At(56), protocol));
    }

    [Fact]
    public void GivenClinicIntervals_WhenConfigured_ThenScheduleUsesThem()
    {
        var protocol = ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { InfusionReadingIntervalMinutes = 5, RecoveryReadingIntervalMinutes = 20 } };

        Assert.Equal(At(15), VitalsPolicy.NextRoutineReading(MonitoringPhase.Infusing, At(0), null, At(12), protocol));
        Assert.Equal(At(60), VitalsPolicy.NextRoutineReading(MonitoringPhase.Recovering, At(0), At(40), At(45), protocol));
    }

    [Fact]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenDefaultProtocol_WhenStartingInfusion_ThenVsCfg01DoesNotBlock() =>
        Assert.Empty(VitalsPolicy.CheckInfusionStart(ClinicProtocol.Default));

    [Fact]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenRrFloorUnset_WhenStartingInfusion_ThenBlock()
    {
        var protocol = ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { RrFloorPerMin = null } };

        var finding = Assert.Single(VitalsPolicy.CheckInfusionStart(protocol));

        Assert.Equal(VitalsPolicy.VsCfg01, finding.Rule);
        Assert.Equal(Enforcement.Block, finding.Level);
        Assert.Equal(ClinicalAuthority.None, finding.Authority);
        Assert.False(finding.OverrideAllowed);
        Assert.Equal("VS-CFG-01: rrFloorPerMin (VS-RR-01) is unset in the clinic protocol; no infusion can start until it is set.", finding.Message);
        Assert.Equal(["C"], finding.Sources);
    }

    [Fact]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenApneaSecUnset_WhenStartingInfusion_ThenBlock()
    {
        var protocol = ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { ApneaSec = null } };

        var finding = Assert.Single(VitalsPolicy.CheckInfusionStart(protocol));

        Assert.Equal(Enforcement.Block, finding.Level);
        Assert.Equal("VS-CFG-01: apneaSec (VS-RR-01) is unset in the clinic protocol; no infusion can start until it is set.", finding.Message);
        Assert.Equal(["C"], finding.Sources);
    }

    [Fact]
    [Trait("Rule", "VS-CFG-01")]
    public void GivenBothUnset_WhenStartingInfusion_ThenTwoBlocks() =>
        Assert.Equal(2, VitalsPolicy.CheckInfusionStart(ClinicProtocol.Default with { Vitals = VitalsProtocol.Default with { ApneaSec = null, RrFloorPerMin = null } }).Count);

    [Fact]
    public void GivenEpisodeNewerThanTheReading_WhenEvaluated_ThenRejectedAsOutOfOrder()
    {
        var context = VitalsContext.Infusing(At(0), [new AlarmEpisode(VitalsPolicy.VsBp01, EpisodeState.AwaitingConfirmation, At(30), At(30))]);

        Assert.Throws<ArgumentException>(() => VitalsPolicy.Evaluate(Bp(29, 170, 95), context, ClinicProtocol.Default));
    }

    [Fact]
    public void GivenEpisodeOfAnUnknownRule_WhenEvaluated_ThenRejected()
    {
        var context = VitalsContext.Infusing(At(0), [new AlarmEpisode(new RuleId("BP-PRE-01"), EpisodeState.Active, At(0), At(0))]);

        Assert.Throws<ArgumentException>(() => VitalsPolicy.Evaluate(Normal(5), context, ClinicProtocol.Default));
    }

    [Fact]
    public void GivenTwoEpisodesOfOneRule_WhenBuildingContext_ThenRejected() =>
        Assert.Throws<ArgumentException>(() => VitalsContext.Infusing(
            At(0),
            [
                new AlarmEpisode(VitalsPolicy.VsBp01, EpisodeState.Active, At(0), At(0)),
                new AlarmEpisode(VitalsPolicy.VsBp01, EpisodeState.Active, At(1), At(1)),
            ]));

    [Fact]
    public void GivenPhaseWithoutTheInstantsItNeeds_WhenBuildingContext_ThenRejected()
    {
        Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Infusing, null, null, []));
        Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Paused, null, null, []));
        Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Recovering, At(0), null, []));
        Assert.Throws<ArgumentException>(() => new VitalsContext(MonitoringPhase.Recovering, At(10), At(0), []));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VitalsContext((MonitoringPhase)9, null, null, []));
        Assert.Equal(MonitoringPhase.PreInfusion, VitalsContext.BeforeInfusion().Phase);
        var recovering = VitalsContext.Recovering(At(0), At(40));
        Assert.Equal((MonitoringPhase.Recovering, At(0), At(40)), (recovering.Phase, recovering.InfusionStartedAt!.Value, recovering.InfusionEndedAt!.Value));
    }

    [Fact]
    public void GivenEvaluation_WhenReturned_ThenCarriesTheProtocolVersion()
    {
        var protocol = ClinicProtocol.Default with { Version = new ProtocolVersion("2026.2") };

        Assert.Equal(new ProtocolVersion("2026.2"), VitalsPolicy.Evaluate(Normal(5), VitalsContext.Infusing(At(0)), protocol).ProtocolVersion);
    }

    [Theory]
    [InlineData(ObservationInterpretation.High, "H")]
    [InlineData(ObservationInterpretation.CriticalHigh, "HH")]
    [InlineData(ObservationInterpretation.Low, "L")]
    [InlineData(ObservationInterpretation.CriticalLow, "LL")]
    public void GivenInterpretation_WhenCoded_ThenFhirCode(ObservationInterpretation interpretation, string code) =>
        Assert.Equal(code, interpretation.ToFhirCode());
}
