using System.Buffers.Binary;
using System.Text;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Finishes an AVI file that OpenCV's writer left unfinished (its process killed, the machine's power lost): OpenCV
/// writes the index, the frame count and the RIFF and <c>movi</c> sizes only when the file is closed, so such a file
/// has none of them (sizes <c>0xFFFFFFFF</c>), and players that need them show an empty or unseekable video. Here the
/// whole frames are kept (a last frame cut short by the end of what reached the disk is dropped), the index is
/// written after them, and the headers get the frame count and sizes.
/// </summary>
internal static class AviRepair
{
    /// <summary>OpenCV's size of a list or file it has not finished.</summary>
    private const uint Unfinished = uint.MaxValue;

    /// <summary><c>AVIIF_KEYFRAME</c>: every Motion-JPEG frame stands alone.</summary>
    private const uint KeyFrame = 0x10;

    /// <summary>
    /// Finishes <paramref name="file"/> (open for reading and writing) when it is an unfinished AVI; returns the whole
    /// frames it holds, or null when it is not one (nothing is changed then).
    /// </summary>
    public static int? TryFinish(FileStream file)
    {
        var head = AviHeaders.Head(file);
        if (!AviHeaders.IsAvi(head) || BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)) != Unfinished) return null;
        if (file.Length > uint.MaxValue) return null; // past a RIFF's 4 GiB: not one a recorder of 1 GiB files left
        if (AviHeaders.List(head, "movi") is not { } movi) return null;
        if (AviHeaders.Body(head, "avih") is not { } avih || AviHeaders.Body(head, "strh", body => AviHeaders.Tag(head, body, "vids")) is not { } strh) return null;
        if (avih + 20 > head.Length || strh + 36 > head.Length) return null;

        // The frames: whole chunks from the movi list's type on, up to the first one cut short or not a chunk at all.
        var entries = new List<(byte[] Id, uint Offset, uint Size)>();
        var moviType = movi + 8; // where index offsets count from: the list's 'movi'
        long at = moviType + 4;
        var header = new byte[8];
        while (at + 8 <= file.Length)
        {
            file.Position = at;
            file.ReadExactly(header);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var next = at + 8 + size + (size & 1);
            if (!IsChunkId(header) || at + 8 + size > file.Length || next - moviType > uint.MaxValue) break;
            if (header[2] == (byte)'d' || header[2] == (byte)'w') entries.Add((header[..4], (uint)(at - moviType), size));
            at = Math.Min(next, file.Length);
        }
        var end = at;

        file.SetLength(end);
        file.Position = end;
        if ((end & 1) != 0)
        {
            file.WriteByte(0); // the pad byte a chunk of odd size ends with, cut off with it
            end++;
        }
        var index = new byte[8 + 16 * entries.Count];
        Encoding.ASCII.GetBytes("idx1", index);
        BinaryPrimitives.WriteUInt32LittleEndian(index.AsSpan(4), (uint)(16 * entries.Count));
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = index.AsSpan(8 + 16 * i);
            entries[i].Id.CopyTo(entry);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], KeyFrame);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], entries[i].Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[12..], entries[i].Size);
        }
        file.Write(index);

        var frames = entries.Count(entry => entry.Id[2] == (byte)'d');
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)(file.Length - 8));
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(movi + 4), (uint)(end - moviType));
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(avih + 16), (uint)frames);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(strh + 32), (uint)frames);
        file.Position = 0;
        file.Write(head, 0, Math.Max(movi + 8, Math.Max(avih + 20, strh + 36)));
        file.Flush();
        return frames;
    }

    /// <summary>A stream chunk's id: two digits and two letters (<c>00dc</c>, <c>01wb</c>), or <c>JUNK</c>.</summary>
    private static bool IsChunkId(byte[] id)
        => (char.IsAsciiDigit((char)id[0]) && char.IsAsciiDigit((char)id[1]) && char.IsAsciiLetterLower((char)id[2]) && char.IsAsciiLetterLower((char)id[3]))
           || Encoding.ASCII.GetString(id, 0, 4) == "JUNK";
}
