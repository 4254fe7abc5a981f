namespace NetGearSharp;

/// <summary>A server changed state.</summary>
public sealed class ServerEventArgs : EventArgs
{
    internal ServerEventArgs(int port, ServerState previous, ServerState current)
    {
        Port = port;
        Previous = previous;
        Current = current;
    }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>The state before.</summary>
    public ServerState Previous { get; }

    /// <summary>The state now.</summary>
    public ServerState Current { get; }
}
