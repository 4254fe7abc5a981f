namespace NetGearSharp.Transport;

/// <summary>
/// The small socket surface the server and client need. Not thread-safe: one thread at a time.
/// Received parts are exposed as spans that stay valid until the next receive on the same socket.
/// </summary>
public interface ITransportSocket : IDisposable
{
    /// <summary>Binds to an endpoint; returns the endpoint actually bound (with a resolved port, if any).</summary>
    string Bind(string endpoint);

    /// <summary>Connects to an endpoint (asynchronously: returns at once).</summary>
    void Connect(string endpoint);

    /// <summary>Subscribes a SUB socket to every topic.</summary>
    void SubscribeAll();

    /// <summary>Receives one message part, waiting up to <paramref name="timeout"/>.</summary>
    /// <param name="timeout">How long to wait; zero polls.</param>
    /// <param name="part">The part's bytes, valid until the next receive.</param>
    /// <param name="more">Whether more parts of the same message follow.</param>
    /// <returns>False when nothing arrived in time.</returns>
    bool TryReceive(TimeSpan timeout, out ReadOnlySpan<byte> part, out bool more);

    /// <summary>Sends one message part (copied), waiting up to <paramref name="timeout"/> for room.</summary>
    /// <returns>False when the part could not be queued in time (nothing was sent).</returns>
    bool TrySend(ReadOnlySpan<byte> part, bool more, TimeSpan timeout);

    /// <summary>
    /// Sends the last part of a message, without copying it where the transport can (libzmq, parts of 64 KiB or more):
    /// the memory is pinned and must not change until <paramref name="release"/> says the transport is done with it.
    /// Transports that copy return <see cref="SendRelease.Done"/>.
    /// </summary>
    /// <returns>False when the part could not be queued in time (nothing was sent; the memory is released).</returns>
    bool TrySendBorrowed(ReadOnlyMemory<byte> part, TimeSpan timeout, out SendRelease release);

    /// <summary>
    /// Takes over the part received last, so its bytes outlive the next receive without a copy (libzmq); the span
    /// returned by that receive stays valid and now belongs to the owner. Null where the transport cannot (see
    /// <see cref="CanTakeParts"/>), or when undisposed taken parts already hold too much memory (the caller then copies).
    /// </summary>
    System.Buffers.MemoryManager<byte>? TakeLastPart();

    /// <summary>Whether <see cref="TakeLastPart"/> can hand parts over at all (libzmq yes, NetMQ no).</summary>
    bool CanTakeParts { get; }

    /// <summary>
    /// Prepares <see cref="WakeUp"/>; call before the socket is used from its thread. False where the transport
    /// cannot (NetMQ): <see cref="WakeUp"/> then does nothing.
    /// </summary>
    bool EnableWakeUp();

    /// <summary>
    /// Ends a wait in <see cref="TryReceive"/> early (it returns false, as if nothing arrived, unless a part had arrived
    /// too; then it returns that), or the next one if none
    /// is waiting. The one member that may be called from any thread.
    /// </summary>
    void WakeUp();

    /// <summary>Takes the next connection event, if the socket was created with monitoring.</summary>
    bool TryGetEvent(out TransportEvent transportEvent);

    /// <summary>
    /// The connection the part received last came from, as <see cref="TransportEvent.Connection"/> names it in the
    /// accepted and disconnected events; -1 where the transport cannot tell (NetMQ, and by default a user-supplied
    /// transport: the client then cannot check that a header speaks for the port its message arrived on).
    /// </summary>
    long LastPartConnection => -1;
}
