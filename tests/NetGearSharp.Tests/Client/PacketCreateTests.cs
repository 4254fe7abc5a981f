using System.Text;
using System.Text.Json;

namespace NetGearSharp.Tests.Client;

/// <summary><see cref="NetGearPacket.Create"/>: the public way to build a packet outside a client (relays, tests).</summary>
public class PacketCreateTests
{
    private sealed record Stamp(int N, string Camera);

    private static Frame Grey(byte value) => Frame.Copy(new byte[] { value, value, value, value }, ElementType.UInt8, 2, 2);

    [Fact]
    public void CarriesPortFrameMessageTimeAndSequence_AndReadsTheMessageWithTheDefaultOptions()
    {
        var at = new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero);
        using var packet = NetGearPacket.Create(5566, Grey(7), """{"n": 3, "camera": "gate"}"""u8, at, 42);
        Assert.Equal(5566, packet.Port);
        Assert.Equal(7, packet.Frame.Data[3]);
        Assert.Equal(at, packet.ReceivedAt);
        Assert.Equal(42, packet.Sequence);
        Assert.True(packet.HasMessage);
        Assert.Equal(new Stamp(3, "gate"), packet.GetMessage<Stamp>()); // camelCase JSON into a record, as a client reads it
    }

    [Fact]
    public void EmptyOrNullMessageIsNoMessage()
    {
        using var empty = NetGearPacket.Create(1, Grey(0), ReadOnlySpan<byte>.Empty, DateTimeOffset.UtcNow, 1);
        using var jsonNull = NetGearPacket.Create(1, Grey(0), "null"u8, DateTimeOffset.UtcNow, 1);
        Assert.False(empty.HasMessage);
        Assert.False(jsonNull.HasMessage);
        Assert.Null(jsonNull.GetMessage<Stamp>());
    }

    [Fact]
    public void UsesTheGivenSerializerOptions_CopiedOnce()
    {
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        using var a = NetGearPacket.Create(1, Grey(0), """{"frame_no": 9}"""u8, DateTimeOffset.UtcNow, 1, options);
        using var b = NetGearPacket.Create(1, Grey(0), """{"frame_no": 10}"""u8, DateTimeOffset.UtcNow, 2, options);
        Assert.Equal(9, a.GetMessage<Snake>()!.FrameNo);
        Assert.Equal(10, b.GetMessage<Snake>()!.FrameNo);
        Assert.False(options.IsReadOnly); // the caller's instance is copied, not frozen
    }

    private sealed record Snake(int FrameNo);

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void RejectsAPortOutOfRange(int port)
    {
        using var frame = Grey(0);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NetGearPacket.Create(port, frame, ReadOnlySpan<byte>.Empty, DateTimeOffset.UtcNow, 1));
        Assert.Contains($"Port {port}", error.Message);
    }

    [Fact]
    public void RejectsASequenceBelowOne()
    {
        using var frame = Grey(0);
        Assert.Throws<ArgumentOutOfRangeException>(() => NetGearPacket.Create(1, frame, ReadOnlySpan<byte>.Empty, DateTimeOffset.UtcNow, 0));
    }

    [Theory]
    [InlineData("{\"n\": ")]
    [InlineData("1 2")]
    [InlineData("not json")]
    public void RejectsAMessageThatIsNotOneJsonValue(string message)
    {
        using var frame = Grey(0);
        var error = Assert.Throws<ArgumentException>(() => NetGearPacket.Create(1, frame, Encoding.UTF8.GetBytes(message), DateTimeOffset.UtcNow, 1));
        Assert.Equal("messageUtf8", error.ParamName);
    }
}
