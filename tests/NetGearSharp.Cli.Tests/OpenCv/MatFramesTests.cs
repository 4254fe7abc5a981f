using NetGearSharp.OpenCv;
using OpenCvSharp;

namespace NetGearSharp.Cli.Tests.OpenCv;

public sealed class MatFramesTests
{
    [Fact]
    public void Continuous_colour_mat_becomes_an_hwc_frame_with_the_same_bytes_and_back()
    {
        using var mat = new Mat(4, 5, MatType.CV_8UC3);
        Cv2.Randu(mat, Scalar.All(0), Scalar.All(255));
        using var frame = MatFrames.ToFrame(mat);
        Assert.Equal(ElementType.UInt8, frame.ElementType);
        Assert.Equal([4, 5, 3], frame.Shape);
        Assert.True(mat.AsSpan<byte>().SequenceEqual(frame.Data));
        using var back = frame.ToMat();
        Assert.Equal(0, Cv2.Norm(mat, back, NormTypes.L1));
    }

    [Fact]
    public void Region_of_interest_with_row_padding_is_copied_row_by_row()
    {
        using var big = new Mat(10, 10, MatType.CV_16UC1);
        Cv2.Randu(big, Scalar.All(0), Scalar.All(60000));
        using var roi = new Mat(big, new Rect(2, 3, 4, 5));
        Assert.False(roi.IsContinuous());
        using var frame = MatFrames.ToFrame(roi);
        Assert.Equal(ElementType.UInt16, frame.ElementType);
        Assert.Equal([5, 4], frame.Shape);
        var values = frame.AsSpan<ushort>();
        for (var r = 0; r < 5; r++)
            for (var c = 0; c < 4; c++)
                Assert.Equal(roi.At<ushort>(r, c), values[r * 4 + c]);
    }

    [Fact]
    public void AsMat_is_a_view_over_the_frame_without_a_copy()
    {
        using var frame = Frame.Allocate(ElementType.Float32, 2, 3);
        frame.Data.Clear();
        using (var view = MatFrames.AsMat(frame))
        {
            Assert.Equal(MatType.CV_32FC1, view.Mat.Type());
            view.Mat.Set(1, 2, 7.5f);
        }
        Assert.Equal(7.5f, frame.AsSpan<float>()[5]);
    }

    [Fact]
    public void Frame_AsMat_extension_is_the_same_view()
    {
        using var frame = Frame.Allocate(ElementType.UInt8, 2, 2, 3);
        frame.Data.Clear();
        using (var view = frame.AsMat())
        {
            Assert.Equal(MatType.CV_8UC3, view.Mat.Type());
            view.Mat.Set(1, 1, new Vec3b(1, 2, 3));
        }
        Assert.Equal([1, 2, 3], frame.AsSpan<byte>()[9..12].ToArray());
    }

    [Fact]
    public void A_frame_without_an_opencv_form_is_refused_with_the_reason()
    {
        using var int64 = Frame.Allocate(ElementType.Int64, 2, 2);
        Assert.Contains("int64", Assert.Throws<ArgumentException>(() => MatFrames.ToMat(int64)).Message);
        using var rank4 = Frame.Allocate(ElementType.UInt8, 2, 2, 2, 2);
        Assert.Contains("rank 4", Assert.Throws<ArgumentException>(() => MatFrames.ToMat(rank4)).Message);
        using var empty = new Mat();
        Assert.Throws<ArgumentException>(() => MatFrames.ToFrame(empty));
        using var scalar = Frame.Allocate(ElementType.Float32);
        Assert.Contains("rank 0", Assert.Throws<ArgumentException>(() => MatFrames.ToMat(scalar)).Message);
    }

    [Fact]
    public void A_1D_frame_is_a_column_and_an_empty_frame_an_empty_mat()
    {
        // What a server may send besides images (NumPy arrays of any shape): converted without a crash.
        using var scores = Frame.FromArray(new float[] { 0.5f, 1.5f, 2.5f, 3.5f }, [4]);
        using var column = MatFrames.ToMat(scores);
        Assert.Equal((4, 1), (column.Rows, column.Cols));
        Assert.Equal(2.5f, column.At<float>(2, 0));
        using var view = MatFrames.AsMat(scores);
        Assert.Equal(3.5f, view.Mat.At<float>(3, 0));

        using var empty = Frame.Allocate(ElementType.UInt8, 0, 4, 3);
        using var none = MatFrames.ToMat(empty);
        Assert.True(none.Empty());
        using var emptyView = MatFrames.AsMat(empty);
        Assert.True(emptyView.Mat.Empty());
    }
}
