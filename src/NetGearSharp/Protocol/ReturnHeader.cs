namespace NetGearSharp.Protocol;

/// <summary>
/// A parsed reply of a client in bidirectional or multi-client mode (VidGear's return dictionary):
/// <c>{"port": "5577", "return_type": "dict", "data": {...}}</c>, or for a frame
/// <c>{"return_type": "ndarray", "compression": false|{...}, "array_dtype": "uint8", "array_shape": [h, w, c], "data": null}</c>
/// followed by the frame part.
/// </summary>
internal sealed record ReturnHeader
{
    /// <summary>The answering client's port (multi-client mode), or null when the reply names none.</summary>
    public int? Port { get; init; }

    /// <summary>The Python type name of the returned value (<c>str</c>, <c>int</c>, <c>dict</c>, <c>NoneType</c>, <c>ndarray</c>, ...).</summary>
    public required string ReturnType { get; init; }

    /// <summary>The raw JSON of <c>data</c>; null when absent or JSON null.</summary>
    public byte[]? DataJson { get; init; }

    /// <summary>Whether a frame part follows (<c>return_type</c> is <c>ndarray</c>).</summary>
    public bool IsFrame => ReturnType == ReturnWriter.FrameType;

    /// <summary>Frames: the JPEG settings, or null for a raw array.</summary>
    public CompressionInfo? Compression { get; init; }

    /// <summary>Raw frames: the element type.</summary>
    public ElementType ElementType { get; init; }

    /// <summary>Raw frames: the shape.</summary>
    public int[]? Shape { get; init; }
}
