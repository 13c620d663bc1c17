using System.Globalization;
using System.Net.Sockets;
using KetamineClinic.Domain.Infusions.Sessions;
using KetamineClinic.Domain.Protocol;
using KetamineClinic.Interop.Hl7v2;
using KetamineClinic.Web.Data;
using KetamineClinic.Web.Features.Infusions;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.DeviceFeed.Simulator;

/// <summary>Settings of the demo vitals simulator (section <c>Demo</c>).</summary>
public sealed class VitalsSimulatorOptions
{
    /// <summary>Run the simulator in demo mode (default true; false in tests unless set).</summary>
    public bool Simulator { get; set; } = true;

    /// <summary>Seconds between heart-rate/SpO₂ samples (default 5).</summary>
    public double SimulatorIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds between blood pressures; 0 (default) = the protocol's intensive BP interval (5 min), 1 min during an episode.</summary>
    public double SimulatorBpSeconds { get; set; }

    /// <summary>Sessions the simulator checks in and starts per site when the site has none open (default 2).</summary>
    public int SimulatorSessionsPerSite { get; set; } = 2;
}

/// <summary>
/// The demo vitals feed (only in demo mode, <c>Demo:Simulator</c>): keeps a few sessions infusing at every site and
/// sends realistic readings for every session that is infusing, paused or recovering, through the REAL ways in:
/// even chairs over HL7 v2 / MLLP to the listener's bound port, odd chairs over HTTP
/// <c>POST /api/v1/devices/readings</c> with a device key. Its devices are registered through the device registry at
/// start (one per chair, keys kept in memory only). Values come from <see cref="SimulatedVitals"/>.
/// </summary>
internal sealed partial class VitalsSimulator(
    IOptions<VitalsSimulatorOptions> options,
    IDbContextFactory<ClinicDbContext> contexts,
    DeviceRegistry registry,
    SessionPhaseHandler phases,
    MllpEndpoint mllp,
    IServer server,
    IHostApplicationLifetime lifetime,
    ClinicProtocol protocol,
    TimeProvider clock,
    ILogger<VitalsSimulator> logger) : BackgroundService
{
    private static readonly StaffActor Actor = new(Guid.Empty, "system:vitals-simulator", [ClinicRoles.Nurse]);
    private readonly Dictionary<Guid, SimChair> _chairs = [];
    private readonly Dictionary<Guid, SimSession> _sessions = [];
    private readonly Dictionary<Guid, DateOnly> _startedOn = [];
    private readonly string _run = clock.GetUtcNow().ToString("HHmmss", CultureInfo.InvariantCulture);
    private HttpClient? _http;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The HTTP address and the MLLP port exist once the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http", StringComparison.Ordinal));
        if (address is not null)
        {
            _http = new HttpClient { BaseAddress = new Uri(Loopback(address)), Timeout = TimeSpan.FromSeconds(30) };
        }

        LogStarted(logger, address ?? "none", mllp.Port ?? 0);
        var interval = TimeSpan.FromSeconds(Math.Max(0.2, options.Value.SimulatorIntervalSeconds));
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    await TickAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The simulator is a demo aid: it logs and carries on, it never stops the app.
                    LogTickFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var chair in _chairs.Values)
            {
                chair.Dispose();
            }

            _http?.Dispose();
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        await StartSessionsAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sessions = await db.Set<InfusionSession>().AsNoTracking()
            .Where(s => s.OpenChairId != null && (s.Phase == SessionPhase.Infusing || s.Phase == SessionPhase.Paused || s.Phase == SessionPhase.Recovering))
            .Select(s => new { s.Id, s.ChairId, s.SiteId, s.InfusionStartedAt, s.CheckedInAt })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var s in sessions)
        {
            var chair = await ChairAsync(s.ChairId, s.SiteId, ct);
            if (chair is null)
            {
                continue;
            }

            if (!_sessions.TryGetValue(s.Id, out var session))
            {
                session = new SimSession(new SimulatedVitals(Seed(s.Id)));
                _sessions[s.Id] = session;
            }

            var minutes = ((s.InfusionStartedAt ?? s.CheckedInAt) is var t0 ? (now - t0).TotalMinutes : 0);
            var sequence = ++session.Sequence;
            var sample = session.Vitals.Sample(minutes, sequence);
            var bpEvery = options.Value.SimulatorBpSeconds > 0
                ? TimeSpan.FromSeconds(options.Value.SimulatorBpSeconds)
                : session.Vitals.EpisodeAt(minutes) == SimulatedEpisode.Hypertensive
                    ? TimeSpan.FromMinutes(1) // the cuff cycles again to confirm (VS-CONF-01)
                    : TimeSpan.FromMinutes(protocol.Vitals.IntensiveBpIntervalMinutes);
            var withBp = session.LastBpAt is not { } last || now - last >= bpEvery;
            if (withBp)
            {
                session.LastBpAt = now;
            }

            var at = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var id = string.Create(CultureInfo.InvariantCulture, $"SIM-{s.Id.ToString("N")[..12]}-{sequence}");
            await chair.SendAsync(id, at, sample, withBp, _http, mllp.Port, ct);
        }

        foreach (var gone in _sessions.Keys.Except(sessions.Select(s => s.Id)).ToList())
        {
            _sessions.Remove(gone);
        }
    }

    /// <summary>Each day, a site with no open session gets a few: checked in, pre-checked and started, so the board is alive.</summary>
    private async Task StartSessionsAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sites = await db.Sites.AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        foreach (var site in sites)
        {
            if (_startedOn.TryGetValue(site, out var day) && day == today)
            {
                continue;
            }

            _startedOn[site] = today;
            if (await db.Set<InfusionSession>().AnyAsync(s => s.SiteId == site && s.OpenChairId != null, ct))
            {
                continue;
            }

            var chairs = await db.Chairs.AsNoTracking().Where(c => c.SiteId == site && c.IsActive).OrderBy(c => c.Label).Select(c => c.Id).ToListAsync(ct);
            var patients = await db.Set<Patient>().AsNoTracking()
                .Where(p => p.PrimarySiteId == site && (p.Stage == JourneyStage.Induction || p.Stage == JourneyStage.Maintenance))
                .OrderBy(p => p.Mrn).Select(p => p.Id).ToListAsync(ct);
            foreach (var (chair, patient) in chairs.Zip(patients).Take(Math.Max(0, options.Value.SimulatorSessionsPerSite)))
            {
                if (await phases.CheckInAsync(chair, patient, Actor, ct) is not SessionCommandResult.Done checkIn)
                {
                    continue;
                }

                await phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.BeginPreChecks, null, Actor, null, ct);
                // Demo only: a synthetic passed checklist and prepared dose, so the demo infusion may start.
                await using (var prep = await contexts.CreateDbContextAsync(ct))
                {
                    await Demo.DemoPreInfusion.ClearForStartAsync(prep, checkIn.Session.Id, clock.GetUtcNow(), ct);
                }
                await phases.ApplyAsync(checkIn.Session.Id, PhaseCommand.StartInfusion, null, Actor, null, ct);
            }
        }
    }

    /// <summary>The simulator's device on a chair (registered once per run; even chairs speak HL7 v2, odd ones HTTP).</summary>
    private async Task<SimChair?> ChairAsync(Guid chairId, Guid siteId, CancellationToken ct)
    {
        if (_chairs.TryGetValue(chairId, out var known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.SiteId == siteId).OrderBy(c => c.Label).Select(c => new { c.Id, c.Label }).ToListAsync(ct);
        var index = chairs.FindIndex(c => c.Id == chairId);
        if (index < 0)
        {
            return null;
        }

        // Devices of an earlier run: their keys are gone. Release their HL7 identity and deactivate them.
        var stale = await db.Set<Device>().AsNoTracking().Where(d => d.ChairId == chairId && d.IsActive && d.Label.StartsWith("Simulator ")).Select(d => d.Id).ToListAsync(ct);
        foreach (var old in stale)
        {
            await registry.SetHl7SenderAsync(old, null, null, Actor, ct);
            await registry.DeactivateAsync(old, Actor, ct);
        }

        var overMllp = index % 2 == 0;
        var hl7 = overMllp ? string.Create(CultureInfo.InvariantCulture, $"SIM{_run}-{chairId.ToString("N")[..8]}") : null;
        var label = $"Simulator {chairs[index].Label} {_run}";
        if (await registry.RegisterAsync(label, DeviceKind.Monitor, siteId, chairId, hl7, null, Actor, ct) is not DeviceCommandResult.Registered registered)
        {
            return null;
        }

        var chair = new SimChair(hl7, registered.Registration.Key);
        _chairs[chairId] = chair;
        return chair;
    }

    private static int Seed(Guid sessionId)
    {
        var bytes = sessionId.ToByteArray();
        return BitConverter.ToInt32(bytes, 0) ^ BitConverter.ToInt32(bytes, 12);
    }

    /// <summary>Kestrel's "http://0.0.0.0:5080" or "http://[::]:5080" is not an address to connect to.</summary>
    private static string Loopback(string address) =>
        address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);

    private sealed class SimSession(SimulatedVitals vitals)
    {
        public SimulatedVitals Vitals { get; } = vitals;
        public long Sequence { get; set; }
        public DateTimeOffset? LastBpAt { get; set; }
    }

    /// <summary>One chair's virtual monitor: an MLLP connection (kept open, reopened on failure) or a device key for HTTP.</summary>
    private sealed class SimChair(string? hl7Sender, string deviceKey) : IDisposable
    {
        private TcpClient? _tcp;
        private MllpDecoder _decoder = new();

        public async Task SendAsync(string id, DateTimeOffset at, SimulatedSample s, bool withBp, HttpClient? http, int? mllpPort, CancellationToken ct)
        {
            if (hl7Sender is not null && mllpPort is { } port)
            {
                List<OruObservation> obs =
                [
                    new(VitalSignKind.HeartRate, s.HeartRatePerMin, at, "R"),
                    new(VitalSignKind.Spo2, s.Spo2Percent, at, "R"),
                    new(VitalSignKind.RespiratoryRate, s.RespiratoryRatePerMin, at, "R"),
                ];
                if (withBp)
                {
                    obs.Add(new(VitalSignKind.Systolic, s.SystolicMmHg, at, "R"));
                    obs.Add(new(VitalSignKind.Diastolic, s.DiastolicMmHg, at, "R"));
                }

                var frame = MllpFramer.Encode(OruR01Builder.Build(new OruR01Message(hl7Sender, string.Empty, id, at, obs)), Hl7Charset.Default);
                try
                {
                    await SendFrameAsync(port, frame, ct);
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    // Reconnect and resend once (same MSH-10: a duplicate is acknowledged, never stored twice).
                    Close();
                    await SendFrameAsync(port, frame, ct);
                }
            }
            else if (http is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, DeviceReadingsEndpoint.Route)
                {
                    Content = JsonContent.Create(new DeviceReadingsRequest([new DeviceReadingDto(
                        id, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                        withBp ? s.SystolicMmHg : null, withBp ? s.DiastolicMmHg : null, s.HeartRatePerMin, s.Spo2Percent, null, s.RespiratoryRatePerMin, null, null)]), DeviceFeedJson.Default.DeviceReadingsRequest),
                };
                request.Headers.Add(DeviceClaims.Header, deviceKey);
                using var response = await http.SendAsync(request, ct);
            }
        }

        private async Task SendFrameAsync(int port, byte[] frame, CancellationToken ct)
        {
            if (_tcp is null)
            {
                _tcp = new TcpClient { NoDelay = true };
                await _tcp.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
                _decoder = new MllpDecoder();
            }

            var stream = _tcp.GetStream();
            await stream.WriteAsync(frame, ct);
            var buffer = new byte[4096];
            while (true)
            {
                var n = await stream.ReadAsync(buffer, ct);
                if (n == 0)
                {
                    throw new IOException("The MLLP listener closed the connection.");
                }

                if (_decoder.Feed(buffer.AsSpan(0, n)).Count > 0)
                {
                    return; // the ACK (AA, or AE/AR that the listener has already logged)
                }
            }
        }

        private void Close()
        {
            _tcp?.Dispose();
            _tcp = null;
        }

        public void Dispose() => Close();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo vitals simulator running: HTTP {Address}, MLLP port {Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo vitals simulator tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
