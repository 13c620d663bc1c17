using KetamineClinic.Domain.Infusions.Vitals;
using static KetamineClinic.Domain.Tests.Infusions.Vitals.Readings;

namespace KetamineClinic.Domain.Tests.Infusions.Vitals;

/// <summary>VS-CONF-01: confirmation window, the unconfirmed path and "sustained".</summary>
[Trait("Rule", "VS-CONF-01")]
public sealed class AlarmConfirmationTests
{
    [Fact]
    public void GivenRepeatOneMinuteFiftyNineAfterTheFirst_WhenItMeetsTheCondition_ThenItIsNotAConfirmationYet()
    {
        var session = new Session();
        session.Feed(Spo2(At(20, 0), 91));

        var early = session.Feed(Spo2(At(21, 59), 91));

        Assert.Empty(early.Alarms);
        var episode = session.Episode(VitalsPolicy.VsSpo201)!;
        Assert.Equal(EpisodeState.AwaitingConfirmation, episode.State);
        Assert.Equal(At(20), episode.LastCountedAt);
        Assert.Equal(new ReadingDue(At(22), At(25), ReadingDueReason.Confirmation, VitalsPolicy.VsSpo201, VitalSignFamily.Oxygenation), early.NextReadingDue);
    }

    [Fact]
    public void GivenRepeatOneMinuteFiftyNineAfterTheFirst_WhenItDoesNotMeetTheCondition_ThenTheEpisodeIgnoresIt()
    {
        var session = new Session();
        session.Feed(Spo2(At(20, 0), 91));

        session.Feed(Spo2(At(21, 59), 97));

        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsSpo201)!.State);
        var confirmed = Assert.Single(session.Feed(Spo2(At(22, 0), 91)).Alarms);
        Assert.Equal(AlarmConfirmation.Confirmed, confirmed.Confirmation);
    }

    [Theory]
    [InlineData(2, 0, AlarmConfirmation.Confirmed)]
    [InlineData(5, 0, AlarmConfirmation.Confirmed)]
    [InlineData(5, 1, AlarmConfirmation.ConfirmedLate)]
    public void GivenRepeatAtTheWindowEdges_WhenItMeetsTheCondition_ThenAlarmWithEventTimeOfTheRepeat(int minutes, int seconds, AlarmConfirmation expected)
    {
        var session = new Session();
        session.Feed(Bp(At(30, 0), 170, 95));
        var repeatAt = At(30 + minutes, seconds);

        var alarm = Assert.Single(session.Feed(Bp(repeatAt, 170, 95)).Alarms);

        Assert.Equal(VitalsPolicy.VsBp01, alarm.Rule);
        Assert.Equal(expected, alarm.Confirmation);
        Assert.Equal(repeatAt, alarm.EventTime);
        Assert.Equal(At(30), alarm.FirstMetAt);
    }

    [Fact]
    public void GivenLateConfirmation_WhenRaised_ThenMessageSaysSoWithTheWindow()
    {
        var session = new Session();
        session.Feed(Bp(30, 170, 95));

        var alarm = Assert.Single(session.Feed(Bp(36, 170, 95)).Alarms);

        Assert.Equal(
            "VS-BP-01: BP in the 160–180 / 100–110 band: BP every 5 min, notify the nurse (170/95 mmHg), confirmed late, 6 min after the first reading (window 2–5 min).",
            alarm.Message);
    }

    [Fact]
    public void GivenRepeatThatDoesNotMeetTheCondition_WhenEvaluated_ThenFirstReadingLoggedUnconfirmedAndRecheckDueFiveMinutesLater()
    {
        var session = new Session();
        session.Feed(Bp(30, 186, 100, ReportedSymptoms.None));

        var repeat = session.Feed(Bp(33, 150, 90, ReportedSymptoms.None));

        Assert.Empty(repeat.Alarms);
        var episode = session.Episode(VitalsPolicy.VsBp02)!;
        Assert.Equal(EpisodeState.AwaitingRecheck, episode.State);
        Assert.Equal(At(33), episode.UnconfirmedAt);
        Assert.Equal(At(30), episode.FirstMetAt);
        Assert.Contains(new ReadingDue(At(38), null, ReadingDueReason.UnconfirmedRecheck, VitalsPolicy.VsBp02, VitalSignFamily.BloodPressure), repeat.ReadingsDue);
    }

    [Fact]
    public void GivenUnconfirmedEpisode_WhenTheRecheckMeetsTheCondition_ThenAlarmFiresWithEventTimeOfTheRecheck()
    {
        var session = new Session();
        session.FeedAll(Bp(30, 186, 100, ReportedSymptoms.None), Bp(33, 150, 90, ReportedSymptoms.None));

        var recheck = session.Feed(Bp(38, 188, 100, ReportedSymptoms.None));

        var alarm = Assert.Single(recheck.Alarms);
        Assert.Equal(VitalsPolicy.VsBp02, alarm.Rule);
        Assert.Equal(AlarmConfirmation.ConfirmedOnRecheck, alarm.Confirmation);
        Assert.Equal(At(38), alarm.EventTime);
        Assert.Equal(At(30), alarm.FirstMetAt);
        Assert.Equal(
            "VS-BP-02: BP above 180/110, asymptomatic: pause the infusion, notify the physician, recheck every 5 min until SBP ≤ 180 and DBP ≤ 110; resume only on the physician's order (188/100 mmHg), confirmed on the recheck after an unconfirmed repeat.",
            alarm.Message);
    }

    [Fact]
    public void GivenUnconfirmedEpisode_WhenTheRecheckDoesNotMeetTheCondition_ThenEpisodeClosesAsUnconfirmed()
    {
        var session = new Session();
        session.FeedAll(Bp(30, 186, 100, ReportedSymptoms.None), Bp(33, 150, 90, ReportedSymptoms.None));

        var recheck = session.Feed(Bp(38, 150, 90, ReportedSymptoms.None));

        Assert.Empty(recheck.Alarms);
        Assert.Null(session.Episode(VitalsPolicy.VsBp02));
        var closed = Assert.Single(recheck.ClosedEpisodes, c => c.Rule == VitalsPolicy.VsBp02);
        Assert.Equal(EpisodeClosure.Unconfirmed, closed.Closure);
        Assert.Equal(At(30), closed.FirstMetAt);
        Assert.Equal(At(38), closed.ClosedAt);
        Assert.False(closed.AlarmRaised);
    }

    [Fact]
    public void GivenUnconfirmedEpisode_WhenAReadingComesSoonerThanTwoMinutesAfterTheRepeat_ThenTheEpisodeWaitsForAnIndependentOne()
    {
        var session = new Session();
        session.FeedAll(Bp(30, 186, 100, ReportedSymptoms.None), Bp(33, 150, 90, ReportedSymptoms.None));

        var soon = session.Feed(Bp(34, 186, 100, ReportedSymptoms.None));

        Assert.DoesNotContain(soon.Alarms, a => a.Rule == VitalsPolicy.VsBp02);
        Assert.Equal(EpisodeState.AwaitingRecheck, session.Episode(VitalsPolicy.VsBp02)!.State);
    }

    [Fact]
    public void GivenCriticalCondition_WhenFirstReading_ThenNoConfirmationIsAwaited()
    {
        var session = new Session();

        var evaluation = session.Feed(Spo2(20, 85));

        Assert.Equal(AlarmConfirmation.FirstReading, Assert.Single(evaluation.Alarms).Confirmation);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsSpo202)!.State);
    }

    [Fact]
    [Trait("Rule", "VS-HR-01")]
    public void GivenTwoReadingsFiveMinutesApartBothAbove110_WhenInfusing_ThenSustained()
    {
        var session = new Session();
        var first = session.Feed(Hr(20, 115));
        Assert.Equal(new ReadingDue(At(25), null, ReadingDueReason.SustainedHeartRate, VitalsPolicy.VsHr01, VitalSignFamily.HeartRate), first.NextReadingDue);

        var alarm = Assert.Single(session.Feed(Hr(25, 116)).Alarms);

        Assert.Equal(AlarmConfirmation.Sustained, alarm.Confirmation);
        Assert.Equal("VS-HR-01: sustained HR above 110 /min: notify the physician, consider pausing (116 /min), sustained for 5 min.", alarm.Message);
    }

    [Fact]
    [Trait("Rule", "VS-HR-01")]
    public void GivenHrAbove110ForFourMinutesFiftyNine_WhenInfusing_ThenNotYetSustained()
    {
        var session = new Session();
        session.Feed(Hr(At(20, 0), 118));

        var evaluation = session.Feed(Hr(At(24, 59), 118));

        Assert.Empty(evaluation.Alarms);
        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsHr01)!.State);
    }

    [Fact]
    [Trait("Rule", "VS-HR-01")]
    public void GivenHrDipsTo110InsideFiveMinutes_WhenInfusing_ThenNotSustainedAndTheRunRestarts()
    {
        var session = new Session();
        session.Feed(Hr(20, 118));

        var dip = session.Feed(Hr(22, 110));

        Assert.Equal(EpisodeClosure.Unconfirmed, Assert.Single(dip.ClosedEpisodes).Closure);
        session.Feed(Hr(23, 118));
        Assert.Empty(session.Feed(Hr(27, 118)).Alarms); // only 4 min since the run restarted
        Assert.Single(session.Feed(Hr(28, 118)).Alarms);
    }

    [Fact]
    public void GivenActiveAlarm_WhenTheConditionPersists_ThenItIsNotRaisedAgain()
    {
        var session = new Session();
        session.Feed(Spo2(20, 85));

        var again = session.Feed(Spo2(21, 86));

        Assert.Empty(again.Alarms);
        Assert.Equal(EpisodeState.Active, session.Episode(VitalsPolicy.VsSpo202)!.State);
        Assert.Equal(At(21), session.Episode(VitalsPolicy.VsSpo202)!.LastCountedAt);
    }

    [Fact]
    public void GivenActiveAlarm_WhenTheConditionClears_ThenEpisodeClosesAsCleared()
    {
        var session = new Session();
        session.Feed(Spo2(20, 85));

        var cleared = session.Feed(Spo2(23, 97));

        var closed = Assert.Single(cleared.ClosedEpisodes);
        Assert.Equal((VitalsPolicy.VsSpo202, EpisodeClosure.Cleared, true, At(20), At(23)), (closed.Rule, closed.Closure, closed.AlarmRaised, closed.FirstMetAt, closed.ClosedAt));
        Assert.Null(session.Episode(VitalsPolicy.VsSpo202));

        // 85 % also met VS-SPO2-01; 97 % does not confirm it, so it takes the unconfirmed path.
        Assert.Equal(EpisodeState.AwaitingRecheck, session.Episode(VitalsPolicy.VsSpo201)!.State);
    }

    [Fact]
    public void GivenAwaitingEpisode_WhenAReadingOfAnotherVitalSignArrives_ThenTheEpisodeIsUntouched()
    {
        var session = new Session();
        session.Feed(Bp(30, 170, 95));

        session.Feed(Spo2(33, 97));

        Assert.Equal(EpisodeState.AwaitingConfirmation, session.Episode(VitalsPolicy.VsBp01)!.State);
        Assert.Single(session.Feed(Bp(34, 170, 95)).Alarms);
    }
}
