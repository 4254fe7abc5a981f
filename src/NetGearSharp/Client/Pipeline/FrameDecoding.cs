using Microsoft.Extensions.Logging;
using NetGearSharp.Codecs;
using NetGearSharp.Logging;
using NetGearSharp.Protocol;
using NetGearSharp.Transport;

using NetGearSharp.Timing;
using NetGearSharp.Client;

namespace NetGearSharp.Client.Pipeline;

/// <summary>
/// Decoding: turns a frame message's payload into a <see cref="Frame"/>, on the receive thread or, for JPEG with
/// several decode threads, on <see cref="DecodeWorkers"/> (frames of different servers in parallel; only for patterns
/// that answer after the frame, so a server's frames never overtake each other). A large raw payload is taken over
/// from the transport where it can (no copy). A missing libturbojpeg is logged once and each such frame counted as
/// malformed. Receive thread only.
/// </summary>
internal sealed class FrameDecoding : IDisposable
{
    private readonly PayloadDecoder _decoder;
    private readonly DecodeWorkers? _workers;
    /// <summary>Takes over the socket's last received part (the payload), where the transport can; null where it cannot.</summary>
    private readonly Func<System.Buffers.MemoryManager<byte>?>? _takeOver;
    private readonly ILogger _logger;
    private readonly bool _keepJpeg;
    private bool _jpegMissingLogged;

    public FrameDecoding(ClientSettings settings, ITransportSocket socket)
    {
        _keepJpeg = settings.KeepJpeg;
        _takeOver = socket.CanTakeParts ? socket.TakeLastPart : null;
        _logger = settings.Logger;
        _decoder = new PayloadDecoder(settings.MaxFrameBytes, settings.JpegFastDct, settings.JpegFastUpsample);
        // Answer-after-decode patterns only: frames of one server then never overtake each other.
        if (settings.JpegDecodeThreads > 1 && settings.Pattern != NetGearPattern.PubSub && socket.EnableWakeUp())
            _workers = new DecodeWorkers(settings.JpegDecodeThreads, settings.MaxFrameBytes, settings.JpegFastDct,
                settings.JpegFastUpsample, socket.WakeUp);
    }

    /// <summary>Whether JPEG frames are decoded on workers (several decode threads, and a pattern that answers).</summary>
    public bool HasWorkers => _workers is not null;

    /// <summary>
    /// Hands a JPEG frame to a worker when there are workers (and libturbojpeg loads); its result comes back through
    /// <see cref="TryTakeDecoded"/>. False: decode it here with <see cref="Decode"/>.
    /// </summary>
    public bool TrySubmit(int port, in FrameHeader header, ReadOnlySpan<byte> payload, byte[]? message, Envelope envelope)
    {
        if (!TryPrepare(port, header, payload, message, envelope, out var job)) return false;
        _workers!.Enqueue(job);
        return true;
    }

    /// <summary>
    /// As <see cref="TrySubmit"/>, but the job is only filled (payload copied, envelope copied), for
    /// <see cref="Submit"/> now or later, or <see cref="Discard"/>.
    /// </summary>
    public bool TryPrepare(int port, in FrameHeader header, ReadOnlySpan<byte> payload, byte[]? message, Envelope envelope, out DecodeJob job)
    {
        if (_workers is null || header.Compression is not { } compression || !_decoder.JpegReady)
        {
            job = null!;
            return false;
        }
        job = _workers.Rent();
        envelope.CopyTo(job.Envelope);
        DecodeWorkers.Prepare(job, port, payload, compression, message, _keepJpeg);
        return true;
    }

    /// <summary>Whether a decode worker is idle: fewer jobs are submitted and not yet taken back than there are workers.</summary>
    public bool WorkerIdle => _workers is { } workers && workers.Pending < workers.Threads;

    /// <summary>Frames on the decode workers: decoding, waiting for a worker, or decoded and not yet taken back.</summary>
    public int Decoding => _workers?.Pending ?? 0;

    /// <summary>Queues a job filled by <see cref="TryPrepare"/>.</summary>
    public void Submit(DecodeJob job) => _workers!.Enqueue(job);

    /// <summary>Gives back a job filled by <see cref="TryPrepare"/> that will not be decoded.</summary>
    public void Discard(DecodeJob job) => _workers!.Discard(job);

    /// <summary>Decodes here: the frame, or null and why it is malformed.</summary>
    public Frame? Decode(in FrameHeader header, ReadOnlySpan<byte> payload, out HeaderParseResult result)
    {
        try
        {
            // The payload is the last part received: a large raw one is taken over from the transport, not copied.
            var declinedBefore = _decoder.TakeOverDeclined;
            var frame = _decoder.Decode(header, payload, out result, _takeOver);
            if (declinedBefore == 0 && _decoder.TakeOverDeclined == 1)
                _logger.LentMemoryFull(payload.Length);
            return frame;
        }
        catch (JpegUnavailableException ex)
        {
            result = JpegMissing(ex);
            return null;
        }
    }

    /// <summary>Takes a frame a worker has finished; give the job back with <see cref="Return"/> once used.</summary>
    public bool TryTakeDecoded(out DecodeJob job, out HeaderParseResult result)
    {
        result = default;
        if (_workers is null || !_workers.TryTakeDone(out job))
        {
            job = null!;
            return false;
        }
        result = job.JpegMissing is { } missing ? JpegMissing(missing) : job.Result;
        return true;
    }

    /// <summary>Gives a decoded job back for reuse.</summary>
    public void Return(DecodeJob job) => _workers!.Return(job);

    /// <summary>libturbojpeg is missing: said once in the log, and the frame counts as corrupt JPEG.</summary>
    private HeaderParseResult JpegMissing(JpegUnavailableException ex)
    {
        if (!_jpegMissingLogged) _logger.JpegUnavailable(ex.Message);
        _jpegMissingLogged = true;
        return HeaderParseResult.Fail(MalformedKind.CorruptJpeg, "JPEG frames arrive but libturbojpeg is not installed");
    }

    public void Dispose()
    {
        _workers?.Dispose();
        _decoder.Dispose();
    }
}
