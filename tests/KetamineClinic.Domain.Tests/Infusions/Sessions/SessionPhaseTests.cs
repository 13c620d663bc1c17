using CsCheck;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;

namespace KetamineClinic.Domain.Tests.Infusions.Sessions;

public sealed class SessionPhaseTests
{
    /// <summary>The whole transition table: every (phase, command) pair that is allowed, and where it leads.</summary>
    private static readonly Dictionary<(SessionPhase, PhaseCommand), SessionPhase> Expected = new()
    {
        [(SessionPhase.CheckedIn, PhaseCommand.BeginPreChecks)] = SessionPhase.PreChecks,
        [(SessionPhase.CheckedIn, PhaseCommand.Abort)] = SessionPhase.Aborted,
        [(SessionPhase.PreChecks, PhaseCommand.StartInfusion)] = SessionPhase.Infusing,
        [(SessionPhase.PreChecks, PhaseCommand.Abort)] = SessionPhase.Aborted,
        [(SessionPhase.Infusing, PhaseCommand.PauseInfusion)] = SessionPhase.Paused,
        [(SessionPhase.Infusing, PhaseCommand.StopInfusion)] = SessionPhase.Recovering,
        [(SessionPhase.Infusing, PhaseCommand.Abort)] = SessionPhase.Aborted,
        [(SessionPhase.Paused, PhaseCommand.ResumeInfusion)] = SessionPhase.Infusing,
        [(SessionPhase.Paused, PhaseCommand.StopInfusion)] = SessionPhase.Recovering,
        [(SessionPhase.Paused, PhaseCommand.Abort)] = SessionPhase.Aborted,
        [(SessionPhase.Recovering, PhaseCommand.MarkReadyForDischarge)] = SessionPhase.ReadyForDischarge,
        [(SessionPhase.Recovering, PhaseCommand.Abort)] = SessionPhase.Aborted,
        [(SessionPhase.ReadyForDischarge, PhaseCommand.Discharge)] = SessionPhase.Discharged,
        [(SessionPhase.ReadyForDischarge, PhaseCommand.ReturnToRecovery)] = SessionPhase.Recovering,
        [(SessionPhase.ReadyForDischarge, PhaseCommand.Abort)] = SessionPhase.Aborted,
    };

