using System.Buffers;
using System.Globalization;

namespace KetamineClinic.Interop.Hl7v2;

/// <summary>
/// MLLP (Minimal Lower Layer Protocol, HL7 v2 transport over TCP): a message is framed as
/// <c>0x0B message 0x1C 0x0D</c>. Encoding lives here; decoding is <see cref="MllpDecoder"/>.
/// </summary>
public static class MllpFramer
{
    /// <summary>Start block (VT).</summary>
    public const byte StartBlock = 0x0B;

    /// <summary>End block (FS), followed by <see cref="CarriageReturn"/>.</summary>
    public const byte EndBlock = 0x1C;

    /// <summary>Carriage return that closes a frame.</summary>
    public const byte CarriageReturn = 0x0D;

    /// <summary>Largest message accepted by default: 1 MiB (a vitals ORU is a few kilobytes).</summary>
    public const int DefaultMaxMessageBytes = 1024 * 1024;

    /// <summary>Frames message bytes.</summary>
    /// <exception cref="ArgumentException">The message contains 0x0B or 0x1C, which would break the framing.</exception>
    public static byte[] Encode(ReadOnlySpan<byte> message)
    {
        EnsureFrameable(message);
        var frame = new byte[message.Length + 3];
        frame[0] = StartBlock;
        message.CopyTo(frame.AsSpan(1));
        frame[^2] = EndBlock;
        frame[^1] = CarriageReturn;
        return frame;
    }

    /// <summary>Frames a message written as text in the given character set (e.g. an ACK).</summary>
    public static byte[] Encode(string message, Hl7Charset charset) => Encode(Hl7Charsets.GetBytes(message, charset));

    /// <summary>Frames message bytes straight into a writer (a <c>PipeWriter</c> is one).</summary>
    public static void Encode(ReadOnlySpan<byte> message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        EnsureFrameable(message);
        var span = writer.GetSpan(message.Length + 3);
        span[0] = StartBlock;
        message.CopyTo(span[1..]);
        span[message.Length + 1] = EndBlock;
        span[message.Length + 2] = CarriageReturn;
        writer.Advance(message.Length + 3);
    }

    private static void EnsureFrameable(ReadOnlySpan<byte> message)
    {
        var at = message.IndexOfAny(StartBlock, EndBlock);
        if (at >= 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The message contains an MLLP block character (0x{message[at]:X2}) at byte {at}."),
                nameof(message));
        }
    }
}

/// <summary>What <see cref="MllpDecoder"/> found in the stream.</summary>
public abstract record MllpReadResult
{
    private MllpReadResult()
    {
    }

    /// <summary>A complete message (the bytes between the blocks, copied: safe to keep).</summary>
    public sealed record Frame(ReadOnlyMemory<byte> Payload) : MllpReadResult;

    /// <summary>
    /// A frame longer than the limit. Its bytes are dropped up to its end block. The sender still waits for an
    /// answer: reply AR (<see cref="Hl7Ack.BuildForUnreadable"/>) with <see cref="ToError"/>.
    /// </summary>
    public sealed record Oversized(int MaxMessageBytes) : MllpReadResult;

    /// <summary>
    /// A frame cut off by a new start block before its end (the sender restarted). Nothing to answer: the
    /// sender will resend after its timeout; the new frame is read normally.
    /// </summary>
    public sealed record Interrupted(long DroppedBytes) : MllpReadResult;

    /// <summary>An HL7 error describing a failed frame, for an AR.</summary>
    public Hl7Error? ToError() =>
        this switch
        {
            Frame => null,
            Oversized o => Hl7Error.Error(
                Hl7ErrorCode.ApplicationInternalError,
                Hl7Location.None,
                string.Create(CultureInfo.InvariantCulture, $"The MLLP frame is larger than {o.MaxMessageBytes} bytes; it was not read.")),
            Interrupted => Hl7Error.Error(
                Hl7ErrorCode.SegmentSequenceError,
                Hl7Location.None,
                "The MLLP frame was interrupted by a new start block; it was not read."),
            _ => throw new InvalidOperationException("Unknown MLLP result."),
        };
}

/// <summary>
/// Incremental MLLP decoder for one connection. Feed it whatever the socket delivers: partial frames, several
/// frames at once, bytes before a start block (skipped and counted in <see cref="SkippedBytes"/>). It never
/// buffers more than the size limit plus one read.
/// <para>With <c>System.IO.Pipelines</c>:</para>
/// <code>
/// var buffer = result.Buffer;
/// while (decoder.TryRead(ref buffer, out var frame)) { ... }
/// reader.AdvanceTo(buffer.Start, buffer.End);
/// </code>
/// <para>With plain arrays: <see cref="Feed"/>.</para>
/// </summary>
public sealed class MllpDecoder
{
    private const int ReleaseAboveBytes = 64 * 1024;
    private readonly int _maxMessageBytes;
    private bool _discarding;
    private byte[] _pending = [];
    private int _pendingLength;

