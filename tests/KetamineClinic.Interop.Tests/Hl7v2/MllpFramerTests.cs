using System.Buffers;
using System.Text;
using CsCheck;
using KetamineClinic.Interop.Hl7v2;

namespace KetamineClinic.Interop.Tests.Hl7v2;

public sealed class MllpFramerTests
{
    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    private static string Text(MllpReadResult result) =>
        Encoding.ASCII.GetString(Assert.IsType<MllpReadResult.Frame>(result).Payload.Span);

    [Fact]
    public void Encode_WrapsTheMessageInStartAndEndBlocks()
    {
        var frame = MllpFramer.Encode(Ascii("MSH|x"));

        Assert.Equal(new byte[] { 0x0B, (byte)'M', (byte)'S', (byte)'H', (byte)'|', (byte)'x', 0x1C, 0x0D }, frame);
    }

    [Fact]
    public void Encode_IntoABufferWriter_WritesTheSameFrame()
    {
        var writer = new ArrayBufferWriter<byte>();

        MllpFramer.Encode(Ascii("MSH|x"), writer);

        Assert.Equal(MllpFramer.Encode(Ascii("MSH|x")), writer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0x0B)]
    [InlineData(0x1C)]
    public void Encode_RefusesAMessageContainingABlockCharacter(byte block)
    {
        var e = Assert.Throws<ArgumentException>(() => MllpFramer.Encode(new byte[] { 0x41, block, 0x42 }));

        Assert.Contains("byte 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Utf8Text_UsesUtf8Bytes()
    {
        var frame = MllpFramer.Encode("é", Hl7Charset.Utf8);

        Assert.Equal(new byte[] { 0x0B, 0xC3, 0xA9, 0x1C, 0x0D }, frame);
    }

    [Fact]
    public void Encode_Latin1Text_UsesOneBytePerCharacter()
    {
        var frame = MllpFramer.Encode("é", Hl7Charset.Latin1);

        Assert.Equal(new byte[] { 0x0B, 0xE9, 0x1C, 0x0D }, frame);
    }

    [Fact]
    public void Feed_OneCompleteFrame_YieldsItsPayload()
    {
        var decoder = new MllpDecoder();

        var results = decoder.Feed(MllpFramer.Encode(Ascii("MSH|1")));

        Assert.Equal("MSH|1", Text(Assert.Single(results)));
        Assert.Equal(0, decoder.SkippedBytes);
    }

    [Fact]
    public void Feed_AFrameInTwoChunks_YieldsNothingUntilTheEndBlockAndCr()
    {
        var decoder = new MllpDecoder();
        var frame = MllpFramer.Encode(Ascii("MSH|abc"));

        Assert.Empty(decoder.Feed(frame.AsSpan(0, frame.Length - 1)));
        Assert.Equal("MSH|abc", Text(Assert.Single(decoder.Feed(frame.AsSpan(frame.Length - 1)))));
    }

    [Fact]
    public void Feed_SeveralFramesInOneChunk_YieldsThemInOrder()
    {
        var decoder = new MllpDecoder();
        var chunk = MllpFramer.Encode(Ascii("A")).Concat(MllpFramer.Encode(Ascii("B"))).Concat(MllpFramer.Encode(Ascii("C"))).ToArray();

        var results = decoder.Feed(chunk);

        Assert.Equal(["A", "B", "C"], results.Select(Text));
    }

    [Fact]
    public void Feed_GarbageBeforeTheStartBlock_IsSkippedAndCounted()
    {
        var decoder = new MllpDecoder();
        var chunk = Ascii("noise\r\n").Concat(MllpFramer.Encode(Ascii("MSH|1"))).Concat(Ascii("xy")).ToArray();

        var results = decoder.Feed(chunk);

        Assert.Equal("MSH|1", Text(Assert.Single(results)));
        Assert.Equal(9, decoder.SkippedBytes);
    }

    [Fact]
    public void Feed_EmptyFrame_YieldsAnEmptyPayload()
    {
        var decoder = new MllpDecoder();

        var results = decoder.Feed(new byte[] { 0x0B, 0x1C, 0x0D });

        Assert.Equal(0, Assert.IsType<MllpReadResult.Frame>(Assert.Single(results)).Payload.Length);
    }

    [Fact]
    public void Feed_ALoneEndBlockNotFollowedByCr_IsContent()
    {
        var decoder = new MllpDecoder();

        var results = decoder.Feed(new byte[] { 0x0B, 0x41, 0x1C, 0x42, 0x1C, 0x0D });

        Assert.Equal(new byte[] { 0x41, 0x1C, 0x42 }, Assert.IsType<MllpReadResult.Frame>(Assert.Single(results)).Payload.ToArray());
    }

    [Fact]
    public void Feed_ANewStartBlockBeforeTheEnd_ReportsTheInterruptedFrameAndReadsTheNextOne()
    {
        var decoder = new MllpDecoder();
        var chunk = new byte[] { 0x0B, 0x41, 0x42 }.Concat(MllpFramer.Encode(Ascii("MSH|2"))).ToArray();

        var results = decoder.Feed(chunk);

        Assert.Equal(2, results.Count);
        Assert.Equal(3, Assert.IsType<MllpReadResult.Interrupted>(results[0]).DroppedBytes);
        Assert.Equal("MSH|2", Text(results[1]));
        Assert.Equal(Hl7ErrorCode.SegmentSequenceError, results[0].ToError()!.Code);
    }

    [Fact]
    public void Feed_AFrameLargerThanTheLimit_IsReportedOnceThenSkippedToItsEnd()
    {
        var decoder = new MllpDecoder(maxMessageBytes: 10);
        var big = MllpFramer.Encode(Ascii(new string('x', 25)));
        var next = MllpFramer.Encode(Ascii("MSH|ok"));

        var first = decoder.Feed(big.AsSpan(0, 15));
        var rest = decoder.Feed(big.AsSpan(15).ToArray().Concat(next).ToArray());

        Assert.Equal(10, Assert.IsType<MllpReadResult.Oversized>(Assert.Single(first)).MaxMessageBytes);
        Assert.Equal("MSH|ok", Text(Assert.Single(rest)));
        var error = first[0].ToError()!;
        Assert.Equal(Hl7ErrorCode.ApplicationInternalError, error.Code);
        Assert.Contains("larger than 10 bytes", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_AFrameOfExactlyTheLimit_IsAccepted_AndOneByteMoreIsNot()
    {
        var decoder = new MllpDecoder(maxMessageBytes: 10);

        var exact = decoder.Feed(MllpFramer.Encode(Ascii(new string('x', 10))));
        var over = decoder.Feed(MllpFramer.Encode(Ascii(new string('x', 11))));

        Assert.IsType<MllpReadResult.Frame>(Assert.Single(exact));
        Assert.IsType<MllpReadResult.Oversized>(Assert.Single(over));
    }

    [Fact]
    public void Feed_OversizedFrameWhoseEndBlockArrivesAlone_IsSkippedCleanly()
    {
        var decoder = new MllpDecoder(maxMessageBytes: 4);
        var big = MllpFramer.Encode(Ascii("0123456789"));

        var results = new List<MllpReadResult>();
        foreach (var b in big.Concat(MllpFramer.Encode(Ascii("ok"))))
        {
            results.AddRange(decoder.Feed([b]));
        }

        Assert.IsType<MllpReadResult.Oversized>(results[0]);
        Assert.Equal("ok", Text(results[1]));
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public void Feed_DefaultLimitIsOneMebibyte()
    {
        Assert.Equal(1_048_576, MllpFramer.DefaultMaxMessageBytes);
        var decoder = new MllpDecoder();
        var payload = new byte[MllpFramer.DefaultMaxMessageBytes];
        Array.Fill(payload, (byte)'x');

        Assert.IsType<MllpReadResult.Frame>(Assert.Single(decoder.Feed(MllpFramer.Encode(payload))));
    }

    [Fact]
    public void TryRead_OverAMultiSegmentSequence_LeavesTheIncompleteTailForTheNextRead()
    {
        var decoder = new MllpDecoder();
        var bytes = MllpFramer.Encode(Ascii("MSH|one")).Concat(new byte[] { 0x0B, (byte)'M' }).ToArray();
        var buffer = Segmented(bytes, 3);

        Assert.True(decoder.TryRead(ref buffer, out var first));
        Assert.Equal("MSH|one", Text(first));
        Assert.False(decoder.TryRead(ref buffer, out _));
        Assert.Equal(new byte[] { 0x0B, (byte)'M' }, buffer.ToArray());
    }

    [Fact]
    public void Property_AnySplitOfAnyConcatenationOfFrames_DecodesToTheSameMessages()
    {
        var content = Gen.Byte.Where(b => b != MllpFramer.StartBlock && b != MllpFramer.EndBlock).Array[0, 40];
        var garbage = Gen.Byte.Where(b => b != MllpFramer.StartBlock).Array[0, 5];
        var messages = Gen.Select(content, garbage).Array[0, 6];
        var splits = Gen.Int[1, 12].Array[1, 30];

        Gen.Select(messages, splits).Sample((frames, cuts) =>
        {
            var stream = frames.SelectMany(f => f.Item2.Concat(MllpFramer.Encode(f.Item1))).ToArray();
            var decoder = new MllpDecoder();
            var decoded = new List<byte[]>();
            var position = 0;
            var cut = 0;
            while (position < stream.Length)
            {
                var length = Math.Min(cuts[cut++ % cuts.Length], stream.Length - position);
                decoded.AddRange(decoder.Feed(stream.AsSpan(position, length)).Select(r => Assert.IsType<MllpReadResult.Frame>(r).Payload.ToArray()));
                position += length;
            }

            Assert.Equal(frames.Select(f => f.Item1), decoded);
            Assert.Equal(frames.Sum(f => f.Item2.Length), decoder.SkippedBytes);
        });
    }

    [Fact]
    public void Property_EverySingleSplitPointOfTwoFrames_DecodesBoth()
    {
        var stream = MllpFramer.Encode(Samples.Bytes("mdc-monitor.hl7")).Concat(MllpFramer.Encode(Ascii("MSH|second"))).ToArray();
        for (var split = 0; split <= stream.Length; split++)
        {
            var decoder = new MllpDecoder();
            var results = decoder.Feed(stream.AsSpan(0, split)).Concat(decoder.Feed(stream.AsSpan(split))).ToList();

            Assert.Equal(2, results.Count);
            Assert.Equal(Samples.Bytes("mdc-monitor.hl7"), Assert.IsType<MllpReadResult.Frame>(results[0]).Payload.ToArray());
            Assert.Equal("MSH|second", Text(results[1]));
        }
    }

    [Fact]
    public void Property_PipelinesStyleReadsOverSegmentedBuffers_MatchTheFrames()
    {
        var content = Gen.Byte.Where(b => b != MllpFramer.StartBlock && b != MllpFramer.EndBlock).Array[0, 30];
        Gen.Select(content.Array[1, 5], Gen.Int[1, 7]).Sample((frames, segmentSize) =>
        {
            var stream = frames.SelectMany(f => MllpFramer.Encode(f)).ToArray();
            var buffer = Segmented(stream, segmentSize);
            var decoder = new MllpDecoder();
            var decoded = new List<byte[]>();
            while (decoder.TryRead(ref buffer, out var result))
            {
                decoded.Add(Assert.IsType<MllpReadResult.Frame>(result).Payload.ToArray());
            }

            Assert.Equal(frames, decoded);
            Assert.True(buffer.IsEmpty);
        });
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        if (bytes.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Chunk(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var at = size; at < bytes.Length; at += size)
        {
            last = last.Append(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Chunk : ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
