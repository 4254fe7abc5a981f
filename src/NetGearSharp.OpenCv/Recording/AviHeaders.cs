using System.Buffers.Binary;
using System.Text;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Walks the chunks at the head of an AVI file (RIFF: a four-letter tag, a little-endian size, the body padded to an
/// even size; lists hold a four-letter type and then chunks), for the recorder's edits of OpenCV's files.
/// </summary>
internal static class AviHeaders
{
    /// <summary>The headers lie in the file's first bytes (OpenCV writes them in the first few thousand).</summary>
    public const int HeadBytes = 64 * 1024;

    /// <summary>Reads the file's head: its first <see cref="HeadBytes"/> bytes, or all of it when shorter.</summary>
    public static byte[] Head(Stream file)
    {
        file.Position = 0;
        var head = new byte[(int)Math.Min(HeadBytes, file.Length)];
        file.ReadExactly(head);
        return head;
    }

    /// <summary>Whether the head starts as an AVI file does: <c>RIFF</c>, a size, <c>AVI </c>.</summary>
    public static bool IsAvi(byte[] head) => head.Length >= 12 && Tag(head, 0, "RIFF") && Tag(head, 8, "AVI ");

    /// <summary>Whether the four bytes at <paramref name="at"/> are <paramref name="tag"/> (false past the head's end).</summary>
    public static bool Tag(byte[] head, int at, string tag) =>
        at + 4 <= head.Length && Encoding.ASCII.GetString(head, at, 4) == tag;

    /// <summary>
    /// The offset of the body of the first chunk named <paramref name="name"/> in the header lists (walking chunks,
    /// entering lists, stopping at the frames' <c>movi</c> list), whose body passes <paramref name="accept"/>; null
    /// when there is none in the head.
    /// </summary>
    public static int? Body(byte[] head, string name, Func<int, bool>? accept = null)
    {
        var at = 12;
        while (at + 8 <= head.Length)
        {
            if (Tag(head, at, "LIST"))
            {
                if (Tag(head, at + 8, "movi")) return null; // the headers come before the frames
                at += 12; // into the list: its chunks follow its type
                continue;
            }
            if (Tag(head, at, name) && (accept is null || accept(at + 8))) return at + 8;
            if (Next(head, at) is not { } next) return null;
            at = next;
        }
        return null;
    }

    /// <summary>The offset of the <c>LIST</c> of type <paramref name="type"/> among the file's top-level chunks; null when not in the head.</summary>
    public static int? List(byte[] head, string type)
    {
        var at = 12;
        while (at + 12 <= head.Length)
        {
            if (Tag(head, at, "LIST") && Tag(head, at + 8, type)) return at;
            if (Next(head, at) is not { } next) return null;
            at = next;
        }
        return null;
    }

    /// <summary>The offset of the chunk after the one at <paramref name="at"/>; null when its size reaches past what an offset holds.</summary>
    private static int? Next(byte[] head, int at)
    {
        var size = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(at + 4));
        if (size >= int.MaxValue - at - 9) return null;
        return at + 8 + (int)size + (int)(size & 1); // chunks are padded to an even size
    }
}
