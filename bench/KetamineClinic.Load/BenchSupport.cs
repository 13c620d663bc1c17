using System.Diagnostics;
using System.Globalization;
using System.Text;
using KetamineClinic.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KetamineClinic.Load;

/// <summary>The real app (Program) on Kestrel, SQLite with connection pooling as in production, warnings-only logging.</summary>
internal sealed class BenchAppFactory : WebApplicationFactory<Program>
{
    private readonly string _connectionString;

    public BenchAppFactory(string connectionString)
    {
        _connectionString = connectionString;
        UseKestrel(0);
    }

    public Uri ServerAddress
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.UseContentRoot(WebProjectFolder());
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Sqlite));
        builder.UseSetting("ConnectionStrings:Clinic", _connectionString);
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseSetting("Demo:Simulator", "false");
        builder.UseSetting("DeviceFeed:MllpPort", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    private static string WebProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "KetamineClinic.Web");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Run the bench from inside the repository (src/KetamineClinic.Web not found).");
    }
}

internal sealed record BenchOptions(int Seconds, int Workers, IReadOnlyList<int> Batches, IReadOnlyList<int> LatencyChairs, bool InProcess)
{
    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback) => Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        int[] List(string name, string fallback) => [.. (Value(args, name) ?? fallback).Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

        return new BenchOptions(Get("seconds", 15), Get("workers", 8), List("batch", "100,1000"), List("chairs", "500,2000"), Array.IndexOf(args, "--inproc") >= 0);
    }

    public static string Required(string[] args, string name) =>
        Value(args, name) ?? throw new ArgumentException($"--{name} is required", nameof(args));

    public static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Seconds} s per phase, {Workers} concurrent devices, batches of {string.Join(" and ", Batches)}, latency with {string.Join(" and ", LatencyChairs)} chairs, load generated {(InProcess ? "in the server's process" : "by a child process")}");
}

/// <summary>Unique ids (with the phase's prefix) and strictly increasing reading times per chair (1 ms apart).</summary>
internal sealed class ReadingClock(DateTimeOffset start, string prefix)
{
    private readonly Dictionary<int, long> _next = [];
    private readonly Lock _gate = new();

    public (string Id, DateTimeOffset At) Next(int chair)
    {
        lock (_gate)
        {
            var n = _next.TryGetValue(chair, out var v) ? v : 0;
            _next[chair] = n + 1;
            return (string.Create(CultureInfo.InvariantCulture, $"{prefix}c{chair}-{n}"), start.AddMilliseconds(n));
        }
    }
}

internal enum PhaseKind
{
    NoOp,
    Readings,
    Chairs,
    NoOpChairs,
}

/// <summary>One measured phase. <paramref name="Phase"/> picks the ids' prefix and the window of reading times.</summary>
internal sealed record PhaseSpec(PhaseKind Kind, int Seconds, int Workers, int Batch, int Chairs, int Phase)
{
    public IEnumerable<string> ToArgs() =>
    [
        "--generate", Kind.ToString(), "--seconds", Str(Seconds), "--workers", Str(Workers), "--batch", Str(Batch), "--chairs", Str(Chairs), "--phase", Str(Phase),
    ];

    public static PhaseSpec Parse(string[] args)
    {
        int Get(string name) => int.Parse(BenchOptions.Required(args, name), CultureInfo.InvariantCulture);
        return new PhaseSpec(Enum.Parse<PhaseKind>(BenchOptions.Value(args, "generate") ?? "NoOp"), Get("seconds"), Get("workers"), Get("batch"), Get("chairs"), Get("phase"));
    }

