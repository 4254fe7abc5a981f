using NetGearSharp.Logging;
using NetGearSharp.Transport;

namespace NetGearSharp.Server;

/// <summary>
/// A sending server's failed security handshakes, as the transport reports them
/// (<see cref="TransportEventKind.AuthenticationFailed"/>, libzmq only): the client uses another secure mode, or refused
/// this server's key. The first is logged as a warning, then at most one every <see cref="Interval"/> per client endpoint
/// (the server tries again about once a second). A connection that only closed during the handshake
/// (<see cref="TransportEvent.Inconclusive"/>: the client may have answered, and closed before the answer was read) says
/// less than an answer: it is logged only when it happens twice with no answer in between, and does not hold back an
/// answer's warning. Send thread only.
/// </summary>
internal sealed class HandshakeWarnings(ServerSettings settings)
{
    /// <summary>The shortest time between two warnings about the same client endpoint.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, State> _endpoints = new(StringComparer.Ordinal);

    /// <summary>Logs a failed handshake with the client at <paramref name="failure"/>'s endpoint (unless one was logged lately).</summary>
    public void Failed(TransportEvent failure)
    {
        var now = settings.Clock.Now;
        if (!_endpoints.TryGetValue(failure.Endpoint, out var state))
        {
            if (_endpoints.Count >= 64) _endpoints.Clear(); // bounded: reports resume
            _endpoints[failure.Endpoint] = state = new State();
        }
        var recent = state.LoggedAt is { } at && now - at < Interval.Ticks;
        if (failure.Inconclusive)
        {
            state.Closes++;
            if (state.Closes < 2 || recent) return;
        }
        else
        {
            state.Closes = 0;
            if (recent && state.LoggedAnswer) return;
        }
        state.LoggedAt = now;
        state.LoggedAnswer = !failure.Inconclusive;
        var curve = settings.Socket.Curve;
        settings.Logger.ConnectionRefused(settings.Port, failure.Endpoint, failure.Detail ?? "the security handshake failed",
            curve?.PublicKeyFile is { } file ? $" (this server's public key: {file})" : "");
    }

    private sealed class State
    {
        public long? LoggedAt;
        /// <summary>Whether the warning logged last was an answer's (not only a closed connection).</summary>
        public bool LoggedAnswer;
        /// <summary>Closed connections since the last answer.</summary>
        public int Closes;
    }
}
