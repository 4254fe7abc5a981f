using System.Collections.Concurrent;
using NetGearSharp.Transport;

namespace NetGearSharp.TestSupport;

/// <summary>
/// A transport without sockets, for unit tests of the client's receive logic: the test hands the client's socket
/// whole messages (as a peer would send them), connection events, and reads back what the client answered. Passed
/// as <see cref="NetGearClientOptions.CustomTransport"/>.
/// </summary>
public sealed class InMemoryTransport : ITransport
{
    private readonly ConcurrentQueue<InMemorySocket> _sockets = new();

    /// <inheritdoc />
    public string Name => "in-memory";

    /// <summary>
    /// Whether sockets support <see cref="ITransportSocket.WakeUp"/> (off by default): with it, a client decodes JPEG
    /// frames on its decode workers, as on the native transport.
    /// </summary>
    public bool WakeUps { get; init; }

    /// <summary>What <see cref="ITransportSocket.EnableWakeUp"/> throws (as libzmq does when no descriptor is left); null: nothing.</summary>
    public Exception? WakeUpFailure { get; init; }

    /// <summary>The sockets created so far, oldest first.</summary>
    public IReadOnlyList<InMemorySocket> Sockets => _sockets.ToArray();

    /// <inheritdoc />
    public ITransportSocket CreateSocket(SocketSpec spec)
    {
        var socket = new InMemorySocket(spec, WakeUps, WakeUpFailure);
        _sockets.Enqueue(socket);
        return socket;
    }
}
