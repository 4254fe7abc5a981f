using NetGearSharp.AspNetCore.Live;
using NetGearSharp.Web.Tests.Support;

namespace NetGearSharp.Web.Tests.Core;

/// <summary>
/// Replacing a frame (what <c>NetGearLiveView.Observe</c> does on the viewer's receive loop) gives the old frame's pixel
/// buffer back to the pool, but never waits for a browser's encode of that frame: the encode keeps the buffer until it
/// is done and then gives it back, exactly once.
/// </summary>
public sealed class FrameEntryReleaseTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(3);

    private static Frame Filled(byte value)
    {
        var frame = Frame.Allocate(ElementType.UInt8, [48, 64, 3]);
        frame.Data.Fill(value);
        return frame;
    }

    [Fact(Timeout = 30_000)]
    public async Task Replacing_a_frame_while_it_is_encoded_does_not_wait_and_its_buffer_goes_back_once_after_the_encode()
    {
        var pool = new CountingPool();
        var slot = new FrameSlot();
        using var first = Filled(60);
        using var second = Filled(200);
        slot.Publish(v => FrameEntry.FromFrame(v, first, pool));
        var old = slot.Newest!;
        var buffer = pool.Rented[0];

        // The encoder is held inside its encode (the callback runs on the encoding thread while it still uses the pixels).
        using var encoding = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var encoder = Task.Run(() => old.GetJpeg(80, () => { encoding.Set(); finish.Wait(TimeSpan.FromSeconds(20)); }));
        try
        {
            Assert.True(encoding.Wait(TimeSpan.FromSeconds(10)), "the encode did not start");
            var replace = Task.Run(() => slot.Publish(v => FrameEntry.FromFrame(v, second, pool)));
            Assert.True(replace.Wait(Prompt), "replacing the frame waited for the encode in progress");
            var releaseAgain = Task.Run(old.Release);
            Assert.True(releaseAgain.Wait(Prompt), "a second Release waited for the encode in progress");
            Assert.Equal(0, pool.Returns(buffer)); // still in use by the encode
            // Released by the slot, but held by the encode: its pixels are still the frame's, not the pool's scribbles.
            using var copy = old.ToMat();
            Assert.NotNull(copy);
            Assert.Equal(60, copy!.At<OpenCvSharp.Vec3b>(10, 10).Item0);
        }
        finally
        {
            finish.Set();
        }

        var jpeg = await encoder;
        Assert.NotNull(jpeg);
        Assert.Equal(1, pool.Returns(buffer));
        // Every reference to the pixels is gone: a copy now comes from the JPEG, never from the returned (scribbled) buffer.
        using (var late = old.ToMat())
        {
            Assert.NotNull(late);
            Assert.InRange(late!.At<OpenCvSharp.Vec3b>(10, 10).Item0, 55, 65);
        }
        old.Release();
        Assert.Equal(1, pool.Returns(buffer));
        Assert.Same(jpeg, old.GetJpeg(80));
    }

    [Fact(Timeout = 30_000)]
    public async Task Many_encodes_copies_and_releases_racing_give_each_buffer_back_exactly_once()
    {
        var pool = new CountingPool();
        var slot = new FrameSlot();
        using var frame = Filled(90);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var scribbled = 0;
        var readers = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (slot.Newest is not { } entry) continue;
                if (i == 0)
                {
                    // A copy of pixels that went back to the pool too early would show its scribbles.
                    using var copy = entry.ToMat();
                    if (copy is not null && copy.At<OpenCvSharp.Vec3b>(5, 5).Item0 is var b && Math.Abs(b - 90) > 8) Interlocked.Increment(ref scribbled);
                }
                else entry.GetJpeg(50);
            }
        })).ToArray();
        for (var n = 0; n < 2000 && !stop.IsCancellationRequested; n++)
            slot.Publish(v => FrameEntry.FromFrame(v, frame, pool));
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        var last = slot.Newest!;
        last.Release();

        Assert.Equal(0, scribbled);
        var rented = pool.Rented;
        Assert.NotEmpty(rented);
        Assert.All(rented, array => Assert.Equal(1, pool.Returns(array)));
    }
}
