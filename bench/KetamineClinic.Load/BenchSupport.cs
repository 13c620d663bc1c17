using System.Globalization;
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

internal sealed record BenchOptions(int Seconds, int Workers, int Batch, int LatencyChairs)
{
    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchOptions(Get("seconds", 15), Get("workers", 8), Get("batch", 100), Get("chairs", 20));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Seconds} s per phase, {Workers} concurrent devices, batches of {Batch}, latency with {LatencyChairs} chairs");
}

/// <summary>Unique ids and strictly increasing reading times per chair (1 ms apart).</summary>
internal sealed class ReadingClock(DateTimeOffset start)
{
    private readonly Dictionary<int, long> _next = [];
    private readonly Lock _gate = new();

    public (string Id, DateTimeOffset At) Next(int chair)
    {
        lock (_gate)
        {
            var n = _next.TryGetValue(chair, out var v) ? v : 0;
            _next[chair] = n + 1;
            return (string.Create(CultureInfo.InvariantCulture, $"c{chair}-{n}"), start.AddMilliseconds(n));
        }
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
    public double PerSecond => Requests / Elapsed.TotalSeconds;
    public double ReadingsPerSecond => Readings / Elapsed.TotalSeconds;
    public double P50 => Percentile(0.50);
    public double P99 => Percentile(0.99);

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

    private double Percentile(double p)
    {
        lock (_gate)
        {
            return LatencyResult.Percentile([.. _latencies], p);
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
