namespace NetGearSharp.Protocol;

/// <summary>
/// A frame header's bytes before its message (<c>{"port":...,"message":</c>) and after it (<c>,"pattern":...}</c>) for
/// one frame type, shape and compression (see <see cref="HeaderWriter"/>).
/// </summary>
internal sealed class HeaderAround(ElementType type, int[] shape, CompressionInfo? compression, byte[] before, byte[] after)
{
    /// <summary>The header's bytes up to and including the message's name and colon.</summary>
    public byte[] Before { get; } = before;

    /// <summary>The header's bytes after the message, to its closing brace.</summary>
    public byte[] After { get; } = after;

    /// <summary>Whether a frame of this type, shape and compression has this header around its message.</summary>
    public bool Matches(ElementType frameType, IReadOnlyList<int> frameShape, CompressionInfo? frameCompression)
    {
        if (frameType != type || frameCompression != compression || frameShape.Count != shape.Length) return false;
        for (var i = 0; i < shape.Length; i++)
            if (frameShape[i] != shape[i]) return false;
        return true;
    }
}
