using NetGearSharp.Transport.Zmtp;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// How NetMQ's gate reads a peer's framing as it passes (issue 11 item 6 on NetMQ): whole messages and handshakes are
/// recognised however the bytes are split, and it says stop at the first part past a limit, before that part's body.
/// </summary>
public class ZmtpMeterTests
{
    private const long Limit = 1000;
    private const long PartLimit = 600;

    private static byte[] Greeting(string mechanism = "NULL", byte major = 3)
    {
        var g = new byte[64];
        g[0] = 0xFF; g[9] = 0x7F; g[10] = major; g[11] = 1;
        System.Text.Encoding.ASCII.GetBytes(mechanism).CopyTo(g, 12);
        return g;
    }

    private static byte[] Frame(byte flags, long size)
    {
        if (size < 256 && (flags & 0x02) == 0)
        {
            var shortFrame = new byte[2 + size];
            shortFrame[0] = flags;
            shortFrame[1] = (byte)size;
            return shortFrame;
        }
        var frame = new byte[9 + size];
        frame[0] = (byte)(flags | 0x02);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(frame.AsSpan(1), size);
        return frame;
    }

    private static byte[] Ready() => Frame(0x04, 26);

    private static byte[] Join(params byte[][] pieces) => pieces.SelectMany(p => p).ToArray();

