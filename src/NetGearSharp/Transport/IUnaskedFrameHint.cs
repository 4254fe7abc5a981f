namespace NetGearSharp.Transport;

/// <summary>
/// Implemented by sockets whose memory use depends on frames nobody asked for (the native transport, when the process
/// opted in to glibc tuning): every server's first frame after it connects arrives unasked, hundreds at once when a
/// fleet starts, and such a socket gives their memory back at once for a while instead of keeping it for reuse. Not
/// part of <see cref="ITransportSocket"/>: other transports do not need it.
/// </summary>
internal interface IUnaskedFrameHint
{
    /// <summary>Frames nobody asked for are arriving, or about to.</summary>
    void ExpectUnaskedFrames();
}
