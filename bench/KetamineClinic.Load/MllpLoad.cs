using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.DeviceFeed;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Load;

// bench/load --mllp: readings/s over HL7 v2 / MLLP on SQLite. --workers connections (one monitor and chair each),
// each sending ORU^R01 messages of --batch readings (HR + SpO2 each, so 2 x batch OBX) one after another, waiting
// for every ACK (AA after commit) before the next message, as a real monitor does.
internal static class MllpLoad
{
    public static async Task RunAsync(BenchOptions options)
    {
        var dbFile = Path.Combine(Path.GetTempPath(), $"kc-bench-mllp-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new BenchAppFactory($"Data Source={dbFile};Pooling=True;Default Timeout=30");
            _ = app.ServerAddress;
            var port = (await app.Services.GetRequiredService<MllpEndpoint>().WhenBound).Port;
            await SeedAsync(app, options.Workers);
            var start = DateTimeOffset.UtcNow.AddMinutes(-55);
            var counters = new long[options.Workers];

            await RunAsync(port, options, start, counters, TimeSpan.FromSeconds(2), "warm");
            var result = await RunAsync(port, options, start, counters, TimeSpan.FromSeconds(options.Seconds), "run");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MLLP ORU^R01, {options.Workers} connections, {options.Batches[0]} readings ({options.Batches[0] * 2} OBX) per message: {result.Messages} messages = {result.Readings} readings in {result.Elapsed.TotalSeconds:0.0} s = {result.Readings / result.Elapsed.TotalSeconds:0} readings/s ({result.Messages / result.Elapsed.TotalSeconds:0.0} messages/s, {result.NotAa} not AA); ACK latency p50 {result.P50:0.0} ms, p99 {result.P99:0.0} ms"));
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
            Console.WriteLine($"stored readings: {await db.Set<VitalReading>().CountAsync()}");
        }
        finally
        {
            foreach (var f in new[] { dbFile, dbFile + "-wal", dbFile + "-shm" })
            {
                if (File.Exists(f))
                {
                    File.Delete(f);
                }
            }
        }
    }

    private sealed record Result(long Messages, long Readings, long NotAa, TimeSpan Elapsed, double P50, double P99);

    private static async Task<Result> RunAsync(int port, BenchOptions options, DateTimeOffset start, long[] counters, TimeSpan duration, string phase)
    {
        var latencies = new List<double>[options.Workers];
        long messages = 0, readings = 0, notAa = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Workers).Select(async w =>
        {
            latencies[w] = [];
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
            var stream = tcp.GetStream();
            var decoder = new MllpDecoder();
            var buffer = new byte[8192];
            while (clock.Elapsed < duration)
            {
                var first = counters[w];
                counters[w] += options.Batches[0];
                var obs = new List<OruObservation>(options.Batches[0] * 2);
                for (var i = 0; i < options.Batches[0]; i++)
                {
                    // HL7 times are to the second: cycle through the 50 minutes before now, distinct within a message.
                    var at = start.AddSeconds((first + i) % 3000);
                    obs.Add(new OruObservation(VitalSignKind.HeartRate, 70 + (i % 15), at, "R"));
                    obs.Add(new OruObservation(VitalSignKind.Spo2, 97, at, "R"));
                }

                var message = OruR01Builder.Build(new OruR01Message($"LOAD{w}", string.Empty, string.Create(CultureInfo.InvariantCulture, $"{phase}-{w}-{first}"), start, obs));
                var sent = Stopwatch.GetTimestamp();
                await stream.WriteAsync(MllpFramer.Encode(Encoding.ASCII.GetBytes(message)));
                MllpReadResult? ack = null;
                while (ack is null)
                {
                    var n = await stream.ReadAsync(buffer);
                    if (n == 0)
                    {
                        throw new IOException("The listener closed the connection.");
                    }

                    var results = decoder.Feed(buffer.AsSpan(0, n));
                    ack = results.Count > 0 ? results[0] : null;
                }

                latencies[w].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                var text = ack is MllpReadResult.Frame f ? Encoding.ASCII.GetString(f.Payload.Span) : string.Empty;
                if (!text.Contains("MSA|AA|", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref notAa);
                }

                Interlocked.Increment(ref messages);
                Interlocked.Add(ref readings, options.Batches[0]);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new Result(messages, readings, notAa, clock.Elapsed, Percentile(all, 0.5), Percentile(all, 0.99));
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task SeedAsync(BenchAppFactory app, int chairs)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var now = DateTimeOffset.UtcNow;
        InfusionDayClinic clinic;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            clinic = await InfusionDaySeed.SeedAsync(db, now, chairs, "MLLP Bench Site");
        }

        var phases = app.Services.GetRequiredService<SessionPhaseHandler>();
        var registry = app.Services.GetRequiredService<DeviceRegistry>();
        var nurse = new StaffActor(Guid.NewGuid(), "bench-nurse", [ClinicRoles.Nurse]);
        for (var i = 0; i < chairs; i++)
        {
            await registry.SetHl7SenderAsync(clinic.DeviceIds[i], $"LOAD{i}", null, nurse);
            var done = (SessionCommandResult.Done)await phases.CheckInAsync(clinic.ChairIds[i], clinic.PatientIds[i], nurse);
            await phases.ApplyAsync(done.Session.Id, PhaseCommand.BeginPreChecks, null, nurse);
            await phases.ApplyAsync(done.Session.Id, PhaseCommand.StartInfusion, null, nurse);
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Seated an hour ago, so the generated reading times (from 55 min ago onwards) fall inside the session.
            foreach (var s in await db.Set<InfusionSession>().ToListAsync())
            {
                s.CheckedInAt = now.AddHours(-1);
                s.InfusionStartedAt = now.AddMinutes(-58);
            }

            await db.SaveChangesAsync();
        }
    }
}
