using KetamineClinic.Domain.Infusions.Vitals;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>VS-PREC-01: one alarm per vital-sign family, highest severity wins, others logged as suppressed.</summary>
[Trait("Rule", "VS-PREC-01")]
public sealed class AlarmPrecedenceTests
{
    [Fact]
    public void GivenLowSpo2AndChestPainInOneReading_WhenInfusing_ThenEachFamilyRaisesItsOwnAlarm()
    {
        var reading = new VitalsReading(At(20), new BloodPressure(150, 90), spo2: Spo2RoomAir(88), symptoms: ReportedSymptoms.ChestPain);

        var evaluation = new Session().Feed(reading);

        Assert.Equal([VitalsPolicy.VsSym01, VitalsPolicy.VsSpo202], evaluation.Alarms.Select(a => a.Rule));
        Assert.Equal([VitalSignFamily.BloodPressure, VitalSignFamily.Oxygenation], evaluation.Alarms.Select(a => a.Family));
    }

    [Fact]
    public void GivenEveryFamilyAbnormalAtOnce_WhenInfusing_ThenOneCriticalOrFirstReadingAlarmPerFamily()
    {
        var reading = new VitalsReading(
            At(20),
            new BloodPressure(190, 120),
            new HeartRate(45),
            Spo2RoomAir(85),
            new RespiratoryRate(6),
            apneaObservedSeconds: 25,
            moaas: new MoaasScore(1),
            symptoms: ReportedSymptoms.Seizure | ReportedSymptoms.Agitation);

        var evaluation = new Session().Feed(reading);

        Assert.Equal(
            [VitalsPolicy.VsBp03, VitalsPolicy.VsSpo202, VitalsPolicy.VsRr01, VitalsPolicy.VsSed01, VitalsPolicy.VsPsy01],
            evaluation.Alarms.Select(a => a.Rule));
        Assert.Equal(evaluation.Alarms.Count, evaluation.Alarms.Select(a => a.Family).Distinct().Count());
        Assert.Equal(EpisodeState.AwaitingConfirmation, evaluation.OpenEpisodes.Single(e => e.Rule == VitalsPolicy.VsHr02).State);
    }

    [Fact]
    public void GivenCriticalBp03Active_WhenAsymptomaticReadingLaterConfirmsBp02_ThenBp02IsSuppressedNotRaised()
    {
        var session = new Session();
        session.Feed(Bp(30, 190, 122, ReportedSymptoms.ChestPain));

        // Device reading: no symptom assessment, so VS-BP-03 stays active; VS-BP-02 confirms underneath it.
        var later = session.Feed(Bp(33, 190, 122));

        Assert.Empty(later.Alarms);
        Assert.Contains(new SuppressedRule(VitalsPolicy.VsBp02, VitalsPolicy.VsBp03), later.Suppressed);
        Assert.Contains(new SuppressedRule(VitalsPolicy.VsBp01, VitalsPolicy.VsBp03), later.Suppressed);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsBp03)!.State);
        Assert.False(session.Episode(VitalsPolicy.VsBp02)!.AlarmRaised);
    }

    [Fact]
    public void GivenWarnBp01Active_WhenBp02IsConfirmed_ThenTheMoreSevereAlarmIsRaised()
    {
        var session = new Session();
        session.FeedAll(Bp(30, 170, 95), Bp(33, 170, 95));

        session.Feed(Bp(38, 185, 95));
        var escalated = session.Feed(Bp(41, 186, 95));

        var alarm = Assert.Single(escalated.Alarms);
        Assert.Equal(VitalsPolicy.VsBp02, alarm.Rule);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsBp01)!.State);
    }

    [Fact]
    public void GivenBp02Active_WhenBpFallsIntoTheBp01Band_ThenBp02ClearsAndBpStaysOnFiveMinuteChecks()
    {
        var session = new Session();
        session.FeedAll(Bp(30, 185, 104, ReportedSymptoms.None), Bp(33, 185, 104, ReportedSymptoms.None));

        var lower = session.Feed(Bp(38, 170, 100, ReportedSymptoms.None));

        Assert.Empty(lower.Alarms);
        Assert.Contains(lower.ClosedEpisodes, c => c.Rule == VitalsPolicy.VsBp02 && c.Closure == EpisodeClosure.Cleared && c.AlarmRaised);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsBp01)!.State);
        Assert.Equal(
            [
                new ReadingDue(At(40), null, ReadingDueReason.RoutineInfusion, null, null),
                new ReadingDue(At(43), null, ReadingDueReason.IntensiveBp, VitalsPolicy.VsBp01, VitalSignFamily.BloodPressure),
            ],
            lower.ReadingsDue);
    }

    [Fact]
    public void GivenSym01Active_WhenBpRisesAbove180WithTheSymptom_ThenBp03IsRaisedBecauseItIsMoreSpecific()
    {
        var session = new Session();
        session.Feed(Bp(20, 150, 95, ReportedSymptoms.ChestPain));

        var worse = session.Feed(Bp(23, 190, 115, ReportedSymptoms.ChestPain));

        Assert.Equal([VitalsPolicy.VsBp03], worse.Alarms.Select(a => a.Rule));
    }

    [Fact]
    public void GivenBp03Active_WhenSym01IsReportedAgainAtNormalBp_ThenNoNewAlarm()
    {
        var session = new Session();
        session.Feed(Bp(20, 190, 115, ReportedSymptoms.ChestPain));

        var later = session.Feed(Bp(23, 150, 90, ReportedSymptoms.ChestPain));

        Assert.Empty(later.Alarms);
        Assert.Contains(later.ClosedEpisodes, c => c.Rule == VitalsPolicy.VsBp03 && c.Closure == EpisodeClosure.Cleared);
    }

    private static Spo2 Spo2RoomAir(int percent) => Domain.Infusions.Vitals.Spo2.RoomAir(percent);
}
