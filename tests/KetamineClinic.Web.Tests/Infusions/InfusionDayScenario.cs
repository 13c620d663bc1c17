using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KetamineClinic.Web.Tests.Infusions;

/// <summary>
/// The app on a throwaway database with a fake clock, a seeded site, and helpers to seat a patient and feed
/// readings through the real pipeline. T0 is 2026-11-27 14:00 UTC.
/// </summary>
internal sealed class InfusionDayScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 14, 0, 0, TimeSpan.Zero);

    private InfusionDayScenario(InfusionDayAppFactory app, FakeTimeProvider clock, InfusionDayClinic clinic)
    {
        App = app;
        Clock = clock;
        Clinic = clinic;
    }

    public InfusionDayAppFactory App { get; }
    public FakeTimeProvider Clock { get; }
    public InfusionDayClinic Clinic { get; }

    public static StaffActor Nurse { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000a001"), "nurse@test.clinic", [ClinicRoles.Nurse]);
    public static StaffActor Physician { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000a002"), "physician@test.clinic", [ClinicRoles.Physician]);
    public static StaffActor FrontDesk { get; } = new(Guid.Parse("00000000-0000-0000-0000-00000000a003"), "frontdesk@test.clinic", [ClinicRoles.FrontDesk]);

    public VitalsIngestion Ingestion => App.Services.GetRequiredService<VitalsIngestion>();
    public SessionPhaseHandler Phases => App.Services.GetRequiredService<SessionPhaseHandler>();
    public AlarmAcknowledgement Acknowledgement => App.Services.GetRequiredService<AlarmAcknowledgement>();
    public AlarmEscalator Escalator => App.Services.GetRequiredService<AlarmEscalator>();
    public SessionBroadcaster Broadcaster => App.Services.GetRequiredService<SessionBroadcaster>();

    public static async Task<InfusionDayScenario> StartAsync(DatabaseProvider provider, int chairs = 2)
    {
        var clock = new FakeTimeProvider(T0);
        var app = await InfusionDayAppFactory.CreateAsync(provider, clock);
        _ = app.Services; // starts the host: migrations run
        await using var db = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();
        var clinic = await InfusionDaySeed.SeedAsync(db, T0, chairs);
        return new InfusionDayScenario(app, clock, clinic);
    }

    public ClinicDbContext Db() => App.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext();

    /// <summary>Checks patient i in to chair i, clears the pre-checks (seeded: passed checklist, prepared dose) and starts the infusion at the current time.</summary>
    public async Task<Guid> StartInfusionAsync(int chair = 0)
    {
        var checkIn = Assert.IsType<SessionCommandResult.Done>(await Phases.CheckInAsync(Clinic.ChairIds[chair], Clinic.PatientIds[chair], Nurse));
        Assert.IsType<SessionCommandResult.Done>(await Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.BeginPreChecks, null, Nurse));
        await using (var db = Db())
        {
            await PreInfusionSeed.ClearForStartAsync(db, checkIn.Session.Id, Clock.GetUtcNow());
        }

        Assert.IsType<SessionCommandResult.Done>(await Phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.StartInfusion, null, Nurse));
        return checkIn.Session.Id;
    }

    public VitalsBatch DeviceBatch(int chair, params IncomingReading[] readings) =>
        new(VitalsSourceKind.Http, new VitalsTarget.OfDevice(Clinic.DeviceIds[chair]), new VitalsSender.Device(Clinic.DeviceIds[chair], $"Monitor {chair + 1}"), readings);

    public Task<VitalsIngestionResult> IngestAsync(VitalsBatch batch) => Ingestion.IngestAsync(batch, TestContext.Current.CancellationToken);

    public Task<AcknowledgeResult> AcknowledgeAsync(Guid alarmId, string? action, StaffActor actor) =>
        Acknowledgement.AcknowledgeAsync(alarmId, action, actor, TestContext.Current.CancellationToken);

    public Task<int> EscalateAsync() => Escalator.EscalateDueAsync(TestContext.Current.CancellationToken);

    public static IncomingReading Bp(string id, DateTimeOffset at, int sbp, int dbp) =>
        new(id, at, new VitalValues { SystolicMmHg = sbp, DiastolicMmHg = dbp });

    public static IncomingReading Values(string id, DateTimeOffset at, VitalValues values) => new(id, at, values);

    public async Task<int> ReadingCountAsync()
    {
        await using var db = Db();
        return await db.Set<VitalReading>().CountAsync();
    }

    public async Task<List<VitalAlarm>> AlarmsAsync(Guid sessionId)
    {
        await using var db = Db();
        return await db.Set<VitalAlarm>().Where(a => a.SessionId == sessionId).OrderBy(a => a.EventTime).ToListAsync();
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}
