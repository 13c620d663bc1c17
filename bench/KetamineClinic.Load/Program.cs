using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Testing.Seeding;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Load;

// bench/load: readings/s over HTTP batches on SQLite, a no-op endpoint's requests/s in the same run, and
// reading-to-board latency (HTTP send → broadcaster subscriber) with N chairs posting once a second.
// The server (the real Program on Kestrel) runs in this process; by default the load comes from a child process
// (this same program with --generate), so the generator's CPU does not count as the server's and the
// in-process board subscription still sees every reading. --inproc generates load in this process instead.
internal static class LoadBench
{
    public static async Task Main(string[] args)
    {
        if (Array.IndexOf(args, "--generate") >= 0)
        {
            await Generator.RunChildAsync(args);
            return;
        }

        var options = BenchOptions.Parse(args);
        Console.WriteLine($"Ketamine Clinic load bench: {options}");
        if (args.Contains("--mllp"))
        {
            await MllpLoad.RunAsync(options); // HL7 v2 over MLLP instead of HTTP (MllpLoad.cs)
            return;
        }

        Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}, load average {LoadAverage()}");

        var dbFile = Path.Combine(Path.GetTempPath(), $"kc-bench-{Guid.NewGuid():N}.db");
        var keysFile = dbFile + ".keys";
        try
        {
            await using var app = new BenchAppFactory($"Data Source={dbFile};Pooling=True;Default Timeout=30");
            var server = app.ServerAddress;
            var seeding = Stopwatch.StartNew();
            var chairsNeeded = Math.Max(options.Workers, options.LatencyChairs.DefaultIfEmpty(0).Max());
            var (siteId, sessions, keys) = await SeedAsync(app, chairsNeeded);
            await File.WriteAllLinesAsync(keysFile, keys);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {chairsNeeded} chairs, patients, devices and infusing sessions in {seeding.Elapsed.TotalSeconds:0.0} s"));
            using var generator = new PhaseRunner(server, keysFile, keys, options.InProcess);
            var writer = app.Services.GetRequiredService<VitalsWriter>();

            // Warm-up: JIT, connection pool, SQLite page cache.
            await generator.RunAsync(new PhaseSpec(PhaseKind.NoOp, 2, options.Workers, 0, 0, 0));
            await generator.RunAsync(new PhaseSpec(PhaseKind.Readings, 2, options.Workers, 100, 0, 1));

            var noOp = await generator.RunAsync(new PhaseSpec(PhaseKind.NoOp, options.Seconds, options.Workers, 0, 0, 0));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no-op GET /health: {noOp.Requests} requests in {noOp.ElapsedSeconds:0.0} s = {noOp.PerSecond:0} req/s ({noOp.Errors} errors), load average {LoadAverage()}"));
            var phase = 2;
            foreach (var batch in options.Batches)
            {
                var before = writer.Stats;
                var readings = await generator.RunAsync(new PhaseSpec(PhaseKind.Readings, options.Seconds, options.Workers, batch, 0, phase++));
                var after = writer.Stats;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"POST /api/v1/devices/readings, batches of {batch}: {readings.Requests} batches = {readings.Readings} readings in {readings.ElapsedSeconds:0.0} s = {readings.ReadingsPerSecond:0} readings/s ({readings.PerSecond:0.0} batches/s, {readings.Errors} errors), {Grouping(before, after)}"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ratio readings/s : no-op req/s = {readings.ReadingsPerSecond / noOp.PerSecond:0.00}; batch latency p50 {readings.P50:0.0} ms, p99 {readings.P99:0.0} ms; load average {LoadAverage()}"));
            }

            await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync())
            {
                Console.WriteLine($"stored readings: {await db.Set<VitalReading>().CountAsync()}");
            }

