using System.Net.Sockets;
using NetGearSharp.Reliability.Tests.Support;
using NetMQ;
using NetMQ.Sockets;

namespace NetGearSharp.Reliability.Tests;

/// <summary>
/// A client that has ended (its servers said goodbye) but that the application keeps, not yet disposed. It closes its
/// sockets when it ends: a peer that connects afterwards, fills the connection's pipe and leaves used to abort the
/// process in libzmq 4.3.4 (<c>Assertion failed: !_io_error</c>, a heartbeat on a connection nobody drained).
/// </summary>
public class EndedClientTests
{
    [Theory(Timeout = 120_000)]
    [InlineData("pubsub")]
    [InlineData("reqrep")]
    public async Task An_ended_client_refuses_connections_and_survives_a_peer_that_floods_and_leaves(string pattern)
    {
        var port = FreePorts.Take(1)[0];
        using var client = Peer.Start($"--role ended-client --ports {port} --pattern {pattern} --transport native --hold 6");
        using var server = Peer.Start($"--ports {port} --pattern {pattern} --frames 20 --fps 30");
        await client.WaitForLineAsync(l => l.StartsWith("ENDED", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // Ended: the port soon takes no more connections (libzmq closes the listener on its I/O thread, just after).
        var refused = false;
        for (var attempt = 0; attempt < 50 && !refused; attempt++)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync("127.0.0.1", port);
                await Task.Delay(100);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
            {
                refused = true;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                // The listener closed with this connection in its backlog (CI32 saw it once): look again.
            }
        }
        Assert.True(refused, $"port {port} still accepted connections 5 s after the client ended");

        // A peer that would fill a pipe nobody reads, then leave. Had the client kept its socket, it would connect now.
        using (var flood = pattern == "pubsub" ? (NetMQSocket)new PublisherSocket() : new DealerSocket())
        {
            flood.Options.Linger = TimeSpan.Zero;
            flood.Connect($"tcp://127.0.0.1:{port}");
            await Task.Delay(500);
            var part = new byte[64 * 1024];
            for (var i = 0; i < 2_000; i++) flood.TrySendFrame(TimeSpan.Zero, part);
            await Task.Delay(300);
        }

        // Heartbeats run every second: the hold of 6 s spans several after the flooder left.
        try { await client.WaitForLineAsync(l => l.StartsWith("HELD", StringComparison.Ordinal), TimeSpan.FromSeconds(30)); }
        catch (TimeoutException) when (client.HasExited) { Assert.Fail($"the client process died (exit code {client.ExitCode}) while it was kept after its end:\n{client.Tail()}"); }
        Assert.True(await client.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the client did not exit after its hold:\n" + client.Tail());
        Assert.True(client.ExitCode == 0, $"the client exited with {client.ExitCode}:\n{client.Tail()}");
    }
}
