namespace NetGearSharp.Tests.Support;

/// <summary>Runs servers on dedicated threads (never thread-pool threads) and always disposes them.</summary>
public static class ServerFleet
{
    /// <summary>Starts one server per port; <paramref name="body"/> sends; the server says goodbye when it returns.</summary>
    public static Task Run(IReadOnlyList<int> ports, Func<int, NetGearServerOptions> options, Action<int, NetGearServer> body)
    {
        var tasks = new Task[ports.Count];
        for (var i = 0; i < ports.Count; i++)
        {
            var index = i;
            tasks[i] = Task.Factory.StartNew(() =>
            {
                using var server = new NetGearServer(options(index));
                body(index, server);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return Task.WhenAll(tasks);
    }

    /// <summary>Sends <paramref name="frames"/> numbered frames (<see cref="TestFrames.Numbered"/>), each with the message <c>{ server, n }</c>.</summary>
    public static void SendNumbered(NetGearServer server, int index, int frames)
    {
        for (var n = 0; n < frames; n++)
        {
            using var frame = TestFrames.Numbered(index, n);
            server.Send(frame, new { server = index, n });
        }
    }

    public static NetGearServerOptions Options(int port, NetGearPattern pattern, TransportKind transport) => new()
    {
        Address = "127.0.0.1",
        Port = port,
        Pattern = pattern,
        Transport = transport,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public static NetGearClientOptions ClientOptions(IReadOnlyList<int> ports, NetGearPattern pattern, TransportKind transport) => new()
    {
        Address = "127.0.0.1",
        Ports = ports,
        Pattern = pattern,
        Transport = transport,
        // Every listed server is expected: without this a fast server that finishes before a slow one connects
        // ends the client (VidGear's rule) and the slow one waits for ever.
        WaitForAllServers = true,
    };
}
