namespace NetGearSharp.Nats;

/// <summary>A frame (with its headers) is larger than the NATS server's max payload: it cannot be forwarded.</summary>
public sealed class NatsFrameTooLargeException : NetGearException
{
    /// <summary>Creates the exception.</summary>
    public NatsFrameTooLargeException(string port, long frameBytes, long maxPayload)
        : base($"Frame of server {port} is {frameBytes} bytes with its NATS headers, larger than the NATS server's max payload of {maxPayload} bytes; " +
               "raise max_payload in the NATS server's configuration (up to 64 MB), forward JPEG (NatsHopCompression.Jpeg, --nats-jpeg) or send smaller frames.")
    {
        Port = port;
        FrameBytes = frameBytes;
        MaxPayload = maxPayload;
    }

    /// <summary>The server whose frame was refused.</summary>
    public string Port { get; }

    /// <summary>The frame's size with its headers.</summary>
    public long FrameBytes { get; }

    /// <summary>The NATS server's max payload.</summary>
    public long MaxPayload { get; }
}
