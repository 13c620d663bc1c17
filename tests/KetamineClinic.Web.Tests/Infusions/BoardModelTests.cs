using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Web.Features.Infusions;

namespace KetamineClinic.Web.Tests.Infusions;

public sealed class BoardModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private static TileSession Session(SessionPhase phase) => new()
    {
        Id = Guid.NewGuid(),
        PatientName = "P",
        Mrn = "M",
        Phase = phase,
        CheckedInAt = T0.AddMinutes(-10),
        InfusionStartedAt = T0,
        PlannedInfusionMinutes = 40,
        ObservationMinutes = 30,
    };

    [Fact]
    public void GivenAPausedInfusion_WhenTimed_ThenPausesAreNotCounted()
    {
        var s = Session(SessionPhase.Paused);
        s.PausedSeconds = 120;
        s.PausedAt = T0.AddMinutes(20);

        var timer = PhaseTimer.For(s, T0.AddMinutes(25))!;

        Assert.Equal("Infusion 18:00 / 40:00 · paused 05:00", timer.Label);
        Assert.Equal(45, timer.Percent);
        Assert.False(timer.Overdue);
    }

    [Fact]
    public void GivenTheObservationTimeHasPassed_WhenTimed_ThenDoneAndFlagged()
    {
        var s = Session(SessionPhase.Recovering);
        s.InfusionEndedAt = T0.AddMinutes(40);

        var timer = PhaseTimer.For(s, T0.AddMinutes(70))!;

        Assert.Equal(("Observation done (30:00 since end)", true), (timer.Label, timer.Overdue));
    }

    [Fact]
    public void GivenReadingsArrivingOutOfOrder_WhenAppliedToATile_ThenTheTrendIsInTimeOrderAndDuplicatesIgnored()
    {
        var tile = new ChairTileState { ChairId = Guid.NewGuid(), ChairLabel = "C", Session = Session(SessionPhase.Infusing) };
        var a = Reading(T0.AddMinutes(10), 120);
        var b = Reading(T0.AddMinutes(5), 110);

        tile.Apply(new ReadingsAdded(Guid.Empty, tile.Session!.Id, tile.ChairId, [a], null, null));
        tile.Apply(new ReadingsAdded(Guid.Empty, tile.Session.Id, tile.ChairId, [b, a], T0.AddMinutes(20), ReadingDueReason.RoutineInfusion));

        Assert.Equal([110, 120], tile.Series(r => r.SystolicMmHg));
        Assert.Equal(T0.AddMinutes(20), tile.Session.NextReadingDueAt);
    }

    [Fact]
    public void GivenAlarms_WhenApplied_ThenMostSevereFirstAndResolvedOnesLeave()
    {
        var tile = new ChairTileState { ChairId = Guid.NewGuid(), ChairLabel = "C", Session = Session(SessionPhase.Infusing) };
        var warn = Alarm(AlarmSeverity.Warn, AlarmState.Raised);
        var critical = Alarm(AlarmSeverity.Critical, AlarmState.Raised);

        tile.Apply(warn);
        tile.Apply(critical);
        Assert.Equal([AlarmSeverity.Critical, AlarmSeverity.Warn], tile.Alarms.Select(x => x.Severity));
        Assert.Equal(AlarmSeverity.Critical, tile.HighestOpenSeverity);

        tile.Apply(critical with { State = AlarmState.Resolved });
        Assert.Equal([warn.Id], tile.Alarms.Select(x => x.Id));
    }

    [Theory]
    [InlineData(new[] { 120, 130 }, 72, 20, "2,18 70,2")]
    [InlineData(new[] { 100, 100, 100 }, 10, 20, "2,10 5,10 8,10")]
    public void GivenValues_WhenDrawingASparkline_ThenPointsAreScaledToTheBox(int[] values, int width, int height, string expected) =>
        Assert.Equal(expected, SparklineGeometry.Points(values, width, height));

    private static ReadingView Reading(DateTimeOffset at, int sbp) =>
        new(Guid.NewGuid(), at, VitalsSourceKind.Http, sbp, 80, null, null, null, null, null, null, null, null, ReadingEvaluation.InOrder);

    private static AlarmView Alarm(AlarmSeverity severity, AlarmState state) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "VS-X", severity, "m", [], T0, state, T0.AddMinutes(5), null, null, null, null, null, Guid.NewGuid());
}
