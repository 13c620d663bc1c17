using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Load;

// bench/load: readings/s over HTTP batches on SQLite, a no-op endpoint's requests/s in the same run, and
// reading-to-board latency (HTTP send → broadcaster subscriber) with N chairs posting once a second.
internal static class LoadBench
{
    public static async Task Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        Console.WriteLine($"Ketamine Clinic load bench: {options}");
        if (args.Contains("--mllp"))
        {
            await MllpLoad.RunAsync(options); // HL7 v2 over MLLP instead of HTTP (MllpLoad.cs)
            return;
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");

        var dbFile = Path.Combine(Path.GetTempPath(), $"kc-bench-{Guid.NewGuid():N}.db");
        try
        {
            await using var app = new BenchAppFactory($"Data Source={dbFile};Pooling=True;Default Timeout=30");
            var server = app.ServerAddress;
            var (siteId, sessions, keys) = await SeedAsync(app, Math.Max(options.Workers, options.LatencyChairs));
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
            using var http = new HttpClient(handler) { BaseAddress = server };

            // Warm-up: JIT, connection pool, SQLite page cache.
            await RunNoOpAsync(http, options.Workers, TimeSpan.FromSeconds(2));
            var clock = new ReadingClock(DateTimeOffset.UtcNow.AddMinutes(-55));
            await RunReadingsAsync(http, keys, options.Workers, options.Batch, TimeSpan.FromSeconds(2), clock);

            var noOp = await RunNoOpAsync(http, options.Workers, TimeSpan.FromSeconds(options.Seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no-op GET /health: {noOp.Requests} requests in {noOp.Elapsed.TotalSeconds:0.0} s = {noOp.PerSecond:0} req/s ({noOp.Errors} errors)"));
            var readings = await RunReadingsAsync(http, keys, options.Workers, options.Batch, TimeSpan.FromSeconds(options.Seconds), clock);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"POST /api/v1/devices/readings, batches of {options.Batch}: {readings.Requests} batches = {readings.Readings} readings in {readings.Elapsed.TotalSeconds:0.0} s = {readings.ReadingsPerSecond:0} readings/s ({readings.PerSecond:0.0} batches/s, {readings.Errors} errors)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratio readings/s : no-op req/s = {readings.ReadingsPerSecond / noOp.PerSecond:0.00}; batch latency p50 {readings.P50:0.0} ms, p99 {readings.P99:0.0} ms"));
            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync())
            {
                Console.WriteLine($"stored readings: {await db.Set<VitalReading>().CountAsync()}");
            }

            var latency = await RunLatencyAsync(app, http, siteId, sessions, keys, options.LatencyChairs, TimeSpan.FromSeconds(options.Seconds), clock);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reading-to-board latency, {options.LatencyChairs} chairs at 1 reading/s each: n={latency.Count} p50 {latency.P50:0.0} ms, p99 {latency.P99:0.0} ms, max {latency.Max:0.0} ms"));
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

    private static async Task<(Guid SiteId, List<Guid> Sessions, List<string> Keys)> SeedAsync(BenchAppFactory app, int chairs)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var now = DateTimeOffset.UtcNow;
        InfusionDayClinic clinic;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            clinic = await InfusionDaySeed.SeedAsync(db, now, chairs, "Bench Site");
        }

        var phases = app.Services.GetRequiredService<SessionPhaseHandler>();
        var nurse = new StaffActor(Guid.NewGuid(), "bench-nurse", [ClinicRoles.Nurse]);
        var sessions = new List<Guid>();
        for (var i = 0; i < chairs; i++)
        {
            var done = (SessionCommandResult.Done)await phases.CheckInAsync(clinic.ChairIds[i], clinic.PatientIds[i], nurse);
            await phases.ApplyAsync(done.Session.Id, PhaseCommand.BeginPreChecks, null, nurse);
            await phases.ApplyAsync(done.Session.Id, PhaseCommand.StartInfusion, null, nurse);
            sessions.Add(done.Session.Id);
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

        return (clinic.SiteId, sessions, [.. clinic.DeviceKeys]);
    }

    private static async Task<RunResult> RunNoOpAsync(HttpClient http, int workers, TimeSpan duration)
    {
        var result = new RunResult();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                using var response = await http.GetAsync("/health");
                result.Count(response.StatusCode == HttpStatusCode.OK, 0, 0);
            }
        }));
        result.Elapsed = stop.Elapsed;
        return result;
    }

    private static async Task<RunResult> RunReadingsAsync(HttpClient http, List<string> keys, int workers, int batch, TimeSpan duration, ReadingClock clock)
    {
        var result = new RunResult();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var key = keys[w];
            var random = new Random(w);
            var body = new StringBuilder(batch * 120);
            while (stop.Elapsed < duration)
            {
                body.Clear().Append("{\"readings\":[");
                for (var i = 0; i < batch; i++)
                {
                    var (id, at) = clock.Next(w);
                    body.Append(i == 0 ? "{" : ",{")
                        .Append("\"id\":\"").Append(id).Append("\",\"takenAt\":\"").Append(at.ToString("O", CultureInfo.InvariantCulture))
                        .Append("\",\"systolic\":").Append(random.Next(110, 140)).Append(",\"diastolic\":").Append(random.Next(65, 85))
                        .Append(",\"heartRate\":").Append(random.Next(60, 95)).Append(",\"spo2\":").Append(random.Next(95, 100)).Append('}');
                }

                body.Append("]}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices/readings") { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Device-Key", key);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                result.Count(response.StatusCode == HttpStatusCode.OK, batch, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }));
        result.Elapsed = stop.Elapsed;
        return result;
    }

    private static async Task<LatencyResult> RunLatencyAsync(BenchAppFactory app, HttpClient http, Guid siteId, List<Guid> sessions, List<string> keys, int chairs, TimeSpan duration, ReadingClock clock)
    {
        var sentAt = new ConcurrentDictionary<(Guid, long), long>();
        var latencies = new ConcurrentBag<double>();
        var broadcaster = app.Services.GetRequiredService<SessionBroadcaster>();
        using var subscription = broadcaster.SubscribeToSite(siteId, update =>
        {
            var received = Stopwatch.GetTimestamp();
            if (update is ReadingsAdded added)
            {
                foreach (var r in added.Readings)
                {
                    if (sentAt.TryRemove((added.SessionId, r.TakenAt.UtcTicks), out var sent))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds);
                    }
                }
            }

            return Task.CompletedTask;
        });

        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, chairs).Select(async c =>
        {
            // Spread the chairs over the second, as real monitors are not synchronised.
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * c / chairs));
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                var (id, at) = clock.Next(c);
                var json = string.Create(CultureInfo.InvariantCulture, $"{{\"readings\":[{{\"id\":\"{id}\",\"takenAt\":\"{at:O}\",\"heartRate\":72,\"spo2\":98}}]}}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices/readings") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Device-Key", keys[c]);
                sentAt[(sessions[c], at.UtcTicks)] = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
            }
            while (stop.Elapsed < duration && await timer.WaitForNextTickAsync());
        }));
        await Task.Delay(500);
        return LatencyResult.From([.. latencies]);
    }
}
