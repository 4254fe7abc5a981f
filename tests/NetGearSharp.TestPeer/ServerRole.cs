namespace NetGearSharp.TestPeer;

/// <summary>One server per port, each on its own thread, sending small frames with the message <c>{"n": sequence}</c>.</summary>
internal static class ServerRole
{
    public static int Run(PeerArgs a, CancellationToken stop)
    {
        var failures = 0;
        var threads = a.Ports.Select(port => new Thread(() =>
        {
            if (!Serve(a, port, stop)) Interlocked.Increment(ref failures);
        }) { IsBackground = true, Name = $"server {port}" }).ToList();
        foreach (var t in threads) t.Start();
        Output.Line("READY", string.Join(',', a.Ports));
        foreach (var t in threads) t.Join();
        return failures == 0 ? 0 : 1;
    }

    private static bool Serve(PeerArgs a, int port, CancellationToken stop)
    {
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = a.Address,
            Port = port,
            Pattern = a.Pattern,
            RequestTimeout = a.RequestTimeout,
            MaxRetries = a.MaxRetries,
            HeartbeatInterval = a.HeartbeatInterval,
            Transport = a.Transport,
            HeartbeatTimeout = a.HeartbeatTimeout ?? new NetGearServerOptions { Port = port }.HeartbeatTimeout,
        });
        using var frame = Frame.Allocate(ElementType.UInt8, a.Size, a.Size, 3);
        var period = a.Fps > 0 ? TimeSpan.FromSeconds(1 / a.Fps) : TimeSpan.Zero;
        var next = DateTime.UtcNow;
        long n = 0;
        try
        {
            for (; a.Frames < 0 || n < a.Frames; n++)
            {
                frame.Data.Fill((byte)n);
                server.Send(frame, new { n }, stop);
                if (period > TimeSpan.Zero)
                {
                    next += period;
                    var wait = next - DateTime.UtcNow;
                    if (wait > TimeSpan.Zero) stop.WaitHandle.WaitOne(wait);
                    else next = DateTime.UtcNow;
                }
                if (stop.IsCancellationRequested) break;
            }
            Output.Line("DONE", port, n);
            return true;
        }
        catch (OperationCanceledException)
        {
            Output.Line("DONE", port, n);
            return true;
        }
        catch (NetGearException ex)
        {
            Output.Line("ERROR", port, n, ex.Message.ReplaceLineEndings(" "));
            server.Abort();
            return false;
        }
    }
}