    /// <param name="maxMessageBytes">Largest payload accepted (default 1 MiB).</param>
    public MllpDecoder(int maxMessageBytes = MllpFramer.DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Bytes dropped so far because they were outside any frame (noise, keep-alives).</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>
    /// Reads the next result from <paramref name="buffer"/> and slices off what it consumed. Returns false when
    /// more data is needed: the remaining <paramref name="buffer"/> must be offered again with more bytes after
    /// it (Pipelines: <c>AdvanceTo(buffer.Start, buffer.End)</c>).
    /// </summary>
    public bool TryRead(ref ReadOnlySequence<byte> buffer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MllpReadResult? result)
    {
        result = null;
        while (!buffer.IsEmpty)
        {
            if (_discarding)
            {
                if (!SkipRestOfOversizedFrame(ref buffer))
                {
                    return false;
                }

                continue;
            }

            var start = buffer.PositionOf(MllpFramer.StartBlock);
            if (start is null)
            {
                SkippedBytes += buffer.Length;
                buffer = buffer.Slice(buffer.End);
                return false;
            }

            var skipped = buffer.Slice(0, start.Value).Length;
            SkippedBytes += skipped;
            buffer = buffer.Slice(start.Value);
            return ReadFrame(ref buffer, out result);
        }

        return false;
    }

    /// <summary>Feeds one chunk from the socket and returns every result it completed (often none).</summary>
    public IReadOnlyList<MllpReadResult> Feed(ReadOnlySpan<byte> chunk)
    {
        if (_pending.Length - _pendingLength < chunk.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pendingLength + chunk.Length, _pending.Length * 2));
        }

        chunk.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += chunk.Length;
        var buffer = new ReadOnlySequence<byte>(_pending, 0, _pendingLength);
        var results = new List<MllpReadResult>();
        while (TryRead(ref buffer, out var result))
        {
            results.Add(result);
        }

        var left = (int)buffer.Length;
        _pending.AsSpan(_pendingLength - left, left).CopyTo(_pending);
        _pendingLength = left;
        if (left == 0 && _pending.Length > ReleaseAboveBytes)
        {
            // A long connection should not keep a large frame's buffer for ever.
            _pending = [];
        }

        return results;
    }

    /// <summary>The buffer starts with a start block.</summary>
    private bool ReadFrame(ref ReadOnlySequence<byte> buffer, out MllpReadResult? result)
    {
        result = null;
        var reader = new SequenceReader<byte>(buffer);
        reader.Advance(1);
        while (reader.TryAdvanceToAny([MllpFramer.StartBlock, MllpFramer.EndBlock], advancePastDelimiter: false))
        {
            var payloadLength = reader.Consumed - 1;
            reader.TryPeek(out var found);
            if (found == MllpFramer.StartBlock)
            {
                result = new MllpReadResult.Interrupted(payloadLength + 1);
                buffer = buffer.Slice(reader.Position);
                return true;
            }

            var endBlockAt = reader.Position;
            reader.Advance(1);
            if (!reader.TryPeek(out var next))
            {
                // End block is the last byte seen: wait for the CR (unless the frame is already too long).
                if (payloadLength > _maxMessageBytes)
                {
                    _discarding = true;
                    buffer = buffer.Slice(endBlockAt);
                    result = new MllpReadResult.Oversized(_maxMessageBytes);
                    return true;
                }

                return false;
            }

            if (next != MllpFramer.CarriageReturn)
            {
                // A lone 0x1C is not an end block: keep looking.
                continue;
            }

            reader.Advance(1);
            if (payloadLength > _maxMessageBytes)
            {
                result = new MllpReadResult.Oversized(_maxMessageBytes);
            }
            else
            {
                result = new MllpReadResult.Frame(buffer.Slice(1, payloadLength).ToArray());
            }

            buffer = buffer.Slice(reader.Position);
            return true;
        }

        if (buffer.Length - 1 > _maxMessageBytes)
        {
            _discarding = true;
            buffer = buffer.Slice(buffer.End);
            result = new MllpReadResult.Oversized(_maxMessageBytes);
            return true;
        }

        return false;
    }

    /// <summary>Drops bytes up to the oversized frame's end block or the next start block.</summary>
    private bool SkipRestOfOversizedFrame(ref ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryAdvanceToAny([MllpFramer.StartBlock, MllpFramer.EndBlock], advancePastDelimiter: false))
        {
            reader.TryPeek(out var found);
            if (found == MllpFramer.StartBlock)
            {
                _discarding = false;
                buffer = buffer.Slice(reader.Position);
                return true;
            }

            var endBlockAt = reader.Position;
            reader.Advance(1);
            if (!reader.TryPeek(out var next))
            {
                buffer = buffer.Slice(endBlockAt);
                return false;
            }

            if (next == MllpFramer.CarriageReturn)
            {
                reader.Advance(1);
                _discarding = false;
                buffer = buffer.Slice(reader.Position);
                return true;
            }
        }

        buffer = buffer.Slice(buffer.End);
        return false;
    }
}