    private static string Str(int v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One single-reading request of a chair: which chair, the reading's time, the monotonic timestamp just before sending.</summary>
internal sealed record Send(int Chair, long TakenAtTicks, long SentAt);

/// <summary>What a phase measured, as plain text lines (so the child process can hand it back).</summary>
internal sealed record PhaseReport(long Requests, long Readings, long Errors, double ElapsedSeconds, double[] LatenciesMs, IReadOnlyList<Send> Sends)
{
    public double PerSecond => Requests / ElapsedSeconds;
    public double ReadingsPerSecond => Readings / ElapsedSeconds;
    public double P50 => LatencyResult.Percentile([.. LatenciesMs], 0.50);
    public double P99 => LatencyResult.Percentile([.. LatenciesMs], 0.99);
    public double Max => LatenciesMs.Length == 0 ? double.NaN : LatenciesMs.Max();

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Requests} {Readings} {Errors} {ElapsedSeconds:R}\n");
        text.AppendJoin(' ', LatenciesMs.Select(l => l.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        foreach (var s in Sends)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Chair} {s.TakenAtTicks} {s.SentAt}\n");
        }

        return text.ToString();
    }

    public static PhaseReport FromText(string text)
    {
        var lines = text.Split('\n');
        var head = lines[0].Split(' ');
        var latencies = lines[1].Length == 0 ? [] : lines[1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var sends = lines.Skip(2).Where(l => l.Length > 0).Select(l => l.Split(' '))
            .Select(p => new Send(int.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture)))
            .ToList();
        return new PhaseReport(
            long.Parse(head[0], CultureInfo.InvariantCulture), long.Parse(head[1], CultureInfo.InvariantCulture), long.Parse(head[2], CultureInfo.InvariantCulture),
            double.Parse(head[3], CultureInfo.InvariantCulture), latencies, sends);
    }
}

/// <summary>Runs a phase in this process, or in a child process (this program with --generate) against the server's URL.</summary>
internal sealed class PhaseRunner(Uri server, string keysFile, IReadOnlyList<string> keys, bool inProcess) : IDisposable
{
    private readonly DateTimeOffset _epoch = DateTimeOffset.UtcNow.AddMinutes(-55);
    private readonly SocketsHttpHandler _handler = Generator.NewHandler();
    private HttpClient? _http;

    public async Task<PhaseReport> RunAsync(PhaseSpec spec)
    {
        if (inProcess)
        {
            _http ??= new HttpClient(_handler, disposeHandler: false) { BaseAddress = server };
            return await Generator.RunAsync(_http, keys, spec, _epoch);
        }

        var output = keysFile + ".out";
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PhaseRunner).Assembly.Location);
        }

        foreach (var a in spec.ToArgs())
        {
            start.ArgumentList.Add(a);
        }

        foreach (var a in new[] { "--target", server.ToString(), "--keys", keysFile, "--epoch", _epoch.UtcTicks.ToString(CultureInfo.InvariantCulture), "--out", output })
        {
            start.ArgumentList.Add(a);
        }

        // The generator needs little memory: workstation GC keeps it from competing with the server's GC threads.
        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the load generator.");
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The load generator failed (exit code {child.ExitCode}).");
        }

        var report = PhaseReport.FromText(await File.ReadAllTextAsync(output));
        File.Delete(output);
        return report;
    }

    public void Dispose()
    {
        _http?.Dispose();
        _handler.Dispose();
    }
}

internal sealed class RunResult
{
    private readonly Lock _gate = new();
    private readonly List<double> _latencies = [];

    public long Requests { get; private set; }
    public long Readings { get; private set; }
    public long Errors { get; private set; }
    public TimeSpan Elapsed { get; set; }

    public PhaseReport ToReport(IReadOnlyList<Send> sends)
    {
        lock (_gate)
        {
            return new PhaseReport(Requests, Readings, Errors, Elapsed.TotalSeconds, [.. _latencies], sends);
        }
    }

    public void Count(bool ok, int readings, double latencyMs)
    {
        lock (_gate)
        {
            if (ok)
            {
                Requests++;
                Readings += readings;
                _latencies.Add(latencyMs);
            }
            else
            {
                Errors++;
            }
        }
    }
}

internal sealed record LatencyResult(int Count, double P50, double P99, double Max)
{
    public static LatencyResult From(double[] values) =>
        new(values.Length, Percentile(values, 0.50), Percentile(values, 0.99), values.Length == 0 ? double.NaN : values.Max());

    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(values);
        var rank = (int)Math.Ceiling(p * values.Length) - 1;
        return values[Math.Clamp(rank, 0, values.Length - 1)];
    }
}
