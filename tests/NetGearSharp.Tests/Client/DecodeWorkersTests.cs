using NetGearSharp.Client;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;

namespace NetGearSharp.Tests.Client;

/// <summary>The JPEG decode workers on their own: every job comes back decoded or with its reason, and each wakes the receiver.</summary>
public class DecodeWorkersTests
{
    [Fact]
    public void A_decode_that_fails_unexpectedly_is_a_corrupt_frame_not_an_exception_on_the_workers_thread()
    {
        using var original = Frame.Allocate(ElementType.UInt8, 16, 16, 3);
        using var encoder = new JpegEncoder(JpegOptions.Default);
        var jpeg = encoder.Encode(original).ToArray();
        var compression = new CompressionInfo(FastDct: false, FastUpsample: false, JpegColorSpace.Bgr);
        DecodeJob Job()
        {
            var job = new DecodeJob { Port = 5566, Payload = FrameBuffers.Rent(jpeg.Length), Length = jpeg.Length, Compression = compression };
            jpeg.CopyTo(job.Payload, 0);
            return job;
        }
        var decoder = new PayloadDecoder(1 << 20, fastDct: false, fastUpsample: false);
        var first = Job();
        Assert.True(DecodeWorkers.Decode(decoder, first));
        first.Frame!.Dispose();
        decoder.Dispose(); // a decoder whose TurboJPEG handle is gone: decoding throws
        var job = Job();

        Assert.False(DecodeWorkers.Decode(decoder, job)); // the worker takes a new decoder
        Assert.Null(job.Frame);
        Assert.Equal(MalformedKind.CorruptJpeg, job.Result.Error);
        Assert.Contains("decoding failed", job.Result.Reason);
        Assert.Empty(job.Payload); // its buffer went back to the pool
    }

    [Fact(Timeout = 30_000)]
    public async Task EveryJobComesBackDecodedOrMalformedAndWakesTheReceiver()
    {
        using var original = Frame.Allocate(ElementType.UInt8, 32, 48, 3);
        for (var i = 0; i < original.Data.Length; i++) original.Data[i] = (byte)(i * 7 % 251);
        using var encoder = new JpegEncoder(JpegOptions.Default with { Quality = 95 });
        var jpeg = encoder.Encode(original).ToArray();
        var compression = new CompressionInfo(FastDct: true, FastUpsample: false, JpegColorSpace.Bgr);

        var wakes = 0;
        using var workers = new DecodeWorkers(3, 1 << 20, fastDct: true, fastUpsample: false, () => Interlocked.Increment(ref wakes));
        const int jobs = 30;
        for (var i = 0; i < jobs; i++)
        {
            var job = workers.Rent();
            job.Envelope.Clear();
            job.Envelope.TryAdd([(byte)i]);
            var payload = i == 7 ? "not a jpeg"u8.ToArray() : jpeg;
            workers.Submit(job, 1000 + i, payload, compression, [(byte)i]);
        }

        var seen = new HashSet<int>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (seen.Count < jobs && DateTime.UtcNow < deadline)
        {
            if (!workers.TryTakeDone(out var job))
            {
                await Task.Delay(5);
                continue;
            }
            var i = job.Message![0];
            Assert.Equal(1000 + i, job.Port);
            Assert.Equal(i, job.Envelope[0][0]);
            if (i == 7)
            {
                Assert.Null(job.Frame);
                Assert.Equal(MalformedKind.CorruptJpeg, job.Result.Error);
            }
            else
            {
                Assert.NotNull(job.Frame);
                Assert.Equal(original.Shape, job.Frame!.Shape);
                job.Frame.Dispose();
            }
            Assert.True(seen.Add(i));
            workers.Return(job);
        }
        Assert.Equal(jobs, seen.Count);
        Assert.Equal(0, workers.Pending);
        Assert.Equal(jobs, Volatile.Read(ref wakes));
    }

    [Fact(Timeout = 30_000)]
    public async Task Disposing_ends_every_idle_worker_without_waiting_out_the_join_timeout()
    {
        // Each worker is joined for up to 5 s: a worker left asleep would make Dispose take 5 s or more.
        var workers = new DecodeWorkers(3, 1 << 20, fastDct: true, fastUpsample: false, () => { });
        await Task.Delay(200); // every worker is waiting for work
        var disposing = Task.Run(workers.Dispose);
        var finished = await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(4)));
        Assert.Same(disposing, finished);
    }
}
