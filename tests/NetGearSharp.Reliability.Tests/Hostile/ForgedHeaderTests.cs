using System.Text;
using NetGearSharp.Reliability.Tests.Fuzzing;
using NetGearSharp.Reliability.Tests.Support;
using NetGearSharp.TestSupport;
using NetMQ;
using NetMQ.Sockets;
using Xunit.Abstractions;

namespace NetGearSharp.Reliability.Tests.Hostile;

/// <summary>
/// Issue 11 item 5: a peer connected to port H sends frames and a goodbye whose headers name port L. The native
/// client knows which port each message arrived on: they are counted as <see cref="MalformedKind.PortMismatch"/> on
/// H and dropped; L's figures are its own and L is not terminated by someone else's goodbye. NetMQ cannot say which
/// connection a message came from, so on a network address its gate reads each header as it passes and closes a
/// connection whose message names another port before that message is complete: counted the same way.
/// </summary>
public class ForgedHeaderTests(ITestOutputHelper output)
{
    private const int GoodFrames = 40;
    private const int Forged = 50;

    [Theory(Timeout = 120_000)]
    [InlineData(NetGearPattern.ReqRep)]
    [InlineData(NetGearPattern.PubSub)]
    public async Task FramesAndGoodbyesNamingAnotherPort_AreDroppedAndCountedOnTheirOwnPort(NetGearPattern pattern)
    {
        var ports = FreePorts.Take(2);
        int h = ports[0], l = ports[1];
        var recorder = new Recorder(new NetGearClientOptions
        {
            Address = "127.0.0.1", Ports = ports, Pattern = pattern, Transport = TransportKind.Native, AutoExit = false,
            QueueCapacity = pattern == NetGearPattern.PubSub ? 64 : 8,
        });
        GoodServers? good = null;
        try
        {
            // L is slow (10 frames/s) and H quick: a forged goodbye must not end L while it still streams.
            good = new GoodServers([l], pattern, GoodFrames, TimeSpan.FromMilliseconds(100));
            await recorder.WaitForFramesAsync([l], 3, TimeSpan.FromSeconds(30));
            var sent = await Task.Factory.StartNew(() =>
            {
                using NetMQSocket socket = pattern == NetGearPattern.PubSub ? new PublisherSocket() : new DealerSocket();
                socket.Options.Linger = TimeSpan.FromSeconds(2);
                socket.Connect($"tcp://127.0.0.1:{h}");
                if (pattern == NetGearPattern.PubSub) Thread.Sleep(500); // the subscription arrives first
                var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{l}\", \"terminate_flag\": false, \"compression\": false, \"message\": {{\"n\": -7}}, \"pattern\": \"{(int)pattern}\", \"dtype\": \"uint8\", \"shape\": [4, 4, 3]}}");
                var goodbye = Encoding.UTF8.GetBytes($"{{\"terminate_flag\": true, \"port\": \"{l}\"}}");
                for (var i = 0; i < Forged; i++)
                {
                    if (socket is DealerSocket) socket.SendMoreFrameEmpty();
                    socket.SendMoreFrame(header).SendFrame(new byte[48]);
                    while (socket is DealerSocket && socket.TryReceiveFrameBytes(TimeSpan.FromMilliseconds(socket is DealerSocket && i % 10 == 0 ? 100 : 0), out _)) { }
                }
                if (socket is DealerSocket) socket.SendMoreFrameEmpty();
                socket.SendFrame(goodbye);
                Thread.Sleep(500);
                return Forged + 1;
            }, TaskCreationOptions.LongRunning);
            await Task.Delay(1000);
            Assert.NotEqual(ServerState.Terminated, recorder.Client.GetServer(l)!.State);
            Assert.True(good.Join(TimeSpan.FromSeconds(60)), "the good server did not finish");
            Assert.Empty(good.Errors);
            await recorder.WaitForStateAsync(l, ServerState.Terminated, 0, TimeSpan.FromSeconds(20));

            var stats = recorder.Client.Statistics;
            var mismatches = stats.MalformedByKind.GetValueOrDefault(MalformedKind.PortMismatch);
            output.WriteLine($"{pattern}: L received {recorder.Count(l)} of {good.Sent[l]} frames; forged messages sent {sent}, counted PortMismatch {mismatches} (on H: {recorder.Client.GetServer(h)!.Malformed})");
            Assert.DoesNotContain(-7L, recorder.Sequence(l));
            Assert.Equal(0, recorder.Count(h));
            if (pattern == NetGearPattern.ReqRep)
            {
                Assert.Equal(Enumerable.Range(0, GoodFrames).Select(i => (long)i), recorder.Sequence(l));
                Assert.Equal(sent, mismatches);
            }
            else
            {
                Assert.True(mismatches > 0, "no forged publication was counted");
            }
            Assert.Equal(mismatches, recorder.Client.GetServer(h)!.Malformed);
            Assert.Equal(0, recorder.Client.GetServer(l)!.Malformed);
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }

