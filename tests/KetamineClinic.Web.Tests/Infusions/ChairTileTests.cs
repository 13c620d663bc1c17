using Bunit;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Infusions;

public sealed class ChairTileTests : BunitContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    public ChairTileTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static ChairTileState InfusingTile()
    {
        var session = Guid.NewGuid();
        var tile = new ChairTileState
        {
            ChairId = Guid.NewGuid(),
            ChairLabel = "Chair 3",
            Session = new TileSession
            {
                Id = session,
                PatientId = Guid.NewGuid(),
                PatientName = "Patient3, Test3",
                Mrn = "T0000003",
                Phase = SessionPhase.Infusing,
                CheckedInAt = Start.AddMinutes(-15),
                InfusionStartedAt = Start,
                PlannedInfusionMinutes = 40,
                ObservationMinutes = 30,
                NextReadingDueAt = Start.AddMinutes(38),
                NextReadingDueReason = ReadingDueReason.IntensiveBp,
                Version = Guid.NewGuid(),
            },
        };
        tile.Apply(new ReadingsAdded(Guid.NewGuid(), session, tile.ChairId,
        [
            new ReadingView(Guid.NewGuid(), Start.AddMinutes(20), VitalsSourceKind.Http, 150, 90, 80, 97, false, 14, null, null, null, null, ReadingEvaluation.InOrder),
            new ReadingView(Guid.NewGuid(), Start.AddMinutes(30), VitalsSourceKind.Http, 184, 104, 88, 96, false, null, null, null, null, null, ReadingEvaluation.InOrder),
        ], Start.AddMinutes(38), ReadingDueReason.IntensiveBp));
        tile.Apply(new AlarmView(Guid.NewGuid(), session, "VS-BP-02", AlarmSeverity.Alert, "VS-BP-02: BP above 180/110, asymptomatic", [AlarmAction.PauseInfusion, AlarmAction.NotifyPhysician],
            Start.AddMinutes(33), AlarmState.Raised, Start.AddMinutes(38), null, null, null, null, null, Guid.NewGuid()));
        return tile;
    }

    [Fact]
    [Trait("Rule", "VS-BP-02")]
    public void GivenAnInfusingChairWithAnAlert_WhenRendered_ThenPhaseTimerVitalsDueAndTheColouredAlarmShow()
    {
        var tile = InfusingTile();

        var cut = Render<ChairTile>(p => p
            .Add(x => x.Tile, tile)
            .Add(x => x.Now, Start.AddMinutes(34).AddSeconds(5))
            .Add(x => x.ShowClinical, true)
            .Add(x => x.CanAct, true));

        Assert.Equal("Infusing", cut.Find("[data-test=phase]").TextContent);
        Assert.Equal("Infusion 34:05 / 40:00", cut.Find("[data-test=timer]").TextContent);
        Assert.Equal("184/104", cut.Find("[data-test=bp]").TextContent);
        Assert.Contains("in 03:55 (BP q5)", cut.Find("[data-test=due]").TextContent, StringComparison.Ordinal);
        Assert.Contains("kc-tile--alert", cut.Find("section").ClassList);
        var alarm = cut.Find("[data-alarm='VS-BP-02']");
        Assert.Contains("kc-alarm--Alert", alarm.ClassList);
        Assert.Contains("ALERT VS-BP-02", alarm.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, cut.FindAll("svg.kc-spark polyline").Count(p => p.GetAttribute("points")!.Split(' ').Length == 2));
    }

    [Fact]
    public void GivenAnAlarm_WhenTheNurseAcknowledgesWithAnAction_ThenTheCallbackGetsTheAlarmAndTheActionTaken()
    {
        var tile = InfusingTile();
        (Guid Alarm, string Action)? acknowledged = null;
        var cut = Render<ChairTile>(p => p
            .Add(x => x.Tile, tile)
            .Add(x => x.Now, Start.AddMinutes(34))
            .Add(x => x.ShowClinical, true)
            .Add(x => x.CanAct, true)
            .Add(x => x.OnAcknowledge, (id, action) =>
            {
                acknowledged = (id, action);
                return Task.FromResult(TileOutcome.Ok);
            }));

        cut.Find("[data-test=acknowledge]").Click();
        cut.Find("[data-test=confirm-ack]").Click();
        Assert.Null(acknowledged); // no action taken yet: refused in the form
        Assert.Contains("Record the action taken.", cut.Markup, StringComparison.Ordinal);
        cut.FindAll(".mud-chip").First(c => c.TextContent.Contains("Infusion paused", StringComparison.Ordinal)).Click();
        cut.Find("[data-test=confirm-ack]").Click();

        Assert.Equal((tile.Alarms[0].Id, "Infusion paused"), acknowledged);
    }

    [Fact]
    public void GivenFrontDesk_WhenRendered_ThenPatientAndTimerShowButNoVitalsAlarmsOrButtons()
    {
        var cut = Render<ChairTile>(p => p
            .Add(x => x.Tile, InfusingTile())
            .Add(x => x.Now, Start.AddMinutes(34))
            .Add(x => x.ShowClinical, false)
            .Add(x => x.CanAct, false));

        Assert.Contains("Patient3, Test3", cut.Markup, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-test=timer]"));
        Assert.Empty(cut.FindAll("[data-test=vitals]"));
        Assert.Empty(cut.FindAll("[data-alarm]"));
        Assert.Empty(cut.FindAll("[data-test=acknowledge]"));
    }

    [Fact]
    public void GivenARecoveringPatient_WhenRendered_ThenTheObservationCountdownShows()
    {
        var tile = InfusingTile();
        tile.Session!.Phase = SessionPhase.Recovering;
        tile.Session.InfusionEndedAt = Start.AddMinutes(40);

        var cut = Render<ChairTile>(p => p.Add(x => x.Tile, tile).Add(x => x.Now, Start.AddMinutes(52).AddSeconds(30)).Add(x => x.ShowClinical, true));

        Assert.Equal("Observation 17:30 left", cut.Find("[data-test=timer]").TextContent);
    }
}
