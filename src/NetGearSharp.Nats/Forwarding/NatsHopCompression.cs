namespace NetGearSharp.Nats;

/// <summary>How frames travel the NATS hop.</summary>
public enum NatsHopCompression
{
    /// <summary>The decoded frame's bytes, as they are (raw C-order bytes).</summary>
    None,
    /// <summary>
    /// uint8 frames of shape <c>[h, w, 3]</c> (BGR) or <c>[h, w]</c> (grey) are compressed to JPEG for the hop (about a
    /// tenth of the bytes); other frames go raw.
    /// </summary>
    Jpeg,
}