    [Theory(Timeout = 120_000)]
    [InlineData(NetGearPattern.ReqRep)]
    [InlineData(NetGearPattern.PubSub)]
    public async Task FramesAndGoodbyesNamingAnotherPort_CloseTheirConnection_OnANetMqClientsNetworkAddress(NetGearPattern pattern)
    {
        const int forgedFrames = 10;
        var ports = FreePorts.Take(2);
        int h = ports[0], l = ports[1];
        var recorder = new Recorder(new NetGearClientOptions
        {
            Address = "0.0.0.0", Ports = ports, Pattern = pattern, Transport = TransportKind.NetMq, AutoExit = false,
            QueueCapacity = pattern == NetGearPattern.PubSub ? 64 : 8,
        });
        GoodServers? good = null;
        try
        {
            good = new GoodServers([l], pattern, GoodFrames, TimeSpan.FromMilliseconds(100));
            await recorder.WaitForFramesAsync([l], 3, TimeSpan.FromSeconds(30));
            var header = Encoding.UTF8.GetBytes($"{{\"port\": \"{l}\", \"terminate_flag\": false, \"compression\": false, \"message\": {{\"n\": -7}}, \"pattern\": \"{(int)pattern}\", \"dtype\": \"uint8\", \"shape\": [4, 4, 3]}}");
            var goodbye = Encoding.UTF8.GetBytes($"{{\"terminate_flag\": true, \"port\": \"{l}\"}}");
            // Each forged message on a connection of its own (the gate closes the connection at the first one): the
            // goodbye first, while L still streams, then frames.
            void SendForged(bool isGoodbye)
            {
                using NetMQSocket socket = pattern == NetGearPattern.PubSub ? new PublisherSocket() : new DealerSocket();
                socket.Options.Linger = TimeSpan.FromSeconds(1);
                socket.Connect($"tcp://127.0.0.1:{h}");
                if (pattern == NetGearPattern.PubSub) Thread.Sleep(300); // the subscription arrives first
                if (socket is DealerSocket) socket.SendMoreFrameEmpty();
                if (isGoodbye) socket.SendFrame(goodbye);
                else socket.SendMoreFrame(header).SendFrame(new byte[48]);
                Thread.Sleep(150);
            }
            await Task.Factory.StartNew(() => SendForged(isGoodbye: true), TaskCreationOptions.LongRunning);
            await Task.Delay(300);
            Assert.NotEqual(ServerState.Terminated, recorder.Client.GetServer(l)!.State);
            Assert.True(recorder.Count(l) < GoodFrames, "L finished before the forged goodbye could be checked");
            await Task.Factory.StartNew(() =>
            {
                for (var i = 0; i < forgedFrames; i++) SendForged(isGoodbye: false);
            }, TaskCreationOptions.LongRunning);
            var sent = forgedFrames + 1;
            Assert.True(good.Join(TimeSpan.FromSeconds(60)), "the good server did not finish");
            Assert.Empty(good.Errors);
            await recorder.WaitForStateAsync(l, ServerState.Terminated, 0, TimeSpan.FromSeconds(20));

            var mismatches = recorder.Client.Statistics.MalformedByKind.GetValueOrDefault(MalformedKind.PortMismatch);
            output.WriteLine($"{pattern}, NetMQ behind its gate: L received {recorder.Count(l)} of {good.Sent[l]} frames; forged messages sent {sent}, counted PortMismatch {mismatches} (on H: {recorder.Client.GetServer(h)!.Malformed})");
            Assert.DoesNotContain(-7L, recorder.Sequence(l));
            Assert.Equal(0, recorder.Count(h));
            if (pattern == NetGearPattern.ReqRep) Assert.Equal(Enumerable.Range(0, GoodFrames).Select(i => (long)i), recorder.Sequence(l));
            Assert.Equal(sent, mismatches);
            Assert.Equal(mismatches, recorder.Client.GetServer(h)!.Malformed);
            Assert.Equal(0, recorder.Client.GetServer(l)!.Malformed);
        }
        finally
        {
            good?.Dispose();
            await recorder.DisposeAsync();
        }
    }
}
