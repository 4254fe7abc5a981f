using System.Globalization;

namespace NetGearSharp.Transport.Native;

/// <summary>
/// Turns libzmq's monitor events of a secure socket into connection events that count only authenticated peers.
/// libzmq reports a TCP accept before the CURVE handshake, and its handshake events carry no file descriptor, so the
/// closes are matched per port (the accept names the bound endpoint, <c>tcp://0.0.0.0:5566</c>, the connection's events
/// its local address, <c>tcp://127.0.0.1:5566</c>): a close is reported only when fewer connections are open on that port than
/// have completed their handshake (the closed one must have been authenticated). A close of a connection that failed
/// (or never finished) its handshake is not reported: that peer never counted as connected.
/// </summary>
internal sealed class HandshakeAccounting
{
    private readonly Dictionary<string, (int Open, int Authenticated)> _byPort = new(StringComparer.Ordinal);

    /// <summary>Translates one monitor event; false when nothing is to be reported.</summary>
    public bool TryTranslate(int code, uint value, string endpoint, out TransportEvent transportEvent)
    {
        var key = Endpoints.PortOf(endpoint)?.ToString(CultureInfo.InvariantCulture) ?? endpoint;
        _byPort.TryGetValue(key, out var counts);
        transportEvent = default;
        switch (code)
        {
            case ZmqNative.EventAccepted:
                _byPort[key] = (counts.Open + 1, counts.Authenticated);
                return false;
            case ZmqNative.EventConnected:
                _byPort[key] = (counts.Open + 1, counts.Authenticated);
                transportEvent = new TransportEvent(TransportEventKind.Connected, endpoint);
                return true;
            case ZmqNative.EventHandshakeSucceeded:
                _byPort[key] = (counts.Open, counts.Authenticated + 1);
                transportEvent = new TransportEvent(TransportEventKind.Accepted, endpoint);
                return true;
            case ZmqNative.EventDisconnected:
                var open = Math.Max(0, counts.Open - 1);
                if (open < counts.Authenticated)
                {
                    _byPort[key] = (open, counts.Authenticated - 1);
                    transportEvent = new TransportEvent(TransportEventKind.Disconnected, endpoint);
                    return true;
                }
                _byPort[key] = (open, counts.Authenticated);
                return false;
            case ZmqNative.EventHandshakeFailedAuth or ZmqNative.EventHandshakeFailedProtocol or ZmqNative.EventHandshakeFailedNoDetail:
                transportEvent = new TransportEvent(TransportEventKind.AuthenticationFailed, endpoint, Describe(code, value));
                return true;
            default:
                return false;
        }
    }

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
