using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Testing.Databases;
using KetamineClinic.Testing.Hl7;
using KetamineClinic.Testing.Hosting;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.Web.Tests.Infusions.InfusionDayScenario;

namespace KetamineClinic.Web.Tests.DeviceFeed;

/// <summary>
/// "AA only after commit", tested the hard way: the real server in its own process on a SQLite file, killed with
/// SIGKILL right after the last ACK, restarted on the same file. Every ACKed reading must be there, and a resend of
/// every message must be AA with no second row.
/// </summary>
public sealed class MllpDurabilityTests
{
    private const int Messages = 25;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GivenTheServerKilledRightAfterTheLastAck_WhenRestarted_ThenEveryAckedReadingIsStoredAndResendsAreDuplicates()
    {
        // The factory owns the database file (deleted when it is disposed, at the end of the test); its in-process app
        // seeds and then sits idle while the server under test runs in its own process on the same file.
        await using var app = new ClinicAppFactory(await TestDatabase.CreateEmptyAsync(DatabaseProvider.Sqlite, Ct), demo: false);
        var database = app.Database;
        var now = TimeProvider.System.GetUtcNow();

        // Seed through the app itself (migrations, check-in, start).
        {
            var services = app.Services;
            await using var db = await services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync(Ct);
            var clinic = await InfusionDaySeed.SeedAsync(db, now.AddMinutes(-10), chairs: 1);
            Assert.IsType<DeviceCommandResult.Done>(await services.GetRequiredService<DeviceRegistry>().SetHl7SenderAsync(clinic.DeviceIds[0], "DUR1", null, Nurse, Ct));
            var phases = services.GetRequiredService<SessionPhaseHandler>();
            var session = Assert.IsType<SessionCommandResult.Done>(await phases.CheckInAsync(clinic.ChairIds[0], clinic.PatientIds[0], Nurse, Ct)).Session;
            Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session.Id, PhaseCommand.BeginPreChecks, null, Nurse, null, Ct));
            await KetamineClinic.Testing.Seeding.PreInfusionSeed.ClearForStartAsync(db, session.Id, TimeProvider.System.GetUtcNow(), Ct);
            Assert.IsType<SessionCommandResult.Done>(await phases.ApplyAsync(session.Id, PhaseCommand.StartInfusion, null, Nurse, null, Ct));
        }

        // After the check-in, to the second (HL7 times), and well within the 2 minutes a device clock may run ahead.
        var at = TimeProvider.System.GetUtcNow();
        at = at.AddTicks(TimeSpan.TicksPerSecond - (at.Ticks % TimeSpan.TicksPerSecond));
        var messages = Enumerable.Range(0, Messages)
            .Select(i => OruR01Builder.Build(new OruR01Message("DUR1", string.Empty, $"DUR-{i:D3}", at, [
                new OruObservation(VitalSignKind.HeartRate, 70 + (i % 20), at.AddSeconds(i)),
                new OruObservation(VitalSignKind.Spo2, 97, at.AddSeconds(i)),
            ])))
            .ToList();

        var port = FreePort();
        using (var server = await StartServerAsync(database.ConnectionString, port))
        {
            await using var client = await MllpTestClient.ConnectAsync(port, Ct);
            foreach (var message in messages)
            {
                var ack = await client.SendAsync(message, Ct);
                Assert.True(MllpTestClient.AckCode(ack) == "AA", ack);
            }

            server.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown, no flush beyond what was committed
            await server.WaitForExitAsync(Ct);
        }

        Assert.Equal(Messages, await CountAsync(database));

        port = FreePort();
        using (var server = await StartServerAsync(database.ConnectionString, port))
        {
            await using var client = await MllpTestClient.ConnectAsync(port, Ct);
            foreach (var message in messages)
            {
                var ack = await client.SendAsync(message, Ct);
                Assert.True(MllpTestClient.AckCode(ack) == "AA", ack);
            }

            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(Ct);
        }

        Assert.Equal(Messages, await CountAsync(database));
    }

    private static async Task<int> CountAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.Set<VitalReading>().CountAsync(r => r.Source == VitalsSourceKind.Mllp, Ct);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>`dotnet KetamineClinic.Web.dll` (the build output next to the tests), waiting until the MLLP port answers.</summary>
    private static async Task<Process> StartServerAsync(string connectionString, int mllpPort)
    {
        var start = new ProcessStartInfo("dotnet", ["KetamineClinic.Web.dll", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Clinic"] = connectionString;
        start.Environment["Demo__Enabled"] = "false";
        start.Environment["DeviceFeed__MllpPort"] = mllpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DeviceFeed__MllpAddress"] = "127.0.0.1";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before listening.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, mllpPort, Ct);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100, Ct);
            }
        }

        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new TimeoutException("The server did not open its MLLP port within 60 s.");
    }
}
