using NetGearSharp.Protocol;
using NetGearSharp.Transport;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Receiving: reads one whole message from the socket (routing envelope, header, payload) and checks its structure,
/// so the rest of the pipeline sees a frame, a goodbye or a malformed message, never stray parts. Nothing a peer
/// sends makes it throw. Receive thread only.
/// </summary>
internal sealed class MessageReader
{
    private static readonly TimeSpan PartWait = TimeSpan.FromSeconds(1);

    private readonly ITransportSocket _socket;
    private readonly IReplyStrategy _strategy;
    private readonly PortAliases _aliases;
    private byte[] _header = new byte[4096];

    /// <param name="socket">The client's socket.</param>
    /// <param name="strategy">How the pattern's messages are framed.</param>
    /// <param name="aliases">Forwarded ports: a header's port is read as the client's port it stands for.</param>
    public MessageReader(ITransportSocket socket, IReplyStrategy strategy, PortAliases aliases)
    {
        _socket = socket;
        _strategy = strategy;
        _aliases = aliases;
    }

    /// <summary>The routing envelope of the message read last (what its answer is sent with).</summary>
    public Envelope Envelope { get; } = new();

    /// <summary>Reads the next message, waiting up to <paramref name="timeout"/> for its first part.</summary>
    public ReceivedMessage Read(TimeSpan timeout)
    {
        var status = _strategy.ReceiveHeader(_socket, timeout, Envelope, out var headerPart, out var more);
        if (status == ReceiveStatus.Nothing) return default;
        if (status == ReceiveStatus.BadEnvelope)
            return ReceivedMessage.Bad(null, MalformedKind.WrongPartCount, "the message had no routing envelope", answer: false);
        // Where the header arrived from (libzmq names the connection): a header must speak for its own port, and a
        // malformed one that names none is counted on the port it arrived on.
        var connection = _socket.LastPartConnection;
        if (headerPart.Length > HeaderReader.MaxHeaderBytes)
        {
            Drain(more);
            return ReceivedMessage.Bad(null, MalformedKind.HeaderTooLarge, $"header of {headerPart.Length} bytes is larger than {HeaderReader.MaxHeaderBytes}", answer: true, connection);
        }
        // The header must outlive the next receive: keep a copy.
        if (_header.Length < headerPart.Length) _header = new byte[Math.Max(headerPart.Length, _header.Length * 2)];
        headerPart.CopyTo(_header);
        var parsed = HeaderReader.Parse(_header.AsSpan(0, headerPart.Length), out var header, out var headerPort);
        var namedPort = _aliases.Resolve(headerPort);

        if (!more)
        {
            if (parsed.Success && header.Terminate) return new ReceivedMessage { Kind = ReceivedKind.Terminate, NamedPort = _aliases.Resolve(header.Port), Connection = connection };
            return ReceivedMessage.Bad(namedPort, parsed.Error ?? MalformedKind.WrongPartCount, parsed.Reason ?? "a frame message without its frame part", answer: true, connection);
        }
        if (!_socket.TryReceive(PartWait, out var payload, out var payloadMore))
            return ReceivedMessage.Bad(namedPort, MalformedKind.WrongPartCount, "the frame part did not follow the header", answer: false, connection);
        if (payloadMore)
        {
            Drain(payloadMore);
            return ReceivedMessage.Bad(namedPort, MalformedKind.WrongPartCount, "more than two parts", answer: true, connection);
        }
        if (!parsed.Success) return ReceivedMessage.Bad(namedPort, parsed.Error!.Value, parsed.Reason, answer: true, connection);
        if (header.Terminate) return new ReceivedMessage { Kind = ReceivedKind.Terminate, NamedPort = _aliases.Resolve(header.Port), Connection = connection };
        return new ReceivedMessage { Kind = ReceivedKind.Frame, NamedPort = namedPort, Header = header, Payload = payload, Connection = connection };
    }

    private void Drain(bool more)
    {
        while (more && _socket.TryReceive(PartWait, out _, out more)) { }
    }
}
