using NetGearSharp;

namespace NetGearSharp.HostApp;

/// <summary>One client with two servers: each server sends two frames, the client reads them, all are disposed.</summary>
internal static class Streams
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public static async Task RoundAsync(TransportKind transport)
    {
        var ports = NetGearSharp.TestSupport.FreePorts.Take(2);
        await using var client = new NetGearClient(new NetGearClientOptions { Address = "127.0.0.1", Ports = ports, Transport = transport, AutoExit = false });
        var servers = ports.Select(p => Task.Factory.StartNew(() =>
        {
            using var server = new NetGearServer(new NetGearServerOptions { Address = "127.0.0.1", Port = p, Transport = transport });
            using var frame = Frame.Allocate(ElementType.UInt8, 48, 64, 3);
            for (var n = 0; n < 2; n++) server.Send(frame, new { n });
        }, TaskCreationOptions.LongRunning)).ToArray();
        for (var received = 0; received < 4; received++)
        {
            using var packet = await client.ReceiveAsync(Wait) ?? throw new TimeoutException($"frame {received + 1} of 4 did not arrive ({transport})");
        }
        await Task.WhenAll(servers).WaitAsync(Wait);
    }
}
