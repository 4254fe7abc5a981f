using System.Globalization;
using System.Text;
using NATS.Client.Core;

namespace NetGearSharp.Nats.Wire;

/// <summary>Writes the headers of a forwarded frame or state event.</summary>
internal static class PacketHeaders
{
    public static NatsHeaders ForFrame(int port, long sequence, DateTimeOffset receivedAt, ElementType type, int[] shape,
        byte[]? message, bool jpeg, string? colorSpace, long dropped)
    {
        var headers = new NatsHeaders
        {
            [HeaderNames.Port] = NatsPort.Token(port),
            [HeaderNames.Sequence] = sequence.ToString(CultureInfo.InvariantCulture),
            [HeaderNames.Received] = receivedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            [HeaderNames.ElementType] = type.WireName(),
            [HeaderNames.Shape] = string.Join(",", shape),
            [HeaderNames.Encoding] = jpeg ? HeaderNames.EncodingJpeg : HeaderNames.EncodingRaw,
        };
        if (jpeg) headers[HeaderNames.ColorSpace] = colorSpace!;
        if (message is not null)
        {
            if (IsPlainAscii(message)) headers[HeaderNames.Message] = Encoding.ASCII.GetString(message);
            else headers[HeaderNames.MessageBase64] = Convert.ToBase64String(message);
        }
        if (dropped > 0) headers[HeaderNames.Dropped] = dropped.ToString(CultureInfo.InvariantCulture);
        return headers;
    }

    public static NatsHeaders ForState(int port, ServerState previous, ServerState current, long lastSequence, long dropped) => new()
    {
        [HeaderNames.Port] = NatsPort.Token(port),
        [HeaderNames.Sequence] = lastSequence.ToString(CultureInfo.InvariantCulture),
        [HeaderNames.State] = StateName(current),
        [HeaderNames.Previous] = StateName(previous),
        [HeaderNames.Dropped] = dropped.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A rough upper bound of a frame's header bytes (for the max payload check).</summary>
    public static int EstimateBytes(int messageBytes) => 512 + (messageBytes * 4 / 3) + 4;

    public static string StateName(ServerState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseState(string? text, out ServerState state)
        => Enum.TryParse(text, ignoreCase: true, out state) && Enum.IsDefined(state) && !int.TryParse(text, out _);

    private static bool IsPlainAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7E) return false;
        }
        return true;
    }
}
