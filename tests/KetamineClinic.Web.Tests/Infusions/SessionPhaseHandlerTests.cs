using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Infusions.Vitals;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Infusions;

public sealed class SessionPhaseHandlerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(AllProviders))]
    [Trait("Rule", "VS-BP-02")]
    public async Task GivenAnOpenVsBp02_WhenANurseResumesWithoutTheOrder_ThenRefusedAndWithTheOrderOrAsPhysicianResumed(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(33));
        await s.IngestAsync(s.DeviceBatch(0, Bp("a", T0.AddMinutes(30), 184, 104), Bp("b", T0.AddMinutes(33), 184, 104)));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.PauseInfusion, "VS-BP-02", Nurse, ct: Ct));
        s.Clock.Advance(TimeSpan.FromMinutes(5));

        var refused = await s.Phases.ApplyAsync(session, PhaseCommand.ResumeInfusion, null, Nurse, ct: Ct);
        var withOrder = await s.Phases.ApplyAsync(session, PhaseCommand.ResumeInfusion, "Dr Physician ordered resume at 14:38", Nurse, ct: Ct);

        Assert.StartsWith("VS-BP-02", Assert.IsType<SessionCommandResult.ReasonRequired>(refused).Message, StringComparison.Ordinal);
        Assert.Equal(SessionPhase.Infusing, Assert.IsType<SessionCommandResult.Done>(withOrder).Session.Phase);
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == session, Ct);
        // Five paused minutes are not infusion time.
        Assert.Equal((300, (DateTimeOffset?)null), (row.PausedSeconds, row.PausedAt));
        var events = await db.Set<SessionEvent>().Where(e => e.SessionId == session && e.Kind == SessionEventKind.PhaseChanged).OrderBy(e => e.At).ToListAsync(Ct);
        Assert.Equal("Dr Physician ordered resume at 14:38", events[^1].Reason);

        // A physician resumes without writing the order down.
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.PauseInfusion, "again", Nurse, ct: Ct));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.ResumeInfusion, null, Physician, ct: Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnInfusion_WhenStoppedEarlyOrPausedWithoutReason_ThenAReasonIsRequired(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var session = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(39) + TimeSpan.FromSeconds(59));

        Assert.IsType<SessionCommandResult.ReasonRequired>(await s.Phases.ApplyAsync(session, PhaseCommand.PauseInfusion, "  ", Nurse, ct: Ct));
        Assert.IsType<SessionCommandResult.ReasonRequired>(await s.Phases.ApplyAsync(session, PhaseCommand.StopInfusion, null, Nurse, ct: Ct));
        s.Clock.Advance(TimeSpan.FromSeconds(1));
        var stopped = await s.Phases.ApplyAsync(session, PhaseCommand.StopInfusion, null, Nurse, ct: Ct);

        Assert.Equal(SessionPhase.Recovering, Assert.IsType<SessionCommandResult.Done>(stopped).Session.Phase);
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == session, Ct);
        Assert.Equal(T0.AddMinutes(40), row.InfusionEndedAt);
        // §4.2: in recovery the routine reading is q15 from the end of the infusion.
        Assert.Equal((T0.AddMinutes(55), (ReadingDueReason?)ReadingDueReason.RoutineRecovery), (row.NextReadingDueAt, row.NextReadingDueReason));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenRolesAndStaleScreens_WhenCommanding_ThenFrontDeskOnlyChecksInAndAStaleVersionIsAConflict(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var checkIn = Assert.IsType<SessionCommandResult.Done>(await s.Phases.CheckInAsync(s.Clinic.ChairIds[0], s.Clinic.PatientIds[0], FrontDesk, Ct));

        Assert.IsType<SessionCommandResult.NotAllowed>(await s.Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.BeginPreChecks, null, FrontDesk, ct: Ct));
        Assert.IsType<SessionCommandResult.NotAllowed>(await s.Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.StartInfusion, null, Nurse, ct: Ct));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.BeginPreChecks, null, Nurse, checkIn.Session.Version, Ct));
        Assert.IsType<SessionCommandResult.Conflict>(await s.Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.Abort, "left", Nurse, checkIn.Session.Version, Ct));
        // One open session per chair and per patient.
        Assert.IsType<SessionCommandResult.Conflict>(await s.Phases.CheckInAsync(s.Clinic.ChairIds[0], s.Clinic.PatientIds[1], Nurse, Ct));
        Assert.IsType<SessionCommandResult.Conflict>(await s.Phases.CheckInAsync(s.Clinic.ChairIds[1], s.Clinic.PatientIds[0], Nurse, Ct));
    }

    [Theory]
    [ClassData(typeof(AllProviders))]
    public async Task GivenAnAbortedSession_WhenTheChairIsFreed_ThenTheNextPatientCanBeSeatedAndTheOldSessionTakesNoReadings(DatabaseProvider provider)
    {
        await using var s = await StartAsync(provider);
        var first = await s.StartInfusionAsync();
        s.Clock.Advance(TimeSpan.FromMinutes(12));

        Assert.IsType<SessionCommandResult.ReasonRequired>(await s.Phases.ApplyAsync(first, PhaseCommand.Abort, null, Nurse, ct: Ct));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(first, PhaseCommand.Abort, "Emergency transfer", Physician, ct: Ct));
        var next = await s.Phases.CheckInAsync(s.Clinic.ChairIds[0], s.Clinic.PatientIds[1], Nurse, Ct);

        Assert.IsType<SessionCommandResult.Done>(next);
        Assert.IsType<VitalsIngestionResult.NoOpenSession>(await s.IngestAsync(new VitalsBatch(
            VitalsSourceKind.Manual, new VitalsTarget.OfSession(first), new VitalsSender.Clinician(Nurse.UserId, Nurse.Name), [Bp("m", T0.AddMinutes(12), 120, 80)])));
        await using var db = s.Db();
        var row = await db.Set<InfusionSession>().SingleAsync(x => x.Id == first, Ct);
        Assert.Equal((SessionPhase.Aborted, "Emergency transfer", (Guid?)null, T0.AddMinutes(12)), (row.Phase, row.AbortReason, row.OpenChairId, row.InfusionEndedAt));
    }
}
