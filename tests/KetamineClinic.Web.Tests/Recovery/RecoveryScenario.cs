using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Recovery;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Recovery;
using KetamineClinic.Web.Tests.Infusions;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.Recovery;

/// <summary>
/// A patient in recovery: baseline 130/80, HR 70 at T0 (pre-checks), infusion from T0+1 to T0+41 (40 min), so DC-01's
/// 30 min end at T0+71. Helpers record readings, the PADSS assessment and the escort.
/// </summary>
internal static class RecoveryScenario
{
    public static readonly DateTimeOffset InfusionEnd = T0.AddMinutes(41);

    public static RecoveryHandler Recovery(this InfusionDayScenario s) => s.App.Services.GetRequiredService<RecoveryHandler>();

    public static async Task<Guid> InRecoveryAsync(this InfusionDayScenario s, int chair = 0)
    {
        var id = Assert.IsType<SessionCommandResult.Done>(await s.Phases.CheckInAsync(s.Clinic.ChairIds[chair], s.Clinic.PatientIds[chair], Nurse)).Session.Id;
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(id, PhaseCommand.BeginPreChecks, null, Nurse));
        await s.ReadingAsync(id, "baseline", T0, 130, 80, 70);
        s.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = s.Db())
        {
            await KetamineClinic.Testing.Seeding.PreInfusionSeed.ClearForStartAsync(db, id, s.Clock.GetUtcNow());
        }
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(id, PhaseCommand.StartInfusion, null, Nurse));
        s.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(id, PhaseCommand.StopInfusion, null, Nurse));
        return id;
    }

    public static async Task ReadingAsync(this InfusionDayScenario s, Guid session, string key, DateTimeOffset at, int sbp, int dbp, int hr)
    {
        var result = await s.IngestAsync(new VitalsBatch(
            VitalsSourceKind.Manual,
            new VitalsTarget.OfSession(session),
            new VitalsSender.Clinician(Nurse.UserId, Nurse.Name),
            [Values(key, at, new VitalValues { SystolicMmHg = sbp, DiastolicMmHg = dbp, HeartRatePerMin = hr, Spo2Percent = 98, OnOxygen = false, RespiratoryRatePerMin = 14 })]));
        Assert.IsType<VitalsIngestionResult.Accepted>(result);
    }

    public static DischargeAssessmentForm FitForDischarge(bool attested = true) => new()
    {
        Padss = new PadssForm { OrientedTimesThree = true, SteadyGait = true, Pain = PadssSeverity.Minimal, NauseaVomiting = PadssSeverity.Minimal, DrankFluids = true, Voided = true },
        DissociationResolved = attested,
        SedationResolved = attested,
        NoNewPsychoticSymptoms = attested,
    };

    public static EscortForm Escort(string phone = "555-0199") => new()
    {
        EscortName = "Alex Example",
        Relationship = "Partner",
        Phone = phone,
        NoDrivingInstructionGiven = true,
    };

    /// <summary>At T0+61 (20 min after the end): a normal reading, the PADSS assessment, optionally the escort, ready for discharge.</summary>
    public static async Task PrepareAsync(this InfusionDayScenario s, Guid session, bool escort = true, DischargeAssessmentForm? form = null)
    {
        s.Clock.Advance(TimeSpan.FromMinutes(20));
        await s.ReadingAsync(session, "recovery", s.Clock.GetUtcNow(), 128, 78, 72);
        Assert.IsType<RecoveryResult.Done>(await s.Recovery().RecordAssessmentAsync(session, form ?? FitForDischarge(), Nurse));
        if (escort)
        {
            Assert.IsType<RecoveryResult.Done>(await s.Recovery().RecordEscortAsync(session, Escort(), Nurse));
        }

        Assert.IsType<SessionCommandResult.Done>(await s.Phases.ApplyAsync(session, PhaseCommand.MarkReadyForDischarge, null, Nurse));
    }
}
