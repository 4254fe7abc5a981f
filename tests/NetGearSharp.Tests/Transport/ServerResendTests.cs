using NetGearSharp.Tests.Support;
using NetGearSharp.Transport;
using NetGearSharp.Transport.Native;

namespace NetGearSharp.Tests.Transport;

/// <summary>
/// A Request/Reply server whose connection to the client closes while it awaits the reply (the client restarted, or
/// shed the connections of its port) sends the frame again as soon as a client is there, not after its request timeout.
/// </summary>
public class ServerResendTests
{
    [Theory(Timeout = 60000)]
    [InlineData(TransportKind.Native)]
    [InlineData(TransportKind.NetMq)]
    public async Task AServerWhoseConnectionClosedWhileAwaitingTheReply_SendsAgainAtOnce(TransportKind serverTransport)
    {
        var port = FreePorts.Take(1)[0];
        var endpoint = $"tcp://127.0.0.1:{port}";
        using var transport = new NativeTransport();
        // A peer that takes the request and never answers, then closes: the reply can never come.
        var silent = transport.CreateSocket(new SocketSpec(SocketKind.Router) { Linger = TimeSpan.Zero });
        silent.Bind(endpoint);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(50));
        using var server = new NetGearServer(new NetGearServerOptions
        {
            Address = "127.0.0.1", Port = port, Pattern = NetGearPattern.ReqRep, Transport = serverTransport,
            RequestTimeout = TimeSpan.FromSeconds(30), // far longer than the test waits for the frame below
        });
        var sending = Task.Factory.StartNew(() =>
        {
            using var frame = TestFrames.Numbered(0, 7);
            server.Send(frame, 7, cts.Token);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        Assert.True(silent.TryReceive(TimeSpan.FromSeconds(10), out _, out var more), "the request never came");
        while (more) silent.TryReceive(TimeSpan.FromSeconds(1), out _, out more);
        silent.Dispose();

        await using var client = await BindWhenFreeAsync(port);
        using var packet = client.Receive(TimeSpan.FromSeconds(5));
        Assert.NotNull(packet); // without the resend it comes after the 30 s request timeout
        Assert.Equal(7, packet.GetMessage<int>());
        Assert.True(TestFrames.MatchesNumbered(packet.Frame, 0, 7));
        await sending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A client on <paramref name="port"/> once the closed peer's listener has let it go (libzmq closes it on its I/O thread).</summary>
    private static async Task<NetGearClient> BindWhenFreeAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            try
            {
                return new NetGearClient(new NetGearClientOptions
                {
                    Address = "127.0.0.1", Ports = [port], Pattern = NetGearPattern.ReqRep, Transport = TransportKind.Native,
                });
            }
            catch (PortInUseException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