    [Fact]
    public void A_handshake_and_a_message_of_three_parts_pass_and_are_counted()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Greeting().AsSpan(0, 10)));
        Assert.True(meter.SignatureSeen);
        Assert.False(meter.HandshakeDone);
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Greeting()[10..], Ready())));
        Assert.True(meter.HandshakeDone);
        Assert.False(meter.Delivered);
        // REQ's empty delimiter, a header, a frame.
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Frame(0x01, 0), Frame(0x01, 40), Frame(0x00, 500))));
        Assert.Equal(1, meter.MessagesCompleted);
        Assert.True(meter.Delivered);
        Assert.False(meter.Encrypted);
    }

    [Fact]
    public void Bytes_fed_one_at_a_time_read_the_same_as_all_at_once()
    {
        var stream = Join(Greeting(), Ready(), Frame(0x01, 40), Frame(0x00, 300), Frame(0x01, 10), Frame(0x02, 400));
        var meter = new ZmtpMeter(Limit, PartLimit);
        foreach (var b in stream) Assert.Equal(ZmtpVerdict.Pass, meter.Feed([b]));
        Assert.Equal(2, meter.MessagesCompleted);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n\r\n")]
    [InlineData("\u00ff\0\0\0\0\0\0\0\u0001\u0000")] // byte 9 without its low bit
    public void Bytes_that_are_not_a_ZMTP_greeting_are_refused(string text)
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        var bytes = text.Select(c => (byte)c).ToArray();
        Assert.Equal(ZmtpVerdict.NotZmtp, meter.Feed(bytes));
        Assert.NotNull(meter.Detail);
    }

    [Fact]
    public void A_ZMTP_1_greeting_is_refused()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        Assert.Equal(ZmtpVerdict.NotZmtp, meter.Feed(Greeting(major: 0).AsSpan(0, 11)));
    }

    [Fact]
    public void A_ZMTP_2_peer_is_read_from_its_12_byte_greeting_and_identity()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        var greeting = Greeting(major: 1)[..12];
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(greeting, Frame(0x00, 0), Frame(0x01, 40), Frame(0x00, 500))));
        Assert.True(meter.HandshakeDone);
        Assert.Equal(2, meter.MessagesCompleted); // the identity, then the message
    }

    [Fact]
    public void Sixteen_parts_pass_and_the_seventeenth_is_refused_before_its_body()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        meter.Feed(Join(Greeting(), Ready()));
        for (var i = 0; i < ZmtpMeter.MaxParts; i++) Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Frame(0x01, 0)));
        Assert.Equal(ZmtpVerdict.TooManyParts, meter.Feed(Frame(0x01, 0).AsSpan(0, 2)));
        Assert.Contains("more than 16 parts", meter.Detail);
    }

    [Fact]
    public void Parts_that_go_past_the_whole_message_limit_are_refused_at_the_header_of_the_one_that_does()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        meter.Feed(Join(Greeting(), Ready()));
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Frame(0x01, 500)));
        // The next part's header alone (its 9 bytes): 500 + 501 > 1000.
        Assert.Equal(ZmtpVerdict.TooLarge, meter.Feed(Frame(0x01, 501).AsSpan(0, 9)));
        Assert.Contains("the limit is 1000", meter.Detail);
    }

    [Fact]
    public void The_count_starts_again_with_each_message()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        meter.Feed(Join(Greeting(), Ready()));
        for (var i = 0; i < 10; i++) Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Frame(0x01, 400), Frame(0x00, 500))));
        Assert.Equal(10, meter.MessagesCompleted);
    }

    [Fact]
    public void A_part_or_a_command_larger_than_any_valid_one_is_refused()
    {
        var part = new ZmtpMeter(Limit, PartLimit);
        part.Feed(Join(Greeting(), Ready()));
        Assert.Equal(ZmtpVerdict.TooLarge, part.Feed(Frame(0x00, PartLimit + 1).AsSpan(0, 9)));

        var command = new ZmtpMeter(Limit, PartLimit);
        command.Feed(Greeting());
        Assert.Equal(ZmtpVerdict.TooLarge, command.Feed(Frame(0x04, PartLimit + 65 * 1024).AsSpan(0, 9)));

        var huge = new ZmtpMeter(Limit, PartLimit);
        huge.Feed(Join(Greeting(), Ready()));
        Assert.Equal(ZmtpVerdict.TooLarge, huge.Feed([0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
    }

    [Fact]
    public void With_CURVE_the_encrypted_parts_are_only_sized()
    {
        var meter = new ZmtpMeter(Limit, PartLimit);
        meter.Feed(Greeting("CURVE"));
        Assert.True(meter.Encrypted);
        // HELLO, INITIATE, then MESSAGE commands: any number, each under the part limit plus a command's overhead.
        for (var i = 0; i < 100; i++) Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Frame(0x04, 500)));
        Assert.True(meter.Delivered);
        Assert.Equal(0, meter.MessagesCompleted);
    }

    [Fact]
    public void Without_limits_nothing_is_refused_for_size()
    {
        var meter = new ZmtpMeter(-1, -1);
        meter.Feed(Join(Greeting(), Ready()));
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Frame(0x01, 100_000)));
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Frame(0x00, 100_000)));
        Assert.Equal(1, meter.MessagesCompleted);
    }

    private static int? NamedPort(ReadOnlySpan<byte> header)
        => System.Text.Encoding.ASCII.GetString(header) is var text && text.StartsWith("port=", StringComparison.Ordinal) ? int.Parse(text[5..], System.Globalization.CultureInfo.InvariantCulture) : null;

    private static byte[] Part(byte flags, string text)
    {
        var frame = Frame(flags, text.Length);
        System.Text.Encoding.ASCII.GetBytes(text).CopyTo(frame, 2);
        return frame;
    }

    [Fact]
    public void A_header_naming_its_own_port_passes_and_one_naming_another_is_refused_at_its_last_byte()
    {
        var meter = new ZmtpMeter(Limit, PartLimit, port: 5566, namedPort: NamedPort);
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Greeting(), Ready())));
        // REQ's empty delimiter, then the header: the delimiter is not the header.
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Frame(0x01, 0), Part(0x01, "port=5566"), Frame(0x00, 100))));
        Assert.Equal(1, meter.MessagesCompleted);
        // A goodbye (one part) naming another port: everything but its last byte passes.
        var goodbye = Join(Frame(0x01, 0), Part(0x00, "port=5567"));
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(goodbye.AsSpan(0, goodbye.Length - 1)));
        Assert.Equal(ZmtpVerdict.PortMismatch, meter.Feed(goodbye.AsSpan(goodbye.Length - 1)));
        Assert.Equal("the header names port 5567 but the message arrived on port 5566", meter.Detail);
        Assert.Equal(1, meter.MessagesCompleted);
    }

    [Fact]
    public void Only_the_first_part_that_is_not_empty_is_read_as_the_header()
    {
        var meter = new ZmtpMeter(Limit, PartLimit, port: 5566, namedPort: NamedPort);
        meter.Feed(Join(Greeting(), Ready()));
        // The frame part says "port=1" too: it is not a header, so it is not checked. Nor is a header naming no port.
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Part(0x01, "port=5566"), Part(0x00, "port=1"))));
        Assert.Equal(ZmtpVerdict.Pass, meter.Feed(Join(Part(0x01, "{}"), Part(0x00, "port=1"))));
        Assert.Equal(2, meter.MessagesCompleted);
    }
}
