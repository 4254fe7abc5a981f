using NetGearSharp.Protocol;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// One message as read from the socket, checked for its structure (parts, header) but not decoded. Its spans point
/// into the reader's and the socket's buffers: valid until the next read.
/// </summary>
internal readonly ref struct ReceivedMessage
{
    public ReceivedKind Kind { get; init; }

    /// <summary>The port the header names (null when absent or unreadable).</summary>
    public int? NamedPort { get; init; }

    /// <summary>Malformed: what is wrong, and why.</summary>
    public MalformedKind Error { get; init; }

    /// <summary>Malformed: a short reason for the log.</summary>
    public string? Reason { get; init; }

    /// <summary>Malformed: whether the sender waits for an answer (it had sent a whole message).</summary>
    public bool Answer { get; init; }

    /// <summary>
    /// The connection the message came from as the transport names it (<see cref="Transport.ITransportSocket.LastPartConnection"/>),
    /// -1 where it cannot tell.
    /// </summary>
    public long Connection { get; init; }

    /// <summary>Frame: the parsed header.</summary>
    public FrameHeader Header { get; init; }

    /// <summary>Frame: the payload part (the last part received).</summary>
    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary>A malformed message; <paramref name="connection"/> where it came from, when its header part was read (-1: not known).</summary>
    public static ReceivedMessage Bad(int? namedPort, MalformedKind error, string? reason, bool answer, long connection = -1)
        => new() { Kind = ReceivedKind.Malformed, NamedPort = namedPort, Error = error, Reason = reason, Answer = answer, Connection = connection };
}
