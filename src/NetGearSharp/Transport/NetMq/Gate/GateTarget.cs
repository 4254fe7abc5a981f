namespace NetGearSharp.Transport.NetMq.Gate;

/// <summary>
/// The loopback port of the NetMQ socket behind a socket's gates: one per socket, shared by its gates, and moved when a
/// later endpoint of the socket needs that very port number (the port was free when the caller chose it, and the system
/// then handed it to NetMQ's random bind). Read by each connection when it connects.
/// </summary>
internal sealed class GateTarget
{
    private int _port;

    /// <summary>Points at <paramref name="port"/>.</summary>
    public GateTarget(int port) => _port = port;

    /// <summary>NetMQ's port on 127.0.0.1.</summary>
    public int Port
    {
        get => Volatile.Read(ref _port);
        set => Volatile.Write(ref _port, value);
    }
}
