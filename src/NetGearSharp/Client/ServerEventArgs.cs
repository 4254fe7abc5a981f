namespace NetGearSharp;

/// <summary>A server changed state.</summary>
public sealed class ServerEventArgs : EventArgs
{
    /// <summary>Describes a change of a server's state (for sources of server events other than <see cref="NetGearClient"/>, e.g. a NATS source).</summary>
    /// <param name="port">The server's port, 1-65535.</param>
    /// <param name="previous">The state before.</param>
    /// <param name="current">The state now.</param>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 1-65535 or a state is not a defined value.</exception>
    public ServerEventArgs(int port, ServerState previous, ServerState current)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (!Enum.IsDefined(previous)) throw new ArgumentOutOfRangeException(nameof(previous), previous, $"ServerState {(int)previous} is not one of {string.Join(", ", Enum.GetNames<ServerState>())}.");
        if (!Enum.IsDefined(current)) throw new ArgumentOutOfRangeException(nameof(current), current, $"ServerState {(int)current} is not one of {string.Join(", ", Enum.GetNames<ServerState>())}.");
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

    /// <summary>The change as the tool prints it: <c>5566 connected -> streaming</c>.</summary>
    public override string ToString()
        => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Port} {Previous.ToString().ToLowerInvariant()} -> {Current.ToString().ToLowerInvariant()}");
}
