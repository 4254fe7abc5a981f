using System.Buffers;
using System.Collections.Concurrent;
using NetGearSharp.Codecs;
using NetGearSharp.Protocol;
using NetGearSharp.Threading;

namespace NetGearSharp.Client;

/// <summary>
/// Decodes JPEG frames on worker threads so frames of different servers decode in parallel while the receive thread
/// keeps reading. Each worker owns its decoder; a finished job goes into <see cref="TryTakeDone"/>'s queue and
/// <c>wake</c> ends the receive thread's wait. Only for patterns that answer after the frame (a server sends its next
/// frame after the answer, so frames of one server can never overtake each other). Idle workers block without
/// spinning (<see cref="WakeQueue{T}"/>): the cores they would spin on are the servers' and the receive thread's.
/// </summary>
internal sealed class DecodeWorkers : IDisposable
{
    private readonly WakeQueue<DecodeJob> _todo = new();
    private readonly ConcurrentQueue<DecodeJob> _done = new();
    private readonly ConcurrentBag<DecodeJob> _spare = [];
    private readonly Thread[] _threads;
    private readonly Action _wake;
    private readonly long _maxFrameBytes;
    private readonly bool _fastDct;
    private readonly bool _fastUpsample;
    private int _pending;

    public DecodeWorkers(int threads, long maxFrameBytes, bool fastDct, bool fastUpsample, Action wake)
    {
        _wake = wake;
        _maxFrameBytes = maxFrameBytes;
        _fastDct = fastDct;
        _fastUpsample = fastUpsample;
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"NetGearClient decode {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>The number of worker threads.</summary>
    public int Threads => _threads.Length;

    /// <summary>Jobs submitted and not yet taken back.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>A job to fill and submit (its envelope is the caller's to fill).</summary>
    public DecodeJob Rent() => _spare.TryTake(out var job) ? job : new DecodeJob();

    /// <summary>Queues a JPEG payload for decoding: copied into pooled memory, so the caller's span may change after.</summary>
    public void Submit(DecodeJob job, int port, ReadOnlySpan<byte> jpeg, CompressionInfo compression, byte[]? message, bool keepJpeg = false)
    {
        Prepare(job, port, jpeg, compression, message, keepJpeg);
        Enqueue(job);
    }

    /// <summary>Fills a job without queueing it (see <see cref="Enqueue"/>): the payload is copied into pooled memory.</summary>
    public static void Prepare(DecodeJob job, int port, ReadOnlySpan<byte> jpeg, CompressionInfo compression, byte[]? message, bool keepJpeg = false)
    {
        job.Jpeg = keepJpeg ? jpeg.ToArray() : null;
        job.Port = port;
        job.Payload = FrameBuffers.Rent(jpeg.Length);
        jpeg.CopyTo(job.Payload);
        job.Length = jpeg.Length;
        job.Compression = compression;
        job.Message = message;
    }

    /// <summary>Queues a prepared job for decoding.</summary>
    public void Enqueue(DecodeJob job)
    {
        Interlocked.Increment(ref _pending);
        if (!_todo.TryAdd(job)) throw new InvalidOperationException("The decode workers were stopped.");
    }

    /// <summary>Gives back a prepared job that will not be decoded (its payload buffer too).</summary>
    public void Discard(DecodeJob job)
    {
        FrameBuffers.Return(job.Payload);
        Return(job);
    }

    /// <summary>Takes a decoded job; give it back with <see cref="Return"/> once its frame and envelope are used.</summary>
    public bool TryTakeDone(out DecodeJob job)
    {
        if (!_done.TryDequeue(out job!)) return false;
        Interlocked.Decrement(ref _pending);
        return true;
    }

    /// <summary>Gives a taken job back for reuse.</summary>
    public void Return(DecodeJob job)
    {
        job.Reset();
        _spare.Add(job);
    }

    private void Run()
    {
        var decoder = new PayloadDecoder(_maxFrameBytes, _fastDct, _fastUpsample);
        try
        {
            while (_todo.Take(out var job))
            {
                if (!Decode(decoder, job))
                {
                    // The decoder may be left broken (its TurboJPEG handle lost): the next frame gets a fresh one.
                    decoder.Dispose();
                    decoder = new PayloadDecoder(_maxFrameBytes, _fastDct, _fastUpsample);
                }
                _done.Enqueue(job);
                _wake();
            }
        }
        finally
        {
            decoder.Dispose();
        }
    }

    /// <summary>
    /// Decodes a job's payload into its frame (or says why not). False when decoding failed unexpectedly (no memory for
    /// the frame, TurboJPEG could not start again after an error): the frame counts as corrupt JPEG, the worker goes on
    /// with a new decoder. An exception that left a worker's thread ended the whole process.
    /// </summary>
    internal static bool Decode(PayloadDecoder decoder, DecodeJob job)
    {
        try
        {
            var header = new FrameHeader { Compression = job.Compression };
            job.Frame = decoder.Decode(header, job.Payload.AsSpan(0, job.Length), out var result);
            job.Result = result;
            return true;
        }
        catch (JpegUnavailableException ex)
        {
            job.JpegMissing = ex;
            return true;
        }
        catch (Exception ex)
        {
            job.Frame = null;
            job.Result = HeaderParseResult.Fail(MalformedKind.CorruptJpeg, $"decoding failed: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
        finally
        {
            FrameBuffers.Return(job.Payload);
            job.Payload = [];
        }
    }

    /// <summary>Stops the workers (bounded wait) and disposes the frames nobody took.</summary>
    public void Dispose()
    {
        _todo.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
        while (_done.TryDequeue(out var job)) job.Frame?.Dispose();
    }
}
