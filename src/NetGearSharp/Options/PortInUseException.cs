namespace NetGearSharp;

/// <summary>A client could not bind one of its ports because another program (or another client) is bound to it.</summary>
public sealed class PortInUseException : NetGearException
{
    internal PortInUseException(int port, string endpoint, Exception inner)
        : base($"Port {port} is already in use (another program, or another client or server of this one, is bound to it): cannot bind {endpoint}. Stop what holds it or choose another port.", inner)
    {
        Port = port;
        Endpoint = endpoint;
    }

    /// <summary>The port that is in use.</summary>
    public int Port { get; }

    /// <summary>The endpoint that could not be bound, e.g. <c>tcp://*:5566</c>.</summary>
    public string Endpoint { get; }
}