            foreach (var chairs in options.LatencyChairs)
            {
                // The yardstick at the same offered load: every chair calls the no-op endpoint once a second.
                var idle = await generator.RunAsync(new PhaseSpec(PhaseKind.NoOpChairs, options.Seconds, 0, 0, chairs, 0));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"no-op GET /health, {chairs} chairs at 1 request/s each: n={idle.Requests} ({idle.Errors} errors) response p50 {idle.P50:0.0} ms, p99 {idle.P99:0.0} ms, max {idle.Max:0.0} ms"));
                // Warm-up lap (not measured): every chair posts for a few seconds first, as in a clinic where the devices
                // have been posting all along (device, key and open-session caches warm, no cold-start burst).
                await generator.RunAsync(new PhaseSpec(PhaseKind.Chairs, 3, 0, 1, chairs, phase++));
                var before = writer.Stats;
                var latency = await RunLatencyAsync(app, generator, siteId, sessions, chairs, options.Seconds, phase++);
                var after = writer.Stats;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"reading-to-board latency, {chairs} chairs at 1 reading/s each: n={latency.Board.Count} of {latency.Sent.Requests + latency.Sent.Errors} sent ({latency.Sent.Errors} errors) p50 {latency.Board.P50:0.0} ms, p99 {latency.Board.P99:0.0} ms, max {latency.Board.Max:0.0} ms; HTTP answer p50 {latency.Sent.P50:0.0} ms, p99 {latency.Sent.P99:0.0} ms; {Grouping(before, after)}; load average {LoadAverage()}"));
            }
        }
        finally
        {
            foreach (var f in new[] { dbFile, dbFile + "-wal", dbFile + "-shm", keysFile })
            {
                if (File.Exists(f))
                {
                    File.Delete(f);
                }
            }
        }
    }

    private static string Grouping(WriterStats before, WriterStats after)
    {

        var groups = after.Groups - before.Groups;
        var batches = after.Batches - before.Batches;
        var busy = after.Busy - before.Busy;
        return string.Create(CultureInfo.InvariantCulture,
            $"{groups} transactions, {(groups == 0 ? 0 : (double)batches / groups):0.0} batches per transaction, {(groups == 0 ? 0 : busy.TotalMilliseconds / groups):0.0} ms per transaction, writer busy {busy.TotalSeconds:0.0} s, {after.Fallbacks - before.Fallbacks} fallbacks");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
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

        // Sessions straight into the database, already infusing (seated an hour ago, so the generated reading times,
        // from 55 min ago onwards, fall inside the session): thousands of phase commands would take minutes.
        var sessions = new List<Guid>(chairs);
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = 0; i < chairs; i++)
            {
                var session = new InfusionSession
                {
                    PatientId = clinic.PatientIds[i],
                    SiteId = clinic.SiteId,
                    ChairId = clinic.ChairIds[i],
                    OpenChairId = clinic.ChairIds[i],
                    OpenPatientId = clinic.PatientIds[i],
                    SessionDate = DateOnly.FromDateTime(now.UtcDateTime),
                    Phase = SessionPhase.Infusing,
                    CheckedInAt = now.AddHours(-1),
                    PreChecksStartedAt = now.AddMinutes(-59),
                    InfusionStartedAt = now.AddMinutes(-58),
                    ProtocolVersion = ClinicProtocol.Default.Version.Value,
                };
                db.Add(session);
                sessions.Add(session.Id);
            }

            await db.SaveChangesAsync();
        }

        return (clinic.SiteId, sessions, [.. clinic.DeviceKeys]);
    }

    private static async Task<(PhaseReport Sent, LatencyResult Board)> RunLatencyAsync(BenchAppFactory app, PhaseRunner generator, Guid siteId, List<Guid> sessions, int chairs, int seconds, int phase)
    {
        var receivedAt = new ConcurrentDictionary<(Guid, long), long>();
        var broadcaster = app.Services.GetRequiredService<SessionBroadcaster>();
        // A deep queue: the bench must not lose updates to the overflow rule and miscount them.
        using var subscription = broadcaster.SubscribeToSite(siteId, update =>
        {
            var received = Stopwatch.GetTimestamp();
            if (update is ReadingsAdded added)
            {
                foreach (var r in added.Readings)
                {
                    receivedAt.TryAdd((added.SessionId, r.TakenAt.UtcTicks), received);
                }
            }

            return Task.CompletedTask;
        }, capacity: 1_000_000);

        var sent = await generator.RunAsync(new PhaseSpec(PhaseKind.Chairs, seconds, 0, 1, chairs, phase));
        await Task.Delay(500);
        // Stopwatch timestamps are the machine's monotonic clock: comparable between the generator and this process.
        var latencies = new List<double>(sent.Sends.Count);
        foreach (var s in sent.Sends)
        {
            if (receivedAt.TryGetValue((sessions[s.Chair], s.TakenAtTicks), out var received))
            {
                latencies.Add((received - s.SentAt) * 1000.0 / Stopwatch.Frequency);
            }
        }

        return (sent, LatencyResult.From([.. latencies]));
    }
}

