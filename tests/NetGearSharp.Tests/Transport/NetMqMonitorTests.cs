using NetGearSharp.Transport;
using NetGearSharp.Transport.NetMq;
using FreePorts = NetGearSharp.TestSupport.FreePorts;

namespace NetGearSharp.Tests.Transport;

/// <summary>The NetMQ transport's connection events: none is lost, however soon it comes after the socket was made.</summary>
public class NetMqMonitorTests
{
    [Fact(Timeout = 60000)]
    public async Task TheMonitorListensBeforeTheConstructorReturns()
    {
        await Task.Yield();
        // NetMQ drops an event raised before the monitor's end has connected: that must happen in the constructor, not
        // whenever a thread of the monitor's first runs.
        for (var i = 0; i < 50; i++)
        {
            using var socket = (NetMqSocket)NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true });
            Assert.True(socket.MonitorListening);
        }
    }

    [Fact(Timeout = 60000)]
    public async Task EveryConnectionRightAfterTheSocketWasMadeIsReportedAndTheMonitorStops()
    {
        for (var i = 0; i < 20; i++)
        {
            var port = FreePorts.One();
            var router = (NetMqSocket)NetMqTransport.Instance.CreateSocket(new SocketSpec(SocketKind.Router) { Monitor = true });
            try
            {
                router.Bind($"tcp://127.0.0.1:{port}");
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                Assert.True(await Accepted(router, TimeSpan.FromSeconds(5)), $"connection {i}: no Accepted event");
            }
            finally
            {
                router.Dispose();
            }
            Assert.False(router.MonitorListening);
        }
    }

    private static async Task<bool> Accepted(NetMqSocket socket, TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (DateTime.UtcNow < until)
        {
            while (socket.TryGetEvent(out var ev))
            {
                if (ev.Kind == TransportEventKind.Accepted) return true;
            }
            await Task.Delay(10);
        }
        return false;
    }
}
