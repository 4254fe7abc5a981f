using NetGearSharp.AspNetCore.Live;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// Watched raw frames live in pooled buffers that go back once a newer frame replaces them (no 900 KB allocation per
/// frame): a replaced frame never shows stale or recycled pixels, and one encoded in time keeps its picture.
/// </summary>
public sealed class FrameEntryPoolTests
{
    private static Frame Filled(byte value)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, 3]);
        frame.Data.Fill(value);
        return frame;
    }

    [Fact]
    public void A_frame_replaced_before_anyone_encoded_it_gives_no_picture_and_the_newest_does()
    {
        var slot = new FrameSlot();
        using var first = Filled(10);
        using var second = Filled(200);
        slot.Publish(v => FrameEntry.FromFrame(v, first));
        var old = slot.Newest!;
        slot.Publish(v => FrameEntry.FromFrame(v, second));

        Assert.Null(old.GetJpeg(80));
        Assert.Null(old.ToMat());
        using var newest = slot.Newest!.ToMat();
        Assert.NotNull(newest);
        Assert.Equal(200, newest!.At<OpenCvSharp.Vec3b>(10, 10).Item0);
        Assert.NotNull(slot.Newest!.GetJpeg(80));
    }

    [Fact]
    public void A_frame_encoded_before_it_was_replaced_keeps_its_jpeg_and_its_picture()
    {
        var slot = new FrameSlot();
        using var first = Filled(60);
        using var second = Filled(220);
        slot.Publish(v => FrameEntry.FromFrame(v, first));
        var old = slot.Newest!;
        var jpeg = old.GetJpeg(90);
        Assert.NotNull(jpeg);
        slot.Publish(v => FrameEntry.FromFrame(v, second)); // its buffer goes back to the pool and is reused
        using var reuse = Filled(1);
        slot.Publish(v => FrameEntry.FromFrame(v, reuse));

        Assert.Same(jpeg, old.GetJpeg(90));
        using var picture = old.ToMat(); // decoded from its JPEG: still the first frame's grey, not a later frame's
        Assert.NotNull(picture);
        Assert.InRange(picture!.At<OpenCvSharp.Vec3b>(10, 10).Item0, 55, 65);
        old.Release(); // again: nothing to give back
    }
}
