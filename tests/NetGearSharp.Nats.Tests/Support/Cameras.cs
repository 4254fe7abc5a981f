namespace NetGearSharp.Nats.Tests.Support;

/// <summary>Real NetGear servers (the cameras) and a real client (the viewing machine) on free loopback ports.</summary>
public static class Cameras
{
    /// <summary>The message each numbered frame carries.</summary>
    public sealed record Stamp(int Port, int N);

    /// <summary>
    /// Runs one server per port on its own thread; each sends <paramref name="frames"/> numbered frames (8×8×3, every
    /// byte = n mod 256, message <see cref="Stamp"/>), <paramref name="interval"/> apart, then says goodbye.
    /// </summary>
    public static Task RunAsync(IReadOnlyList<int> ports, int frames, TimeSpan interval, CancellationToken cancellationToken, int[]? shape = null)
    {
        var tasks = ports.Select(port => Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions
            {
                Address = "127.0.0.1",
                Port = port,
                RequestTimeout = TimeSpan.FromSeconds(10),
            });
            for (var n = 0; n < frames && !cancellationToken.IsCancellationRequested; n++)
            {
                using var frame = Frame.Allocate(ElementType.UInt8, shape ?? [8, 8, 3]);
                frame.Data.Fill((byte)(n % 256));
                server.Send(frame, new Stamp(port, n), cancellationToken);
                if (interval > TimeSpan.Zero) Thread.Sleep(interval);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        return Task.WhenAll(tasks);
    }

    public static NetGearClient Client(IReadOnlyList<int> ports) => new(new NetGearClientOptions
    {
        Address = "127.0.0.1",
        Ports = ports,
        WaitForAllServers = true,
        QueueCapacity = 1000,
    });

    /// <summary>Reads every packet of a source until it ends, checking each frame against its stamp.</summary>
    public static async Task<List<Stamp>> CollectAsync(NatsPacketSource source, CancellationToken cancellationToken, Action<NetGearPacket>? each = null)
    {
        var stamps = new List<Stamp>();
        await foreach (var packet in source.ReadAllAsync(cancellationToken))
        {
            using (packet)
            {
                var stamp = packet.GetMessage<Stamp>() ?? throw new InvalidOperationException($"packet of {packet.Port} has no message");
                Assert.Equal(stamp.Port, packet.Port);
                Assert.Equal(stamp.N + 1, packet.Sequence);
                Assert.Equal((byte)(stamp.N % 256), packet.Frame.Data[0]);
                each?.Invoke(packet);
                stamps.Add(stamp);
            }
        }
        return stamps;
    }
}
