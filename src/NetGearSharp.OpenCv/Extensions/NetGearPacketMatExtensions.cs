using OpenCvSharp;

namespace NetGearSharp.OpenCv;

/// <summary>Reads received packets and frames as OpenCV Mats.</summary>
public static class NetGearPacketMatExtensions
{
    /// <summary>Copies the packet's frame into a new Mat that stays valid after the packet is disposed.</summary>
    public static Mat ToMat(this NetGearPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return MatFrames.ToMat(packet.Frame);
    }

    /// <summary>
    /// Copies the packet's frame into a new Mat in OpenCV's display order (BGR, BGRA or grey): a frame that arrived as
    /// JPEG in another colour space (RGB, RGBA, XRGB, CMYK ...) is converted (<see cref="DisplayColors.ToDisplayOrder"/>);
    /// a raw frame is copied as it is (taken as BGR). For showing, montages and video files; <see cref="ToMat(NetGearPacket)"/>
    /// keeps the frame's own layout.
    /// </summary>
    public static Mat ToDisplayMat(this NetGearPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (!DisplayColors.NeedsConversion(packet.JpegColorSpace)) return MatFrames.ToMat(packet.Frame);
        using var view = MatFrames.AsMat(packet.Frame);
        return DisplayColors.ToDisplayOrder(view.Mat, packet.JpegColorSpace);
    }

    /// <summary>A Mat over the packet's frame memory, without copying; dispose it before the packet.</summary>
    public static FrameMatView AsMat(this NetGearPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return MatFrames.AsMat(packet.Frame);
    }

    /// <summary>A Mat over the frame's memory, without copying; dispose it before the frame. See <see cref="MatFrames.AsMat"/>.</summary>
    public static FrameMatView AsMat(this Frame frame) => MatFrames.AsMat(frame);

    /// <summary>Copies the frame into a new Mat; see <see cref="MatFrames.ToMat"/>.</summary>
    public static Mat ToMat(this Frame frame) => MatFrames.ToMat(frame);

    /// <summary>Copies the Mat into a new frame; see <see cref="MatFrames.ToFrame"/>.</summary>
    public static Frame ToFrame(this Mat mat) => MatFrames.ToFrame(mat);
}
