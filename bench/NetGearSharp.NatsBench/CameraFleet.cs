using System.Diagnostics;

namespace NetGearSharp.NatsBench;

/// <summary>In-process NetGear servers sending a VGA test picture (a gradient with a moving bar) at a set rate.</summary>
internal static class CameraFleet
{
    public static Task RunAsync(IReadOnlyList<int> ports, double fps, CancellationToken stop)
    {
        var period = TimeSpan.FromSeconds(1 / fps);
        return Task.WhenAll(ports.Select((port, index) => Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = port, RequestTimeout = TimeSpan.FromSeconds(10) });
            using var frame = Frame.Allocate(ElementType.UInt8, 480, 640, 3);
            var clock = Stopwatch.StartNew();
            for (var n = 0L; !stop.IsCancellationRequested; n++)
            {
                Paint(frame, index, n);
                try
                {
                    server.Send(frame, null, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                var due = period * (n + 1);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) stop.WaitHandle.WaitOne(wait);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
    }

    private static void Paint(Frame frame, int index, long n)
    {
        var data = frame.Data;
        var bar = (int)(n * 8 % 640);
        for (var y = 0; y < 480; y++)
        {
            var row = data.Slice(y * 640 * 3, 640 * 3);
            for (var x = 0; x < 640; x++)
            {
                var inBar = x >= bar && x < bar + 16;
                row[x * 3] = (byte)(inBar ? 255 : x * 255 / 640);
                row[x * 3 + 1] = (byte)(y * 255 / 480);
                row[x * 3 + 2] = (byte)(index * 37);
            }
        }
    }
}
