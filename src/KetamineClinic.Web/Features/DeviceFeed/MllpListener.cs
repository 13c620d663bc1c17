using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using KetamineClinic.Interop.Hl7v2;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.DeviceFeed;

/// <summary>
/// The HL7 v2 listener: TCP on <c>DeviceFeed:MllpPort</c>, MLLP framing (Interop's <see cref="MllpDecoder"/>), one task
/// per connection, messages of a connection handled strictly in order (the next frame is read only after the previous
/// ACK is written), a frame size limit, an idle timeout, and a graceful stop: on host shutdown it stops accepting,
/// lets each connection finish the message in hand (commit and ACK), then closes.
/// </summary>
public sealed partial class MllpListener(
    IOptions<MllpOptions> options,
    MllpEndpoint endpoint,
    MllpMessageHandler handler,
    MllpMetrics metrics,
    ILogger<MllpListener> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<long, Task> _connections = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private SemaphoreSlim? _slots;
    private long _nextConnection;
    private bool _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.MllpEnabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        _slots = new SemaphoreSlim(Math.Max(1, o.MllpMaxConnections));
        _listener = new TcpListener(o.BindAddress(), o.MllpPort);
        _listener.Start();
        var bound = (IPEndPoint)_listener.LocalEndpoint;
        endpoint.Bound(bound);
        LogListening(logger, bound);
        _acceptLoop = AcceptLoopAsync(_listener, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is null || Volatile.Read(ref _disposed))
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        Task[] open;
        lock (_gate)
        {
            open = [.. _connections.Values];
        }

        // Each connection finishes the message in hand; the host's shutdown timeout bounds the wait.
        await Task.WhenAll(open).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, true))
        {
            return;
        }

        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        _listener?.Dispose();
        _stopping.Dispose();
        _slots?.Dispose();
    }

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots!.WaitAsync(stopping);
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stopping);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                var id = Interlocked.Increment(ref _nextConnection);
                var task = ServeAsync(id, client, stopping);
                lock (_gate)
                {
                    foreach (var done in _connections.Where(c => c.Value.IsCompleted).Select(c => c.Key).ToList())
                    {
                        _connections.Remove(done);
                    }

                    if (!task.IsCompleted)
                    {
                        _connections[id] = task;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                LogAcceptFailed(logger, ex);
            }
        }
    }

    private async Task ServeAsync(long id, TcpClient client, CancellationToken stopping)
    {
        await Task.Yield();
        var o = options.Value;
        metrics.Connections.Add(1);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
            LogConnected(logger, id, remote);
        }

        try
        {
            client.NoDelay = true;
            await using var stream = client.GetStream();
            var input = PipeReader.Create(stream);
            var decoder = new MllpDecoder(o.MllpMaxMessageBytes);
            var idle = TimeSpan.FromSeconds(Math.Max(1, o.MllpIdleTimeoutSeconds));
            while (!stopping.IsCancellationRequested)
            {
                ReadResult read;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    timeout.CancelAfter(idle);
                    try
                    {
                        read = await input.ReadAsync(timeout.Token);
                    }
                    catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                    {
                        LogIdle(logger, id, (int)idle.TotalSeconds);
                        break;
                    }
                }

                var buffer = read.Buffer;
                while (decoder.TryRead(ref buffer, out var result))
                {
                    // Messages on one connection are answered in order: the next frame waits for this ACK.
                    // The message in hand is finished even while the host stops (no token): the sender gets its ACK.
                    var ack = result switch
                    {
                        MllpReadResult.Frame frame => await handler.HandleAsync(frame.Payload, CancellationToken.None),
                        MllpReadResult.Oversized => handler.Unreadable(result),
                        MllpReadResult.Interrupted => null,
                        _ => null,
                    };
                    if (ack is not null)
                    {
                        await stream.WriteAsync(ack, CancellationToken.None);
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
            }

            await input.CompleteAsync();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Host stopping between messages.
        }
        catch (IOException ex)
        {
            LogConnectionLost(logger, id, ex.Message);
        }
        catch (SocketException ex)
        {
            LogConnectionLost(logger, id, ex.Message);
        }
        finally
        {
            client.Dispose();
            metrics.Connections.Add(-1);
            _slots!.Release();
            lock (_gate)
            {
                _connections.Remove(id);
            }

            LogClosed(logger, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 v2 (MLLP) listener disabled (DeviceFeed:MllpEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "HL7 v2 (MLLP) listener on {Endpoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MLLP accept failed")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MLLP connection {Id} from {Remote}")]
    private static partial void LogConnected(ILogger logger, long id, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connection {Id} closed after {Seconds} s without data")]
    private static partial void LogIdle(ILogger logger, long id, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "MLLP connection {Id} lost: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, long id, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MLLP connection {Id} closed")]
    private static partial void LogClosed(ILogger logger, long id);
}
