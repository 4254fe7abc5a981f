using System.Buffers.Binary;
using System.Text;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Sets the frame rate in a finished AVI file's headers: the main header's microseconds per frame (<c>avih</c>) and the
/// video stream's rate and scale (<c>strh</c>), which players and OpenCV read the rate from. OpenCV's writer takes the
/// rate before the first frame; a recorder learns a stream's real rate only from its frames.
/// </summary>
internal static class AviFrameRate
{
    /// <summary>The headers lie in the file's first bytes (OpenCV writes them in the first few hundred).</summary>
    private const int HeaderBytes = 64 * 1024;

    /// <summary>The scale the rate is written with: thousandths of a frame per second.</summary>
    private const uint Scale = 1000;

    /// <summary>Writes <paramref name="framesPerSecond"/> into the file at <paramref name="path"/>.</summary>
    /// <returns>False when the file does not hold the headers where an AVI holds them (nothing is changed then).</returns>
    public static bool Set(string path, double framesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        var head = new byte[(int)Math.Min(HeaderBytes, file.Length)];
        file.ReadExactly(head);
        if (head.Length < 12 || !Tag(head, 0, "RIFF") || !Tag(head, 8, "AVI ")) return false;
        if (Find(head, "avih", 12) is not { } avih || Find(head, "strh", 12, body => Tag(head, body, "vids")) is not { } strh) return false;
        if (avih + 4 > head.Length || strh + 28 > head.Length) return false;

        var rate = (uint)Math.Clamp(Math.Round(framesPerSecond * Scale), 1, uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(avih), (uint)Math.Clamp(Math.Round(1_000_000 / framesPerSecond), 1, uint.MaxValue));
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(strh + 20), Scale);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(strh + 24), rate);
        file.Position = 0;
        file.Write(head, 0, Math.Max(avih + 4, strh + 28));
        return true;
    }

    /// <summary>
    /// The offset of the body of the first chunk named <paramref name="name"/> at or after <paramref name="start"/>
    /// (walking chunks, entering lists), whose body passes <paramref name="accept"/>; null when there is none.
    /// </summary>
    private static int? Find(byte[] head, string name, int start, Func<int, bool>? accept = null)
    {
        var at = start;
        while (at + 8 <= head.Length)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(at + 4));
            if (Tag(head, at, "LIST") || Tag(head, at, "RIFF"))
            {
                at += 12; // into the list: its chunks follow its type
                continue;
            }
            if (Tag(head, at, name) && (accept is null || accept(at + 8))) return at + 8;
            if (size > int.MaxValue - at - 9) return null;
            at += 8 + (int)size + (int)(size & 1); // chunks are padded to an even size
        }
        return null;
    }

    private static bool Tag(byte[] head, int at, string tag) =>
        at + 4 <= head.Length && Encoding.ASCII.GetString(head, at, 4) == tag;
}
