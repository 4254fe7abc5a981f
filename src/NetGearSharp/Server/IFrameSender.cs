namespace NetGearSharp.Server;

/// <summary>How one pattern puts a frame message on the wire and says goodbye.</summary>
internal interface IFrameSender : IDisposable
{
    /// <summary>
    /// Sends the header and payload parts; returns once the pattern considers the frame delivered. The payload may be
    /// sent without copying: its memory must not change until this returns (or throws).
    /// </summary>
    /// <returns>The parts of the client's reply when it carries return data (bidirectional or multi-client mode), else null.</returns>
    IReadOnlyList<byte[]>? Send(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Sends the one-part terminate message, waiting briefly for an acknowledgement where the pattern has one.</summary>
    /// <returns>True when the client acknowledged (or the pattern has no acknowledgement).</returns>
    /// <param name="header">The terminate header.</param>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (returns false).</param>
    bool SendTerminate(ReadOnlySpan<byte> header, CancellationToken cancellationToken);
}
