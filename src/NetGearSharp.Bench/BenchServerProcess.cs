using NetGearSharp.Bench;

namespace NetGearSharp.Bench;

/// <summary>
/// The benchmark's child process: runs one or more servers, each on its own thread, sending the test frame with
/// <c>{"t": send time, "n": sequence}</c> as fast as it can (or at a set rate, at the instants of
/// <see cref="PacedSchedule"/>) until its standard input closes.
/// </summary>
internal static class BenchServerProcess
{
    /// <summary>The child's entry point (the host's hidden <c>bench-server</c> command).</summary>
    /// <param name="args">The server arguments <see cref="BenchRunner"/> passes.</param>
    /// <returns>The exit code: 0 when every server stopped cleanly.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        BenchServerArgs parsed;
        try
        {
            parsed = BenchServerArgs.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync("bench-server: " + ex.Message);
            return 2;
        }
        using var frame = TestImage.Load(parsed.ImagePath, parsed.Width, parsed.Height, out _);
        using var stop = new CancellationTokenSource();
        // The parent closes our standard input to stop us; it also closes when the parent dies.
        var watcher = new Thread(() =>
        {
            try { while (Console.In.Read() >= 0) { } }
            catch (IOException) { }
            stop.Cancel();
        }) { IsBackground = true, Name = "stdin watcher" };
        watcher.Start();

        var failures = 0;
        var threads = parsed.Ports.Select((port, i) => new Thread(() =>
        {
            if (!Serve(parsed, port, parsed.FirstIndex + i, frame, stop.Token)) Interlocked.Increment(ref failures);
        }) { IsBackground = true, Name = $"server {port}" }).ToList();
        foreach (var t in threads) t.Start();
        await Task.Run(() => { foreach (var t in threads) t.Join(); });
        return failures == 0 ? 0 : 1;
    }

    private static bool Serve(BenchServerArgs args, int port, int index, Frame frame, CancellationToken token)
    {
        try
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1",
                Port = port,
                Pattern = args.Pattern,
                Transport = args.Transport,
                CustomTransport = ToolEnvironment.TransportFor(args.Transport),
                Jpeg = args.Jpeg ? JpegOptions.Default with { Subsampling = args.JpegSubsampling } : JpegOptions.Off,
                SecureMode = args.SecureMode,
                KeysDirectory = args.KeysDirectory,
            });
            var message = new StampMessage();
            var schedule = args.Rate > 0 ? new PacedSchedule(index, args.Rate, StampMessage.NowMs()) : null;
            while (!token.IsCancellationRequested)
            {
                if (schedule is not null && !WaitUntil(schedule.DueMs, token)) break;
                message.N++;
                message.T = StampMessage.NowMs();
                server.Send(frame, message, token);
                schedule?.Sent(StampMessage.NowMs());
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"bench-server {port}: {ex.GetType().Name}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Waits until the Unix time <paramref name="dueMs"/>, never less (whole milliseconds, rounded up: the wait's granularity); false when cancelled.</summary>
    private static bool WaitUntil(double dueMs, CancellationToken token)
    {
        for (var wait = dueMs - StampMessage.NowMs(); wait > 0; wait = dueMs - StampMessage.NowMs())
        {
            if (token.WaitHandle.WaitOne((int)Math.Ceiling(wait))) return false;
        }
        return true;
    }
}
