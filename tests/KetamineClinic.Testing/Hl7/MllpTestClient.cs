using System.Net.Sockets;
using System.Text;
using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Testing.Hl7;

/// <summary>A plain MLLP client for tests: one TCP connection, send a message, wait for its ACK.</summary>
public sealed class MllpTestClient : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly MllpDecoder _decoder = new();
    private readonly Queue<MllpReadResult> _pending = new();

    private MllpTestClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<MllpTestClient> ConnectAsync(int port, CancellationToken ct = default)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port, ct);
        return new MllpTestClient(client);
    }

    /// <summary>Sends one framed message and returns the ACK's text (segments separated by CR).</summary>
    public async Task<string> SendAsync(string message, CancellationToken ct = default)
    {
        await SendRawAsync(MllpFramer.Encode(Encoding.UTF8.GetBytes(message)), ct);
        return await ReadAckAsync(ct);
    }

    public async Task SendRawAsync(byte[] bytes, CancellationToken ct = default) => await _stream.WriteAsync(bytes, ct);

    /// <summary>The next ACK on the connection (times out after 30 s).</summary>
    public async Task<string> ReadAckAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var buffer = new byte[8192];
        while (_pending.Count == 0)
        {
            var n = await _stream.ReadAsync(buffer, timeout.Token);
            if (n == 0)
            {
                throw new IOException("The server closed the connection before answering.");
            }

            foreach (var result in _decoder.Feed(buffer.AsSpan(0, n)))
            {
                _pending.Enqueue(result);
            }
        }

        var frame = Assert.IsType<MllpReadResult.Frame>(_pending.Dequeue());
        return Encoding.Latin1.GetString(frame.Payload.Span);
    }

    /// <summary>MSA-1 of an ACK (AA, AE, AR).</summary>
    public static string AckCode(string ack) =>
        ack.Split('\r').First(s => s.StartsWith("MSA|", StringComparison.Ordinal)).Split('|')[1];

    /// <summary>The ERR segments of an ACK.</summary>
    public static IReadOnlyList<string> Errors(string ack) =>
        [.. ack.Split('\r').Where(s => s.StartsWith("ERR|", StringComparison.Ordinal))];

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
