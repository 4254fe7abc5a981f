using OpenCvSharp;

namespace NetGearSharp.Web.Tests.Support;

/// <summary>Looks at pictures (JPEG or PNG bytes, or regions of a screenshot) with OpenCV.</summary>
public static class Pictures
{
    public static Mat Decode(byte[] bytes)
    {
        var mat = Cv2.ImDecode(bytes, ImreadModes.Color);
        Assert.False(mat.Empty(), $"{bytes.Length} bytes are not a picture OpenCV can decode");
        return mat;
    }

    /// <summary>The standard deviation of the grey levels: near 0 for a blank (one-colour) picture.</summary>
    public static double Contrast(Mat image)
    {
        using var grey = new Mat();
        Cv2.CvtColor(image, grey, ColorConversionCodes.BGR2GRAY);
        Cv2.MeanStdDev(grey, out _, out var stddev);
        return stddev.Val0;
    }

    /// <summary>The mean absolute difference per pixel and channel, 0-255 (the pictures must have one size).</summary>
    public static double Difference(Mat a, Mat b)
    {
        Assert.Equal(a.Size(), b.Size());
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        var mean = Cv2.Mean(diff);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }
}
