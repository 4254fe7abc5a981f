using System.Globalization;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Why a security (CURVE) handshake failed, in words a user can act on, from libzmq's handshake-failed monitor events.
/// (Which connections count as a server's is decided by the registry from the handshake events, as for plain sockets.)
/// </summary>
internal static class HandshakeFailure
{
    private static string ErrorText(uint errno)
        => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(ZmqNative.zmq_strerror((int)errno)) ?? "error";

    /// <summary>Why a handshake failed, in words a user can act on.</summary>
    internal static string Describe(int code, uint value) => code switch
    {
        ZmqNative.EventHandshakeFailedAuth =>
            $"its public key was refused (ZAP status {value}): it is not in the allow-list for this port",
        ZmqNative.EventHandshakeFailedProtocol => value switch
        {
            0x11000002 => "it does not use the same secure mode (a plain server on a secure client, or the reverse)",
            0x11000001 => "its CURVE handshake could not be decrypted: it does not hold this client's server public key (wrong server.key)",
            _ => "security handshake protocol error 0x" + value.ToString("x8", CultureInfo.InvariantCulture),
        },
        _ => $"the connection closed during the security handshake ({ErrorText(value)}, errno {value}): the sender probably does not use the same secure mode",
    };
}
