using System.Security.Cryptography;
using System.Text;

namespace NetGearSharp.Protocol;

/// <summary>The exact reply strings a VidGear client sends in Request/Reply (and Pair) mode.</summary>
internal static class Replies
{
    /// <summary>Reply to a terminate message in multi-server mode.</summary>
    public static readonly byte[] TerminateMulti = "Termination signal successfully received at client!"u8.ToArray();

    /// <summary>Reply to a terminate message in single-server mode.</summary>
    public static readonly byte[] TerminateSingle = "Termination signal successfully received at Client's end!"u8.ToArray();

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A random 8-character device id of A-Z and 0-9, as VidGear makes one per client.</summary>
    public static string NewDeviceId()
    {
        Span<char> id = stackalloc char[8];
        for (var i = 0; i < id.Length; i++) id[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(id);
    }

    /// <summary>The reply to a frame: <c>Data received on device: ABCD1234 !</c>.</summary>
    public static byte[] FrameAck(string deviceId) => Encoding.UTF8.GetBytes($"Data received on device: {deviceId} !");

    /// <summary>True when a reply received by a server is one of the acknowledgements a client sends.</summary>
    public static bool IsFrameAck(ReadOnlySpan<byte> reply) => reply.StartsWith("Data received on device: "u8);
}
