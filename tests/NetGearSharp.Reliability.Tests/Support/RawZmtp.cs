using System.Net.Sockets;

namespace NetGearSharp.Reliability.Tests.Support;

/// <summary>A raw ZMTP 3.1 peer's first steps, for attacks a real ZeroMQ socket would not send.</summary>
internal static class RawZmtp
{
    /// <summary>Connects and completes a ZMTP 3.1 NULL handshake as <paramref name="socketType"/>; a DEALER also sends REQ's empty delimiter.</summary>
    public static async Task<NetworkStream> HandshakeAsync(TcpClient tcp, int port, string socketType)
    {
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        await HandshakeAsync(stream, socketType);
        if (socketType == "DEALER") await stream.WriteAsync(new byte[] { 0x01, 0 }); // REQ's empty delimiter
        return stream;
    }

    /// <summary>Completes a ZMTP 3.1 NULL handshake as <paramref name="socketType"/> on a connection made either way.</summary>
    public static async Task HandshakeAsync(NetworkStream stream, string socketType)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF; greeting[9] = 0x7F; greeting[10] = 3; greeting[11] = 1;
        "NULL"u8.CopyTo(greeting.AsSpan(12));
        await stream.WriteAsync(greeting);
        var type = System.Text.Encoding.ASCII.GetBytes(socketType);
        byte[] ready = [0x04, (byte)(1 + 5 + 1 + 11 + 4 + type.Length), 5, .. "READY"u8, 11, .. "Socket-Type"u8, 0, 0, 0, (byte)type.Length, .. type];
        await stream.WriteAsync(ready);
        // libzmq closes a peer that sends its messages before the handshake is through: wait for the client's READY.
        var received = new List<byte>();
        var buffer = new byte[4096];
        using (var handshake = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (!ContainsReady(received))
            {
                var n = await stream.ReadAsync(buffer, handshake.Token);
                if (n == 0) throw new IOException("the client closed the connection during the handshake");
                received.AddRange(buffer.AsSpan(0, n));
            }
        }
    }

    /// <summary>One whole message of one part, as ZMTP frames it (short or long size).</summary>
    public static byte[] Message(ReadOnlySpan<byte> body)
    {
        if (body.Length < 256) return [0x00, (byte)body.Length, .. body];
        var frame = new byte[9 + body.Length];
        frame[0] = 0x02;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(1), (ulong)body.Length);
        body.CopyTo(frame.AsSpan(9));
        return frame;
    }

    private static bool ContainsReady(List<byte> bytes) => bytes.Count > 64 && System.Text.Encoding.ASCII.GetString(bytes.ToArray(), 64, bytes.Count - 64).Contains("READY");
}
