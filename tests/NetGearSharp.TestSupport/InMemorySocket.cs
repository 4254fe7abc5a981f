using System.Collections.Concurrent;
using NetGearSharp.Transport;

namespace NetGearSharp.TestSupport;

/// <summary>One socket of an <see cref="InMemoryTransport"/>: received messages come from the test, sent ones go to it.</summary>
public sealed class InMemorySocket : ITransportSocket
{
    /// <summary>Message parts in order; a null part is a wake-up (never between the parts of one message).</summary>
    private readonly BlockingCollection<(byte[]? Part, bool More)> _incoming = new();
    private readonly BlockingCollection<byte[][]> _sent = new();
    private readonly ConcurrentQueue<TransportEvent> _events = new();
    private readonly List<byte[]> _sending = [];
    private readonly Lock _deliverGate = new();
    private readonly List<string> _bound = [];
    private byte[] _last = [];
    private int _disposed;

    private readonly bool _wakeUps;
    private readonly Exception? _wakeUpFailure;

    internal InMemorySocket(SocketSpec spec, bool wakeUps, Exception? wakeUpFailure = null)
    {
        Spec = spec;
        _wakeUps = wakeUps;
        _wakeUpFailure = wakeUpFailure;
    }

    /// <summary>
    /// Raised on the client's thread as it sends a whole message, before the test can take it: what the client's state
    /// was at that very moment can be read in the handler.
    /// </summary>
    public event Action<byte[][]>? Sent;

    /// <summary>The options the client created the socket with.</summary>
    public SocketSpec Spec { get; }

    /// <summary>The endpoints the client bound.</summary>
    public IReadOnlyList<string> Bound { get { lock (_bound) return _bound.ToArray(); } }

    /// <summary>Whether the client disposed the socket.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Hands the socket one whole message (its parts are never interleaved with another's).</summary>
    public void Deliver(params byte[][] parts)
    {
        lock (_deliverGate)
        {
            for (var i = 0; i < parts.Length; i++) _incoming.Add((parts[i], i < parts.Length - 1));
        }
    }

    /// <summary>
    /// Reports a peer's connection to <paramref name="port"/> (as a bound socket's monitor would), from this machine or
    /// (by default) from elsewhere.
    /// </summary>
    public void Accept(int port, bool onThisMachine = false)
        => _events.Enqueue(new TransportEvent(TransportEventKind.Accepted, $"tcp://127.0.0.1:{port}") { PeerOnThisMachine = onThisMachine });

    /// <summary>Reports that a connection to <paramref name="port"/> completed (or failed) its ZeroMQ handshake (as libzmq's monitor would).</summary>
    public void Handshake(int port, bool succeeded = true)
        => _events.Enqueue(new TransportEvent(succeeded ? TransportEventKind.HandshakeSucceeded : TransportEventKind.HandshakeFailed, $"tcp://127.0.0.1:{port}"));

    /// <summary>Reports that the connection to <paramref name="port"/> closed.</summary>
    public void Disconnect(int port) => _events.Enqueue(new TransportEvent(TransportEventKind.Disconnected, $"tcp://127.0.0.1:{port}"));

    /// <summary>The next message the client sent, or null when none comes within <paramref name="timeout"/>.</summary>
    public byte[][]? TakeSent(TimeSpan timeout) => _sent.TryTake(out var message, timeout) ? message : null;

    /// <summary>Messages the client sent and nobody took yet.</summary>
    public int SentCount => _sent.Count;

    /// <inheritdoc />
    public string Bind(string endpoint)
    {
        lock (_bound) _bound.Add(endpoint);
        return endpoint;
    }

    /// <inheritdoc />
    public void Connect(string endpoint) { }

    /// <inheritdoc />
    public void SubscribeAll() { }

    private Exception? _receiveFailure;

    /// <summary>Makes the next receive throw <paramref name="failure"/> (a broken transport).</summary>
    public void FailReceives(Exception failure)
    {
        Volatile.Write(ref _receiveFailure, failure);
        WakeUp();
    }

    /// <inheritdoc />
    public bool TryReceive(TimeSpan timeout, out ReadOnlySpan<byte> part, out bool more)
    {
        if (Volatile.Read(ref _receiveFailure) is { } failure) throw failure;
        if (_incoming.TryTake(out var item, timeout) && item.Part is { } received)
        {
            _last = received;
            part = _last;
            more = item.More;
            return true;
        }
        part = default;
        more = false;
        return false;
    }

    /// <inheritdoc />
    public bool TrySend(ReadOnlySpan<byte> part, bool more, TimeSpan timeout)
    {
        _sending.Add(part.ToArray());
        if (!more)
        {
            byte[][] message = [.. _sending];
            _sending.Clear();
            Sent?.Invoke(message);
            _sent.Add(message);
        }
        return true;
    }

    /// <inheritdoc />
    public bool TrySendBorrowed(ReadOnlyMemory<byte> part, TimeSpan timeout, out SendRelease release)
    {
        release = SendRelease.Done;
        return TrySend(part.Span, more: false, timeout);
    }

    /// <inheritdoc />
    public System.Buffers.MemoryManager<byte>? TakeLastPart() => null;

    /// <inheritdoc />
    public bool CanTakeParts => false;

    /// <inheritdoc />
    /// <remarks>Only when the transport was made with wake-ups (so JPEG frames decode on the client's workers).</remarks>
    public bool EnableWakeUp() => _wakeUpFailure is null ? _wakeUps : throw _wakeUpFailure;

    /// <inheritdoc />
    public void WakeUp()
    {
        if (!_wakeUps) return;
        lock (_deliverGate)
        {
            if (!_incoming.IsAddingCompleted) _incoming.Add((null, false));
        }
    }

    /// <inheritdoc />
    public bool TryGetEvent(out TransportEvent transportEvent) => _events.TryDequeue(out transportEvent);

    /// <inheritdoc />
    public void Dispose() => Interlocked.Exchange(ref _disposed, 1);
}
