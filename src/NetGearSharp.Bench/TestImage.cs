using NetGearSharp.Codecs;

namespace NetGearSharp.Bench;

/// <summary>The frame the benchmark servers send: a photo decoded with TurboJPEG and resized (bilinear), or a generated pattern.</summary>
internal static class TestImage
{
    /// <summary>Loads a BGR uint8 frame of <paramref name="height"/> x <paramref name="width"/> x 3.</summary>
    /// <param name="path">A JPEG file; null or unreadable gives a generated pattern.</param>
    /// <param name="width">Target width.</param>
    /// <param name="height">Target height.</param>
    /// <param name="source">What the frame was made from, for the report.</param>
    public static Frame Load(string? path, int width, int height, out string source)
    {
        if (path is not null && File.Exists(path))
        {
            try
            {
                using var decoder = new JpegDecoder();
                var bytes = File.ReadAllBytes(path);
                if (decoder.TryDecode(bytes, JpegColorSpace.Bgr, out var decoded, out var reason))
                {
                    using (decoded)
                    {
                        source = $"{Path.GetFileName(path)} ({decoded.Width}x{decoded.Height}) resized to {width}x{height}";
                        return Resize(decoded, width, height);
                    }
                }
                source = $"generated pattern ({path} could not be decoded: {reason})";
            }
            catch (JpegUnavailableException)
            {
                source = "generated pattern (libturbojpeg is not installed)";
            }
        }
        else
        {
            source = path is null ? "generated pattern (no image found)" : $"generated pattern ({path} is missing)";
        }
        return Pattern(width, height);
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be the picture the servers send (<see cref="Load"/> would fall back to the
    /// generated pattern), or null when it decodes: missing, empty, not a JPEG, or libturbojpeg is not installed.
    /// </summary>
    public static string? Problem(string path)
    {
        if (Directory.Exists(path)) return "it is a folder";
        if (!File.Exists(path)) return "it does not exist";
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0) return "the file is empty";
            using var decoder = new JpegDecoder();
            if (!decoder.TryDecode(bytes, JpegColorSpace.Bgr, out var decoded, out var reason)) return $"it does not decode as a JPEG ({reason})";
            decoded.Dispose();
            return null;
        }
        catch (JpegUnavailableException)
        {
            return "libturbojpeg, which decodes it, is not installed (apt-get install libturbojpeg0)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"it cannot be read ({ex.Message})";
        }
    }

    /// <summary>Bilinear resize of a [h, w, 3] uint8 frame.</summary>
    public static Frame Resize(Frame source, int width, int height)
    {
        var result = Frame.Allocate(ElementType.UInt8, height, width, 3);
        var src = source.Data;
        var dst = result.Data;
        int sw = source.Width, sh = source.Height;
        var sx = (double)sw / width;
        var sy = (double)sh / height;
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, sh - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, sh - 1);
            var wy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, sw - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, sw - 1);
                var wx = fx - x0;
                for (var c = 0; c < 3; c++)
                {
                    double p00 = src[(y0 * sw + x0) * 3 + c], p01 = src[(y0 * sw + x1) * 3 + c];
                    double p10 = src[(y1 * sw + x0) * 3 + c], p11 = src[(y1 * sw + x1) * 3 + c];
                    var top = p00 + (p01 - p00) * wx;
                    var bottom = p10 + (p11 - p10) * wx;
                    dst[(y * width + x) * 3 + c] = (byte)Math.Round(top + (bottom - top) * wy);
                }
            }
        }
        return result;
    }

    /// <summary>A smooth colour pattern with some detail, so JPEG has work similar to a photo.</summary>
    public static Frame Pattern(int width, int height)
    {
        var frame = Frame.Allocate(ElementType.UInt8, height, width, 3);
        var data = frame.Data;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 3;
                data[i] = (byte)(x * 255 / Math.Max(1, width - 1));
                data[i + 1] = (byte)(y * 255 / Math.Max(1, height - 1));
                data[i + 2] = (byte)(((x / 16) + (y / 16)) % 2 == 0 ? 200 : 60);
            }
        }
        return frame;
    }
}
