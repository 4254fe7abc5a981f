using System.Buffers.Binary;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Sets the frame rate in a finished AVI file's headers: the main header's microseconds per frame (<c>avih</c>) and the
/// video stream's rate and scale (<c>strh</c>), which players and OpenCV read the rate from. OpenCV's writer takes the
/// rate before the first frame; a recorder learns a stream's real rate only from its frames.
/// </summary>
internal static class AviFrameRate
{
    /// <summary>The scale the rate is written with: thousandths of a frame per second.</summary>
    private const uint Scale = 1000;

    /// <summary>Writes <paramref name="framesPerSecond"/> into the file at <paramref name="path"/>.</summary>
    /// <returns>False when the file does not hold the headers where an AVI holds them (nothing is changed then).</returns>
    public static bool Set(string path, double framesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var head = AviHeaders.Head(file);
        if (!AviHeaders.IsAvi(head)) return false;
        if (AviHeaders.Body(head, "avih") is not { } avih || AviHeaders.Body(head, "strh", body => AviHeaders.Tag(head, body, "vids")) is not { } strh) return false;
        if (avih + 4 > head.Length || strh + 28 > head.Length) return false;

        var rate = (uint)Math.Clamp(Math.Round(framesPerSecond * Scale), 1, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(avih), (uint)Math.Clamp(Math.Round(1_000_000 / framesPerSecond), 1, uint.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(strh + 20), Scale);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(strh + 24), rate);
        file.Position = 0;
        file.Write(head, 0, Math.Max(avih + 4, strh + 28));
        return true;
    }
}
