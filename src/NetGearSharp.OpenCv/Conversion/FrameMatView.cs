using System.Buffers;
using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>
/// A <see cref="Mat"/> that views a <see cref="Frame"/>'s memory without copying. The frame's memory is pinned until
/// the view is disposed; dispose the view before the frame.
/// </summary>
public sealed class FrameMatView : IDisposable
{
    private MemoryHandle _pin;
    private bool _disposed;

    private FrameMatView(Mat mat, MemoryHandle pin)
    {
        Mat = mat;
        _pin = pin;
    }

    /// <summary>The Mat over the frame's bytes.</summary>
    public Mat Mat { get; }

    internal static unsafe FrameMatView Create(Frame frame, int rows, int cols, MatType type)
    {
        var pin = frame.Memory.Pin();
        try
        {
            var mat = Mat.FromPixelData(rows, cols, type, (IntPtr)pin.Pointer);
            return new FrameMatView(mat, pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }

    /// <summary>Releases the Mat header and unpins the frame's memory.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Mat.Dispose();
        _pin.Dispose();
    }
}
