using System.Buffers;
using System.Diagnostics;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;
using NetGearSharp.Transport.NetMq;

namespace NetGearSharp.Bench;

/// <summary>
/// The ceiling of a transport: one REQ/REP connection on loopback moving one frame per round trip, with one copy
/// out of the received message (as any client must make to keep the frame). No headers, no JSON, no NetGear.
/// </summary>
internal static class TransportBaseline
{
    public static Task<BaselineResult> RunAsync(TransportKind kind, int frameBytes, TimeSpan duration, CancellationToken cancellationToken)
        => Task.Factory.StartNew(() => Run(kind, frameBytes, duration, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static BaselineResult Run(TransportKind kind, int frameBytes, TimeSpan duration, CancellationToken cancellationToken)
    {
        var transport = ToolEnvironment.TransportFor(kind) ?? TransportOf(kind);
        var port = FreePorts.Take(1)[0];
        var endpoint = $"tcp://127.0.0.1:{port}";
        var wait = TimeSpan.FromSeconds(5);
        using var rep = transport.CreateSocket(new SocketSpec(SocketKind.Rep));
        rep.Bind(endpoint);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var replier = new Thread(() =>
        {
            var copy = ArrayPool<byte>.Shared.Rent(frameBytes);
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    if (!rep.TryReceive(TimeSpan.FromMilliseconds(50), out var part, out var more)) continue;
                    part.CopyTo(copy);
                    while (more) rep.TryReceive(wait, out _, out more);
                    rep.TrySend("ok"u8, more: false, wait);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }) { IsBackground = true, Name = "baseline REP" };
        replier.Start();

        var frame = new byte[frameBytes];
        new Random(1).NextBytes(frame);
        long frames = 0;
        double seconds;
        using (var req = transport.CreateSocket(new SocketSpec(SocketKind.Req)))
        {
            req.Connect(endpoint);
            // Warm-up round trips, then the measured interval.
            for (var i = 0; i < 50; i++) RoundTrip(req, frame, wait);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                RoundTrip(req, frame, wait);
                frames++;
            }
            seconds = clock.Elapsed.TotalSeconds;
        }
        stop.Cancel();
        replier.Join(TimeSpan.FromSeconds(2));
        return new BaselineResult
        {
            Transport = transport.Name,
            FrameBytes = frameBytes,
            Frames = frames,
            Fps = Math.Round(frames / seconds, 1),
            MbPerSec = Math.Round(frames * (double)frameBytes / seconds / 1e6, 1),
        };
    }

    /// <summary>The library's transport of <paramref name="kind"/>; for <see cref="TransportKind.Auto"/> libzmq when it loads, else NetMQ (the library's rule).</summary>
    private static ITransport TransportOf(TransportKind kind)
    {
        if (kind == TransportKind.NetMq) return NetMqTransport.Instance;
        if (kind == TransportKind.Native) return NativeTransport.Default;
        try
        {
            return NativeTransport.Default;
        }
        catch (NetGearException)
        {
            return NetMqTransport.Instance;
        }
    }

    private static void RoundTrip(ITransportSocket req, byte[] frame, TimeSpan wait)
    {
        if (!req.TrySend(frame, more: false, wait) || !req.TryReceive(wait, out _, out var more))
            throw new InvalidOperationException("The baseline's REQ/REP round trip timed out.");
        while (more) req.TryReceive(wait, out _, out more);
    }
}
