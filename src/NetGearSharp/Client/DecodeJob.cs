using NetGearSharp.Protocol;

namespace NetGearSharp.Client;

/// <summary>
/// One JPEG frame decoded off the receive thread: what arrived (a pooled copy of the payload, the message, the
/// envelope to answer with) and, once decoded, the frame or why it is malformed. Reused.
/// </summary>
internal sealed class DecodeJob
{
    public int Port { get; set; }
    public byte[] Payload { get; set; } = [];
    public int Length { get; set; }
    public CompressionInfo Compression { get; set; }
    public byte[]? Message { get; set; }
    /// <summary>A copy of the JPEG bytes for the packet (only with <c>KeepJpeg</c>).</summary>
    public byte[]? Jpeg { get; set; }
    public Envelope Envelope { get; } = new();
    public Frame? Frame { get; set; }
    public HeaderParseResult Result { get; set; }
    /// <summary>libturbojpeg could not be loaded on the worker (set instead of a result).</summary>
    public JpegUnavailableException? JpegMissing { get; set; }
    /// <summary>Answered when it went to a worker (<c>DecodeAhead</c>), so not again when delivered.</summary>
    public bool AnsweredEarly { get; set; }

    /// <summary>Forgets the frame and message (the payload buffer is returned by the owner).</summary>
    public void Reset()
    {
        Frame = null;
        Message = null;
        Jpeg = null;
        JpegMissing = null;
        AnsweredEarly = false;
        Payload = [];
        Length = 0;
    }
}
