namespace NetGearSharp;

/// <summary>Why a message received by a client was dropped. Each kind is counted per server (or as unknown).</summary>
public enum MalformedKind
{
    /// <summary>The message had a number of parts other than the header and the frame (or a lone terminate header).</summary>
    WrongPartCount,
    /// <summary>The header was not valid UTF-8 JSON, or not a JSON object.</summary>
    InvalidJson,
    /// <summary>A header field was missing or of the wrong JSON type.</summary>
    BadHeaderField,
    /// <summary>The <c>dtype</c> named no known element type.</summary>
    UnknownElementType,
    /// <summary>The <c>shape</c> had negative, too many or overflowing dimensions.</summary>
    BadShape,
    /// <summary>The payload length did not match the declared shape and element type.</summary>
    SizeMismatch,
    /// <summary>The payload or the declared frame was larger than the client's maximum frame size.</summary>
    FrameTooLarge,
    /// <summary>The header named a port that is not in the client's list.</summary>
    UnknownPort,
    /// <summary>The JPEG payload could not be decoded.</summary>
    CorruptJpeg,
    /// <summary>The header was larger than the client accepts.</summary>
    HeaderTooLarge,
    /// <summary>
    /// The header named another listed port than the one the message arrived on (a peer speaking for another server);
    /// counted on the port it arrived on. Detected where the transport tells a message's connection (native).
    /// </summary>
    PortMismatch,
    /// <summary>
    /// A connection sent more than a whole message may hold without completing one (parts that never end): the
    /// transport closed it and dropped what it had sent; counted on the port it arrived on. Native transport only.
    /// </summary>
    MessageTooLarge,
    /// <summary>
    /// Request/Reply and Pair: a frame arrived while its server already had its queue's worth of frames waiting (queued
    /// for the application, or decoding): its sender does not wait for its answers, as no REQ server can (a DEALER
    /// flooding the port). Dropped without being read further, so such a peer cannot take the client's memory.
    /// </summary>
    AnswerNotAwaited,
}
