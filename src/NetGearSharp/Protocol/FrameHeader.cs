namespace NetGearSharp.Protocol;

/// <summary>A parsed header part. <see cref="Message"/> points into the received bytes: copy it before they are reused.</summary>
internal readonly ref struct FrameHeader
{
    /// <summary>The <c>port</c> field as a number (VidGear sends a string; a number is accepted too), or null when absent (single-server mode).</summary>
    public int? Port { get; init; }
    public bool Terminate { get; init; }
    /// <summary>Null when the frame is raw.</summary>
    public CompressionInfo? Compression { get; init; }
    /// <summary>The raw JSON of the <c>message</c> field; empty when it is absent or null.</summary>
    public ReadOnlySpan<byte> Message { get; init; }
    public ElementType ElementType { get; init; }
    /// <summary>The declared shape; null for JPEG frames.</summary>
    public int[]? Shape { get; init; }
}
