namespace NetGearSharp.Client;

/// <summary>
/// Which listed port each open connection arrived on, from the transport's accepted and disconnected events (libzmq
/// names connections by descriptor). Lets the receive loop check that a message speaks for the port it arrived on.
/// Used by the receive thread only.
/// </summary>
internal sealed class ConnectionPorts
{
    private readonly Dictionary<long, int> _ports = [];

    /// <summary>A connection was accepted on <paramref name="port"/>'s endpoint (a reused descriptor is overwritten).</summary>
    public void Accepted(long connection, int port)
    {
        if (connection >= 0) _ports[connection] = port;
    }

    /// <summary>A connection closed; a descriptor already reused on another port is left alone.</summary>
    public void Disconnected(long connection, int port)
    {
        if (connection >= 0 && _ports.TryGetValue(connection, out var known) && known == port) _ports.Remove(connection);
    }

    /// <summary>The port the connection arrived on, or null when unknown (no such event yet, or the transport cannot tell).</summary>
    public int? PortOf(long connection) => connection >= 0 && _ports.TryGetValue(connection, out var port) ? port : null;
}
