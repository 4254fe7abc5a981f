namespace NetGearSharp.Transport;

/// <summary>
/// Implemented by sockets whose lent payloads (<see cref="ITransportSocket.TrySendBorrowed"/>) are copied into the
/// kernel from where they lie, so that where the payload starts against the bytes sent before it sets the cost of that
/// copy (the native transport). Such a socket says how many spaces to add at the end of the JSON part sent right before
/// the payload to keep the copy off a slow alignment; JSON allows them, and every reader skips them. Not part of
/// <see cref="ITransportSocket"/>: other transports copy the payload themselves and do not need it.
/// </summary>
internal interface ILentPayloadPadding
{
    /// <summary>Spaces to add to the JSON part sent right before <paramref name="payload"/>; 0 almost always.</summary>
    /// <param name="payload">The payload about to be lent to the socket.</param>
    /// <param name="jsonLength">The JSON part's length in bytes, without padding.</param>
    /// <param name="delimiter">Whether an empty delimiter part goes first (a DEALER framed as a REQ).</param>
    int TrailingSpaces(ReadOnlyMemory<byte> payload, int jsonLength, bool delimiter);
}
