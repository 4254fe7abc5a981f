namespace NetGearSharp.Nats.Wire;

/// <summary>The NATS header names a forwarded packet or state event carries (see docs/scale-out.md).</summary>
internal static class HeaderNames
{
    public const string Port = "Ngs-Port";
    /// <summary>A frame's number among its server's frames (from 1); on a state event, the last frame forwarded before it.</summary>
    public const string Sequence = "Ngs-Seq";
    /// <summary>When the forwarding client received the frame: UTC ticks.</summary>
    public const string Received = "Ngs-Received";
    public const string ElementType = "Ngs-Dtype";
    /// <summary>Comma-separated dimensions, e.g. <c>480,640,3</c>.</summary>
    public const string Shape = "Ngs-Shape";
    /// <summary><c>raw</c> or <c>jpeg</c>.</summary>
    public const string Encoding = "Ngs-Encoding";
    /// <summary>The colour space of a JPEG payload (<c>BGR</c>, <c>RGB</c>, <c>GRAY</c>, …).</summary>
    public const string ColorSpace = "Ngs-Colorspace";
    /// <summary>The message's JSON when it is printable ASCII on one line.</summary>
    public const string Message = "Ngs-Message";
    /// <summary>The message's UTF-8 JSON in base64, for any other message.</summary>
    public const string MessageBase64 = "Ngs-Message-B64";
    /// <summary>Frames of this port the forwarder dropped so far (its buffer was full).</summary>
    public const string Dropped = "Ngs-Dropped";
    /// <summary>A state event's new state (lower case name of <see cref="ServerState"/>).</summary>
    public const string State = "Ngs-State";
    /// <summary>A state event's previous state.</summary>
    public const string Previous = "Ngs-Previous";

    /// <summary>JetStream's de-duplication id: a frame sent again after a lost acknowledgement is stored once.</summary>
    public const string MessageId = "Nats-Msg-Id";

    public const string EncodingRaw = "raw";
    public const string EncodingJpeg = "jpeg";
}
