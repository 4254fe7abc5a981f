using NetGearSharp.Transport.Native.Wire;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// Which of libzmq's writes end inside a frame (and so go with <c>MSG_MORE</c>): fed the bytes libzmq writes, in the
/// pieces it writes them.
/// </summary>
public class OutgoingFramingTests
{
    private const int Batch = 8192;

    [Fact]
    public void TheGreetingAndTheHandshakeAreNeverMarked()
    {
        var framing = new OutgoingFraming();
        var greeting = Greeting("NULL");
        // libzmq writes its greeting in three pieces, waiting for the peer's between them.
        Assert.False(Write(framing, greeting.AsSpan(..10)));
        Assert.False(Write(framing, greeting.AsSpan(10..11)));
        Assert.False(Write(framing, greeting.AsSpan(11..)));
        Assert.False(Write(framing, Frame([5, .. "READY"u8, .. new byte[20]], command: true)));
        Assert.False(framing.Lost);
        Assert.Equal(0, framing.MarkedWrites);
    }

    [Fact]
    public void AFramesFirstBatchIsMarkedAndItsRestIsNot()
    {
        var framing = Ready();
        var message = Message(new byte[153], new byte[921_600]);
        Assert.True(Write(framing, message.AsSpan(..Batch)));
        Assert.False(Write(framing, message.AsSpan(Batch..)));
        // The next message the same way, and a small one between messages unmarked.
        Assert.False(Write(framing, Frame(new byte[39])));
        Assert.True(Write(framing, message.AsSpan(..Batch)));
        Assert.False(Write(framing, message.AsSpan(Batch..)));
        Assert.Equal(2, framing.MarkedWrites);
    }

    [Theory]
    [InlineData(Batch - 9, false)] // a long frame's 9-byte header and body fill the batch exactly: the message ends there
    [InlineData(Batch - 8, true)] // one byte of the body is left for the next write
    public void ABatchThatEndsWithItsMessageIsNotMarked(int bodyBytes, bool marked)
    {
        var framing = Ready();
        var message = Frame(new byte[bodyBytes]);
        Assert.Equal(marked, Write(framing, message.AsSpan(..Batch)));
        if (marked) Assert.False(Write(framing, message.AsSpan(Batch..)));
    }

    [Fact]
    public void ABatchThatEndsInsideAFramesSizeIsMarked()
    {
        var framing = Ready();
        var message = Frame(new byte[100_000]);
        Assert.True(Write(framing, message.AsSpan(..4))); // the flags and three of the eight size bytes
        Assert.False(Write(framing, message.AsSpan(4..)));
    }

    [Fact]
    public void WhatTheKernelDidNotTakeIsWrittenAgainAndMarkedByWhereItEnds()
    {
        var framing = Ready();
        var message = Message(new byte[153], new byte[921_600]);
        var batch = message.AsSpan(..Batch);
        Assert.True(framing.EndsInsideFrame(batch));
        framing.Wrote(batch[..5000]); // the kernel took 5,000 bytes of 8,192
        Assert.True(Write(framing, batch[5000..]));
        Assert.True(Write(framing, message.AsSpan(Batch..500_000), taken: 500_000 - Batch)); // ends inside the frame
        Assert.False(Write(framing, message.AsSpan(500_000..)));
    }

    [Fact]
    public void LookingAheadMovesNothing()
    {
        var framing = Ready();
        var message = Frame(new byte[20_000]);
        Assert.True(framing.EndsInsideFrame(message.AsSpan(..Batch)));
        Assert.True(framing.EndsInsideFrame(message.AsSpan(..Batch)));
        framing.Wrote(message);
        Assert.False(framing.EndsInsideFrame(Frame(new byte[10])));
    }

    [Fact]
    public void CurveMessagesTravelAsCommandsAndAreMarkedTheSameWay()
    {
        var framing = new OutgoingFraming();
        framing.Wrote(Greeting("CURVE", asServer: 1));
        var command = Frame(new byte[921_700], command: true);
        Assert.True(Write(framing, command.AsSpan(..Batch)));
        Assert.False(Write(framing, command.AsSpan(Batch..)));
        Assert.False(framing.Lost);
    }

    [Theory]
    [InlineData(0)] // not 0xFF: not ZeroMQ
    [InlineData(10)] // ZMTP 2.0's revision (1) where ZMTP 3 has its major version
    [InlineData(12)] // no mechanism name
    [InlineData(40)] // filler that is not zero
    public void AnythingButAZmtp3GreetingIsNotFollowed(int spoiled)
    {
        var framing = new OutgoingFraming();
        var greeting = Greeting("NULL");
        greeting[spoiled] = spoiled == 10 ? (byte)1 : spoiled == 12 ? (byte)0 : (byte)7;
        framing.Wrote(greeting);
        Assert.True(framing.Lost);
        Assert.False(Write(framing, Frame(new byte[100_000]).AsSpan(..Batch)));
    }

    [Fact]
    public void AFrameWithUnknownFlagsStopsTheFollowing()
    {
        var framing = Ready();
        framing.Wrote([0x80, 5, 1, 2, 3, 4, 5]);
        Assert.True(framing.Lost);
        Assert.False(Write(framing, Frame(new byte[100_000]).AsSpan(..Batch)));
    }

    [Fact]
    public void TheUnfollowedConnectionIsNeverMarked()
    {
        Assert.True(OutgoingFraming.Untracked.Lost);
        Assert.False(OutgoingFraming.Untracked.EndsInsideFrame(Frame(new byte[100_000]).AsSpan(..Batch)));
    }

    /// <summary>Asks whether a write is marked, then tells it the kernel took <paramref name="taken"/> bytes (all by default).</summary>
    private static bool Write(OutgoingFraming framing, ReadOnlySpan<byte> bytes, int? taken = null)
    {
        var marked = framing.EndsInsideFrame(bytes);
        framing.Wrote(bytes[..(taken ?? bytes.Length)]);
        return marked;
    }

    /// <summary>A connection past its greeting.</summary>
    private static OutgoingFraming Ready()
    {
        var framing = new OutgoingFraming();
        framing.Wrote(Greeting("NULL"));
        Assert.False(framing.Lost);
        return framing;
    }

    /// <summary>libzmq's ZMTP 3.1 greeting (64 bytes).</summary>
    private static byte[] Greeting(string mechanism, byte asServer = 0)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[8] = 1;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        for (var i = 0; i < mechanism.Length; i++) greeting[12 + i] = (byte)mechanism[i];
        greeting[32] = asServer;
        return greeting;
    }

    /// <summary>A REQ-framed message: the empty delimiter, then the parts.</summary>
    private static byte[] Message(params byte[][] parts)
    {
        var bytes = new List<byte>(Frame([], more: true));
        for (var i = 0; i < parts.Length; i++) bytes.AddRange(Frame(parts[i], more: i < parts.Length - 1));
        return [.. bytes];
    }

    private static byte[] Frame(byte[] body, bool more = false, bool command = false)
    {
        var flags = (byte)((more ? 0x01 : 0) | (command ? 0x04 : 0));
        if (body.Length <= 255) return [flags, (byte)body.Length, .. body];
        var size = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(size, (ulong)body.Length);
        return [(byte)(flags | 0x02), .. size, .. body];
    }
}
