using System.Globalization;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Why a security (CURVE) handshake failed, in words a user can act on, from libzmq's handshake-failed monitor events,
/// told from the side that saw it: the binding client or the connecting (sending) server, secure or plain.
/// (Which connections count as a server's is decided by the registry from the handshake events, as for plain sockets.)
/// </summary>
internal static class HandshakeFailure
{
    /// <summary>libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH: the two ends use different security mechanisms.</summary>
    internal const uint MechanismMismatch = 0x11000002;

    /// <summary>libzmq's ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC: a CURVE message could not be decrypted.</summary>
    internal const uint Cryptographic = 0x11000001;

    private static string ErrorText(uint errno)
        => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(ZmqNative.zmq_strerror((int)errno)) ?? "error";

    /// <summary>
    /// Whether a failed handshake is about security: every failure of a secure socket; on a plain socket only a
    /// mechanism mismatch (its peer uses CURVE), not a peer that closed or spoke no ZMTP.
    /// </summary>
    internal static bool IsSecurity(int code, uint value, bool secure)
        => secure || code == ZmqNative.EventHandshakeFailedProtocol && value == MechanismMismatch;

    /// <summary>Why a handshake failed, in words a user can act on.</summary>
    /// <param name="code">The monitor event (a handshake-failed one).</param>
    /// <param name="value">Its value: a ZAP status, a protocol error, or an errno.</param>
    /// <param name="secure">Whether this socket uses CURVE.</param>
    /// <param name="connecting">Whether this socket connects (a sending server) rather than binds (the client).</param>
    internal static string Describe(int code, uint value, bool secure = true, bool connecting = false)
    {
        if (!secure)
        {
            return connecting
                ? "the client uses CURVE security (secure mode) and this server does not: give this server the client's secure mode and keys (SecureMode and KeysDirectory; the netgear tool: --secure stonehouse|ironhouse --keys DIR)"
                : "it uses CURVE security (secure mode) and this client does not: give this client the server's secure mode and keys (SecureMode and KeysDirectory; the netgear tool: --secure stonehouse|ironhouse --keys DIR)";
        }
        return connecting ? FromSender(code, value) : FromClient(code, value);
    }

    private static string FromClient(int code, uint value) => code switch
    {
        ZmqNative.EventHandshakeFailedAuth =>
            $"its public key was refused (ZAP status {value}): it is not in the allow-list for this port",
        ZmqNative.EventHandshakeFailedProtocol => value switch
        {
            MechanismMismatch => "it does not use the same secure mode: it sends without security; give it this client's secure mode and keys",
            Cryptographic => "its CURVE handshake could not be decrypted: it does not hold this client's server public key (wrong server.key)",
            _ => "security handshake protocol error 0x" + value.ToString("x8", CultureInfo.InvariantCulture),
        },
        _ => $"the connection closed during the security handshake ({ErrorText(value)}, errno {value}): the sender probably does not use the same secure mode",
    };

    private static string FromSender(int code, uint value) => code switch
    {
        ZmqNative.EventHandshakeFailedAuth =>
            $"the client refused this server's public key (ZAP status {value}): in IronHouse it allows only the public keys in its key folder; add this server's public key file to the client's key folder (public_keys/, or ports/<port>/ for its port only; the netgear tool: netgear keys allow)",
        ZmqNative.EventHandshakeFailedProtocol => value switch
        {
            MechanismMismatch => "the client does not use the same secure mode: it is not secure; give it this server's secure mode and keys (SecureMode and KeysDirectory; the netgear tool: --secure stonehouse|ironhouse --keys DIR)",
            Cryptographic => "the client's CURVE handshake could not be decrypted: this server does not hold the client's server public key (wrong server.key)",
            _ => "security handshake protocol error 0x" + value.ToString("x8", CultureInfo.InvariantCulture),
        },
        _ => $"the client closed the connection during the security handshake ({ErrorText(value)}, errno {value}): it does not use the same secure mode, or this server's server.key is not the client's server public key (another key folder)",
    };
}
