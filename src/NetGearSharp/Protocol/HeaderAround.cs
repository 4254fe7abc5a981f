namespace NetGearSharp.Protocol;

/// <summary>
/// A frame header's bytes before its message (<c>{"port":...,"message":</c>) and after it (<c>,"pattern":...}</c>) for
/// one frame type, shape and compression (see <see cref="HeaderWriter"/>).
/// </summary>
internal sealed record HeaderAround(ElementType Type, int[] Shape, CompressionInfo? Compression, byte[] Before, byte[] After)
{
    /// <summary>Whether a frame of this type, shape and compression has this header around its message.</summary>
    public bool Matches(ElementType type, IReadOnlyList<int> shape, CompressionInfo? compression)
    {
        if (type != Type || compression != Compression || shape.Count != Shape.Length) return false;
        for (var i = 0; i < Shape.Length; i++)
            if (shape[i] != Shape[i]) return false;
        return true;
    }
}
