using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Domain.Recovery;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>The §12 "Vital-sign gates and alarms" vectors for in-session alarms.</summary>
public sealed class VitalsPolicyVectorTests
{
    [Fact]
    [Trait("Vector", "TV-32")]
    [Trait("Rule", "VS-BP-02")]
    [Trait("Rule", "VS-PREC-01")]
    [Trait("Rule", "VS-CONF-01")]
    public void GivenBp184Over104AsymptomaticConfirmedOnRepeat_WhenInfusing_ThenPauseAlarmWithBp01Suppressed()
    {
        var session = new Session();

        var first = session.Feed(Bp(30, 184, 104, ReportedSymptoms.None));
        Assert.Empty(first.Alarms);
        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsBp02)!.State);
        Assert.Equal(new ReadingDue(At(32), At(35), ReadingDueReason.Confirmation, VitalsPolicy.VsBp02, VitalSignFamily.BloodPressure), first.NextReadingDue);

        var repeat = session.Feed(Bp(33, 184, 104, ReportedSymptoms.None));

        var alarm = Assert.Single(repeat.Alarms);
        Assert.Equal(VitalsPolicy.VsBp02, alarm.Rule);
        Assert.Equal(AlarmSeverity.Alert, alarm.Severity);
        Assert.Equal(VitalSignFamily.BloodPressure, alarm.Family);
        Assert.Equal([AlarmAction.PauseInfusion, AlarmAction.NotifyPhysician, AlarmAction.RecheckQ5UntilBelow, AlarmAction.ResumeOnlyOnPhysicianOrder], alarm.RequiredActions);
        Assert.Equal([VitalsPolicy.VsBp01], alarm.SuppressedRules);
        Assert.Equal(At(33), alarm.EventTime);
        Assert.Equal(At(30), alarm.FirstMetAt);
        Assert.Equal(AlarmConfirmation.Confirmed, alarm.Confirmation);
        Assert.Equal(ObservationInterpretation.High, alarm.Interpretation);
        Assert.Equal("H", alarm.InterpretationCode);
        Assert.Equal(ClinicProtocol.Default.Version, alarm.ProtocolVersion);
        Assert.Equal(
            "VS-BP-02: BP above 180/110, asymptomatic: pause the infusion, notify the physician, recheck every 5 min until SBP ≤ 180 and DBP ≤ 110; resume only on the physician's order (184/104 mmHg), confirmed 3 min after the first reading.",
            alarm.Message);

        // §4.2: BP q5 min while VS-BP-02 is active.
        Assert.Equal(new ReadingDue(At(38), null, ReadingDueReason.IntensiveBp, VitalsPolicy.VsBp02, VitalSignFamily.BloodPressure), repeat.NextReadingDue);
        Assert.Single(repeat.ReadingsDue, d => d.Reason == ReadingDueReason.IntensiveBp);
    }

    [Fact]
    [Trait("Vector", "TV-34")]
    [Trait("Rule", "VS-BP-01")]
    public void GivenBp166Over98AtFortyMinutes_WhenConfirmed_ThenWarnAndBpEveryFiveMinutes()
    {
        var session = new Session();

        var first = session.Feed(Bp(40, 166, 98));
        Assert.Empty(first.Alarms);

        var repeat = session.Feed(Bp(43, 166, 98));

        var alarm = Assert.Single(repeat.Alarms);
        Assert.Equal(VitalsPolicy.VsBp01, alarm.Rule);
        Assert.Equal(AlarmSeverity.Warn, alarm.Severity);
        Assert.Equal([AlarmAction.IncreaseBpFrequencyQ5, AlarmAction.NotifyNurse], alarm.RequiredActions);
        Assert.Empty(alarm.SuppressedRules);
        Assert.Equal("H", alarm.InterpretationCode);
        Assert.Equal(new ReadingDue(At(48), null, ReadingDueReason.IntensiveBp, VitalsPolicy.VsBp01, VitalSignFamily.BloodPressure), repeat.NextReadingDue);
    }

    [Fact]
    [Trait("Vector", "TV-35")]
    [Trait("Rule", "VS-BP-03")]
    [Trait("Rule", "VS-PREC-01")]
    public void GivenBp190Over122WithChestPain_WhenInfusing_ThenCriticalStopWithSym01Suppressed()
    {
        var evaluation = new Session().Feed(Bp(30, 190, 122, ReportedSymptoms.ChestPain));

        var alarm = Assert.Single(evaluation.Alarms);
        Assert.Equal(VitalsPolicy.VsBp03, alarm.Rule);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.EmergencyResponse, AlarmAction.Transfer], alarm.RequiredActions);
        Assert.Equal([VitalsPolicy.VsSym01], alarm.SuppressedRules);
        Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
        Assert.Equal(At(30), alarm.EventTime);
        Assert.Equal("HH", alarm.InterpretationCode);
        Assert.Equal(
            "VS-BP-03: BP above 180/110 with a target-organ symptom: stop the infusion, emergency response (911 / ACLS), transfer (190/122 mmHg, symptoms: ChestPain), on the first reading.",
            alarm.Message);
    }

    [Fact]
    [Trait("Vector", "TV-36")]
    [Trait("Rule", "VS-SPO2-01")]
    public void GivenSpo291OnRoomAirConfirmed_WhenInfusing_ThenWarn()
    {
        var session = new Session();
        Assert.Empty(session.Feed(Spo2(20, 91)).Alarms);

        var alarm = Assert.Single(session.Feed(Spo2(22, 91)).Alarms);

        Assert.Equal(VitalsPolicy.VsSpo201, alarm.Rule);
        Assert.Equal(AlarmSeverity.Warn, alarm.Severity);
        Assert.Equal([AlarmAction.Stimulate, AlarmAction.RepositionAirway, AlarmAction.Recheck, AlarmAction.ConsiderOxygen], alarm.RequiredActions);
        Assert.Equal("L", alarm.InterpretationCode);
        Assert.Equal(VitalSignFamily.Oxygenation, alarm.Family);
    }

    [Fact]
    [Trait("Vector", "TV-38")]
    [Trait("Rule", "VS-HR-01")]
    public void GivenHr118OnAContinuousMonitorForFiveMinutes_WhenInfusing_ThenAlertWhenSustained()
    {
        var session = new Session();
        for (var minute = 20; minute < 25; minute++)
        {
            Assert.Empty(session.Feed(Hr(minute, 118)).Alarms);
        }

        var alarm = Assert.Single(session.Feed(Hr(25, 118)).Alarms);

        Assert.Equal(VitalsPolicy.VsHr01, alarm.Rule);
        Assert.Equal(AlarmSeverity.Alert, alarm.Severity);
        Assert.Equal(AlarmConfirmation.Sustained, alarm.Confirmation);
        Assert.Equal([AlarmAction.NotifyPhysician, AlarmAction.ConsiderPausingInfusion], alarm.RequiredActions);
        Assert.Equal(At(20), alarm.FirstMetAt);
        Assert.Equal("H", alarm.InterpretationCode);
        Assert.Equal(VitalSignFamily.HeartRate, alarm.Family);
    }

    [Fact]
    [Trait("Vector", "TV-82")]
    [Trait("Rule", "VS-SYM-01")]
    public void GivenBp150Over95WithChestPain_WhenInfusing_ThenCriticalSym01OnTheFirstReport()
    {
        var evaluation = new Session().Feed(Bp(20, 150, 95, ReportedSymptoms.ChestPain));

        var alarm = Assert.Single(evaluation.Alarms);
        Assert.Equal(VitalsPolicy.VsSym01, alarm.Rule);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.PhysicianToBedside, AlarmAction.EvaluateForEmergencyTransfer], alarm.RequiredActions);
        Assert.Empty(alarm.SuppressedRules);
        Assert.Null(alarm.Interpretation);
        Assert.Null(alarm.InterpretationCode);
        Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
    }

    [Fact]
    [Trait("Vector", "TV-83")]
    [Trait("Rule", "VS-BP-03")]
    [Trait("Rule", "VS-PREC-01")]
    public void GivenBp175Over115WithChestPain_WhenInfusing_ThenCriticalBp03WithSym01AndBp01Suppressed()
    {
        var alarm = Assert.Single(new Session().Feed(Bp(30, 175, 115, ReportedSymptoms.ChestPain)).Alarms);

        Assert.Equal(VitalsPolicy.VsBp03, alarm.Rule);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.EmergencyResponse, AlarmAction.Transfer], alarm.RequiredActions);
        Assert.Equal([VitalsPolicy.VsSym01, VitalsPolicy.VsBp01], alarm.SuppressedRules);
    }

    [Fact]
    [Trait("Vector", "TV-84")]
    [Trait("Rule", "VS-BP-02")]
    [Trait("Rule", "VS-CONF-01")]
    public void GivenBp186Over108AsymptomaticAndRepeat185Over107ThreeMinutesLater_WhenInfusing_ThenAlertAtTheRepeat()
    {
        var session = new Session();
        Assert.Empty(session.Feed(Bp(30, 186, 108, ReportedSymptoms.None)).Alarms);

        var alarm = Assert.Single(session.Feed(Bp(33, 185, 107, ReportedSymptoms.None)).Alarms);

        Assert.Equal(VitalsPolicy.VsBp02, alarm.Rule);
        Assert.Equal(At(33), alarm.EventTime);
        Assert.Equal([VitalsPolicy.VsBp01], alarm.SuppressedRules);
        Assert.DoesNotContain(VitalsPolicy.VsBp03, alarm.SuppressedRules);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsBp02)!.State);
        Assert.True(session.Episode(VitalsPolicy.VsBp02)!.AlarmRaised);
    }

    [Fact]
    [Trait("Vector", "TV-85")]
    [Trait("Rule", "VS-BP-03")]
    public void GivenBp186Over108WithSevereHeadacheOnTheFirstReading_WhenInfusing_ThenCriticalBp03AtOnce()
    {
        var alarm = Assert.Single(new Session().Feed(Bp(30, 186, 108, ReportedSymptoms.SevereHeadache)).Alarms);

        Assert.Equal(VitalsPolicy.VsBp03, alarm.Rule);
        Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
        Assert.Equal([VitalsPolicy.VsSym01, VitalsPolicy.VsBp01], alarm.SuppressedRules);
        Assert.DoesNotContain(VitalsPolicy.VsBp02, alarm.SuppressedRules);
    }

    [Fact]
    [Trait("Vector", "TV-86")]
    [Trait("Rule", "VS-RR-01")]
    public void GivenApneaOf20SecondsOnTheFirstObservation_WhenInfusing_ThenCriticalAtOnce()
    {
        var alarm = Assert.Single(new Session().Feed(Apnea(25, 20)).Alarms);

        Assert.Equal(VitalsPolicy.VsRr01, alarm.Rule);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
        Assert.Equal([AlarmAction.StopInfusion, AlarmAction.AirwaySupport], alarm.RequiredActions);
        Assert.Equal("LL", alarm.InterpretationCode);
        Assert.Equal(At(25), alarm.EventTime);
        Assert.Equal("VS-RR-01: RR below the floor or apnea: stop the infusion, airway management (apnea 20 s), on the first reading.", alarm.Message);
    }

    [Theory]
    [Trait("Vector", "TV-87")]
    [Trait("Rule", "VS-RR-01")]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void GivenRespiratoryRateAtTheFloor_WhenInfusing_ThenOnlyBelowEightIsCritical(int rr, bool alarms)
    {
        var session = new Session();

        var evaluation = session.Feed(Rr(20, rr));

        if (alarms)
        {
            var alarm = Assert.Single(evaluation.Alarms);
            Assert.Equal(VitalsPolicy.VsRr01, alarm.Rule);
            Assert.Equal(AlarmConfirmation.FirstReading, alarm.Confirmation);
            Assert.Equal("VS-RR-01: RR below the floor or apnea: stop the infusion, airway management (RR 7 /min), on the first reading.", alarm.Message);
        }
        else
        {
            Assert.Empty(evaluation.Alarms);
            Assert.Empty(session.Episodes);
        }
    }

    [Fact]
    [Trait("Vector", "TV-88")]
    [Trait("Rule", "VS-SPO2-01")]
    public void GivenSpo292OnRoomAirConfirmed_WhenInfusing_ThenWarnAndAldreteOxygenItemIsOne()
    {
        var session = new Session();
        Assert.Empty(session.Feed(Spo2(20, 92)).Alarms);

        var alarm = Assert.Single(session.Feed(Spo2(23, 92)).Alarms);

        Assert.Equal(VitalsPolicy.VsSpo201, alarm.Rule);
        Assert.Equal(AlarmSeverity.Warn, alarm.Severity);
        Assert.Equal(1, AldreteScore.OxygenSaturationPoints(Domain.Infusions.Vitals.Spo2.RoomAir(92)));
    }
}
