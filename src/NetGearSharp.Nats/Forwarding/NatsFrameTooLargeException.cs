namespace NetGearSharp.Nats;

/// <summary>
/// A frame (with its headers) is larger than the NATS server's max payload: it cannot be forwarded. Thrown by
/// <see cref="NatsForwarder.ConnectAsync"/> when <see cref="NatsForwarderOptions.ExpectedFrameBytes"/> does not fit; a
/// forwarder that meets such a frame while forwarding skips it and counts it (<see cref="NatsForwarderStatistics.TooLarge"/>)
/// and logs this exception's message once for its server.
/// </summary>
public sealed class NatsFrameTooLargeException : NetGearException
{
    private const string Advice =
        "raise max_payload in the NATS server's configuration (up to 64 MB), forward JPEG (NatsHopCompression.Jpeg, --nats-jpeg) or send smaller frames.";

    /// <summary>Creates the exception for a frame of one server.</summary>
    /// <param name="port">The port of the server whose frame was refused.</param>
    /// <param name="frameBytes">The frame's size with its headers.</param>
    /// <param name="maxPayload">The NATS server's max payload.</param>
    public NatsFrameTooLargeException(int port, long frameBytes, long maxPayload)
        : base(Describe(port, frameBytes, maxPayload))
    {
        Port = port;
        FrameBytes = frameBytes;
        MaxPayload = maxPayload;
    }

    /// <summary>Creates the exception for the expected frame size checked at connect (no particular server).</summary>
    /// <param name="frameBytes">The expected frame size with its headers.</param>
    /// <param name="maxPayload">The NATS server's max payload.</param>
    public NatsFrameTooLargeException(long frameBytes, long maxPayload)
        : base($"The expected frame size is {frameBytes} bytes with its NATS headers, larger than the NATS server's max payload of {maxPayload} bytes; " + Advice)
    {
        FrameBytes = frameBytes;
        MaxPayload = maxPayload;
    }

    /// <summary>What is wrong with a frame of server <paramref name="port"/>, and what to do (the forwarder logs this for a server's first such frame).</summary>
    internal static string Describe(int port, long frameBytes, long maxPayload)
        => $"Frame of server {port} is {frameBytes} bytes with its NATS headers, larger than the NATS server's max payload of {maxPayload} bytes; " + Advice;

    /// <summary>The port of the server whose frame was refused; null when the expected frame size was refused at connect.</summary>
    public int? Port { get; }

    /// <summary>The frame's size with its headers.</summary>
    public long FrameBytes { get; }

    /// <summary>The NATS server's max payload.</summary>
    public long MaxPayload { get; }
}
