using System.Net;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>Settings of the HL7 v2 (MLLP) listener, section <c>DeviceFeed</c> (docs/hl7v2.md "Listener settings").</summary>
public sealed class MllpOptions
{
    public const string Section = "DeviceFeed";

    /// <summary>Run the listener (default true). <c>DeviceFeed:MllpEnabled=false</c> turns it off; HTTP and FHIR still work.</summary>
    public bool MllpEnabled { get; set; } = true;

    /// <summary>TCP port (default 2575); 0 lets the OS pick one (tests): read it from <see cref="MllpEndpoint"/>.</summary>
    public int MllpPort { get; set; } = 2575;

    /// <summary>Address to listen on (default all IPv4 interfaces, 0.0.0.0; 127.0.0.1 keeps it to this machine).</summary>
    public string MllpAddress { get; set; } = "0.0.0.0";

    /// <summary>Largest message accepted (default 1 MiB, as docs/hl7v2.md says); a larger frame gets AR 207.</summary>
    public int MllpMaxMessageBytes { get; set; } = Interop.Hl7v2.MllpFramer.DefaultMaxMessageBytes;

    /// <summary>A connection that sends nothing for this long is closed (default 300 s; devices reconnect).</summary>
    public int MllpIdleTimeoutSeconds { get; set; } = 300;

    /// <summary>Connections served at once (default 200); more wait in the accept backlog.</summary>
    public int MllpMaxConnections { get; set; } = 200;

    /// <summary>
    /// IANA or Windows time zone id assumed for times without a UTC offset when MSH-7 has none either (a monitor with
    /// a local clock). Empty (default): such a message gets AE 102; we never guess the server's zone.
    /// </summary>
    public string? MllpAssumedTimeZone { get; set; }

    internal IPAddress BindAddress() =>
        IPAddress.TryParse(MllpAddress, out var address) ? address : throw new InvalidOperationException($"DeviceFeed:MllpAddress '{MllpAddress}' is not an IP address.");
}

/// <summary>Where the MLLP listener is listening, once it is (port 0 = ephemeral: tests and the simulator read the real one here).</summary>
public sealed class MllpEndpoint
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The bound port, or null while not listening (disabled, or not started yet).</summary>
    public int? Port => _bound.Task.IsCompletedSuccessfully ? _bound.Task.Result.Port : null;

    /// <summary>Completes when the listener is bound.</summary>
    public Task<IPEndPoint> WhenBound => _bound.Task;

    internal void Bound(IPEndPoint endpoint) => _bound.TrySetResult(endpoint);
}