/// <summary>The load itself: the same code runs in this process (--inproc) or in the child (--generate).</summary>
internal static class Generator
{
    public static async Task RunChildAsync(string[] args)
    {
        var spec = PhaseSpec.Parse(args);
        var target = new Uri(BenchOptions.Required(args, "target"));
        var keys = await File.ReadAllLinesAsync(BenchOptions.Required(args, "keys"));
        var epoch = new DateTimeOffset(long.Parse(BenchOptions.Required(args, "epoch"), CultureInfo.InvariantCulture), TimeSpan.Zero);
        using var handler = NewHandler();
        using var http = new HttpClient(handler) { BaseAddress = target };
        var report = await RunAsync(http, keys, spec, epoch);
        await File.WriteAllTextAsync(BenchOptions.Required(args, "out"), report.ToText());
    }

    public static SocketsHttpHandler NewHandler() => new() { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

    public static Task<PhaseReport> RunAsync(HttpClient http, IReadOnlyList<string> keys, PhaseSpec spec, DateTimeOffset epoch)
    {
        var duration = TimeSpan.FromSeconds(spec.Seconds);
        // Each phase has its own ids and its own 6-minute window of reading times, later than the previous phase's,
        // so every reading is new and in order for its session.
        var clock = new ReadingClock(epoch.AddMinutes(6 * spec.Phase), string.Create(CultureInfo.InvariantCulture, $"p{spec.Phase}"));
        return spec.Kind switch
        {
            PhaseKind.NoOp => RunNoOpAsync(http, spec.Workers, duration),
            PhaseKind.Readings => RunReadingsAsync(http, keys, spec.Workers, spec.Batch, duration, clock),
            PhaseKind.Chairs => RunChairsAsync(http, keys, spec.Chairs, duration, clock, noOp: false),
            PhaseKind.NoOpChairs => RunChairsAsync(http, keys, spec.Chairs, duration, clock, noOp: true),
        };
    }

    private static async Task<PhaseReport> RunNoOpAsync(HttpClient http, int workers, TimeSpan duration)
    {
        var result = new RunResult();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (stop.Elapsed < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync("/health");
                result.Count(response.StatusCode == HttpStatusCode.OK, 0, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }));
        result.Elapsed = stop.Elapsed;
        return result.ToReport([]);
    }

    private static async Task<PhaseReport> RunReadingsAsync(HttpClient http, IReadOnlyList<string> keys, int workers, int batch, TimeSpan duration, ReadingClock clock)
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
        return result.ToReport([]);
    }

    /// <summary>
    /// Every chair sends one single-reading request a second (or calls the no-op endpoint), the chairs spread evenly
    /// over the second as real monitors are not synchronised. Records each send's reading time and timestamp.
    /// </summary>
    private static async Task<PhaseReport> RunChairsAsync(HttpClient http, IReadOnlyList<string> keys, int chairs, TimeSpan duration, ReadingClock clock, bool noOp)
    {
        var result = new RunResult();
        var sends = new ConcurrentBag<Send>();
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, chairs).Select(async c =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000.0 * c / chairs));
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            do
            {
                var (id, at) = clock.Next(c);
                using var request = noOp
                    ? new HttpRequestMessage(HttpMethod.Get, "/health")
                    : new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices/readings")
                    {
                        Content = new StringContent(string.Create(CultureInfo.InvariantCulture, $"{{\"readings\":[{{\"id\":\"{id}\",\"takenAt\":\"{at:O}\",\"heartRate\":72,\"spo2\":98}}]}}"), Encoding.UTF8, "application/json"),
                    };
                request.Headers.Add("X-Device-Key", keys[c]);
                var sent = Stopwatch.GetTimestamp();
                if (!noOp)
                {
                    sends.Add(new Send(c, at.UtcTicks, sent));
                }

                using var response = await http.SendAsync(request);
                result.Count(response.StatusCode == HttpStatusCode.OK, noOp ? 0 : 1, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
            while (stop.Elapsed < duration && await timer.WaitForNextTickAsync());
        }));
        result.Elapsed = stop.Elapsed;
        return result.ToReport([.. sends]);
    }
}