    public static TheoryData<SessionPhase, PhaseCommand> EveryPair()
    {
        var data = new TheoryData<SessionPhase, PhaseCommand>();
        foreach (var phase in Enum.GetValues<SessionPhase>())
        {
            foreach (var command in Enum.GetValues<PhaseCommand>())
            {
                data.Add(phase, command);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void GivenAnyPhaseAndCommand_WhenApplied_ThenOnlyTheTableTransitionsAreAllowed(SessionPhase from, PhaseCommand command)
    {
        var next = SessionPhases.TryApply(from, command);

        if (Expected.TryGetValue((from, command), out var to))
        {
            Assert.Equal(to, next);
            Assert.Contains(command, SessionPhases.Allowed(from));
        }
        else
        {
            Assert.Null(next);
            Assert.DoesNotContain(command, SessionPhases.Allowed(from));
        }
    }

    [Fact]
    public void GivenEachPhase_WhenListingCommands_ThenTheUiOrderIsStable()
    {
        Assert.Equal([PhaseCommand.BeginPreChecks, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.CheckedIn));
        Assert.Equal([PhaseCommand.StartInfusion, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.PreChecks));
        Assert.Equal([PhaseCommand.PauseInfusion, PhaseCommand.StopInfusion, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.Infusing));
        Assert.Equal([PhaseCommand.ResumeInfusion, PhaseCommand.StopInfusion, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.Paused));
        Assert.Equal([PhaseCommand.MarkReadyForDischarge, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.Recovering));
        Assert.Equal([PhaseCommand.Discharge, PhaseCommand.ReturnToRecovery, PhaseCommand.Abort], SessionPhases.Allowed(SessionPhase.ReadyForDischarge));
        Assert.Empty(SessionPhases.Allowed(SessionPhase.Discharged));
        Assert.Empty(SessionPhases.Allowed(SessionPhase.Aborted));
    }

    [Theory]
    [InlineData(PhaseCommand.BeginPreChecks, SessionPhase.PreChecks)]
    [InlineData(PhaseCommand.StartInfusion, SessionPhase.Infusing)]
    [InlineData(PhaseCommand.PauseInfusion, SessionPhase.Paused)]
    [InlineData(PhaseCommand.ResumeInfusion, SessionPhase.Infusing)]
    [InlineData(PhaseCommand.StopInfusion, SessionPhase.Recovering)]
    [InlineData(PhaseCommand.MarkReadyForDischarge, SessionPhase.ReadyForDischarge)]
    [InlineData(PhaseCommand.ReturnToRecovery, SessionPhase.Recovering)]
    [InlineData(PhaseCommand.Discharge, SessionPhase.Discharged)]
    [InlineData(PhaseCommand.Abort, SessionPhase.Aborted)]
    public void GivenCommand_WhenAskingItsTarget_ThenThePhaseItLeadsTo(PhaseCommand command, SessionPhase target) =>
        Assert.Equal(target, SessionPhases.Target(command));

    [Theory]
    [InlineData(PhaseCommand.BeginPreChecks, false)]
    [InlineData(PhaseCommand.StartInfusion, false)]
    [InlineData(PhaseCommand.PauseInfusion, true)]
    [InlineData(PhaseCommand.ResumeInfusion, false)]
    [InlineData(PhaseCommand.StopInfusion, false)]
    [InlineData(PhaseCommand.MarkReadyForDischarge, false)]
    [InlineData(PhaseCommand.ReturnToRecovery, true)]
    [InlineData(PhaseCommand.Discharge, false)]
    [InlineData(PhaseCommand.Abort, true)]
    public void GivenCommand_WhenAskingForAReason_ThenPauseReturnAndAbortNeedOne(PhaseCommand command, bool needsReason) =>
        Assert.Equal(needsReason, SessionPhases.RequiresReason(command));

    [Theory]
    [InlineData(SessionPhase.CheckedIn, false)]
    [InlineData(SessionPhase.PreChecks, false)]
    [InlineData(SessionPhase.Infusing, false)]
    [InlineData(SessionPhase.Paused, false)]
    [InlineData(SessionPhase.Recovering, false)]
    [InlineData(SessionPhase.ReadyForDischarge, false)]
    [InlineData(SessionPhase.Discharged, true)]
    [InlineData(SessionPhase.Aborted, true)]
    public void GivenPhase_WhenAskingTerminal_ThenOnlyDischargedAndAbortedAre(SessionPhase phase, bool terminal) =>
        Assert.Equal(terminal, SessionPhases.IsTerminal(phase));

    [Theory]
    [InlineData(SessionPhase.CheckedIn, MonitoringPhase.PreInfusion)]
    [InlineData(SessionPhase.PreChecks, MonitoringPhase.PreInfusion)]
    [InlineData(SessionPhase.Infusing, MonitoringPhase.Infusing)]
    [InlineData(SessionPhase.Paused, MonitoringPhase.Paused)]
    [InlineData(SessionPhase.Recovering, MonitoringPhase.Recovering)]
    [InlineData(SessionPhase.ReadyForDischarge, MonitoringPhase.Recovering)]
    public void GivenOpenPhase_WhenAskingTheMonitoringPhase_ThenTheVitalsRulesPhase(SessionPhase phase, MonitoringPhase monitoring) =>
        Assert.Equal(monitoring, SessionPhases.Monitoring(phase));

    [Theory]
    [InlineData(SessionPhase.Discharged)]
    [InlineData(SessionPhase.Aborted)]
    public void GivenClosedSession_WhenAskingTheMonitoringPhase_ThenNone(SessionPhase phase) =>
        Assert.Null(SessionPhases.Monitoring(phase));

    [Fact]
    public void GivenAnyRandomWalk_WhenApplyingAllowedCommands_ThenTerminalPhasesAreNeverLeftAndEveryStepIsInTheTable() =>
        Gen.Int[0, 8].Array[1, 30].Sample(steps =>
        {
            var phase = SessionPhase.CheckedIn;
            foreach (var step in steps)
            {
                var allowed = SessionPhases.Allowed(phase);
                if (allowed.Count == 0)
                {
                    Assert.True(SessionPhases.IsTerminal(phase));
                    Assert.All(Enum.GetValues<PhaseCommand>(), c => Assert.Null(SessionPhases.TryApply(phase, c)));
                    return;
                }

                var command = allowed[step % allowed.Count];
                var next = SessionPhases.TryApply(phase, command);
                Assert.Equal(Expected[(phase, command)], next);
                phase = next!.Value;
            }
        });
}
