using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NetGearSharp.Nats.Tests;

/// <summary>A connect cancelled by the caller leaves no connection behind (no NATS server needed: a slow fake one).</summary>
public sealed class CancelledConnectTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_cancelled_connect_closes_its_connection_even_when_the_server_answers_later()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The fake server answers after the caller has given up: INFO after 1.5 s, then PONG to every PING.
        var served = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await Task.Delay(1500);
            await socket.SendAsync("INFO {\"server_id\":\"fake\",\"version\":\"2.10.0\",\"proto\":1,\"max_payload\":1048576,\"headers\":true}\r\n"u8.ToArray());
            var buffer = new byte[4096];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, patience.Token);
                    if (read == 0) return true; // the client closed its connection
                    if (Encoding.ASCII.GetString(buffer, 0, read).Contains("PING", StringComparison.Ordinal))
                        await socket.SendAsync("PONG\r\n"u8.ToArray());
                }
            }
            catch (OperationCanceledException)
            {
                return false; // still open 20 s later: the abandoned connection lived on
            }
            catch (SocketException)
            {
                return true; // reset by the client
            }
        });

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NatsForwarder.ConnectAsync(new NatsForwarderOptions { Urls = [$"nats://127.0.0.1:{port}"] }, cancel.Token));
        Assert.True(await served.WaitAsync(TimeSpan.FromSeconds(40)), "the cancelled connect's connection stayed open");
    }
}
