using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// Converts between OpenCV <see cref="Mat"/>s and NetGearSharp <see cref="Frame"/>s.
/// </summary>
/// <remarks>
/// Copies, honestly counted:
/// <list type="bullet">
/// <item><see cref="ToFrame"/>: exactly one copy (a <see cref="Frame"/> owns managed, pooled memory and a Mat owns
/// native memory, so one copy is unavoidable). A continuous Mat is copied in one block, a Mat with row padding or a
/// region of interest row by row.</item>
/// <item><see cref="AsMat"/>: no copy; the Mat is a view over the frame's pinned memory, valid until the view is
/// disposed (dispose it before the frame).</item>
/// <item><see cref="ToMat"/>: one copy into a Mat that owns its memory and outlives the frame.</item>
/// </list>
/// </remarks>
public static class MatFrames
{
    /// <summary>Copies a Mat into a new frame: shape <c>[rows, cols]</c> for one channel, <c>[rows, cols, channels]</c> otherwise.</summary>
    /// <exception cref="ArgumentException">The Mat is empty, has more than two dimensions, or an unsupported depth.</exception>
    public static Frame ToFrame(Mat mat)
    {
        ArgumentNullException.ThrowIfNull(mat);
        if (mat.Empty()) throw new ArgumentException("The Mat is empty; there is no frame to send.", nameof(mat));
        if (mat.Dims > 2) throw new ArgumentException($"The Mat has {mat.Dims} dimensions; only 2-D Mats (with channels) convert to frames.", nameof(mat));
        var type = MatDepths.ToElementType(mat.Depth());
        var channels = mat.Channels();
        int[] shape = channels == 1 ? [mat.Rows, mat.Cols] : [mat.Rows, mat.Cols, channels];
        var frame = Frame.Allocate(type, shape);
        CopyInto(mat, frame.Data);
        return frame;
    }

    /// <summary>Copies a frame into a new Mat that owns its memory (safe to keep after the frame is disposed).</summary>
    /// <exception cref="ArgumentException">The frame's rank or element type has no Mat equivalent.</exception>
    public static Mat ToMat(Frame frame)
    {
        var (rows, cols, type) = MatDepths.Describe(frame);
        var mat = new Mat(rows, cols, type);
        unsafe
        {
            frame.Data.CopyTo(new Span<byte>((void*)mat.Data, frame.Length));
        }
        return mat;
    }

    /// <summary>
    /// A Mat over the frame's own memory (no copy). Writes through the Mat change the frame. Dispose the view before the
    /// frame; the frame's memory stays pinned until then.
    /// </summary>
    /// <exception cref="ArgumentException">The frame's rank or element type has no Mat equivalent.</exception>
    public static FrameMatView AsMat(Frame frame)
    {
        var (rows, cols, type) = MatDepths.Describe(frame);
        return FrameMatView.Create(frame, rows, cols, type);
    }

    private static unsafe void CopyInto(Mat mat, Span<byte> destination)
    {
        var rowBytes = checked(mat.Cols * (int)mat.ElemSize());
        if (mat.IsContinuous())
        {
            new ReadOnlySpan<byte>((void*)mat.Data, destination.Length).CopyTo(destination);
            return;
        }
        var step = mat.Step();
        var start = (byte*)mat.Data;
        var rows = mat.Rows;
        for (var r = 0; r < rows; r++)
        {
            new ReadOnlySpan<byte>(start + r * step, rowBytes).CopyTo(destination.Slice(r * rowBytes, rowBytes));
        }
    }
}
