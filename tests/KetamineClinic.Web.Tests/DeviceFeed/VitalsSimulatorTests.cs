using KetamineClinic.Testing.Hosting;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.DeviceFeed;

/// <summary>The demo simulator in a real demo app (Kestrel on a loopback port, MLLP on an ephemeral one).</summary>
public sealed class VitalsSimulatorTests
{
    [Fact]
    public async Task GivenDemoModeWithTheSimulator_ThenSessionsStartAndReadingsArriveOverMllpAndHttp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = (await ClinicAppFactory.CreateAsync(DatabaseProvider.Sqlite, demo: true))
            .With("Demo:Simulator", "true")
            .With("Demo:SimulatorIntervalSeconds", "0.5")
            .With("Demo:SimulatorBpSeconds", "1")
            .UseRealServer();
        _ = app.ServerAddress; // starts Kestrel and the hosted services

        var contexts = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var sources = new HashSet<VitalsSourceKind>();
        var bloodPressure = false;
        // Waits for what it asserts: both paths, and a blood pressure (sent on its own, slower cycle).
        for (var i = 0; i < 240 && !(sources.Contains(VitalsSourceKind.Mllp) && sources.Contains(VitalsSourceKind.Http) && bloodPressure); i++)
        {
            await Task.Delay(250, ct);
            await using var db = await contexts.CreateDbContextAsync(ct);
            sources = [.. await db.Set<VitalReading>().Select(r => r.Source).Distinct().ToListAsync(ct)];
            bloodPressure = await db.Set<VitalReading>().AnyAsync(r => r.SystolicMmHg != null, ct);
        }

        Assert.Contains(VitalsSourceKind.Mllp, sources);
        Assert.Contains(VitalsSourceKind.Http, sources);
        await using var check = await contexts.CreateDbContextAsync(ct);
        Assert.True(await check.Set<VitalReading>().AnyAsync(r => r.SystolicMmHg != null, ct));
        Assert.True(await check.Set<InfusionSession>().CountAsync(s => s.OpenChairId != null, ct) >= 2);
    }
}
